"""Plots, inputs (fertilisers and pesticides) and production-diary entries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time


class Plot(BaseModel):
    """A member's plot (lô, thửa, vườn)."""

    model_config = ConfigDict(frozen=True)

    id: int
    member_id: int
    cooperative_id: int
    name: str
    name_key: str
    area: str | None
    crop: str | None
    latitude: float | None
    longitude: float | None


class Input(BaseModel):
    """A fertiliser or pesticide of a cooperative."""

    model_config = ConfigDict(frozen=True)

    id: int
    cooperative_id: int
    name: str
    aliases: list[str]
    kind: str
    interval_days: int | None


class DiaryEntry(BaseModel):
    """One diary entry (see migration 0006)."""

    model_config = ConfigDict(frozen=True)

    id: int
    cooperative_id: int
    member_id: int
    activity: str
    plot: str | None
    input_id: int | None
    input_name: str | None
    dose: str | None
    interval_days: int | None
    interval_unknown: bool
    note: str | None
    text: str
    photo_ref: str | None
    day: date
    status: str
    recorded_by: int
    channel: str
    message_ref: str
    created_at: datetime
    updated_at: datetime


def _entry(row: Mapping[str, Any]) -> DiaryEntry:
    return DiaryEntry(**{
        **row, "day": date.fromisoformat(row["day"]),
        "interval_unknown": bool(row["interval_unknown"]),
        "created_at": from_db_time(row["created_at"]),
        "updated_at": from_db_time(row["updated_at"]),
    })


def _input(row: Mapping[str, Any]) -> Input:
    return Input(**{**row, "aliases": json.loads(row["aliases"])})


# -- plots ---------------------------------------------------------------------------------

async def add_plot(
    tx: Tx, member_id: int, cooperative_id: int, name: str, name_key: str, area: str | None,
    crop: str | None, now: datetime,
) -> Plot | None:
    """Add a plot; None when the member already has one of that name."""
    row = await tx.one(
        "INSERT INTO plots (member_id, cooperative_id, name, name_key, area, crop, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (member_id, name_key) WHERE removed_at IS NULL DO NOTHING RETURNING *",
        (member_id, cooperative_id, name, name_key, area, crop, to_db_time(now)),
    )
    return _plot(row) if row else None


def _plot(row: Mapping[str, Any]) -> Plot:
    return Plot(**{k: v for k, v in row.items() if k not in ("created_at", "removed_at")})


async def plots_of(tx: Tx, member_id: int) -> list[Plot]:
    """A member's plots in use (not removed), by name."""
    rows = await tx.all("SELECT * FROM plots WHERE member_id = ? AND removed_at IS NULL"
                        " ORDER BY name_key, id", (member_id,))
    return [_plot(r) for r in rows]


async def rename_plot(tx: Tx, plot_id: int, name: str, name_key: str) -> Plot | None:
    """Give a plot a new name; None when the member has another plot of that name. Entries
    keep the name they were recorded with."""
    row = await tx.one(
        "UPDATE plots SET name = ?, name_key = ? WHERE id = ? AND removed_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM plots o WHERE o.member_id = plots.member_id"
        " AND o.name_key = ? AND o.removed_at IS NULL AND o.id <> plots.id) RETURNING *",
        (name, name_key, plot_id, name_key),
    )
    return _plot(row) if row else None


async def remove_plot(tx: Tx, plot_id: int, now: datetime) -> None:
    """Hide a plot from the member's list and defaults; its row and the entries stay."""
    await tx.execute("UPDATE plots SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                     (to_db_time(now), plot_id))


async def set_location(tx: Tx, plot_id: int, latitude: float, longitude: float) -> None:
    """Attach a shared location to a plot."""
    await tx.execute("UPDATE plots SET latitude = ?, longitude = ? WHERE id = ?",
                     (latitude, longitude, plot_id))


# -- inputs --------------------------------------------------------------------------------

async def inputs_of(tx: Tx, cooperative_id: int) -> list[Input]:
    """A cooperative's inputs, fertilisers first, by name."""
    rows = await tx.all("SELECT * FROM inputs WHERE cooperative_id = ? ORDER BY kind, name",
                        (cooperative_id,))
    return [_input(r) for r in rows]


async def seed_inputs(
    tx: Tx, cooperative_id: int, entries: Iterable[Mapping[str, Any]], now: datetime
) -> None:
    """Add the default inputs a cooperative does not have yet."""
    await tx.execute_many(
        "INSERT INTO inputs (cooperative_id, name, aliases, kind, interval_days, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cooperative_id, name) DO NOTHING",
        [(cooperative_id, e["name"], json.dumps(e.get("aliases", []), ensure_ascii=False),
          e["kind"], e.get("interval_days"), to_db_time(now)) for e in entries],
    )


async def add_input(
    tx: Tx, cooperative_id: int, name: str, kind: str, interval_days: int | None, now: datetime
) -> Input | None:
    """Add an input; None when the name is taken."""
    row = await tx.one(
        "INSERT INTO inputs (cooperative_id, name, kind, interval_days, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (cooperative_id, name) DO NOTHING RETURNING *",
        (cooperative_id, name, kind, interval_days, to_db_time(now)),
    )
    return _input(row) if row else None


async def set_interval(tx: Tx, input_id: int, days: int | None) -> None:
    """Change a pesticide's pre-harvest interval (entries keep the one they were made with)."""
    await tx.execute("UPDATE inputs SET interval_days = ? WHERE id = ?", (days, input_id))


# -- entries -------------------------------------------------------------------------------

async def add_entry(tx: Tx, **fields: Any) -> DiaryEntry | None:
    """Record an entry once per message; None when this message was recorded before."""
    now = to_db_time(fields.pop("now"))
    fields["day"] = fields["day"].isoformat()
    fields["interval_unknown"] = int(fields.get("interval_unknown", False))
    columns = [*fields, "created_at", "updated_at"]
    row = await tx.one(
        f"INSERT INTO diary_entries ({', '.join(columns)}) VALUES"
        f" ({marks(columns)}) ON CONFLICT (channel, message_ref) DO NOTHING"
        " RETURNING *",
        (*fields.values(), now, now),
    )
    return _entry(row) if row else None


async def get_entry(tx: Tx, entry_id: int) -> DiaryEntry | None:
    """One entry by id."""
    row = await tx.one("SELECT * FROM diary_entries WHERE id = ?", (entry_id,))
    return _entry(row) if row else None


async def settle(
    tx: Tx, entry_id: int, status: str, now: datetime, interval_days: int | None = None,
    interval_unknown: bool = False,
) -> None:
    """Record a pending spray with its interval, or cancel an entry."""
    await tx.execute(
        "UPDATE diary_entries SET status = ?, interval_days = COALESCE(?, interval_days),"
        " interval_unknown = ?, updated_at = ? WHERE id = ?",
        (status, interval_days, int(interval_unknown), to_db_time(now), entry_id),
    )


async def attach_photo(tx: Tx, entry_id: int, photo_ref: str, now: datetime) -> None:
    """Attach a photo to an entry."""
    await tx.execute("UPDATE diary_entries SET photo_ref = ?, updated_at = ? WHERE id = ?",
                     (photo_ref, to_db_time(now), entry_id))


async def latest_entry(tx: Tx, member_id: int) -> DiaryEntry | None:
    """The member's newest entry that is not cancelled."""
    row = await tx.one(
        "SELECT * FROM diary_entries WHERE member_id = ? AND status <> 'cancelled'"
        " ORDER BY id DESC LIMIT 1", (member_id,))
    return _entry(row) if row else None


async def entries_of(
    tx: Tx, member_id: int, first: date, last: date, plot: str | None = None
) -> list[DiaryEntry]:
    """A member's entries of a period (of one plot), by day: recorded ones and sprays whose
    interval is still asked (`pending`), which a diary must show too."""
    sql = ("SELECT * FROM diary_entries WHERE member_id = ? AND day BETWEEN ? AND ?"
           " AND status IN ('recorded', 'pending')")
    params: list[Any] = [member_id, first.isoformat(), last.isoformat()]
    if plot is not None:
        sql += " AND plot = ?"
        params.append(plot)
    return [_entry(r) for r in await tx.all(sql + " ORDER BY day, id", params)]


async def cooperative_entries(tx: Tx, cooperative_id: int, first: date, last: date
                              ) -> list[tuple[DiaryEntry, str]]:
    """A cooperative's entries of a period (recorded, or pending an interval) with the
    member's name, by day."""
    rows = await tx.all(
        "SELECT d.*, m.display_name AS member_name FROM diary_entries d"
        " JOIN members m ON m.id = d.member_id WHERE d.cooperative_id = ?"
        " AND d.day BETWEEN ? AND ? AND d.status IN ('recorded', 'pending') ORDER BY d.day, d.id",
        (cooperative_id, first.isoformat(), last.isoformat()),
    )
    return [(_entry({k: v for k, v in r.items() if k != "member_name"}), r["member_name"])
            for r in rows]


async def sprays_before(tx: Tx, member_id: int, plot: str, day: date, since: date
                        ) -> list[DiaryEntry]:
    """Sprays on a member's plot between `since` and `day` (for the interval), recorded or
    still waiting for their interval (`pending`: as good as an unknown one)."""
    rows = await tx.all(
        "SELECT * FROM diary_entries WHERE member_id = ? AND plot = ? AND activity = 'spray'"
        " AND status IN ('recorded', 'pending') AND day BETWEEN ? AND ? ORDER BY day DESC, id DESC",
        (member_id, plot, since.isoformat(), day.isoformat()),
    )
    return [_entry(r) for r in rows]


class SilentMember(BaseModel):
    """A member with no diary entry lately: their last diary day and last harvest day."""

    model_config = ConfigDict(frozen=True)

    name: str
    last_diary: date | None
    last_harvest: date | None  # a recorded harvest's day


async def silent_members(tx: Tx, cooperative_id: int, since: date) -> list[SilentMember]:
    """Active members with no recorded diary entry since `since`, with the last day of their
    diary and of their recorded harvests (None: never)."""
    rows = await tx.all(
        "SELECT m.display_name AS name, (SELECT MAX(d.day) FROM diary_entries d"
        "  WHERE d.member_id = m.id AND d.status IN ('recorded', 'pending')) AS last_diary,"
        " (SELECT MAX(h.day) FROM harvests h WHERE h.member_id = m.id"
        "  AND h.status = 'recorded') AS last_harvest"
        " FROM members m WHERE m.cooperative_id = ? AND m.active = 1 AND m.role = 'member'"
        " AND NOT EXISTS (SELECT 1 FROM diary_entries d WHERE d.member_id = m.id"
        "  AND d.status IN ('recorded', 'pending') AND d.day >= ?) ORDER BY m.display_name",
        (cooperative_id, since.isoformat()),
    )
    return [SilentMember(name=r["name"], last_diary=_day(r["last_diary"]),
                         last_harvest=_day(r["last_harvest"])) for r in rows]


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None



async def entry_for_message(tx: Tx, channel: str, message_ref: str) -> DiaryEntry | None:
    """The entry a chat message made, if any."""
    row = await tx.one("SELECT * FROM diary_entries WHERE channel = ? AND message_ref = ?",
                       (channel, message_ref))
    return _entry(row) if row else None


async def rewrite(tx: Tx, entry_id: int, now: datetime, **fields: Any) -> None:
    """Give an entry a corrected reading in place (the caller writes the audit row)."""
    if "day" in fields:
        fields["day"] = fields["day"].isoformat()
    if "interval_unknown" in fields:
        fields["interval_unknown"] = int(fields["interval_unknown"])
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await tx.execute(
        f"UPDATE diary_entries SET {assignments}, updated_at = ? WHERE id = ?",
        (*fields.values(), to_db_time(now), entry_id),
    )
