"""Intake figures for reports: sums by product, by member and by day, read through the
(cooperative, day) index so that a day's report reads that day and not the whole history."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks


class Sum(BaseModel):
    """Recorded intake of one product, on one day, by one member (exact base units)."""

    model_config = ConfigDict(frozen=True)

    cooperative_id: int
    member_id: int
    product_id: int
    day: date
    amount: int
    entries: int
    by_manager: int  # entries recorded by someone else (at the collection point)
    warned: int = 0  # entries picked inside a spray's pre-harvest interval


class Flags(BaseModel):
    """What a manager should look at: entries waiting for an answer."""

    model_config = ConfigDict(frozen=True)

    pending: int


class Flagged(BaseModel):
    """A recorded entry picked inside a spray's pre-harvest interval, with who picked it."""

    model_config = ConfigDict(frozen=True)

    member: str
    product_id: int
    amount: int
    plot: str | None
    day: date


class MemberActivity(BaseModel):
    """A member with their last recorded day and how many days they reported lately."""

    model_config = ConfigDict(frozen=True)

    member_id: int
    name: str
    role: str
    last_day: date | None
    recent_days: int


async def sums(tx: Tx, cooperative_ids: list[int], first: date, last: date) -> list[Sum]:
    """Recorded amounts grouped by cooperative, day, product and member."""
    coops = marks(cooperative_ids) or "NULL"
    rows = await tx.all(
        "SELECT cooperative_id, day, product_id, member_id, SUM(amount) AS amount,"
        " COUNT(*) AS entries,"
        " SUM(CASE WHEN recorded_by <> member_id THEN 1 ELSE 0 END) AS by_manager,"
        " SUM(CASE WHEN interval_warning IS NOT NULL THEN 1 ELSE 0 END) AS warned FROM harvests"
        f" WHERE cooperative_id IN ({coops}) AND day BETWEEN ? AND ? AND status = 'recorded'"
        # the order SQLite's grouping gives by itself; PostgreSQL's may hash (no order)
        " GROUP BY cooperative_id, day, product_id, member_id"
        " ORDER BY cooperative_id, day, product_id, member_id",
        (*cooperative_ids, first.isoformat(), last.isoformat()),
    )
    return [Sum(**{**r, "day": date.fromisoformat(r["day"])}) for r in rows]


async def member_sums(tx: Tx, member_id: int, first: date, last: date) -> list[Sum]:
    """One member's recorded amounts by day and product (for a statement)."""
    rows = await tx.all(
        "SELECT cooperative_id, day, product_id, member_id, SUM(amount) AS amount,"
        " COUNT(*) AS entries,"
        " SUM(CASE WHEN recorded_by <> member_id THEN 1 ELSE 0 END) AS by_manager FROM harvests"
        " WHERE member_id = ? AND day BETWEEN ? AND ? AND status = 'recorded'"
        " GROUP BY cooperative_id, day, product_id, member_id ORDER BY day, product_id",
        (member_id, first.isoformat(), last.isoformat()),
    )
    return [Sum(**{**r, "day": date.fromisoformat(r["day"])}) for r in rows]


async def flags(tx: Tx, cooperative_ids: list[int], first: date, last: date) -> Flags:
    """Entries of the period still waiting for the member's answer."""
    coops = marks(cooperative_ids) or "NULL"
    pending = await tx.value(
        f"SELECT COUNT(*) FROM harvests WHERE cooperative_id IN ({coops})"
        " AND day BETWEEN ? AND ? AND status = 'pending'",
        (*cooperative_ids, first.isoformat(), last.isoformat()),
    )
    return Flags(pending=int(pending or 0))


async def flagged(tx: Tx, cooperative_ids: list[int], first: date, last: date
                  ) -> list[Flagged]:
    """The period's recorded entries picked inside a pre-harvest interval, by day and id."""
    coops = marks(cooperative_ids) or "NULL"
    rows = await tx.all(
        "SELECT m.display_name AS member, h.product_id, h.amount, h.plot, h.day"
        " FROM harvests h JOIN members m ON m.id = h.member_id"
        f" WHERE h.cooperative_id IN ({coops}) AND h.day BETWEEN ? AND ?"
        " AND h.status = 'recorded' AND h.interval_warning IS NOT NULL ORDER BY h.day, h.id",
        (*cooperative_ids, first.isoformat(), last.isoformat()),
    )
    return [Flagged(**{**r, "day": date.fromisoformat(r["day"])}) for r in rows]


async def activity(tx: Tx, cooperative_id: int, since: date) -> list[MemberActivity]:
    """Every active member of a cooperative with their last recorded day and how many
    different days they recorded something since `since`."""
    rows = await tx.all(
        "SELECT m.id AS member_id, m.display_name AS name, m.role,"
        " (SELECT MAX(h.day) FROM harvests h WHERE h.member_id = m.id"
        "  AND h.status = 'recorded') AS last_day,"
        " (SELECT COUNT(DISTINCT h.day) FROM harvests h WHERE h.member_id = m.id"
        "  AND h.status = 'recorded' AND h.day >= ?) AS recent_days"
        " FROM members m WHERE m.cooperative_id = ? AND m.active = 1"
        " ORDER BY m.display_name, m.id",
        (since.isoformat(), cooperative_id),
    )
    return [MemberActivity(**{**r, "last_day": date.fromisoformat(r["last_day"])
                              if r["last_day"] else None}) for r in rows]


class EntryRow(BaseModel):
    """One harvest entry as an export lists it, with the names it refers to."""

    model_config = ConfigDict(frozen=True)

    id: int
    day: date
    member: str
    product: str | None
    kind: str | None
    unit: str | None
    product_id: int | None
    amount: int | None
    plot: str | None
    status: str
    recorded_by: str
    created_at: datetime  # UTC
    question: str | None = None  # a waiting entry's question (JSON), with what was typed
    interval_warning: str | None = None  # picked inside a spray's pre-harvest interval


class AuditRow(BaseModel):
    """One change of an entry, with the fields before and after it."""

    model_config = ConfigDict(frozen=True)

    entry_id: int
    at: datetime  # UTC
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


async def entries(tx: Tx, cooperative_id: int, first: date, last: date) -> list[EntryRow]:
    """Every entry of a period, whatever its status, by day and id."""
    rows = await tx.all(
        "SELECT h.id, h.day, m.display_name AS member, p.name AS product, p.kind, p.unit,"
        " h.product_id, h.amount, h.plot, h.status, r.display_name AS recorded_by,"
        " h.created_at, h.question, h.interval_warning"
        " FROM harvests h JOIN members m ON m.id = h.member_id"
        " JOIN members r ON r.id = h.recorded_by LEFT JOIN products p ON p.id = h.product_id"
        " WHERE h.cooperative_id = ? AND h.day BETWEEN ? AND ? ORDER BY h.day, h.id",
        (cooperative_id, first.isoformat(), last.isoformat()),
    )
    return [EntryRow(**{**r, "day": date.fromisoformat(r["day"]),
                        "created_at": from_db_time(r["created_at"])}) for r in rows]


async def entry_audit(tx: Tx, cooperative_id: int, first: date, last: date) -> list[AuditRow]:
    """The audit trail of a period's entries, oldest first."""
    rows = await tx.all(
        "SELECT h.id AS entry_id, a.at, a.action, a.before, a.after FROM harvests h"
        " JOIN audit_log a"
        " ON a.entity = 'harvest' AND a.entity_id = CAST(h.id AS TEXT)"
        " WHERE h.cooperative_id = ? AND h.day BETWEEN ? AND ? ORDER BY a.id",
        (cooperative_id, first.isoformat(), last.isoformat()),
    )
    return [AuditRow(**{**r, "at": from_db_time(r["at"]),
                        "before": json.loads(r["before"]) if r["before"] else None,
                        "after": json.loads(r["after"]) if r["after"] else None})
            for r in rows]


async def daily_amounts(
    tx: Tx, cooperative_id: int, first: date, last: date
) -> list[tuple[date, int, int]]:
    """(day, product id, recorded amount) of a period, for a chart."""
    rows = await tx.all(
        "SELECT day, product_id, SUM(amount) AS amount FROM harvests"
        " WHERE cooperative_id = ? AND day BETWEEN ? AND ? AND status = 'recorded'"
        " GROUP BY day, product_id ORDER BY day, product_id",
        (cooperative_id, first.isoformat(), last.isoformat()),
    )
    return [(date.fromisoformat(r["day"]), r["product_id"], r["amount"]) for r in rows]
