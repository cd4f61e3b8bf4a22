"""One-time codes that link a second chat app to a member."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import Tx, to_db_time
from storage.invites import new_code


async def create_code(tx: Tx, member_id: int, now: datetime, valid_for: timedelta) -> str:
    """A fresh code for this member; their earlier unused codes stop working."""
    await tx.execute(
        "UPDATE link_codes SET used_at = ? WHERE member_id = ? AND used_at IS NULL",
        (to_db_time(now), member_id),
    )
    while True:  # 27^6 codes: a clash is rare, and then the next draw is taken
        code = new_code()
        changed = await tx.execute(
            "INSERT INTO link_codes (code, member_id, expires_at, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (code) DO NOTHING",
            (code, member_id, to_db_time(now + valid_for), to_db_time(now)),
        )
        if changed == 1:
            return code


async def member_of_code(tx: Tx, code: str, now: datetime) -> int | None:
    """The member a code links to, if it is unused and not expired."""
    return await tx.value(
        "SELECT member_id FROM link_codes WHERE code = ? AND used_at IS NULL AND expires_at > ?",
        (code, to_db_time(now)),
    )


async def use_code(tx: Tx, code: str, now: datetime) -> bool:
    """Spend a code; False if it was spent already."""
    changed = await tx.execute(
        "UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at IS NULL",
        (to_db_time(now), code),
    )
    return changed == 1


async def has_identity(tx: Tx, member_id: int, channel: str) -> bool:
    """Whether the member already has an identity on this channel."""
    found = await tx.value(
        "SELECT 1 FROM identities WHERE member_id = ? AND channel = ? LIMIT 1",
        (member_id, channel),
    )
    return found is not None
