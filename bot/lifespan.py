"""Open every resource once, hand it out, close it on the way out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.settings import Settings
from handlers.context import CoreConfig
from handlers.core import Clock, Core, utc_now
from storage.db import Database, sqlite_path
from storage.migrate import migrate


@dataclass
class Resources:
    """What the channels and the CLI share while the process runs."""

    settings: Settings
    db: Database
    core: Core


@asynccontextmanager
async def open_resources(settings: Settings, clock: Clock = utc_now) -> AsyncIterator[Resources]:
    """Open the database, bring its schema up to date, and build the core."""
    db = await Database.open(sqlite_path(settings.database_url))
    try:
        await migrate(db)
        config = CoreConfig(timezone=settings.zone, language=settings.language)
        yield Resources(settings=settings, db=db, core=Core(db, config, clock))
    finally:
        await db.close()
