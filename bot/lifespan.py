"""Open every resource once, hand it out, close it on the way out."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.settings import Settings
from handlers.context import CoreConfig
from handlers.core import Clock, Core, utc_now
from storage.db import Database, sqlite_path
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
    path = sqlite_path(settings.database_url)
    try:
        db = await Database.open(path)
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StartupError(f"cannot open the database {path}: {reason}") from None
    try:
        await migrate(db)
        config = CoreConfig(timezone=settings.zone, language=settings.language)
        yield Resources(settings=settings, db=db, core=Core(db, config, clock))
    finally:
        await db.close()
