"""Conversation state, audit trail and small key-value facts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Tx, from_db_time, to_db_time
from storage.models import AuditEntry, ConversationState


async def get_state(tx: Tx, channel: str, user_ref: str) -> ConversationState | None:
    """The pending conversation of one person on one channel."""
    row = await tx.one(
        "SELECT kind, data, updated_at FROM conversation_state WHERE channel = ? AND user_ref = ?",
        (channel, user_ref),
    )
    if row is None:
        return None
    return ConversationState(
        kind=row["kind"], data=json.loads(row["data"]), updated_at=from_db_time(row["updated_at"])
    )


async def set_state(
    tx: Tx, channel: str, user_ref: str, kind: str, data: dict[str, Any], now: datetime
) -> None:
    """Replace the pending conversation of one person."""
    await tx.execute(
        "INSERT INTO conversation_state (channel, user_ref, kind, data, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, user_ref) DO UPDATE SET"
        " kind = excluded.kind, data = excluded.data, updated_at = excluded.updated_at",
        (channel, user_ref, kind, json.dumps(data, ensure_ascii=False), to_db_time(now)),
    )


async def holders(tx: Tx, channel: str) -> list[str]:
    """The people of a channel who have a pending conversation."""
    rows = await tx.all("SELECT user_ref FROM conversation_state WHERE channel = ?", (channel,))
    return [r["user_ref"] for r in rows]


async def clear_state(tx: Tx, channel: str, user_ref: str) -> None:
    """Forget the pending conversation of one person."""
    await tx.execute(
        "DELETE FROM conversation_state WHERE channel = ? AND user_ref = ?", (channel, user_ref)
    )


async def audit(
    tx: Tx,
    now: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: str | int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one row to the audit trail; nothing is ever deleted from it."""
    await tx.execute(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            to_db_time(now),
            actor_id,
            action,
            entity,
            str(entity_id),
            json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
            json.dumps(after, ensure_ascii=False, default=str) if after is not None else None,
        ),
    )


async def audit_trail(tx: Tx, entity: str, entity_id: str | int) -> list[AuditEntry]:
    """The audit rows of one entity, oldest first."""
    rows = await tx.all(
        "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
        (entity, str(entity_id)),
    )
    return [
        AuditEntry(
            **{
                **r,
                "at": from_db_time(r["at"]),
                "before": json.loads(r["before"]) if r["before"] else None,
                "after": json.loads(r["after"]) if r["after"] else None,
            }
        )
        for r in rows
    ]


async def get_fact(tx: Tx, key: str) -> str | None:
    """A remembered fact, e.g. the bot's username."""
    return await tx.value("SELECT value FROM kv WHERE key = ?", (key,))


async def set_fact(tx: Tx, key: str, value: str) -> None:
    """Remember a fact."""
    await tx.execute(
        "INSERT INTO kv (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
