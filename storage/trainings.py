"""Trainings (tập huấn): who was invited, their answers, and the reminders to send."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time

Answer = Literal["yes", "no"]


class Training(BaseModel):
    """A training: what, when (UTC), where, by whom, for which cooperatives and products."""

    model_config = ConfigDict(frozen=True)

    id: int
    title: str
    starts_at: datetime
    place: str
    description: str
    organiser_id: int
    alliance_id: int | None
    cooperative_id: int | None
    audience: dict[str, Any]
    notice_id: int | None
    created_at: datetime


class Invitee(BaseModel):
    """One invitee and their answer (None: not answered yet)."""

    model_config = ConfigDict(frozen=True)

    member_id: int
    name: str
    answer: Answer | None


def _training(row: dict) -> Training:
    return Training(**{
        **row,
        "starts_at": from_db_time(row["starts_at"]),
        "created_at": from_db_time(row["created_at"]),
        "audience": json.loads(row["audience"]),
    })


async def create_training(
    tx: Tx,
    *,
    title: str,
    starts_at: datetime,
    place: str,
    description: str,
    organiser_id: int,
    alliance_id: int | None,
    cooperative_id: int | None,
    audience: dict[str, Any],
    now: datetime,
) -> Training:
    """Write a training (its invitees, notice and reminders are added by the caller)."""
    row = await tx.one(
        "INSERT INTO trainings (title, starts_at, place, description, organiser_id, alliance_id,"
        " cooperative_id, audience, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (title, to_db_time(starts_at), place, description, organiser_id, alliance_id,
         cooperative_id, json.dumps(audience, ensure_ascii=False), to_db_time(now)),
    )
    assert row is not None
    return _training(row)


async def get_training(tx: Tx, training_id: int) -> Training | None:
    """One training by id."""
    row = await tx.one("SELECT * FROM trainings WHERE id = ?", (training_id,))
    return _training(row) if row else None


async def audience_ids(
    tx: Tx, cooperative_ids: list[int], product_ids: list[int] | None, since: date
) -> list[int]:
    """Active members of these cooperatives who take announcements; with `product_ids`,
    only those who recorded one of these products since `since`."""
    coops = marks(cooperative_ids) or "NULL"
    sql = (
        f"SELECT m.id FROM members m WHERE m.cooperative_id IN ({coops}) AND m.active = 1"
        " AND m.announcements_off = 0"
    )
    params: list[Any] = list(cooperative_ids)
    if product_ids is not None:
        products = marks(product_ids) or "NULL"
        sql += (
            " AND EXISTS (SELECT 1 FROM harvests h WHERE h.member_id = m.id"
            f" AND h.status = 'recorded' AND h.day >= ? AND h.product_id IN ({products}))"
        )
        params += [since.isoformat(), *product_ids]
    return [r["id"] for r in await tx.all(sql + " ORDER BY m.id", params)]


async def invite(tx: Tx, training_id: int, member_ids: list[int], notice_id: int) -> None:
    """Fix who was invited and link the notice that invited them."""
    await tx.execute_many(
        "INSERT INTO training_invitees (training_id, member_id) VALUES (?, ?)"
        " ON CONFLICT DO NOTHING",
        [(training_id, m) for m in member_ids],
    )
    await tx.execute("UPDATE trainings SET notice_id = ? WHERE id = ?", (notice_id, training_id))


async def add_reminder(
    tx: Tx, training_id: int, label: str, due_at: datetime, skipped: bool
) -> None:
    """Plan one reminder ('skipped' when its time was already past)."""
    await tx.execute(
        "INSERT INTO training_reminders (training_id, label, due_at, status) VALUES (?, ?, ?, ?)",
        (training_id, label, to_db_time(due_at), "skipped" if skipped else "waiting"),
    )


async def due_reminders(tx: Tx, now: datetime) -> list[tuple[Training, str]]:
    """Reminders whose time has come, of trainings that have not started yet."""
    rows = await tx.all(
        "SELECT t.*, r.label AS reminder FROM training_reminders r"
        " JOIN trainings t ON t.id = r.training_id"
        " WHERE r.status = 'waiting' AND r.due_at <= ? AND t.starts_at > ?"
        " ORDER BY r.due_at",
        (to_db_time(now), to_db_time(now)),
    )
    return [(_training({k: v for k, v in r.items() if k != "reminder"}), r["reminder"])
            for r in rows]


async def claim_reminder(tx: Tx, training_id: int, label: str, skipped: bool) -> bool:
    """Mark a waiting reminder queued (or skipped); False when another tick already did."""
    changed = await tx.execute(
        "UPDATE training_reminders SET status = ?"
        " WHERE training_id = ? AND label = ? AND status = 'waiting'",
        ("skipped" if skipped else "queued", training_id, label),
    )
    return changed == 1


async def set_reminder_announcement(
    tx: Tx, training_id: int, label: str, announcement_id: int
) -> None:
    """Link a queued reminder to the announcement that carries it."""
    await tx.execute(
        "UPDATE training_reminders SET announcement_id = ? WHERE training_id = ? AND label = ?",
        (announcement_id, training_id, label),
    )


async def reminder_audience(tx: Tx, training_id: int) -> list[int]:
    """Invitees who did not decline; those who turned announcements off only if they accepted."""
    rows = await tx.all(
        "SELECT i.member_id FROM training_invitees i JOIN members m ON m.id = i.member_id"
        " LEFT JOIN rsvps r ON r.training_id = i.training_id AND r.member_id = i.member_id"
        " WHERE i.training_id = ? AND m.active = 1 AND (r.answer IS NULL OR r.answer <> 'no')"
        " AND (m.announcements_off = 0 OR r.answer = 'yes') ORDER BY i.member_id",
        (training_id,),
    )
    return [r["member_id"] for r in rows]


async def is_invited(tx: Tx, training_id: int, member_id: int) -> bool:
    """Whether a member was invited to a training."""
    found = await tx.value(
        "SELECT 1 FROM training_invitees WHERE training_id = ? AND member_id = ?",
        (training_id, member_id),
    )
    return found is not None


async def answer(
    tx: Tx, training_id: int, member_id: int, said: Answer, now: datetime
) -> Answer | None:
    """Record a member's answer; return the one it replaced."""
    before = await tx.value(
        "SELECT answer FROM rsvps WHERE training_id = ? AND member_id = ?",
        (training_id, member_id),
    )
    await tx.execute(
        "INSERT INTO rsvps (training_id, member_id, answer, answered_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (training_id, member_id) DO UPDATE SET answer = excluded.answer,"
        " answered_at = excluded.answered_at",
        (training_id, member_id, said, to_db_time(now)),
    )
    return before


async def invitees(tx: Tx, training_id: int) -> list[Invitee]:
    """Every invitee with their answer, by name."""
    rows = await tx.all(
        "SELECT m.id AS member_id, m.display_name AS name, r.answer FROM training_invitees i"
        " JOIN members m ON m.id = i.member_id"
        " LEFT JOIN rsvps r ON r.training_id = i.training_id AND r.member_id = i.member_id"
        " WHERE i.training_id = ? ORDER BY m.display_name, m.id",
        (training_id,),
    )
    return [Invitee(**r) for r in rows]


async def organised_by(
    tx: Tx, *, cooperative_id: int | None, alliance_id: int | None, since: datetime
) -> list[Training]:
    """Trainings of a cooperative or an alliance starting from `since`, soonest first."""
    rows = await tx.all(
        "SELECT * FROM trainings WHERE (cooperative_id = ? OR alliance_id = ?)"
        " AND starts_at >= ? ORDER BY starts_at, id LIMIT 20",
        (cooperative_id, alliance_id, to_db_time(since)),
    )
    return [_training(r) for r in rows]


async def invited_to(
    tx: Tx, member_id: int, since: datetime
) -> list[tuple[Training, Answer | None]]:
    """Trainings a member is invited to, from `since`, with their answer."""
    rows = await tx.all(
        "SELECT t.*, r.answer AS my_answer FROM training_invitees i"
        " JOIN trainings t ON t.id = i.training_id"
        " LEFT JOIN rsvps r ON r.training_id = i.training_id AND r.member_id = i.member_id"
        " WHERE i.member_id = ? AND t.starts_at >= ? ORDER BY t.starts_at, t.id LIMIT 20",
        (member_id, to_db_time(since)),
    )
    return [(_training({k: v for k, v in r.items() if k != "my_answer"}), r["my_answer"])
            for r in rows]
