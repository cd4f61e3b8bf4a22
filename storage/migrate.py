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
    return await db.applied_versions()


async def migrate(db: Database, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every pending migration, each with its record in one transaction; return the
    versions applied now. On PostgreSQL the files are rewritten by storage.pg.pg_ddl."""
    migrations = bundled_migrations() if migrations is None else migrations
    done = set(await applied_versions(db))
    applied = []
    for migration in migrations:
        if migration.version in done:
            continue
        stamp = to_db_time(datetime.now(UTC))
        await db.apply_migration(migration.version, migration.name, migration.sql, stamp)
        applied.append(migration.version)
    return applied


def migrations_folder() -> Path:
    """Where the bundled migration files live (for docs and tests)."""
    return Path(str(resources.files("storage") / "migrations"))
