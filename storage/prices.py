"""Buying prices with their history, and the record of daily bulletins."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time


class Price(BaseModel):
    """What a cooperative pays for a product from a day on: `dong` per `per_base` base units."""

    model_config = ConfigDict(frozen=True)

    id: int
    cooperative_id: int
    product_id: int
    dong: int
    per_base: int
    unit: str
    valid_from: date
    set_by: int | None
    created_at: datetime


def _price(row: dict) -> Price:
    return Price(
        **{
            **row,
            "valid_from": date.fromisoformat(row["valid_from"]),
            "created_at": from_db_time(row["created_at"]),
        }
    )


async def add_price(
    tx: Tx,
    cooperative_id: int,
    product_id: int,
    dong: int,
    per_base: int,
    unit: str,
    valid_from: date,
    set_by: int | None,
    now: datetime,
) -> Price:
    """Record a price from a day on; earlier prices stay as history."""
    row = await tx.one(
        "INSERT INTO prices (cooperative_id, product_id, dong, per_base, unit, valid_from,"
        " set_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (cooperative_id, product_id, dong, per_base, unit, valid_from.isoformat(), set_by,
         to_db_time(now)),
    )
    assert row is not None
    return _price(row)


async def prices_on(tx: Tx, cooperative_id: int, day: date) -> dict[int, Price]:
    """The price of each product on a day: the newest set on or before it (by product id)."""
    rows = await tx.all(
        "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id"
        "  ORDER BY valid_from DESC, id DESC) AS n FROM prices"
        "  WHERE cooperative_id = ? AND valid_from <= ?) WHERE n = 1",
        (cooperative_id, day.isoformat()),
    )
    return {r["product_id"]: _price({k: v for k, v in r.items() if k != "n"}) for r in rows}


async def next_after(tx: Tx, cooperative_id: int, product_id: int, day: date) -> Price | None:
    """The price in force from the first day after `day` that has one of its own, if any."""
    row = await tx.one(
        "SELECT * FROM prices WHERE cooperative_id = ? AND product_id = ? AND valid_from > ?"
        " ORDER BY valid_from, id DESC LIMIT 1",
        (cooperative_id, product_id, day.isoformat()),
    )
    return _price(row) if row is not None else None


async def history(tx: Tx, cooperative_id: int, product_id: int, limit: int = 10) -> list[Price]:
    """A product's prices, newest first."""
    rows = await tx.all(
        "SELECT * FROM prices WHERE cooperative_id = ? AND product_id = ?"
        " ORDER BY valid_from DESC, id DESC LIMIT ?",
        (cooperative_id, product_id, limit),
    )
    return [_price(r) for r in rows]


async def claim_bulletin_day(tx: Tx, cooperative_id: int, day: date, now: datetime) -> bool:
    """Note that today's bulletin of a cooperative is being sent; False when it already was."""
    changed = await tx.execute(
        "INSERT INTO bulletins (cooperative_id, day, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (cooperative_id, day) DO NOTHING",
        (cooperative_id, day.isoformat(), to_db_time(now)),
    )
    return changed == 1


async def set_bulletin_announcement(
    tx: Tx, cooperative_id: int, day: date, announcement_id: int
) -> None:
    """Link a day's bulletin to the announcement that carries it."""
    await tx.execute(
        "UPDATE bulletins SET announcement_id = ? WHERE cooperative_id = ? AND day = ?",
        (announcement_id, cooperative_id, day.isoformat()),
    )


async def bulletin_sent(tx: Tx, cooperative_id: int, day: date) -> bool:
    """Whether a cooperative's bulletin of that day was handled (sent or skipped)."""
    found = await tx.value(
        "SELECT 1 FROM bulletins WHERE cooperative_id = ? AND day = ?",
        (cooperative_id, day.isoformat()),
    )
    return found is not None


async def bulletin_audience(
    tx: Tx, cooperative_id: int, product_ids: list[int], since: date
) -> list[int]:
    """Members who want bulletins and deliver one of these products (recorded since `since`),
    or have recorded nothing yet: a new member has not shown what they grow."""
    products = marks(product_ids) or "NULL"
    rows = await tx.all(
        "SELECT m.id FROM members m WHERE m.cooperative_id = ? AND m.role = 'member'"
        " AND m.active = 1 AND m.announcements_off = 0 AND ("
        f"  EXISTS (SELECT 1 FROM harvests h WHERE h.member_id = m.id AND h.day >= ?"
        f"          AND h.status = 'recorded' AND h.product_id IN ({products}))"
        "  OR NOT EXISTS (SELECT 1 FROM harvests h WHERE h.member_id = m.id"
        "                 AND h.status = 'recorded'))"
        " ORDER BY m.id",
        (cooperative_id, since.isoformat(), *product_ids),
    )
    return [r["id"] for r in rows]


async def price_rows(tx: Tx, cooperative_ids: list[int], up_to: date) -> list[Price]:
    """Every price of these cooperatives that starts on or before `up_to` (for valuing a
    period day by day)."""
    coops = marks(cooperative_ids) or "NULL"
    rows = await tx.all(
        f"SELECT * FROM prices WHERE cooperative_id IN ({coops}) AND valid_from <= ?"
        " ORDER BY valid_from, id",
        (*cooperative_ids, up_to.isoformat()),
    )
    return [_price(r) for r in rows]
