"""`htx-bot db copy SQLITE_URL POSTGRES_URL`: move a cooperative's database to PostgreSQL."""

from __future__ import annotations

import argparse
import json

from bot.lifespan import StartupError
from storage.copy import HEADLINES, CopyRefused, CopyReport, copy_database
from storage.db import DatabaseUnreachable, is_postgres_url, open_database, sqlite_path
from storage.migrate import migrate
from storage.pg import redact


async def db_copy(args: argparse.Namespace) -> int:
    """Migrate the target, copy, check both sides, print the figures; 2 when refused."""
    if not args.source.startswith("sqlite:///") or not is_postgres_url(args.target):
        raise StartupError("usage: htx-bot db copy sqlite:///path/htx.db postgresql://…")
    source = sqlite_path(args.source)
    try:
        target = await open_database(args.target)
    except DatabaseUnreachable as exc:
        raise StartupError(f"cannot reach the PostgreSQL database {exc.where}: {exc}") from None
    try:
        await migrate(target)
    finally:
        await target.close()
    try:
        report = await copy_database(source, args.target, args.force)
    except CopyRefused as exc:
        raise StartupError(f"db copy refused: {exc}") from None
    _print(report, source_name=str(source), target_name=redact(args.target), as_json=args.json)
    return 0 if report.ok else 1


def _print(report: CopyReport, source_name: str, target_name: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps({
            "ok": report.ok, "seconds": round(report.seconds, 2), "rows": report.rows,
            "checks": [{"table": c.table, "what": c.what, "source": c.source,
                        "target": c.target, "ok": c.ok} for c in report.checks],
        }, ensure_ascii=False))
        return
    print(f"Copied {source_name} -> {target_name}: {report.rows:,} rows in"
          f" {len(report.tables)} tables, {report.seconds:.1f} s")
    print(f"{'table':24} {'rows (SQLite)':>14} {'rows (PostgreSQL)':>18}")
    for c in report.checks:
        if c.what == "rows":
            print(f"{c.table:24} {c.source:>14,} {c.target:>18,}")
    for (table, column), label in HEADLINES.items():
        for c in report.checks:
            if c.table == table and c.what == f"sum({column})":
                print(f"{label}: {c.source:,} = {c.target:,}")
    checked = len(report.checks)
    print(f"{checked} figures compared (rows, the sum of every integer column, the length of"
          f" every text column): {'all equal' if report.ok else 'DIFFERENCES'}")
