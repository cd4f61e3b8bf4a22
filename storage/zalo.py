"""The Zalo OA token pair: one row, replaced whole whenever Zalo rotates it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from storage.db import Tx, from_db_time, to_db_time


class ZaloTokens(BaseModel):
    """The current access token and the one refresh token that may still be used."""

    access_token: str
    refresh_token: str
    expires_at: datetime
    updated_at: datetime


async def get_tokens(tx: Tx) -> ZaloTokens | None:
    """The stored pair, or None before `htx-bot zalo setup`."""
    row = await tx.one("SELECT * FROM zalo_tokens WHERE id = 1")
    if row is None:
        return None
    return ZaloTokens(
        access_token=row["access_token"],
        refresh_token=row["refresh_token"],
        expires_at=from_db_time(row["expires_at"]),
        updated_at=from_db_time(row["updated_at"]),
    )


async def save_tokens(
    tx: Tx, access_token: str, refresh_token: str, expires_at: datetime, now: datetime
) -> None:
    """Store a new pair in place of the old one (the old refresh token is spent)."""
    await tx.execute(
        "INSERT INTO zalo_tokens (id, access_token, refresh_token, expires_at, updated_at)"
        " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " access_token = excluded.access_token, refresh_token = excluded.refresh_token,"
        " expires_at = excluded.expires_at, updated_at = excluded.updated_at",
        (access_token, refresh_token, to_db_time(expires_at), to_db_time(now)),
    )
