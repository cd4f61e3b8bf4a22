"""Today's /tonghop as a cooperative's history grows, and a month's .xlsx for 500 members.

    .venv/bin/python benchmarks/report.py [--sizes 10000,100000,1000000,5000000]
                                          [--members 500] [--today 500] [--repeat 30]

One SQLite file on disk holds a cooperative of `--members` members with the default
catalogue and prices. Its history grows to each size in turn (recorded entries spread over
the past days, about 3 years at 5M rows); today always holds `--today` entries. At each size
the manager's `/tonghop` goes through the real core (inbox, routing, report, inbox again),
`--repeat` times, next to `/toi` (one member lookup) as the baseline of the same run. It
prints the median latency of each and their ratio: the target is that the ratio stays flat
as history grows, because the day's report must not read all of history. Last, it builds
the .xlsx of the last 30 days (`/baocao 30 ngày`) and prints the time it took.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import itertools
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers import admin
from handlers.catalogue import entries
from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core
from storage import harvests, members, prices
from storage.db import Database
from storage.migrate import migrate

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CHUNK = 100_000
_refs = itertools.count()


async def _setup(
    db: Database, name: str, manager: str, count: int, now: datetime
) -> tuple[int, list[int], list[int]]:
    made = await admin.create_cooperative(db, name, "Yên Bái", None, "Asia/Ho_Chi_Minh", now)
    coop = made.cooperative.id
    async with db.transaction() as tx:
        boss = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop)
        await members.link_identity(tx, "console", manager, boss.id, now)
        people = []
        for n in range(count):
            m = await members.add_member(tx, f"Nông dân {n}", "member", now, cooperative_id=coop)
            people.append(m.id)
        catalogue = await entries(tx, coop, now)
        weights = [p.id for p in catalogue if p.kind == "weight"]
        for pid in weights:
            await prices.add_price(tx, coop, pid, 25_000, 1000, "kg", date(2020, 1, 1),
                                   boss.id, now)
    return coop, people, weights


async def _grow(db: Database, coop: int, people: list[int], products: list[int], rows: int,
                today: date, rng: random.Random, now: datetime) -> None:
    """Add `rows` recorded entries spread over the 1000 days before today."""
    for start in range(0, rows, CHUNK):
        batch = [{"cooperative_id": coop, "member_id": rng.choice(people),
                  "product_id": rng.choice(products), "amount": rng.randrange(1_000, 80_000),
                  "day": today - timedelta(days=1 + rng.randrange(1000)),
                  "channel": "bench", "message_ref": f"h{next(_refs)}"}
                 for _ in range(min(CHUNK, rows - start))]
        async with db.transaction() as tx:
            await harvests.add_many(tx, batch, now)


async def _timed(
    core: Core, text: str, repeat: int, now: datetime, user: str = "boss"
) -> float:
    times = []
    for _ in range(repeat):
        incoming = Incoming(channel="console", user_ref=user, message_ref=f"q{next(_refs)}",
                            sent_at=now, text=text)
        started = time.perf_counter()
        replies = await core.handle(incoming)
        times.append(time.perf_counter() - started)
        assert replies and "Xin lỗi" not in replies[0].text, replies
    return statistics.median(times)


async def run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",")]
    now = datetime.now(UTC)
    today = now.astimezone(ZONE).date()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "report.db")
        await migrate(db)
        core = Core(db, CoreConfig(timezone=ZONE), lambda: now)
        coop, people, products = await _setup(db, "HTX Chè Phình Hồ", "boss", args.members,
                                              now)
        todays = [{"cooperative_id": coop, "member_id": rng.choice(people),
                   "product_id": rng.choice(products), "amount": rng.randrange(1_000, 80_000),
                   "day": today, "channel": "bench", "message_ref": f"t{n}"}
                  for n in range(args.today)]
        async with db.transaction() as tx:
            await harvests.add_many(tx, todays, now)
        print(f"htx-bot report: Python {platform.python_version()}, SQLite "
              f"{sqlite3.sqlite_version}, {args.members} members, {args.today} entries today")
        print(f"{'history rows':>14} {'/tonghop ms':>12} {'/toi ms':>9} {'ratio':>7}")
        have, ratios = 0, []
        for size in sizes:
            started = time.perf_counter()
            await _grow(db, coop, people, products, size - have, today, rng, now)
            have = size
            grown = time.perf_counter() - started
            await _timed(core, "/tonghop", 3, now)  # warm the cache for this size
            report = await _timed(core, "/tonghop", args.repeat, now)
            baseline = await _timed(core, "/toi", args.repeat, now)
            ratios.append(report / baseline)
            print(f"{size:>14,} {report * 1000:>12.2f} {baseline * 1000:>9.2f} "
                  f"{report / baseline:>7.1f}   (history added in {grown:.0f} s)")
        # A month of a 500-member cooperative: one delivery per member per day for 30 days.
        other, farmers, goods = await _setup(db, "HTX Quế Công Tâm", "boss2", args.members, now)
        month = [{"cooperative_id": other, "member_id": m, "product_id": rng.choice(goods),
                  "amount": rng.randrange(1_000, 80_000), "day": today - timedelta(days=d),
                  "channel": "bench", "message_ref": f"m{next(_refs)}"}
                 for d in range(30) for m in farmers]
        async with db.transaction() as tx:
            await harvests.add_many(tx, month, now)
        built = await _timed(core, "/baocao 30 ngày", 3, now, user="boss2")
        print(f"xlsx of a month, {args.members} members, {len(month):,} entries: "
              f"{built:.2f} s (median of 3)")
        growth = ratios[-1] / ratios[0]
        print(f"ratio at {sizes[-1]:,} rows / ratio at {sizes[0]:,} rows: {growth:.2f} "
              f"(target: about 1, flat)")
        await db.close()
    return 0 if growth < 2 else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,5000000")
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--today", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
