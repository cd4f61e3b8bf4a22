"""Numbered .sql migrations, applied in order at start-up, each in its own transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from storage.db import Database, to_db_time

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One migration file."""

    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """Read the migrations shipped in storage/migrations, sorted by version."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..n without gaps, got {versions}")
    return found


async def applied_versions(db: Database) -> list[int]:
    """Versions already recorded in the database."""
    async with db.raw() as conn:
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        async with conn.execute("SELECT version FROM schema_migrations ORDER BY version") as cur:
            return [row[0] for row in await cur.fetchall()]


async def migrate(db: Database, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every pending migration; return the versions applied now."""
    migrations = bundled_migrations() if migrations is None else migrations
    done = set(await applied_versions(db))
    applied = []
    for migration in migrations:
        if migration.version in done:
            continue
        stamp = to_db_time(datetime.now(UTC))
        record = (
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
            f"({migration.version}, '{migration.name}', '{stamp}');"
        )
        # executescript runs statements one by one; wrapping them in BEGIN/COMMIT makes the
        # file and its record land together or not at all.
        script = f"BEGIN;\n{migration.sql}\n{record}\nCOMMIT;"
        async with db.raw() as conn:
            try:
                await conn.executescript(script)
            except Exception:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise
        applied.append(migration.version)
    return applied


def migrations_folder() -> Path:
    """Where the bundled migration files live (for docs and tests)."""
    return Path(str(resources.files("storage") / "migrations"))
