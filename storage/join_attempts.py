"""Wrong invite codes tried, per person on a channel: what the join limit counts."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, from_db_time, to_db_time


async def note_wrong(tx: Tx, channel: str, user_ref: str, now: datetime, keep_after: datetime
                     ) -> None:
    """Note a wrong code; forget this person's tries older than `keep_after`."""
    await tx.execute(
        "DELETE FROM join_attempts WHERE channel = ? AND user_ref = ? AND at < ?",
        (channel, user_ref, to_db_time(keep_after)),
    )
    await tx.execute(
        "INSERT INTO join_attempts (channel, user_ref, at) VALUES (?, ?, ?)",
        (channel, user_ref, to_db_time(now)),
    )


async def wrong_since(tx: Tx, channel: str, user_ref: str, since: datetime) -> list[datetime]:
    """This person's wrong codes after a moment, oldest first."""
    rows = await tx.all(
        "SELECT at FROM join_attempts WHERE channel = ? AND user_ref = ? AND at > ?"
        " ORDER BY at",
        (channel, user_ref, to_db_time(since)),
    )
    return [from_db_time(r["at"]) for r in rows]
