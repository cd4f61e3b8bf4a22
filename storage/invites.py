"""Invite codes: short, case-insensitive, free of look-alike characters."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from storage.db import Tx, from_db_time, to_db_time
from storage.models import Invite, Role

# No 0/O, 1/I/L, 5/S or 2/Z: a code read aloud over a weak phone line must survive.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CODE_LENGTH = 6
DEFAULT_DAYS = 30


def _invite(row: dict) -> Invite:
    return Invite(
        **{
            **row,
            "revoked": bool(row["revoked"]),
            "expires_at": from_db_time(row["expires_at"]),
            "created_at": from_db_time(row["created_at"]),
        }
    )


def new_code() -> str:
    """A fresh random code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


async def create_invite(
    tx: Tx,
    role: Role,
    now: datetime,
    cooperative_id: int | None = None,
    alliance_id: int | None = None,
    max_uses: int = 1,
    days: int = DEFAULT_DAYS,
    created_by: int | None = None,
    expires_at: datetime | None = None,
) -> Invite:
    """Create an invite with a code nobody holds yet, valid until `expires_at` (by default
    `days` after now)."""
    if max_uses < 1 or days < 1:
        raise ValueError("uses and days must be at least 1")
    while True:
        code = new_code()
        if await tx.value("SELECT 1 FROM invites WHERE code = ?", (code,)) is None:
            break
    row = await tx.one(
        "INSERT INTO invites (code, role, cooperative_id, alliance_id, expires_at, max_uses,"
        " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (
            code,
            role,
            cooperative_id,
            alliance_id,
            to_db_time(expires_at or now + timedelta(days=days)),
            max_uses,
            created_by,
            to_db_time(now),
        ),
    )
    assert row is not None
    return _invite(row)


async def get_invite(tx: Tx, code: str) -> Invite | None:
    """An invite by code, any case."""
    row = await tx.one("SELECT * FROM invites WHERE code = ?", (code.strip().upper(),))
    return _invite(row) if row else None


async def use_invite(tx: Tx, code: str) -> bool:
    """Count one use, only if the invite is still usable; False when it was not."""
    changed = await tx.execute(
        "UPDATE invites SET uses = uses + 1 WHERE code = ? AND revoked = 0 AND uses < max_uses",
        (code.upper(),),
    )
    return changed == 1


async def revoke_invite(tx: Tx, code: str) -> bool:
    """Revoke an invite; False when there is no such code."""
    return await tx.execute("UPDATE invites SET revoked = 1 WHERE code = ?", (code.upper(),)) == 1


async def list_invites(
    tx: Tx, cooperative_id: int | None = None, alliance_id: int | None = None
) -> list[Invite]:
    """Invites, newest first, optionally for one cooperative or alliance."""
    sql, params = "SELECT * FROM invites", []
    if cooperative_id is not None:
        sql, params = sql + " WHERE cooperative_id = ?", [cooperative_id]
    elif alliance_id is not None:
        sql, params = sql + " WHERE alliance_id = ?", [alliance_id]
    return [_invite(r) for r in await tx.all(sql + " ORDER BY created_at DESC, code", params)]
