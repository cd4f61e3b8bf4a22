"""What one harvest message costs as a cooperative's history grows: it must stay flat.

    .venv/bin/python benchmarks/ingest_growth.py [--sizes 100000,300000,1000000]
                                                 [--members 50] [--messages 1000]

One SQLite file holds a cooperative whose `--members` members have joined over Telegram. Its
history grows to each size in turn: recorded entries spread over the past 1000 days, all of
them these members' own (the worst case for reading a member's usual amounts), plus the
inbox, audit and reply rows that the timed messages themselves leave behind. At each size
`--messages` harvest messages (the ingest benchmark's mix) are stored and handled through
the real core, 100 to a transaction as the polling channel hands them over (`Core.take_in`,
the handling process's own call), and three costs are printed per message:

  statements  SQL statements run (aiosqlite's trace callback): the same at every size
  VM steps    SQLite virtual machine instructions (its progress handler, counted every 10):
              a count, not a time, so it does not depend on what else the machine is doing;
              this is what grows if a statement reads more rows as history grows
  CPU µs      this process's CPU time (noisy on a shared machine; shown for scale)

The last column compares each size with the first: the target is a ratio near 1.0 for the
VM steps (and statements), i.e. no part of a message's path reads history it does not need.
One read is bounded rather than constant: a member's usual amount of each product named is
the median of their latest 20 entries of it in 180 days, so a member with fewer entries
costs less; start at a size where every member has 20 of each (100,000 here) to compare
steady states. From an empty database (`--sizes 0,...`) the first rows show that bound
filling up: 510 VM steps a message at 0, 650 at 50,000, then flat.
Exit status 1 when the VM steps per message at the largest size exceed 1.25x the first.
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
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from benchmarks.ingest import MESSAGES, NAMES
from handlers import admin
from handlers.catalogue import entries
from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core
from storage import harvests, members
from storage.db import Database
from storage.migrate import migrate

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CHUNK = 50_000
BATCH = 100  # messages a transaction, as a polled batch
STEP = 10  # the progress handler is called every STEP virtual machine instructions
LIMIT = 1.25
FIRST_USER = 7_000_001
_refs = itertools.count()


class Counters:
    """SQL statements and SQLite VM steps, counted on the database's own thread."""

    def __init__(self) -> None:
        self.statements = 0
        self.steps = 0

    def statement(self, _sql: str) -> None:
        self.statements += 1

    def step(self) -> int:
        self.steps += STEP
        return 0  # 0: go on


def _incoming(n: int, members: int, now: datetime) -> Incoming:
    user = FIRST_USER + n % members
    text, _ = MESSAGES[n % len(MESSAGES)]
    return Incoming(
        channel="telegram", user_ref=str(user), message_ref=f"{user}:{next(_refs)}",
        sent_at=now, text=text, display_name=NAMES[n % members % len(NAMES)],
    )


async def _join(core: Core, code: str, count: int, now: datetime) -> list[int]:
    batch = [
        (Incoming(channel="telegram", user_ref=str(FIRST_USER + m), message_ref=f"j{m}",
                  sent_at=now, text=code, display_name=NAMES[m % len(NAMES)]), {})
        for m in range(count)
    ]
    answers = await core.take_in(batch)
    assert all(a for a in answers), "every member should have joined"
    ids = []
    async with core.db.transaction() as tx:
        for m in range(count):
            member = await members.find_by_identity(tx, "telegram", str(FIRST_USER + m))
            assert member is not None
            ids.append(member.id)
    return ids


async def _grow(db: Database, coop: int, people: list[int], products: list[int], rows: int,
                today: date, rng: random.Random, now: datetime) -> None:
    """Add `rows` recorded entries of these members, spread over the 1000 days before today."""
    for start in range(0, rows, CHUNK):
        batch = [{"cooperative_id": coop, "member_id": rng.choice(people),
                  "product_id": rng.choice(products), "amount": rng.randrange(20_000, 40_000),
                  "day": today - timedelta(days=1 + rng.randrange(1000)),
                  "channel": "history", "message_ref": f"h{next(_refs)}"}
                 for _ in range(min(CHUNK, rows - start))]
        async with db.transaction() as tx:
            await harvests.add_many(tx, batch, now)


async def _measure(core: Core, count: int, members: int, counters: Counters) -> tuple[float, ...]:
    """Store and handle `count` messages; statements, VM steps and CPU µs per message."""
    now = datetime.now(UTC)
    messages = [(_incoming(n, members, now), {}) for n in range(count)]
    statements, steps = counters.statements, counters.steps
    cpu = time.process_time()
    for start in range(0, count, BATCH):
        answers = await core.take_in(messages[start:start + BATCH])
        assert all(a for a in answers), "every message should be answered"
    cpu = time.process_time() - cpu
    return ((counters.statements - statements) / count, (counters.steps - steps) / count,
            cpu / count * 1e6)


async def run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",")]
    now = datetime.now(UTC)
    today = now.astimezone(ZONE).date()
    rng = random.Random(7)
    print(f"htx-bot ingest as history grows: Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}, {args.members} members, "
          f"{args.messages} messages at each size")
    with tempfile.TemporaryDirectory(prefix="htx-growth-") as tmp:
        db = await Database.open(Path(tmp) / "htx.db")
        try:
            await migrate(db)
            core = Core(db, CoreConfig(timezone=ZONE, language="vi"))
            made = await admin.create_cooperative(db, "HTX Chè", "Yên Bái", None, ZONE.key, now)
            coop = made.cooperative.id
            people = await _join(core, made.member.invite.code, args.members, now)
            async with db.transaction() as tx:
                products = [e.id for e in await entries(tx, coop, now) if e.kind == "weight"]
            counters = Counters()
            async with db.raw() as conn:
                await conn.set_trace_callback(counters.statement)
                await conn.set_progress_handler(counters.step, STEP)
            await _measure(core, min(500, args.messages), args.members, counters)  # warm up
            grown = 0
            first: tuple[float, ...] | None = None
            print(f"{'history':>10} {'statements':>11} {'VM steps':>10} {'CPU µs':>8}"
                  f" {'steps ratio':>12}")
            for size in sizes:
                started = time.perf_counter()
                await _grow(db, coop, people, products, size - grown, today, rng, now)
                grown = size
                took = time.perf_counter() - started
                cost = await _measure(core, args.messages, args.members, counters)
                first = first or cost
                print(f"{size:>10,} {cost[0]:>11.1f} {cost[1]:>10,.0f} {cost[2]:>8.0f}"
                      f" {cost[1] / first[1]:>12.2f}   (history added in {took:.0f} s)")
            async with db.raw() as conn:
                await conn.set_progress_handler(None, STEP)
                await conn.set_trace_callback(None)
        finally:
            await db.close()
    assert first is not None
    worst = cost[1] / first[1]
    verdict = "OK" if worst <= LIMIT else "FAIL"
    print(f"target     VM steps a message at {sizes[-1]:,} <= {LIMIT}x at {sizes[0]:,}:"
          f" {verdict} ({worst:.2f})")
    return 0 if worst <= LIMIT else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--messages", type=int, default=1000)
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
