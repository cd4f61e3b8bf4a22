"""`benchmarks/broadcast.py --mixed`: one broadcast to members on both apps at once.

Half the recipients are on Telegram, half on Zalo; a fifth of the Zalo half has not written
for ten days (outside Zalo's window) and has a phone number, so the cooperative's ZNS
template reaches them. Fake servers over real HTTP on 127.0.0.1 enforce each channel's
limit (Telegram: 429 above `--rate`/s and 1/s per chat; Zalo: -32 above `--zalo-rate`/s for
customer-service messages and above `--zns-rate`/s for ZNS). The three delivery workers run
together on one SQLite file while farmers on Telegram and on Zalo keep logging harvests.
Printed: each channel's broadcast rate against its limit (target >= 0.9), rate-limit
answers, reply latency on each app during the broadcast (target p95 <= 2 s), duplicates
and missing across all three channels (target 0 each).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks.broadcast import until_reported
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import telegram_worker
from bot.channels.zalo.api import ZaloApi
from bot.channels.zalo.channel import ZaloChannel
from bot.channels.zalo.delivery import zalo_workers
from bot.lifespan import open_resources
from bot.settings import load_settings
from handlers import admin
from handlers import outbox as announcements
from storage import members, outbox, reach
from storage.reach import TemplateParam, ZnsTemplate
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram
from tests.fake_zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo, FakeZaloServer

FIRST_USER = 900_000_000


def _zalo_user(n: int) -> str:
    return f"83{n:017d}"


def _phone(n: int) -> str:
    return f"8497{n:07d}"


async def _populate(core, fake: FakeZalo, recipients: int) -> tuple[int, list[int], dict]:
    """The cooperative, its manager, the members; who is where (key -> channel)."""
    now = datetime.now(UTC)
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", "Thái Nguyên", None,
                                          "Asia/Ho_Chi_Minh", now)
    coop = made.cooperative.id
    where: dict[str, str] = {}
    half = recipients // 2
    outside = half // 5
    async with core.db.transaction() as tx:
        await reach.set_daily_quota(tx, coop, 100_000)
        await reach.save_template(tx, ZnsTemplate(
            cooperative_id=coop, kind="broadcast", template_id="555",
            params=(TemplateParam(param="ten_htx", field="htx", max=30),
                    TemplateParam(param="noi_dung", field="noidung", max=200))), None, now)
        manager = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop)
        await members.link_identity(tx, "telegram", str(FIRST_USER - 1), manager.id, now)
        ids = []
        for n in range(recipients):
            on_zalo = n >= recipients - half
            away = on_zalo and n >= recipients - outside
            member = await members.add_member(tx, f"Nông dân {n}", "member", now,
                                              cooperative_id=coop,
                                              phone=_phone(n) if away else None)
            ids.append(member.id)
            if not on_zalo:
                await members.link_identity(tx, "telegram", str(FIRST_USER + n), member.id, now)
                where[str(FIRST_USER + n)] = "telegram"
                continue
            user = _zalo_user(n)
            seen = now - timedelta(days=10) if away else now
            await members.link_identity(tx, "zalo", user, member.id, now)
            await reach.seen_on(tx, "zalo", user, seen)
            fake.saw(user, seen.timestamp())
            where[_phone(n) if away else user] = "zns" if away else "zalo"
    return manager.id, ids, where


async def _telegram_farmer(fake: FakeTelegram, chat: int, pushes: list, stop: asyncio.Event,
                           rng: random.Random, harvests: list[str]) -> None:
    await asyncio.sleep(rng.uniform(0, 4))
    while not stop.is_set():
        fake.push_update(fake.text_update(chat, rng.choice(harvests), first_name="Nông dân"))
        pushes.append(("telegram", str(chat), time.monotonic()))
        await asyncio.sleep(rng.uniform(4, 8))


async def _zalo_farmer(zalo: ZaloChannel, fake: FakeZalo, user: str, pushes: list,
                       stop: asyncio.Event, rng: random.Random, harvests: list[str]) -> None:
    await asyncio.sleep(rng.uniform(0, 4))
    while not stop.is_set():
        event = fake.text_event(user, rng.choice(harvests))
        body = fake.body_of(event)
        pushes.append(("zalo", user, time.monotonic()))
        await zalo.receive(body, fake.sign(body, event["timestamp"]))
        await asyncio.sleep(rng.uniform(4, 8))


async def run_mixed(args: Any, text: str, harvests: list[str], percentile) -> int:
    tg = FakeTelegram(rate_limit=args.rate, per_chat_limit=1)
    fz = FakeZalo(rate_limit=args.zalo_rate, zns_rate_limit=args.zns_rate,
                  zns_templates={"555": {"ten_htx": 30, "noi_dung": 200}})
    import tempfile
    with tempfile.TemporaryDirectory() as folder, FakeBotAPIServer(tg) as tserver, \
            FakeZaloServer(fz) as zserver:
        settings = load_settings({
            "telegram_token": tg.token, "telegram_api_url": tserver.url,
            "database_url": f"sqlite:///{folder}/htx.db", "poll_timeout": 1,
            "telegram_max_rate": args.rate, "zalo_max_rate": args.zalo_rate,
            "zns_max_rate": args.zns_rate,
        })
        async with open_resources(settings) as res:
            began = time.monotonic()
            manager_id, ids, where = await _populate(res.core, fz, args.recipients)
            print(f"{args.recipients} members created in {time.monotonic() - began:.1f} s "
                  f"({Counter(where.values())})", flush=True)
            telegram = TelegramChannel(res.core, tg.token, tserver.url, poll_timeout=1)
            tworker = telegram_worker(telegram, settings)
            api = ZaloApi(res.db, APP_ID, APP_SECRET, zserver.url, zserver.url,
                          res.core.clock, zns_url=zserver.url)
            await api.setup("refresh-0")
            zalo = ZaloChannel(res.core, api, APP_ID, OA_SECRET_KEY)
            zworker, zns = zalo_workers(zalo, settings)
            await telegram.start()
            await zalo.start()
            async with res.db.transaction() as tx:
                sender = await members.get_member(tx, manager_id)
            began = time.monotonic()
            announcement = await announcements.enqueue(
                res.db, "broadcast", text, ids, datetime.now(UTC), sender=sender,
                progress_to=("telegram", str(FIRST_USER - 1)),
                fields={"htx": "HTX Chè Tân Cương"})
            print(f"broadcast #{announcement.id} queued for {announcement.total} in "
                  f"{time.monotonic() - began:.2f} s", flush=True)
            tg.clear_calls()
            stop, pushes = asyncio.Event(), []
            rng = random.Random(7)
            tg_farmers = [int(k) for k, c in where.items() if c == "telegram"][:args.farmers]
            zalo_farmers = [k for k, c in where.items() if c == "zalo"][:args.farmers]
            started = time.monotonic()
            for worker in (tworker, zworker, zns):
                await worker.start()
            tasks = [asyncio.create_task(_telegram_farmer(tg, f, pushes, stop, rng, harvests))
                     for f in tg_farmers]
            tasks += [asyncio.create_task(_zalo_farmer(zalo, fz, u, pushes, stop, rng, harvests))
                      for u in zalo_farmers]
            await until_reported(res.db, announcement.id, started)
            stop.set()
            await asyncio.gather(*tasks)
            await asyncio.sleep(3)
            for worker in (tworker, zworker, zns):
                await worker.stop()
            await telegram.stop()
            await zalo.stop()
            async with res.db.transaction() as tx:
                final = await outbox.get_announcement(tx, announcement.id)
    return _report(args, text, tg, fz, where, pushes, final, percentile,
                   (tworker.retry_afters, zworker.rate_limited, zns.rate_limited))


def _rate(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    if len(times) < 2:
        return 0.0, float("nan")
    span = times[-1] - times[0]
    return (len(times) - 1) / span, span


def _report(args, text, tg: FakeTelegram, fz: FakeZalo, where, pushes, final, percentile,
            limited: tuple[int, int, int]) -> int:
    tg_sent = [c for c in tg.calls("sendMessage", ok=True) if c.params.get("text") == text]
    cs_sent = [s for s in fz.sent if s.text == text]
    zns_sent = [z for z in fz.zns_sent if z.data.get("noi_dung") == text]
    got: Counter[str] = Counter(str(c.params["chat_id"]) for c in tg_sent)
    got.update(s.user_id for s in cs_sent)
    got.update(z.phone for z in zns_sent)
    duplicates = sum(1 for n in got.values() if n > 1)
    missing = len(set(where) - set(got))
    end = max([c.at for c in tg_sent] + [s.at for s in cs_sent] + [z.at for z in zns_sent])
    rows = []
    ok = duplicates == 0 and missing == 0
    everything = {  # every message each channel's limit counted: broadcast, replies, summary
        "telegram": [c.at for c in tg.calls("sendMessage", ok=True)],
        "zalo": [s.at for s in fz.sent], "zns": [z.at for z in fz.zns_sent]}
    for name, times, limit in (("telegram", [c.at for c in tg_sent], args.rate),
                               ("zalo", [s.at for s in cs_sent], args.zalo_rate),
                               ("zns", [z.at for z in zns_sent], args.zns_rate)):
        rate, span = _rate(times)
        first, last = min(times), max(times)
        inside = [t for t in everything[name] if first <= t <= last]
        total = (len(inside) - 1) / span if span else 0.0
        rows.append(f"  {name:<9} {len(times):>6} in {span:6.1f} s  limit {limit:>2}/s  "
                    f"all {total:6.2f}/s = {total / limit:.3f}  broadcast alone "
                    f"{rate:6.2f}/s = {rate / limit:.3f}")
        ok = ok and total / limit >= 0.9
    latencies, unanswered = {"telegram": [], "zalo": []}, 0
    replies: dict[tuple[str, str], list[float]] = {}
    for c in tg.calls("sendMessage", ok=True):
        if c.params.get("text") != text:
            replies.setdefault(("telegram", str(c.params["chat_id"])), []).append(c.at)
    for s in fz.sent:
        if s.text != text:
            replies.setdefault(("zalo", s.user_id), []).append(s.at)
    during = sorted(p for p in pushes if p[2] <= end)
    by: dict[tuple[str, str], list[float]] = {}
    for app, who, at in during:
        by.setdefault((app, who), []).append(at)
    for key, times in by.items():
        answers = sorted(replies.get(key, []))
        for i, at in enumerate(times):
            until = times[i + 1] if i + 1 < len(times) else float("inf")
            first = next((r for r in answers if at <= r < until), None)
            if first is None:
                unanswered += 1
            else:
                latencies[key[0]].append(first - at)
    print()
    print(f"recipients            {len(where)} ({Counter(where.values())})")
    print("rate per channel      (all: broadcast, replies and progress within the broadcast;"
          " the limit is what the fake allows)")
    print("\n".join(rows))
    print(f"rate-limit answers    Telegram 429: {limited[0]}, Zalo -32: {limited[1]}, "
          f"ZNS -32: {limited[2]}")
    for app, values in latencies.items():
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        print(f"reply latency {app:<8} p50 {p50:.3f} s, p95 {p95:.3f} s over {len(values)}")
        ok = ok and (not values or p95 <= 2.0)
    print(f"farmer messages       {len(during)} during the broadcast, {unanswered} unanswered")
    print(f"duplicates            {duplicates}")
    print(f"missing               {missing}")
    print(f"outbox counters       sent {final.sent}, blocked {final.blocked}, failed "
          f"{final.failed}, not reached {final.unreached}, pending {final.pending}")
    ok = ok and unanswered == 0
    print("targets               " + ("met" if ok else "MISSED"))
    return 0 if ok else 1
