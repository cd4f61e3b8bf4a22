"""Leases: work one process at a time does, among several on one database.

A lease is a row naming its holder until `expires_at`. Taking it is one upsert that
succeeds only when the row is free, run out, or already ours; the holder renews it well
before it runs out, so a lease that runs out belongs to a process that died or stalled.
The same statement works on SQLite and PostgreSQL (ON CONFLICT … DO UPDATE … WHERE).
"""

from __future__ import annotations

import json
from datetime import datetime

from storage.db import Tx, from_db_time, to_db_time


async def take(tx: Tx, name: str, holder: str, now: datetime, until: datetime) -> bool:
    """Take or renew the lease `name` for `holder` until `until`; False: another holds it."""
    await tx.execute(
        "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
        " expires_at = excluded.expires_at"
        " WHERE leases.holder = excluded.holder OR leases.expires_at < ?",
        (name, holder, to_db_time(until), to_db_time(now)),
    )
    return await holder_of(tx, name) == holder


async def holder_of(tx: Tx, name: str) -> str | None:
    """Who holds the lease `name` (whether or not it ran out), or None."""
    return await tx.value("SELECT holder FROM leases WHERE name = ?", (name,))


async def expiry(tx: Tx, name: str) -> datetime | None:
    """When the lease `name` runs out, or None when nobody ever took it."""
    text = await tx.value("SELECT expires_at FROM leases WHERE name = ?", (name,))
    return from_db_time(text) if text else None


async def give_up(tx: Tx, name: str, holder: str) -> None:
    """Let the lease go now (a clean stop), so another process takes it at once."""
    await tx.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))


async def note_sends(tx: Tx, holder: str, now: datetime, sends: list[tuple[float, str]]) -> None:
    """Publish what this process sent lately: (unix time, chat) pairs."""
    await tx.execute(
        "INSERT INTO send_notes (holder, noted_at, sends) VALUES (?, ?, ?)"
        " ON CONFLICT (holder) DO UPDATE SET noted_at = excluded.noted_at,"
        " sends = excluded.sends",
        (holder, to_db_time(now), json.dumps(sends)),
    )


async def others_sends(tx: Tx, holder: str, since: datetime) -> list[tuple[float, str]]:
    """What the other processes published since `since`: (unix time, chat) pairs."""
    rows = await tx.all(
        "SELECT sends FROM send_notes WHERE holder <> ? AND noted_at >= ?",
        (holder, to_db_time(since)),
    )
    return [(float(at), str(chat)) for r in rows for at, chat in json.loads(r["sends"])]


async def forget_sends(tx: Tx, holder: str) -> None:
    """Remove a stopping process's notes."""
    await tx.execute("DELETE FROM send_notes WHERE holder = ?", (holder,))
