"""A province-wide broadcast under Telegram's limits, while farmers keep logging harvests.

    .venv/bin/python benchmarks/broadcast.py [--recipients 20000] [--farmers 8] [--rate 30]
        [--warning-after N] [--breakdown] [--profile] [--batch B] [--concurrency C]
    .venv/bin/python benchmarks/broadcast.py --mixed [--zalo-rate 25] [--zns-rate 7]

`--mixed`: half the recipients on Telegram, half on Zalo (a fifth of those outside Zalo's
window, reached by ZNS); see benchmarks/broadcast_mixed.py.

A fake Bot API server (tests/fake_telegram over real HTTP on 127.0.0.1, in a process of its
own so that it does not share the bot's CPU) enforces `--rate` messages per second in total
and 1 per second per chat by answering 429 with retry_after, like Telegram. A rate above 30
turns paid broadcasts on (TELEGRAM_PAID_BROADCAST, up to 1000/s). The real htx-bot pieces run
against it on a temporary SQLite file: the Telegram channel (long polling, inbox, handlers)
and the delivery worker. One broadcast goes to every recipient; meanwhile simulated farmers
(who are also recipients) send harvest messages every few seconds. With --warning-after N,
the manager sends `/canhbao ...` once N broadcast messages are out, and taps Gửi on its
preview. At the end it prints:

  rate / limit   messages the bot got through per second (broadcast + replies + progress)
                 divided by the limit (target >= 0.9); and the broadcast's own share
  429s           flood answers received, by the worker and by the replies
  reply latency  p50 and p95 from a farmer's message reaching the server to the reply's
                 sendMessage reaching it, during the broadcast (target p95 <= 2 s)
  duplicates     recipients who got the broadcast more than once (target 0)
  missing        recipients who never got it (target 0)
  CPU            the bot process's CPU seconds per message sent (all its threads; noise-
                 resistant on a shared machine: 1,000/s on one core needs well under 1 ms)
  warning        tap on Gửi -> last warning delivered; broadcast messages that reached someone
                 not yet warned after the warning began (target 0)

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import cProfile
import importlib
import io
import logging
import os
import pstats
import random
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from telegram.warnings import PTBDeprecationWarning

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import telegram_worker
from bot.lifespan import open_resources
from bot.rate import RateLimiter
from bot.settings import load_settings
from handlers import admin
from handlers import outbox as announcements
from storage import members, outbox
from tests.fake_telegram.process import FakeBotAPIProcess, SentCall

TEXT = (
    "📣 Liên minh HTX tỉnh thông báo: giá thu mua chè búp tươi tuần này 25.000 đ/kg. "
    "Tập huấn VietGAP lúc 8 giờ sáng thứ Bảy tại nhà văn hoá xã."
)
HARVESTS = ["hái 30kg chè", "che 25,5kg", "hai 12 kg che lo 3", "chè 40 kg", "hái 18kg chè lô 2"]
FIRST_USER = 900_000_000


async def _populate(core, recipients: int) -> tuple[int, int, list[int]]:
    """A cooperative, its manager (the sender) and `recipients` members on Telegram."""
    now = datetime.now(UTC)
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", "Thái Nguyên", None,
                                          "Asia/Ho_Chi_Minh", now)
    coop = made.cooperative.id
    async with core.db.transaction() as tx:
        manager = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop)
        await members.link_identity(tx, "telegram", str(FIRST_USER - 1), manager.id, now)
        ids = []
        for n in range(recipients):
            member = await members.add_member(tx, f"Nông dân {n}", "member", now,
                                              cooperative_id=coop)
            await members.link_identity(tx, "telegram", str(FIRST_USER + n), member.id, now)
            ids.append(member.id)
    return manager.id, coop, ids


WARNING_SEND = "cb:send"  # the data of the Gửi button on the /canhbao preview
WARNING = "Lũ quét có thể xảy ra đêm nay: thu hoạch chè ngay và rời khỏi sườn đồi"


async def _farmer(fake: FakeBotAPIProcess, chat: int, pushes: list[tuple[int, float]],
                  stop: asyncio.Event, rng: random.Random) -> None:
    """Send a harvest message every 4-8 s until the broadcast ends."""
    await asyncio.sleep(rng.uniform(0, 4))
    while not stop.is_set():
        pushes.append((chat, time.monotonic()))
        fake.push_text(chat, rng.choice(HARVESTS))
        await asyncio.sleep(rng.uniform(4, 8))


def _latencies(calls: list[SentCall], pushes: list[tuple[int, float]]
               ) -> tuple[list[float], int]:
    """Seconds from each push to the first reply to that chat after it; and unanswered."""
    replies: dict[int, list[float]] = {}
    for call in calls:
        if call.status == 200 and call.chat_id is not None and call.text != TEXT:
            replies.setdefault(call.chat_id, []).append(call.at)
    found, unanswered = [], 0
    by_chat: dict[int, list[float]] = {}
    for chat, at in pushes:
        by_chat.setdefault(chat, []).append(at)
    for chat, times in by_chat.items():
        times.sort()
        answers = replies.get(chat, [])
        for index, at in enumerate(times):
            until = times[index + 1] if index + 1 < len(times) else float("inf")
            first = next((r for r in answers if at <= r < until), None)
            if first is None:
                unanswered += 1
            else:
                found.append(first - at)
    return found, unanswered


async def until_reported(db, announcement_id: int, started: float) -> None:
    """Wait until the sender got the summary, printing progress every 30 s."""
    last_print = started
    while True:
        async with db.transaction() as tx:
            a = await outbox.get_announcement(tx, announcement_id)
        assert a is not None
        if a.reported_at is not None:
            return
        if time.monotonic() - last_print >= 30:
            last_print = time.monotonic()
            print(f"  {last_print - started:6.0f} s  sent {a.sent}/{a.total}", flush=True)
        await asyncio.sleep(0.5)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of this process's threads: the event loop's (the main thread) and the
    others' (aiosqlite's SQLite thread, chiefly), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {"event loop": 0.0, "other threads (SQLite)": 0.0}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds = (int(fields[11]) + int(fields[12])) / tick
        name = "event loop" if int(task.name) == os.getpid() else "other threads (SQLite)"
        found[name] += seconds
    return found


class Trips:
    """Counts trips to aiosqlite's thread while installed (the breakdown's unit of work)."""

    def __init__(self) -> None:
        self.count = 0
        self._connection = importlib.import_module("aiosqlite.core").Connection
        self._hop = self._connection._execute

    def __enter__(self) -> Trips:
        hop, trips = self._hop, self

        async def counted(conn, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
            trips.count += 1
            return await hop(conn, fn, *args, **kwargs)

        self._connection._execute = counted
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._connection._execute = self._hop


@dataclass
class Measured:
    """What the run measured in the bot process."""

    cpu: float = 0.0  # process CPU seconds from the worker's start to the broadcast's end
    threads: dict[str, float] = field(default_factory=dict)
    trips: int = 0
    tapped_at: float | None = None  # when the manager tapped Gửi on the warning
    warning_id: int | None = None
    profile: cProfile.Profile | None = None
    network_errors: int = 0  # the worker's sends that ended in a network error or timeout
    latency: float = 0.0  # mean seconds from the worker's turn to Telegram's answer
    budget: int = 0  # the worker's messages per second (the limit less the reserve)


async def _start_warning(fake: FakeBotAPIProcess, measured: Measured) -> None:
    """The manager sends /canhbao, waits for the preview, and taps Gửi."""
    manager = FIRST_USER - 1
    fake.push_text(manager, f"/canhbao {WARNING}", first_name="Quản lý")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        tapped = fake.tap(manager, WARNING_SEND)
        if tapped is not None:
            measured.tapped_at = tapped
            return
    raise SystemExit("the /canhbao preview never came")


async def _until_reported(db, ids: list[int]) -> None:
    while True:
        async with db.transaction() as tx:
            found = [await outbox.get_announcement(tx, i) for i in ids]
        if all(a is not None and a.status == "done" for a in found):
            return
        await asyncio.sleep(0.2)


async def run(args: argparse.Namespace) -> int:
    paid = args.rate > 30
    fake = FakeBotAPIProcess(rate_limit=args.rate, per_chat_limit=1)
    measured = Measured()
    with tempfile.TemporaryDirectory() as folder, fake:
        settings = load_settings({
            "telegram_token": fake.token, "telegram_api_url": fake.url,
            "database_url": f"sqlite:///{folder}/htx.db", "poll_timeout": 1,
            "telegram_max_rate": args.rate, "telegram_paid_broadcast": paid,
        })
        async with open_resources(settings) as res:
            began = time.monotonic()
            manager_id, _coop, ids = await _populate(res.core, args.recipients)
            print(f"{args.recipients} members created in {time.monotonic() - began:.1f} s",
                  flush=True)
            telegram = TelegramChannel(res.core, fake.token, fake.url, poll_timeout=1)
            options = {k: v for k, v in (("batch", args.batch),
                                         ("concurrency", args.concurrency)) if v}
            worker = telegram_worker(telegram, settings, client=args.http, **options)
            if args.reserve is not None:
                worker.limiter = telegram.limiter = RateLimiter(args.rate, args.reserve)
            await telegram.start()
            async with res.db.transaction() as tx:
                sender = await members.get_member(tx, manager_id)
            began = time.monotonic()
            announcement = await announcements.enqueue(
                res.db, "broadcast", TEXT, ids, datetime.now(UTC), sender=sender,
                progress_to=("telegram", str(FIRST_USER - 1)),
            )
            print(f"broadcast #{announcement.id} queued for {announcement.total} in "
                  f"{time.monotonic() - began:.2f} s; paid broadcasts "
                  f"{'on' if paid else 'off'}, {worker.describe()}", flush=True)
            fake.clear_calls()
            stop, pushes = asyncio.Event(), []
            rng = random.Random(7)
            farmers = [FIRST_USER + n * (args.recipients // max(1, args.farmers))
                       for n in range(args.farmers)]
            profile = cProfile.Profile() if args.profile else None
            cpu0, threads0 = time.process_time(), _thread_cpu()
            trips = Trips().__enter__() if args.breakdown else None
            if profile is not None:
                profile.enable()
            started = time.monotonic()
            await worker.start()
            tasks = [asyncio.create_task(_farmer(fake, f, pushes, stop, rng)) for f in farmers]
            last_print = started
            watched = [announcement.id]
            while True:
                async with res.db.transaction() as tx:
                    a = await outbox.get_announcement(tx, announcement.id)
                    latest = await outbox.recent_announcements(tx, cooperative_id=_coop,
                                                               limit=1)
                assert a is not None
                if latest and latest[0].id not in watched:
                    watched.append(latest[0].id)
                    measured.warning_id = latest[0].id
                if (args.warning_after and measured.tapped_at is None
                        and a.sent >= args.warning_after):
                    await _start_warning(fake, measured)
                    continue
                if a.status == "done" and (not args.warning_after or len(watched) > 1):
                    await _until_reported(res.db, watched)
                    break
                if time.monotonic() - last_print >= 30:
                    last_print = time.monotonic()
                    print(f"  {last_print - started:6.0f} s  sent {a.sent}/{a.total}", flush=True)
                await asyncio.sleep(0.05)
            if profile is not None:
                profile.disable()
                measured.profile = profile
            measured.cpu = time.process_time() - cpu0
            threads1 = _thread_cpu()
            measured.threads = {k: threads1[k] - threads0[k] for k in threads1}
            if trips is not None:
                trips.__exit__()
                measured.trips = trips.count
            measured.network_errors = worker.network_errors
            limiter = worker.limiter
            measured.latency = limiter.answer_seconds / max(1, limiter.answered)
            measured.budget = limiter.budget
            stop.set()
            await asyncio.gather(*tasks)
            await asyncio.sleep(3)  # replies to the last messages
            await worker.stop()
            await telegram.stop()
            async with res.db.transaction() as tx:
                final = await outbox.get_announcement(tx, announcement.id)
                warning = (await outbox.get_announcement(tx, measured.warning_id)
                           if measured.warning_id else None)
                everyone_warned = len(await outbox.cooperative_member_ids(
                    tx, _coop, opted_out_too=True)) - 1
        assert final is not None
        calls = fake.calls("sendMessage")
        fake_cpu = fake.cpu_seconds()
    code = report(args, calls, final, pushes, measured, fake_cpu)
    if args.warning_after:
        code |= report_warning(calls, measured, warning, everyone_warned)
    if measured.profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(measured.profile, stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        if os.environ.get("PROFILE_CALLERS"):
            stats.print_callers(os.environ["PROFILE_CALLERS"])
        print(out.getvalue())
    return code


def report(args, calls: list[SentCall], final, pushes, measured: Measured,
           fake_cpu: float) -> int:
    ok_calls = [c for c in calls if c.status == 200]
    broadcast = [c for c in ok_calls if c.text == TEXT]
    times = sorted(c.at for c in broadcast)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    rate = (len(times) - 1) / span if len(times) > 1 else 0.0
    limited = [c for c in ok_calls if times[0] <= c.at <= times[-1]]
    total_rate = (len(limited) - 1) / span if len(times) > 1 else 0.0
    floods = [c for c in calls if c.status == 429]
    flood_worker = sum(1 for c in floods if c.text == TEXT)
    got = Counter(c.chat_id for c in broadcast)
    everyone = {FIRST_USER + n for n in range(args.recipients)}
    duplicates = sum(1 for n in got.values() if n > 1)
    missing = len(everyone - set(got))
    during = [(chat, at) for chat, at in pushes if times and at <= times[-1]]
    latencies, unanswered = _latencies(calls, during)
    p50, p95 = _percentile(latencies, 0.5), _percentile(latencies, 0.95)
    ratio, total_ratio = rate / args.rate, total_rate / args.rate
    sent = len(ok_calls)
    print()
    print(f"recipients            {args.recipients}  (limit {args.rate}/s total, 1/s per chat)")
    print(f"broadcast took        {span:.1f} s")
    print(f"rate / limit          {total_ratio:.3f}  ({total_rate:.2f} msg/s: broadcast, replies,"
          " progress, warning)")
    print(f"  broadcast alone     {ratio:.3f}  ({rate:.2f} msg/s; replies take their turns first)")
    seconds = Counter(int(c.at - times[0]) for c in limited)
    full = sorted(seconds[k] for k in range(1, int(span)))  # whole seconds, not the edges
    if full:
        print(f"  per whole second    min {full[0]}, median {full[len(full) // 2]}, "
              f"max {full[-1]} messages (ramp-up and tail left out)")
    print(f"  request latency     {measured.latency * 1000:.0f} ms mean from turn to answer: "
          f"steady rate at most {measured.budget} / (1 + {measured.latency:.3f}) = "
          f"{measured.budget / (1 + measured.latency):.0f} msg/s")
    print(f"429s received         {len(floods)}  (worker {flood_worker}, "
          f"replies {len(floods) - flood_worker})")
    print(f"farmer messages       {len(during)} during the broadcast, {unanswered} unanswered")
    print(f"reply latency         p50 {p50:.3f} s, p95 {p95:.3f} s, max "
          f"{max(latencies, default=float('nan')):.3f} s")
    print(f"duplicates            {duplicates}  (network errors or timeouts, whose messages"
          f" are sent again: {measured.network_errors})")
    print(f"missing               {missing}")
    print(f"outbox counters       sent {final.sent}, blocked {final.blocked}, "
          f"failed {final.failed}, pending {final.pending}")
    print(f"bot CPU               {measured.cpu:.1f} s for {sent} messages: "
          f"{measured.cpu / max(1, sent) * 1000:.3f} ms a message "
          f"(the fake's process: {fake_cpu:.1f} s)")
    if args.breakdown:
        for name, seconds in measured.threads.items():
            print(f"  {name:22}{seconds / max(1, sent) * 1000:7.3f} ms a message")
        print(f"  aiosqlite round trips {measured.trips / max(1, sent):.3f} a message")
    ok = total_ratio >= 0.9 and p95 <= 2.0 and duplicates == 0 and missing == 0 and unanswered == 0
    print("targets               " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


def report_warning(calls: list[SentCall], measured: Measured, warning, expected: int) -> int:
    """The warning: tap -> last delivered; nobody unwarned gets the broadcast meanwhile."""
    warned = [c for c in calls if c.status == 200 and c.text and WARNING in c.text
              and c.chat_id != FIRST_USER - 1]
    if not warned or measured.tapped_at is None or warning is None:
        print("warning               NOT SENT")
        return 1
    first_at = min(c.at for c in warned)
    last_at = max(c.at for c in warned)
    warned_at = {}
    for c in warned:
        warned_at.setdefault(c.chat_id, c.at)
    overtaken = [c for c in calls if c.status == 200 and c.text == TEXT
                 and first_at < c.at < last_at and warned_at.get(c.chat_id, last_at) > c.at]
    twice = sum(1 for n in Counter(c.chat_id for c in warned).values() if n > 1)
    missing = expected - len(warned_at)
    took = last_at - measured.tapped_at
    print(f"warning #{warning.id:<13}{len(warned_at)} reached of {expected} "
          f"(sent {warning.sent}, blocked {warning.blocked}, failed {warning.failed}); "
          f"missing {missing}, twice {twice}")
    print(f"  tap -> last warning {took:.1f} s  (tap -> first "
          f"{first_at - measured.tapped_at:.2f} s, "
          f"{len(warned_at) / max(1e-9, last_at - first_at):.0f} msg/s)")
    print(f"  broadcast to people not yet warned, after the warning began: {len(overtaken)}"
          " (target 0)")
    ok = missing == 0 and twice == 0 and not overtaken
    print("warning targets       " + ("met" if ok else "MISSED"))
    return 0 if ok else 1



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--farmers", type=int, default=8)
    parser.add_argument("--rate", type=int, default=30)
    parser.add_argument("--reserve", type=int, help="messages/s kept for replies (default: ours)")
    parser.add_argument("--mixed", action="store_true",
                        help="half on Telegram, half on Zalo (a fifth of them by ZNS)")
    parser.add_argument("--zalo-rate", type=int, default=25, help="Zalo's limit (--mixed)")
    parser.add_argument("--zns-rate", type=int, default=7, help="ZNS's limit (--mixed)")
    parser.add_argument("--http", choices=("keepalive", "httpx"), default="keepalive",
                        help="the worker's HTTP client (default keepalive)")
    parser.add_argument("--batch", type=int, help="deliveries claimed per transaction")
    parser.add_argument("--concurrency", type=int, help="deliveries in flight at most")
    parser.add_argument("--warning-after", type=int, default=0, metavar="N",
                        help="send /canhbao once N broadcast messages are out (0: no warning)")
    parser.add_argument("--breakdown", action="store_true",
                        help="CPU per message by thread, and SQLite trips per message")
    parser.add_argument("--profile", action="store_true", help="cProfile the event loop")
    parser.add_argument("--top", type=int, default=35, help="functions shown by --profile")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=PTBDeprecationWarning)
    if args.mixed:
        from benchmarks.broadcast_mixed import run_mixed

        return asyncio.run(run_mixed(args, TEXT, HARVESTS, _percentile))
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
