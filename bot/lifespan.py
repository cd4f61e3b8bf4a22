"""Open every resource once, hand it out, close it on the way out."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.settings import Settings
from handlers.context import CoreConfig
from handlers.core import Clock, Core, utc_now
from storage.db import (
    Database,
    DatabaseUnreachable,
    is_postgres_url,
    open_database,
    sqlite_path,
)
from storage.migrate import migrate


class StartupError(Exception):
    """Something outside the program stops it from starting: a one-line reason."""


@dataclass
class Resources:
    """What the channels and the CLI share while the process runs."""

    settings: Settings
    db: Database
    core: Core


@asynccontextmanager
async def open_resources(settings: Settings, clock: Clock = utc_now) -> AsyncIterator[Resources]:
    """Open the database, bring its schema up to date, and build the core."""
    db = await _open(settings.database_url)
    try:
        try:
            await migrate(db)
        except Exception as exc:
            if db.dialect != "postgresql" or not _is_driver_error(exc):
                raise
            # e.g. a role without the right to create tables: the server's own words
            raise StartupError(
                f"cannot bring the database {db.path} up to date: {_first_line(exc)}"
            ) from None
        config = CoreConfig(timezone=settings.zone, language=settings.language)
        yield Resources(settings=settings, db=db, core=Core(db, config, clock))
    finally:
        await db.close()


async def _open(url: str) -> Database:
    """Open the database a DATABASE_URL names; one line saying why not."""
    try:
        return await open_database(url)
    except DatabaseUnreachable as exc:
        raise StartupError(f"cannot reach the PostgreSQL database {exc.where}: {exc}") from None
    except (OSError, sqlite3.Error) as exc:
        if is_postgres_url(url):
            raise
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StartupError(f"cannot open the database {sqlite_path(url)}: {reason}") from None


def _is_driver_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("asyncpg")


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
