"""A province-wide broadcast under Telegram's limits, while farmers keep logging harvests.

    .venv/bin/python benchmarks/broadcast.py [--recipients 20000] [--farmers 8] [--rate 30]
    .venv/bin/python benchmarks/broadcast.py --mixed [--zalo-rate 25] [--zns-rate 7]

`--mixed`: half the recipients on Telegram, half on Zalo (a fifth of those outside Zalo's
window, reached by ZNS); see benchmarks/broadcast_mixed.py.

A fake Bot API server (tests/fake_telegram over real HTTP on 127.0.0.1) enforces `--rate`
messages per second in total and 1 per second per chat by answering 429 with retry_after,
like Telegram. The real htx-bot pieces run against it on a temporary SQLite file: the
Telegram channel (long polling, inbox, handlers) and the delivery worker. One broadcast goes
to every recipient; meanwhile simulated farmers (who are also recipients) send harvest
messages every few seconds. At the end it prints:

  rate / limit   messages the bot got through per second (broadcast + replies + progress)
                 divided by the limit (target >= 0.9); and the broadcast's own share
  429s           flood answers received, by the worker and by the replies
  reply latency  p50 and p95 from a farmer's message reaching the server to the reply's
                 sendMessage reaching it, during the broadcast (target p95 <= 2 s)
  duplicates     recipients who got the broadcast more than once (target 0)
  missing        recipients who never got it (target 0)

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import logging
import random
import tempfile
import time
import warnings
from collections import Counter
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
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram

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


async def _farmer(fake: FakeTelegram, chat: int, pushes: list[tuple[int, float]],
                  stop: asyncio.Event, rng: random.Random) -> None:
    """Send a harvest message every 4-8 s until the broadcast ends."""
    await asyncio.sleep(rng.uniform(0, 4))
    while not stop.is_set():
        fake.push_update(fake.text_update(chat, rng.choice(HARVESTS), first_name="Nông dân"))
        pushes.append((chat, time.monotonic()))
        await asyncio.sleep(rng.uniform(4, 8))


def _latencies(fake: FakeTelegram, pushes: list[tuple[int, float]]) -> tuple[list[float], int]:
    """Seconds from each push to the first reply to that chat after it; and unanswered."""
    replies: dict[int, list[float]] = {}
    for call in fake.calls("sendMessage", ok=True):
        if call.params.get("text") != TEXT:
            replies.setdefault(int(call.params["chat_id"]), []).append(call.at)
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


async def run(args: argparse.Namespace) -> int:
    fake = FakeTelegram(rate_limit=args.rate, per_chat_limit=1)
    with tempfile.TemporaryDirectory() as folder, FakeBotAPIServer(fake) as server:
        settings = load_settings({
            "telegram_token": fake.token, "telegram_api_url": server.url,
            "database_url": f"sqlite:///{folder}/htx.db", "poll_timeout": 1,
            "telegram_max_rate": args.rate,
        })
        async with open_resources(settings) as res:
            began = time.monotonic()
            manager_id, _coop, ids = await _populate(res.core, args.recipients)
            print(f"{args.recipients} members created in {time.monotonic() - began:.1f} s",
                  flush=True)
            telegram = TelegramChannel(res.core, fake.token, server.url, poll_timeout=1)
            worker = telegram_worker(telegram, settings)
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
                  f"{time.monotonic() - began:.2f} s", flush=True)
            fake.clear_calls()
            stop, pushes = asyncio.Event(), []
            rng = random.Random(7)
            farmers = [FIRST_USER + n * (args.recipients // max(1, args.farmers))
                       for n in range(args.farmers)]
            started = time.monotonic()
            await worker.start()
            tasks = [asyncio.create_task(_farmer(fake, f, pushes, stop, rng)) for f in farmers]
            await until_reported(res.db, announcement.id, started)
            stop.set()
            await asyncio.gather(*tasks)
            await asyncio.sleep(3)  # replies to the last messages
            await worker.stop()
            await telegram.stop()
            async with res.db.transaction() as tx:
                final = await outbox.get_announcement(tx, announcement.id)
        assert final is not None
    return report(args, fake, final, pushes)


def report(args, fake: FakeTelegram, final, pushes) -> int:
    broadcast = [c for c in fake.calls("sendMessage", ok=True) if c.params.get("text") == TEXT]
    times = sorted(c.at for c in broadcast)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    rate = (len(times) - 1) / span if len(times) > 1 else 0.0
    limited = [c for c in fake.calls(ok=True) if c.method in ("sendMessage",)
               and times[0] <= c.at <= times[-1]]
    total_rate = (len(limited) - 1) / span if len(times) > 1 else 0.0
    floods = [c for c in fake.calls("sendMessage") if c.status == 429]
    flood_worker = sum(1 for c in floods if c.params.get("text") == TEXT)
    got = Counter(int(c.params["chat_id"]) for c in broadcast)
    everyone = {FIRST_USER + n for n in range(args.recipients)}
    duplicates = sum(1 for n in got.values() if n > 1)
    missing = len(everyone - set(got))
    during = [(chat, at) for chat, at in pushes if times and at <= times[-1]]
    latencies, unanswered = _latencies(fake, during)
    p50, p95 = _percentile(latencies, 0.5), _percentile(latencies, 0.95)
    ratio, total_ratio = rate / args.rate, total_rate / args.rate
    print()
    print(f"recipients            {args.recipients}  (limit {args.rate}/s total, 1/s per chat)")
    print(f"broadcast took        {span:.1f} s")
    print(f"rate / limit          {total_ratio:.3f}  ({total_rate:.2f} msg/s: broadcast, replies,"
          " progress)")
    print(f"  broadcast alone     {ratio:.3f}  ({rate:.2f} msg/s; replies take their turns first)")
    print(f"429s received         {len(floods)}  (worker {flood_worker}, "
          f"replies {len(floods) - flood_worker})")
    print(f"farmer messages       {len(during)} during the broadcast, {unanswered} unanswered")
    print(f"reply latency         p50 {p50:.3f} s, p95 {p95:.3f} s, max "
          f"{max(latencies, default=float('nan')):.3f} s")
    print(f"duplicates            {duplicates}")
    print(f"missing               {missing}")
    print(f"outbox counters       sent {final.sent}, blocked {final.blocked}, "
          f"failed {final.failed}, pending {final.pending}")
    ok = total_ratio >= 0.9 and p95 <= 2.0 and duplicates == 0 and missing == 0 and unanswered == 0
    print("targets               " + ("met" if ok else "MISSED"))
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
