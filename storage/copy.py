"""`htx-bot db copy`: a cooperative's whole history from SQLite into PostgreSQL.

Every table the migrations made is copied (members, identities, harvests, the audit log, the
inbox, the outbox and its deliveries, corrections ...), with its ids, in one PostgreSQL
transaction: the target holds all of it or none of it. The SQLite side is read in one read
transaction, so a bot still running on it is seen at one instant (WAL lets it go on writing).
Then both sides are checked column by column: row counts, the sum of every integer column
(quantities in grams, money in đồng, ids, counters) and the total length of every text column.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from storage.migrate import bundled_migrations
from storage.pg import configure_connection, quote_name, reset_identities

# Figures the report names first (the rest are checked all the same).
HEADLINES = {
    ("harvests", "amount"): "quantities recorded (base units: g, ml, pieces)",
    ("prices", "dong"): "money: buying prices (đồng)",
    ("announcements", "sent"): "announcement deliveries counted sent",
    ("invites", "uses"): "invite codes used",
}
CHUNK = 20_000


class CopyRefused(Exception):
    """The copy would lose or mix data: a one-line reason, nothing written."""


@dataclass
class Check:
    """One figure on both sides."""

    table: str
    what: str  # "rows", "sum(amount)", "length(name)"
    source: int | float
    target: int | float

    @property
    def ok(self) -> bool:
        if isinstance(self.source, float) or isinstance(self.target, float):
            return abs(self.source - self.target) <= 1e-6 * max(1.0, abs(self.source))
        return self.source == self.target


@dataclass
class CopyReport:
    """What was copied and how both sides compare."""

    tables: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def rows(self) -> int:
        return sum(int(c.source) for c in self.checks if c.what == "rows")


def _tables_in_order(lite: sqlite3.Connection) -> list[str]:
    """The source's tables, each after the tables it refers to (foreign keys)."""
    names = [r[0] for r in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name <> 'schema_migrations' ORDER BY name"
    )]
    needs = {
        name: {r[2] for r in lite.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and needs[n] <= set(ordered)]
        if not ready:
            left = sorted(set(names) - set(ordered))
            raise CopyRefused(f"foreign keys go round in a circle among {left}")
        ordered.extend(ready)
    return ordered


def _columns(lite: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of a source table's columns, in order."""
    return [(r[1], (r[2] or "").upper()) for r in lite.execute(f'PRAGMA table_info("{table}")')]


def _versions_lite(lite: sqlite3.Connection) -> list[int]:
    try:
        return [r[0] for r in lite.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    except sqlite3.OperationalError:
        return []


def _figures_lite(lite: sqlite3.Connection, table: str, columns: list[tuple[str, str]]) -> list:
    parts = ["COUNT(*)"]
    for name, kind in columns:
        if "INT" in kind:
            parts.append(f'COALESCE(SUM("{name}"), 0)')
        elif "REAL" in kind:
            parts.append(f'COALESCE(SUM("{name}"), 0.0)')
        else:
            parts.append(f'COALESCE(SUM(LENGTH("{name}")), 0)')
    return list(lite.execute(f'SELECT {", ".join(parts)} FROM "{table}"').fetchone())


async def _figures_pg(
    pg: asyncpg.Connection, table: str, columns: list[tuple[str, str]]
) -> list:
    parts = ["COUNT(*)"]
    for name, kind in columns:
        col = quote_name(name)
        if "INT" in kind:
            parts.append(f"COALESCE(SUM({col}), 0)")
        elif "REAL" in kind:
            parts.append(f"COALESCE(SUM({col}), 0.0)")
        else:
            parts.append(f"COALESCE(SUM(LENGTH({col})), 0)")
    row = await pg.fetchrow(f"SELECT {', '.join(parts)} FROM {quote_name(table)}")
    return list(row)


def _labels(columns: list[tuple[str, str]]) -> list[str]:
    return ["rows"] + [
        f"sum({n})" if ("INT" in k or "REAL" in k) else f"length({n})" for n, k in columns
    ]


async def _target_holds(pg: asyncpg.Connection, tables: list[str]) -> list[str]:
    held = []
    for table in tables:
        if await pg.fetchval(f"SELECT EXISTS (SELECT 1 FROM {quote_name(table)})"):
            held.append(table)
    return held


async def copy_database(source: Path, target_url: str, force: bool = False) -> CopyReport:
    """Copy every table of the SQLite file `source` into the (migrated) PostgreSQL database
    at `target_url`, ids kept and identities moved on past them; compare both sides. Refuses
    (CopyRefused) a target that holds data unless `force`, which empties it first."""
    started = time.perf_counter()
    if not await asyncio.to_thread(source.is_file):
        raise CopyRefused(f"no SQLite database at {source}")
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    try:
        expected = [m.version for m in bundled_migrations()]
        if _versions_lite(lite) != expected:
            raise CopyRefused(
                f"the SQLite database {source} is not at this version's schema: run"
                " `htx-bot migrate` on it first (DATABASE_URL=sqlite:///...)"
            )
        lite.execute("BEGIN")  # one snapshot of the whole source
        tables = _tables_in_order(lite)
        report = CopyReport(tables=tables)
        pg = await asyncpg.connect(target_url)
        try:
            await configure_connection(pg)
            async with pg.transaction():
                await _copy_all(lite, pg, tables, force, report)
        finally:
            await pg.close()
        lite.execute("COMMIT")
    finally:
        lite.close()
    report.seconds = time.perf_counter() - started
    return report


async def _copy_all(
    lite: sqlite3.Connection, pg: asyncpg.Connection, tables: list[str], force: bool,
    report: CopyReport,
) -> None:
    missing = [t for t in tables if not await pg.fetchval("SELECT to_regclass($1)", t)]
    if missing:
        raise CopyRefused(f"the target lacks the tables {', '.join(missing)}")
    held = await _target_holds(pg, tables)
    if held and not force:
        raise CopyRefused(
            f"the target already holds data (in {', '.join(held[:5])}"
            f"{' …' if len(held) > 5 else ''}); --force empties it first"
        )
    if held:
        await pg.execute(f"TRUNCATE {', '.join(quote_name(t) for t in tables)} CASCADE")
    for table in tables:
        names = [name for name, _ in _columns(lite, table)]
        listed = ", ".join(f'"{n}"' for n in names)
        cursor = lite.execute(f'SELECT {listed} FROM "{table}"')
        while rows := cursor.fetchmany(CHUNK):
            await pg.copy_records_to_table(table, records=rows, columns=names)
    await reset_identities(pg)
    for table in tables:
        columns = _columns(lite, table)
        mine = _figures_lite(lite, table, columns)
        theirs = await _figures_pg(pg, table, columns)
        for label, a, b in zip(_labels(columns), mine, theirs, strict=True):
            report.checks.append(Check(table, label, a, b))
    if not report.ok:  # raising rolls the whole copy back
        bad = [f"{c.table}.{c.what}" for c in report.checks if not c.ok]
        raise CopyRefused(f"the copy differs from its source in {', '.join(bad)};"
                          " nothing was kept")
