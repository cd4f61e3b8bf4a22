"""`htx-bot`: run the bot, chat in the terminal, and manage cooperatives and invites."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import getpass
import json
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

import httpx
from pydantic import BaseModel
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.channels.console import ConsoleChat
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import DeliveryWorker, own_pools, telegram_worker
from bot.channels.telegram.webhook import TelegramWebhook
from bot.channels.zalo.api import NotSetUp, ZaloApi, ZaloError
from bot.channels.zalo.channel import ZaloChannel
from bot.channels.zalo.delivery import zalo_workers
from bot.db_copy import db_copy
from bot.intake_process import intake_for
from bot.leader import OUTBOX, Lease, SendNotes, SharedRateLimiter
from bot.lifespan import Resources, StartupError, open_resources
from bot.scheduler import build_scheduler
from bot.settings import Settings, SettingsError, load_settings
from bot.web import WebServer, build_app
from handlers import admin

log = logging.getLogger("htx-bot")

# A network failure at start-up is often a moment's (the link, DNS): try again after these
# pauses in seconds, then give up with one line (a service manager restarts us later).
STARTUP_RETRIES = (1, 2, 4)  # times TELEGRAM_START_RETRY: the pauses before each retry


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="htx-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start every configured channel and the scheduler")
    chat = sub.add_parser("chat", help="chat with the bot in this terminal")
    chat.add_argument("--user", help="who you are in the chat (default: your login name)")
    sub.add_parser("migrate", help="bring the database schema up to date")

    coop = sub.add_parser("coop", help="cooperatives").add_subparsers(dest="action", required=True)
    add = coop.add_parser("add", help="create a cooperative and its first invite codes")
    add.add_argument("name")
    add.add_argument("--province")
    add.add_argument("--alliance", type=int, help="the id of its provincial alliance")
    _json(add)
    _json(coop.add_parser("list", help="list cooperatives"))
    change = coop.add_parser("set", help="change a cooperative: put it into an alliance")
    change.add_argument("id", type=int)
    change.add_argument("--alliance", type=int, required=True, help="the alliance's id")
    _json(change)

    alliance = sub.add_parser("alliance", help="provincial cooperative alliances")
    alliance_sub = alliance.add_subparsers(dest="action", required=True)
    a_add = alliance_sub.add_parser("add", help="create an alliance and a staff invite code")
    a_add.add_argument("name")
    a_add.add_argument("--province")
    _json(a_add)
    _json(alliance_sub.add_parser("list", help="list alliances"))

    invite = sub.add_parser("invite", help="invite codes")
    invite_sub = invite.add_subparsers(dest="action", required=True)
    new = invite_sub.add_parser("new", help="issue an invite code")
    target = new.add_mutually_exclusive_group(required=True)
    target.add_argument("--coop", type=int, help="cooperative id (roles member, manager)")
    target.add_argument("--alliance", type=int, help="alliance id (role staff)")
    new.add_argument("--role", choices=["member", "manager", "staff"], required=True)
    new.add_argument("--uses", type=int, default=1, help="how many people may use it")
    new.add_argument("--days", type=int, default=30, help="days until it expires")
    _json(new)
    listing = invite_sub.add_parser("list", help="list invite codes")
    listing.add_argument("--coop", type=int)
    _json(listing)
    revoke = invite_sub.add_parser("revoke", help="revoke an invite code")
    revoke.add_argument("code")

    zalo = sub.add_parser("zalo", help="the Zalo Official Account channel")
    zalo_sub = zalo.add_subparsers(dest="action", required=True)
    setup = zalo_sub.add_parser(
        "setup", help="store the OA's first refresh token (from the developer console) and check it"
    )
    setup.add_argument("refresh_token")

    db = sub.add_parser("db", help="the database itself")
    db_sub = db.add_subparsers(dest="action", required=True)
    copy = db_sub.add_parser(
        "copy", help="copy a whole SQLite database into PostgreSQL (ids, history, outbox)"
    )
    copy.add_argument("source", help="sqlite:///path/to/htx.db")
    copy.add_argument("target", help="postgresql://user:password@host:port/database")
    copy.add_argument("--force", action="store_true",
                      help="empty a target that already holds data, then copy")
    _json(copy)

    people = sub.add_parser("members", help="list a cooperative's members")
    people.add_argument("--coop", type=int, required=True)
    _json(people)
    return parser


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _emit(args: argparse.Namespace, data: Any, lines: Sequence[str]) -> None:
    if getattr(args, "json", False):
        if isinstance(data, BaseModel):
            data = data.model_dump(mode="json")
        elif isinstance(data, list):
            data = [d.model_dump(mode="json") if isinstance(d, BaseModel) else d for d in data]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            print(line)


def _invite_line(issued: admin.IssuedInvite) -> str:
    invite = issued.invite
    where = (
        f"coop {invite.cooperative_id}"
        if invite.cooperative_id
        else f"alliance {invite.alliance_id}"
    )
    line = (
        f"{invite.code}  {invite.role:<7} {where}  uses {invite.uses}/{invite.max_uses}"
        f"  last day {issued.last_day:%Y-%m-%d}"
    )
    if invite.revoked:
        line += "  REVOKED"
    return line + (f"  {issued.link}" if issued.link else "")


async def _coop(res: Resources, args: argparse.Namespace) -> int:
    now = res.core.clock()
    if args.action == "list":
        coops = await admin.list_cooperatives(res.db)
        _emit(args, coops, [f"{c.id}\t{c.name}\t{c.province or ''}" for c in coops])
        return 0
    if args.action == "set":
        changed = await admin.set_alliance(res.db, args.id, args.alliance, now)
        _emit(args, changed,
              [f"Cooperative {changed.id}: {changed.name} is in alliance {changed.alliance_id}"])
        return 0
    made = await admin.create_cooperative(
        res.db, args.name, args.province, args.alliance, res.settings.timezone, now
    )
    coop = made.cooperative
    data = {
        "id": coop.id,
        "name": coop.name,
        "province": coop.province,
        "alliance_id": coop.alliance_id,
        "manager_code": made.manager.invite.code,
        "member_code": made.member.invite.code,
        "manager_link": made.manager.link,
        "member_link": made.member.link,
    }
    lines = [
        f"Cooperative {coop.id}: {coop.name}",
        f"Manager invite: {made.manager.invite.code}" + _link(made.manager.link),
        f"Member invite:  {made.member.invite.code}" + _link(made.member.link),
    ]
    _emit(args, data, lines)
    return 0


def _link(link: str | None) -> str:
    return f"  {link}" if link else ""


async def _alliance(res: Resources, args: argparse.Namespace) -> int:
    if args.action == "list":
        rows = await admin.list_alliances(res.db)
        _emit(args, rows, [f"{a.id}\t{a.name}\t{a.province or ''}" for a in rows])
        return 0
    made = await admin.create_alliance(res.db, args.name, args.province, res.core.clock(),
                                       res.settings.zone)
    data = {
        "id": made.alliance.id,
        "name": made.alliance.name,
        "province": made.alliance.province,
        "staff_code": made.staff.invite.code,
        "staff_link": made.staff.link,
    }
    lines = [
        f"Alliance {made.alliance.id}: {made.alliance.name}",
        f"Staff invite: {made.staff.invite.code}" + _link(made.staff.link),
    ]
    _emit(args, data, lines)
    return 0


async def _invite(res: Resources, args: argparse.Namespace) -> int:
    now = res.core.clock()
    if args.action == "new":
        if (args.role == "staff") != (args.alliance is not None):
            print("error: staff needs --alliance; member and manager need --coop", file=sys.stderr)
            return 2
        if args.uses < 1 or args.days < 1:
            print("error: --uses and --days must be at least 1", file=sys.stderr)
            return 2
        issued = await admin.issue_invite(
            res.db, args.role, now, args.coop, args.alliance, args.uses, args.days,
            res.settings.zone,
        )
        _emit(args, issued, [_invite_line(issued)])
        return 0
    if args.action == "list":
        issued = await admin.list_invites(res.db, args.coop, res.settings.zone)
        rows = [{**i.invite.model_dump(mode="json"), "last_day": i.last_day.isoformat()}
                for i in issued]
        _emit(args, rows, [_invite_line(i) for i in issued] or ["(no invites)"])
        return 0
    await admin.revoke_invite(res.db, args.code, now)
    print(f"Revoked {args.code.upper()}")
    return 0


async def _members(res: Resources, args: argparse.Namespace) -> int:
    rows = await admin.cooperative_members(res.db, args.coop)
    lines = ["\t".join([str(m.id), m.display_name, m.role, "" if m.active else "inactive"])
             for m in rows]
    _emit(args, rows, lines or ["(no members yet)"])
    return 0


async def _chat(res: Resources, args: argparse.Namespace) -> int:
    chat = ConsoleChat(res.core, args.user or _login_name())
    if await admin.has_cooperatives(res.db):  # no demo codes: say where the codes are
        print(res.core.texts("console.codes"), flush=True)
    await chat.offer_demo()
    await _until_stopped(chat.run())
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "demo"


async def _run(res: Resources, args: argparse.Namespace) -> int:
    settings = res.settings
    if settings.token is None and not settings.zalo_on:
        print(res.core.texts("run.no_token"), flush=True)
        args.user = None
        return await _chat(res, args)
    telegram = outbox = None
    hook: TelegramWebhook | None = None
    several: list[Any] = []  # webhook mode: the outbox lease and the shared send counts
    leader: Lease | None = None
    if settings.token is not None:
        problem = await _reach_telegram(settings.token, settings.telegram_api_url,
                                        settings.telegram_start_retry)
        if problem is not None:
            print(f"htx-bot: {problem}", file=sys.stderr)
            return 2
        telegram = TelegramChannel(
            res.core,
            settings.token,
            settings.telegram_api_url,
            settings.poll_timeout,
            intake=None if settings.webhook_on else intake_for(settings, res.core),
        )
        if settings.webhook_on:
            hook, outbox, several = _several_processes(res, telegram)
            leader = several[0]
        else:
            outbox = telegram_worker(telegram, settings)
    zalo = _zalo_channel(res, hook) if settings.zalo_on else None
    zalo_outbox: Sequence[Any] = ()
    if isinstance(outbox, _OutboxTerms) and zalo is not None:  # several processes: Zalo's
        made = zalo  # workers start and stop with the outbox lease, and wake through it
        outbox.others_factory = lambda: zalo_workers(made, settings)
    elif zalo is not None:
        zalo_outbox = zalo_workers(zalo, settings)
    scheduler = build_scheduler(
        telegram, outbox, timedelta(hours=settings.bulletin_grace_hours), core=res.core,
        workers=zalo_outbox, leader=leader,
    )
    web = (
        WebServer(
            build_app(zalo, settings.zalo_webhook_path, hook, settings.telegram_webhook_path),
            settings.zalo_webhook_host,
            settings.zalo_webhook_port,
        )
        if zalo is not None or hook is not None
        else None
    )

    async def serve() -> None:
        if hook is not None and web is not None:  # the address is ours before anything
            await web.start()
        if telegram is not None and outbox is not None:
            await telegram.start()
            if hook is None:
                await outbox.start()
            for part in several:  # webhook mode: the outbox starts with its lease
                await part.start()
            log.info("htx-bot is running on Telegram as @%s", telegram.bot.username)
        if zalo is not None:
            await zalo.start()
            for worker in zalo_outbox:
                await worker.start()
        if web is not None:
            if hook is None:
                await web.start()
            log.info("htx-bot is listening on http://%s:%d (%s)", settings.zalo_webhook_host,
                     settings.zalo_webhook_port,
                     ", ".join(([settings.zalo_webhook_path] if zalo else [])
                               + ([settings.telegram_webhook_path] if hook else [])))
        scheduler.start()
        await asyncio.Event().wait()

    try:  # a stop signal during start-up (redoing unfinished work, say) stops cleanly too
        await _until_stopped(serve())
    except NetworkError as exc:  # lost between the check above and the start
        print(f"htx-bot: cannot reach Telegram: {exc}", file=sys.stderr)
        return 2
    finally:
        if web is not None:
            await web.stop()
        for worker in zalo_outbox:
            await worker.stop()
        if zalo is not None:
            await zalo.stop()
        if scheduler.running:
            scheduler.shutdown(wait=False)
        for part in reversed(several):
            await part.stop()
        if outbox is not None:
            await outbox.stop()
        if telegram is not None:
            await telegram.stop()
    log.info("htx-bot stopped")
    return 0


class _OutboxTerms:
    """The delivery worker of this process's terms as outbox sender: a new one each time
    the lease is taken (its limiter, which every reply counts against, stays)."""

    def __init__(self, res: Resources, telegram: TelegramChannel,
                 limiter: SharedRateLimiter) -> None:
        self._make = lambda: own_pools(DeliveryWorker(
            res.db, telegram.bot, res.core.texts, limiter,
            paid_broadcast=res.settings.telegram_paid_broadcast,
        ), telegram)
        self.worker: DeliveryWorker | None = None
        # The other channels' workers (Zalo, ZNS), made anew with each term: their outbox
        # too is sent by the lease holder alone, or two processes would send the same rows.
        self.others_factory: Callable[[], Sequence[Any]] = tuple
        self.others: list[Any] = []

    async def start(self) -> None:
        self.worker = self._make()
        await self.worker.start()
        self.others = list(self.others_factory())
        for other in self.others:
            await other.start()

    async def stop(self) -> None:
        for other in self.others:
            await other.stop()
        self.others = []
        if self.worker is not None:
            await self.worker.stop()
            self.worker = None

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()
        for other in self.others:
            other.wake()


def _several_processes(
    res: Resources, telegram: TelegramChannel
) -> tuple[TelegramWebhook, _OutboxTerms, list[Any]]:
    """Webhook mode: the webhook, the outbox sent by the lease holder, and the parts that
    start after the channel: the lease, and the counts of replies every process shares."""
    settings = res.settings
    assert settings.telegram_webhook_url is not None
    assert settings.telegram_webhook_secret is not None
    # Named after its web server's address: a restart there takes back what it left.
    address = f"{settings.zalo_webhook_host}/{settings.zalo_webhook_port}".replace(":", "_")
    hook = TelegramWebhook(telegram, settings.telegram_webhook_url,
                           settings.telegram_webhook_secret.get_secret_value(),
                           settings.claim_lease, address=address)
    telegram.webhook = hook
    limiter = SharedRateLimiter(settings.max_rate)
    telegram.limiter = limiter
    terms = _OutboxTerms(res, telegram, limiter)
    lease = Lease(res.db, OUTBOX, hook.holder, settings.claim_lease, res.core.clock,
                  terms.start, terms.stop)
    notes = SendNotes(res.db, hook.holder, limiter, res.core.clock, reads=lambda: lease.held)
    return hook, terms, [lease, notes]


async def _reach_telegram(token: str, api_url: str, first_pause: float) -> str | None:
    """Ask Telegram who the bot is (getMe) before starting: None when it answers, else the
    one-line reason. Network failures are tried again (STARTUP_RETRIES times the first
    pause); a refused token is not."""
    for pause in (*(first_pause * n for n in STARTUP_RETRIES), None):
        request = HTTPXRequest()
        bot = Bot(token, base_url=api_url, request=request)
        try:
            await bot.initialize()  # getMe
            await bot.shutdown()
            return None
        except InvalidToken:
            return "Telegram refused TELEGRAM_TOKEN: check it with @BotFather"
        except NetworkError as exc:
            if pause is None:
                return (f"cannot reach Telegram at {api_url.removesuffix('/bot')} after"
                        f" {len(STARTUP_RETRIES) + 1} tries: {exc}")
            log.warning("cannot reach Telegram (%s); trying again in %g s", exc, pause)
            await asyncio.sleep(pause)
        except TelegramError as exc:
            return f"Telegram refused to start the bot: {exc}"
        finally:
            await request.shutdown()  # a failed getMe leaves its client open
    return None  # not reached


def _zalo_api(res: Resources) -> ZaloApi:
    settings = res.settings
    assert settings.zalo_app_id is not None and settings.zalo_app_secret is not None
    return ZaloApi(
        res.db,
        settings.zalo_app_id,
        settings.zalo_app_secret.get_secret_value(),
        settings.zalo_api_url,
        settings.zalo_oauth_url,
        res.core.clock,
        zns_url=settings.zalo_zns_url,
    )


def _zalo_channel(res: Resources, hook: TelegramWebhook | None = None) -> ZaloChannel:
    settings = res.settings
    assert settings.zalo_app_id is not None and settings.zalo_oa_secret_key is not None
    return ZaloChannel(
        res.core,
        _zalo_api(res),
        settings.zalo_app_id,
        settings.zalo_oa_secret_key.get_secret_value(),
        claims=hook.claim if hook is not None else None,  # several processes: claimed rows
        lease=settings.claim_lease,
    )


async def _zalo(res: Resources, args: argparse.Namespace) -> int:
    if not res.settings.zalo_on:
        print("error: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY first",
              file=sys.stderr)
        return 2
    api = _zalo_api(res)
    try:
        tokens = await api.setup(args.refresh_token)
    except ZaloError as exc:
        print(f"htx-bot: Zalo refused the refresh token ({exc}); get a new one from the"
              " OA's developer console", file=sys.stderr)
        return 1
    except httpx.HTTPError as exc:
        print(f"htx-bot: could not reach Zalo: {exc!r}", file=sys.stderr)
        return 1
    finally:
        await api.close()
    print(f"Zalo connected: the access token is valid until {tokens.expires_at:%Y-%m-%d %H:%M}"
          " UTC; the new refresh token is stored and will be renewed by `htx-bot run`.")
    return 0


async def _until_stopped(work: Awaitable[Any]) -> None:
    """Run work until it ends or SIGINT/SIGTERM arrives, then return cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    for pending in (task, stopper):
        if not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pending
    if task.done() and not task.cancelled() and task.exception() is not None:
        raise task.exception()  # type: ignore[misc]


async def _migrate(res: Resources, args: argparse.Namespace) -> int:
    print(f"Database {res.db.path} is up to date.")
    return 0


COMMANDS: dict[str, Callable[[Resources, argparse.Namespace], Awaitable[int]]] = {
    "run": _run,
    "chat": _chat,
    "migrate": _migrate,
    "coop": _coop,
    "alliance": _alliance,
    "invite": _invite,
    "members": _members,
    "zalo": _zalo,
}


async def _main(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "db":  # names its own databases: DATABASE_URL is not opened
        return await db_copy(args)
    async with open_resources(settings) as res:
        gc.collect()  # start-up's objects live as long as the process: see bot/intake_child
        gc.freeze()
        return await COMMANDS[args.command](res, args)


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    """Entry point of the `htx-bot` console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = settings or load_settings()
    except SettingsError as exc:
        print(f"htx-bot: {exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_main(settings, args))
    except NotSetUp:
        print("htx-bot: Zalo is configured but has no token yet: run"
              " `htx-bot zalo setup <refresh_token>` first", file=sys.stderr)
        return 2
    except admin.NotFound as exc:
        print(f"htx-bot: not found: {exc}", file=sys.stderr)
        return 1
    except admin.Refused as exc:
        print(f"htx-bot: refused: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"htx-bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script wrapper that turns main's result into the exit status."""
    sys.exit(main())
