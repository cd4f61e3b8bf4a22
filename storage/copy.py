"""`htx-bot db copy`: a cooperative's whole history from SQLite into PostgreSQL.

Every table the migrations made is copied (members, identities, harvests, the audit log, the
inbox, the outbox and its deliveries, corrections ...), with its ids, in one PostgreSQL
transaction: the target holds all of it or none of it. The SQLite side is read in one read
transaction, so a bot still running on it is seen at one instant (WAL lets it go on writing).
Then both sides are checked column by column: row counts, the sum of every integer column
(quantities in grams, money in đồng, ids, counters) and the total length of every text column.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql as pgsql

from storage.migrate import bundled_migrations

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


def _figures_pg(pg: psycopg.Connection[Any], table: str, columns: list[tuple[str, str]]) -> list:
    parts = [pgsql.SQL("COUNT(*)")]
    for name, kind in columns:
        col = pgsql.Identifier(name)
        if "INT" in kind:
            parts.append(pgsql.SQL("COALESCE(SUM({}), 0)").format(col))
        elif "REAL" in kind:
            parts.append(pgsql.SQL("COALESCE(SUM({}), 0.0)").format(col))
        else:
            parts.append(pgsql.SQL("COALESCE(SUM(LENGTH({})), 0)").format(col))
    query = pgsql.SQL("SELECT {} FROM {}").format(
        pgsql.SQL(", ").join(parts), pgsql.Identifier(table)
    )
    row = pg.execute(query).fetchone()
    assert row is not None
    return list(row)


def _labels(columns: list[tuple[str, str]]) -> list[str]:
    return ["rows"] + [
        f"sum({n})" if ("INT" in k or "REAL" in k) else f"length({n})" for n, k in columns
    ]


def _target_holds(pg: psycopg.Connection[Any], tables: list[str]) -> list[str]:
    held = []
    for table in tables:
        query = pgsql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(pgsql.Identifier(table))
        row = pg.execute(query).fetchone()
        if row and row[0]:
            held.append(table)
    return held


def copy_database(source: Path, target_url: str, force: bool = False) -> CopyReport:
    """Copy every table of the SQLite file `source` into the (migrated) PostgreSQL database
    at `target_url`, ids kept and identities moved on past them; compare both sides. Refuses
    (CopyRefused) a target that holds data unless `force`, which empties it first."""
    from storage.pg import reset_identities_now, whole_numbers

    started = time.perf_counter()
    if not source.is_file():
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
        with psycopg.connect(target_url) as pg:
            whole_numbers(pg)
            missing = [t for t in tables if not pg.execute(
                "SELECT to_regclass(%s)", (t,)).fetchone()[0]]  # type: ignore[index]
            if missing:
                raise CopyRefused(f"the target lacks the tables {', '.join(missing)}")
            held = _target_holds(pg, tables)
            if held and not force:
                raise CopyRefused(
                    f"the target already holds data (in {', '.join(held[:5])}"
                    f"{' …' if len(held) > 5 else ''}); --force empties it first"
                )
            if held:
                pg.execute(pgsql.SQL("TRUNCATE {} CASCADE").format(
                    pgsql.SQL(", ").join(pgsql.Identifier(t) for t in tables)))
            for table in tables:
                _copy_table(lite, pg, table)
            reset_identities_now(pg)
            for table in tables:
                columns = _columns(lite, table)
                mine = _figures_lite(lite, table, columns)
                theirs = _figures_pg(pg, table, columns)
                for label, a, b in zip(_labels(columns), mine, theirs, strict=True):
                    report.checks.append(Check(table, label, a, b))
            if not report.ok:
                pg.rollback()
                bad = [f"{c.table}.{c.what}" for c in report.checks if not c.ok]
                raise CopyRefused(f"the copy differs from its source in {', '.join(bad)};"
                                  " nothing was kept")
            pg.commit()
        lite.execute("COMMIT")
    finally:
        lite.close()
    report.seconds = time.perf_counter() - started
    return report


def _copy_table(lite: sqlite3.Connection, pg: psycopg.Connection[Any], table: str) -> None:
    names = [name for name, _ in _columns(lite, table)]
    listed = ", ".join(f'"{n}"' for n in names)
    query = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
        pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(n) for n in names)
    )
    cursor = lite.execute(f'SELECT {listed} FROM "{table}"')
    with pg.cursor().copy(query) as copy:
        while rows := cursor.fetchmany(CHUNK):
            for row in rows:
                copy.write_row(row)
