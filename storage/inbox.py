"""The durable inbox: every update is stored before it is confirmed to its channel."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Tx, from_db_time, marks, to_db_time
from storage.models import InboxRow


def _row(row: dict) -> InboxRow:
    return InboxRow(
        **{
            **row,
            "payload": json.loads(row["payload"]),
            "incoming": json.loads(row["incoming"]),
            "replies": json.loads(row["replies"]) if row["replies"] else None,
            "received_at": from_db_time(row["received_at"]),
            "done_at": from_db_time(row["done_at"]) if row["done_at"] else None,
            "claimed_until": (
                from_db_time(row["claimed_until"]) if row.get("claimed_until") else None
            ),
        }
    )


async def store(
    tx: Tx,
    channel: str,
    message_ref: str,
    payload: dict[str, Any],
    incoming: str,
    now: datetime,
    claim: Claim | None = None,
) -> bool:
    """Store an update once; False when the same (channel, message_ref) was already stored.
    `incoming` is the channel-neutral message as JSON text (its model writes it best);
    `claim`: the process storing it holds it until then (several processes, see `claim`)."""
    changed = await tx.execute(
        "INSERT INTO inbox (channel, message_ref, payload, incoming, received_at,"
        " claimed_by, claimed_until)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, message_ref) DO NOTHING",
        (
            channel,
            message_ref,
            # ASCII: a lone surrogate in some field (a hostile client) cannot fail the write
            json.dumps(payload),
            incoming,
            to_db_time(now),
            claim.holder if claim else None,
            to_db_time(claim.until) if claim else None,
        ),
    )
    return changed == 1


@dataclass(frozen=True)
class Claim:
    """A process's hold on inbox rows: `holder` names the process, good until `until`."""

    holder: str
    until: datetime


async def claim(
    tx: Tx, channel: str, claim: Claim, now: datetime, limit: int = 100
) -> list[InboxRow]:
    """Take over unfinished rows (received, or done and not replied) that nobody holds:
    never claimed, or whose claim ran out (its process died). Oldest first.

    On PostgreSQL the candidate rows are locked with SKIP LOCKED, so two processes claiming
    at once take different rows and neither waits for the other; on SQLite the write lock
    (BEGIN IMMEDIATE) already makes claims one at a time.
    """
    skip = " FOR UPDATE SKIP LOCKED" if tx.dialect == "postgresql" else ""
    rows = await tx.all(
        "SELECT id FROM inbox WHERE channel = ? AND status IN ('received', 'done')"
        " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?" + skip,
        (channel, to_db_time(now), limit),
    )
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    await tx.execute(
        f"UPDATE inbox SET claimed_by = ?, claimed_until = ? WHERE id IN ({marks(ids)})",
        (claim.holder, to_db_time(claim.until), *ids),
    )
    found = await tx.all(f"SELECT * FROM inbox WHERE id IN ({marks(ids)}) ORDER BY id", ids)
    return [_row(r) for r in found]


async def release(tx: Tx, holder_prefix: str, keep: str = "") -> int:
    """Let go of the unfinished rows held by processes whose name starts with
    `holder_prefix` (a clean stop: this process; a restart: the one before it on the same
    address), except `keep`'s; any process may take them at once. How many."""
    return await tx.execute(
        "UPDATE inbox SET claimed_until = NULL WHERE claimed_by >= ? AND claimed_by < ?"
        " AND claimed_by <> ? AND status IN ('received', 'done')",
        # the names that start with the prefix, in binary text order (both backends)
        (holder_prefix, holder_prefix[:-1] + chr(ord(holder_prefix[-1]) + 1), keep),
    )


async def renew(tx: Tx, claim: Claim) -> int:
    """Extend every unfinished row the process holds to `claim.until`; how many."""
    return await tx.execute(
        "UPDATE inbox SET claimed_until = ? WHERE claimed_by = ?"
        " AND status IN ('received', 'done')",
        (to_db_time(claim.until), claim.holder),
    )


async def status(tx: Tx, channel: str, message_ref: str) -> str | None:
    """An inbox row's status (None: never stored), without decoding its payload.

    The row stays locked to the end of the transaction (on PostgreSQL; SQLite's write lock
    covers it), so two processes can never both find it 'received' and both handle it.
    """
    lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
    return await tx.value(
        "SELECT status FROM inbox WHERE channel = ? AND message_ref = ?" + lock,
        (channel, message_ref),
    )


async def get(tx: Tx, channel: str, message_ref: str) -> InboxRow | None:
    """One inbox row."""
    row = await tx.one(
        "SELECT * FROM inbox WHERE channel = ? AND message_ref = ?", (channel, message_ref)
    )
    return _row(row) if row else None


async def finish(
    tx: Tx,
    channel: str,
    message_ref: str,
    replies: str,
    now: datetime,
    error: str | None = None,
) -> bool:
    """Mark a received row done (or failed, with the error), storing the replies to send
    (a JSON list, as text)."""
    changed = await tx.execute(
        "UPDATE inbox SET status = ?, replies = ?, error = ?, done_at = ?"
        " WHERE channel = ? AND message_ref = ? AND status = 'received'",
        (
            "failed" if error else "done",
            replies,
            error,
            to_db_time(now),
            channel,
            message_ref,
        ),
    )
    return changed == 1


async def mark_many_replied(tx: Tx, refs: list[tuple[str, str]]) -> None:
    """Record that the replies of done rows, (channel, message_ref) each, reached the channel."""
    await tx.execute_many(
        "UPDATE inbox SET status = 'replied' WHERE channel = ? AND message_ref = ?"
        " AND status = 'done'",
        refs,
    )


async def unfinished(tx: Tx, channel: str) -> list[InboxRow]:
    """Rows not yet processed, or processed but not yet replied to, oldest first."""
    rows = await tx.all(
        "SELECT * FROM inbox WHERE channel = ? AND status IN ('received', 'done') ORDER BY id",
        (channel,),
    )
    return [_row(r) for r in rows]


async def count_by_status(tx: Tx) -> dict[str, int]:
    """How many rows in each status (for diagnostics and tests)."""
    rows = await tx.all("SELECT status, COUNT(*) AS n FROM inbox GROUP BY status")
    return {r["status"]: r["n"] for r in rows}
