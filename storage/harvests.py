"""Harvest entries: recorded once per message item, corrected in place, never deleted."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from storage.db import Tx, from_db_time, marks, to_db_time
from storage.models import Harvest, HarvestLine, HarvestStatus


def _harvest(row: dict[str, Any]) -> Harvest:
    return Harvest(
        **{
            **row,
            "day": date.fromisoformat(row["day"]),
            "options": json.loads(row["options"]) if row["options"] else None,
            "created_at": from_db_time(row["created_at"]),
            "updated_at": from_db_time(row["updated_at"]),
        }
    )


async def add(
    tx: Tx,
    *,
    cooperative_id: int,
    member_id: int,
    recorded_by: int,
    channel: str,
    message_ref: str,
    item: int,
    day: date,
    now: datetime,
    status: HarvestStatus,
    product_id: int | None = None,
    amount: int | None = None,
    plot: str | None = None,
    options: list[dict[str, Any]] | None = None,
    question: str | None = None,
) -> Harvest | None:
    """Insert one entry; None when this message item was recorded before."""
    stamp = to_db_time(now)
    stored = json.dumps(options, ensure_ascii=False, default=str) if options else None
    made = await tx.insert_id(
        "INSERT INTO harvests (cooperative_id, member_id, product_id, amount, day, plot, status,"
        " options, question, recorded_by, channel, message_ref, item, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (channel, message_ref, item) DO NOTHING",
        (
            cooperative_id, member_id, product_id, amount, day.isoformat(), plot, status,
            stored, question, recorded_by, channel, message_ref, item, stamp, stamp,
        ),
    )
    if made is None:
        return None
    at = from_db_time(stamp)  # as a read gives it back (UTC, whole microseconds)
    return Harvest(  # the row as written: reading it back would cost as much as writing it
        id=made, cooperative_id=cooperative_id, member_id=member_id, product_id=product_id,
        amount=amount, day=day, plot=plot, status=status,
        options=json.loads(stored) if stored else None, question=question,
        recorded_by=recorded_by, channel=channel, message_ref=message_ref, item=item,
        created_at=at, updated_at=at,
    )


async def get(tx: Tx, harvest_id: int) -> Harvest | None:
    """One entry by id."""
    row = await tx.one("SELECT * FROM harvests WHERE id = ?", (harvest_id,))
    return _harvest(row) if row else None


async def for_message(tx: Tx, channel: str, message_ref: str) -> list[Harvest]:
    """The entries made from one message, in item order."""
    rows = await tx.all(
        "SELECT * FROM harvests WHERE channel = ? AND message_ref = ? ORDER BY item",
        (channel, message_ref),
    )
    return [_harvest(r) for r in rows]


# One entry a member recorded themselves, as `recent_sent` gives it: (channel, message_ref,
# product_id, amount, day, plot), the reading and the message it came from.
SentEntry = tuple[str, str, int, int, date, str | None]


async def recent_sent(tx: Tx, member_id: int, since: datetime, limit: int) -> list[SentEntry]:
    """The newest recorded entries a member recorded themselves (not for someone else, nor
    a manager's for them) since a moment, newest first, at most `limit`: read from the index
    on who recorded them and when, however long the history, and handed over as plain
    tuples (models of the rows had cost as much as the message's other statements)."""
    rows = await tx.tuples(
        "SELECT channel, message_ref, product_id, amount, day, plot FROM harvests"
        " WHERE recorded_by = ? AND created_at >= ? AND member_id = ? AND status = 'recorded'"
        " ORDER BY created_at DESC, id DESC LIMIT ?",
        (member_id, to_db_time(since), member_id, limit),
    )
    return [(channel, ref, product, amount, date.fromisoformat(day), plot)
            for channel, ref, product, amount, day, plot in rows]


async def set_reading(
    tx: Tx,
    harvest_id: int,
    *,
    product_id: int,
    amount: int,
    day: date,
    plot: str | None,
    now: datetime,
    status: HarvestStatus = "recorded",
) -> None:
    """Record a (new) reading of an entry, settling any pending question."""
    await tx.execute(
        "UPDATE harvests SET product_id = ?, amount = ?, day = ?, plot = ?, status = ?,"
        " options = NULL, question = NULL, updated_at = ? WHERE id = ?",
        (product_id, amount, day.isoformat(), plot, status, to_db_time(now), harvest_id),
    )


async def set_status(tx: Tx, harvest_id: int, status: HarvestStatus, now: datetime) -> None:
    """Change an entry's status (cancel it, mostly)."""
    await tx.execute(
        "UPDATE harvests SET status = ?, updated_at = ? WHERE id = ?",
        (status, to_db_time(now), harvest_id),
    )


_LINE = (
    "SELECT h.*, p.name AS product_name, p.unit AS product_unit, p.kind AS product_kind,"
    " m.display_name AS member_name FROM harvests h"
    " LEFT JOIN products p ON p.id = h.product_id JOIN members m ON m.id = h.member_id"
)


def _line(row: dict[str, Any]) -> HarvestLine:
    extra = {k: row.pop(k) for k in ("product_name", "product_unit", "product_kind", "member_name")}
    return HarvestLine(
        harvest=_harvest(row),
        product_name=extra["product_name"],
        unit=extra["product_unit"],
        kind=extra["product_kind"],
        member_name=extra["member_name"],
    )


async def member_lines(tx: Tx, member_id: int, first: date, last: date) -> list[HarvestLine]:
    """A member's recorded and pending entries between two local days, inclusive."""
    rows = await tx.all(
        _LINE + " WHERE h.member_id = ? AND h.day BETWEEN ? AND ? AND h.status <> 'cancelled'"
        " ORDER BY h.day, h.id",
        (member_id, first.isoformat(), last.isoformat()),
    )
    return [_line(r) for r in rows]


async def lines(tx: Tx, harvest_ids: list[int]) -> list[HarvestLine]:
    """Entries by id, with names, in id order."""
    if not harvest_ids:
        return []
    rows = await tx.all(_LINE + f" WHERE h.id IN ({marks(harvest_ids)}) ORDER BY h.id", harvest_ids)
    return [_line(r) for r in rows]


async def recent_amounts(
    tx: Tx,
    member_id: int,
    since: date,
    products: Collection[int],
    per_product: int = 20,
) -> dict[int, list[int]]:
    """This member's latest recorded amounts of each product asked for, since a day (to tell
    an unusual amount): at most `per_product` of each (the newest), read from the index
    (member, product, day, id, amount) alone, however long the history."""
    ids = sorted(products)
    found: dict[int, list[int]] = {}
    joined = tx.dialect == "sqlite"
    for start in range(0, len(ids), _PRODUCTS_A_READ):
        chunk = ids[start : start + _PRODUCTS_A_READ]
        params: list[Any] = []
        for product_id in chunk:
            params += [product_id] if joined else []
            params += [member_id, product_id, since.isoformat(), per_product]
        if joined:  # one row a product, its amounts joined: 20 rows cost twice as much
            sql = " UNION ALL ".join([_LATEST_JOINED] * len(chunk))
            for product_id, amounts in await tx.tuples(sql, params):
                if amounts:
                    found[product_id] = [int(a) for a in amounts.split(",")]
            continue
        # One product (most messages) reads its index range directly; several are joined,
        # each in a subquery of its own for its ORDER BY and LIMIT.
        sql = _LATEST_ONE if len(chunk) == 1 else " UNION ALL ".join([_LATEST] * len(chunk))
        rows = await tx.tuples(sql, params)
        for product_id, amount in rows:
            found.setdefault(product_id, []).append(amount)
    return found


# One product's latest amounts; a read joins one of these for each product asked for, at
# most this many (a whole catalogue is asked for when a name is unknown), well within
# SQLite's limits on compound selects (500) and parameters (999 before 3.32).
_LATEST = (
    "SELECT product_id, amount FROM (SELECT product_id, amount FROM harvests"
    " WHERE member_id = ? AND product_id = ? AND status = 'recorded' AND day >= ?"
    " ORDER BY day DESC, id DESC LIMIT ?) AS latest"
)
_LATEST_ONE = (
    "SELECT product_id, amount FROM harvests"
    " WHERE member_id = ? AND product_id = ? AND status = 'recorded' AND day >= ?"
    " ORDER BY day DESC, id DESC LIMIT ?"
)
# SQLite: the same read, the amounts of each product joined into one text (their order does
# not matter: only their median is used): 26 -> 15 µs a product at 100,000 entries.
_LATEST_JOINED = (
    "SELECT ? AS product_id, group_concat(amount) FROM (SELECT amount FROM harvests"
    " WHERE member_id = ? AND product_id = ? AND status = 'recorded' AND day >= ?"
    " ORDER BY day DESC, id DESC LIMIT ?)"
)
_PRODUCTS_A_READ = 50


async def add_many(tx: Tx, rows: list[dict[str, Any]], now: datetime) -> None:
    """Insert recorded entries in bulk (an import, or a benchmark's history); an entry whose
    (channel, message_ref, item) exists is left as it is."""
    stamp = to_db_time(now)
    await tx.execute_many(
        "INSERT INTO harvests (cooperative_id, member_id, product_id, amount, day, plot,"
        " status, recorded_by, channel, message_ref, item, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'recorded', ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (channel, message_ref, item) DO NOTHING",
        [(r["cooperative_id"], r["member_id"], r["product_id"], r["amount"],
          r["day"].isoformat(), r.get("plot"), r.get("recorded_by", r["member_id"]),
          r["channel"], r["message_ref"], r.get("item", 0), stamp, stamp) for r in rows],
    )


async def set_interval_warning(tx: Tx, harvest_id: int, warning: str) -> None:
    """Flag an entry harvested inside a spray's pre-harvest interval (the reports show it)."""
    await tx.execute("UPDATE harvests SET interval_warning = ? WHERE id = ?",
                     (warning, harvest_id))
