"""Corrections waiting for an answer, and a person's latest entries of every kind.

A correction the bot asks about is kept here, not written on the entry: the entry changes
only when the person picks an option.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time

Kind = Literal["harvest", "diary"]


class Correction(BaseModel):
    """A correction waiting for the person's choice (see migration 0009)."""

    model_config = ConfigDict(frozen=True)

    id: int
    entity: Kind
    asked_by: int
    plan: dict[str, Any]
    status: Literal["open", "applied", "dropped"]


class Record(BaseModel):
    """One message's entries, as /huy and /sua see them: a harvest message or a diary entry."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    channel: str
    message_ref: str
    created_at: datetime


async def ask(tx: Tx, entity: Kind, asked_by: int, plan: dict[str, Any], now: datetime
              ) -> Correction:
    """Keep a correction until the person answers."""
    made = await tx.value(
        "INSERT INTO corrections (entity, asked_by, plan, created_at) VALUES (?, ?, ?, ?)"
        " RETURNING id",
        (entity, asked_by, json.dumps(plan, ensure_ascii=False, default=str), to_db_time(now)),
    )
    return Correction(id=made, entity=entity, asked_by=asked_by,
                      plan=json.loads(json.dumps(plan, default=str)), status="open")


async def get(tx: Tx, correction_id: int) -> Correction | None:
    """One correction by id."""
    row = await tx.one("SELECT id, entity, asked_by, plan, status FROM corrections WHERE id = ?",
                       (correction_id,))
    return Correction(**{**row, "plan": json.loads(row["plan"])}) if row else None


async def update_plan(tx: Tx, correction_id: int, plan: dict[str, Any]) -> None:
    """Keep an answer to one of a correction's questions."""
    await tx.execute("UPDATE corrections SET plan = ? WHERE id = ?",
                     (json.dumps(plan, ensure_ascii=False, default=str), correction_id))


async def settle(tx: Tx, correction_id: int, status: Literal["applied", "dropped"],
                 now: datetime) -> bool:
    """Close an open correction; False when it was closed already."""
    closed = await tx.value(
        "UPDATE corrections SET status = ?, settled_at = ? WHERE id = ? AND status = 'open'"
        " RETURNING id",
        (status, to_db_time(now), correction_id),
    )
    return closed is not None


async def latest_records(tx: Tx, recorded_by: int, limit: int, active_only: bool
                         ) -> list[Record]:
    """The newest messages this person recorded entries from, harvests and diary together,
    newest first; `active_only`: only those with an entry that is not cancelled."""
    live = " AND status <> 'cancelled'" if active_only else ""
    rows = await tx.all(
        "SELECT r.kind, r.channel, r.message_ref, r.created_at FROM ("
        " SELECT 'harvest' AS kind, channel, message_ref, MIN(created_at) AS created_at"
        f"  FROM harvests WHERE recorded_by = ?{live} GROUP BY channel, message_ref"
        " UNION ALL"
        " SELECT 'diary' AS kind, channel, message_ref, created_at"
        f"  FROM diary_entries WHERE recorded_by = ?{live}"
        ") AS r LEFT JOIN inbox i ON i.channel = r.channel AND i.message_ref = r.message_ref"
        # the same instant (a test's clock, a batch): the message that came in later is newer
        " ORDER BY r.created_at DESC, i.id DESC LIMIT ?",
        (recorded_by, recorded_by, limit),
    )
    return [Record(**{**r, "created_at": from_db_time(r["created_at"])}) for r in rows]


async def acted_on(tx: Tx, entity: Kind, ids: list[int], actions: tuple[str, ...]) -> bool:
    """Whether the audit trail shows any of these actions on any of these entries."""
    if not ids:
        return False
    found = await tx.value(
        f"SELECT 1 FROM audit_log WHERE entity = ? AND entity_id IN ({marks(ids)})"
        f" AND action IN ({marks(actions)}) LIMIT 1",
        (entity, *[str(i) for i in ids], *actions),
    )
    return found is not None
