"""Alliances and cooperatives."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, from_db_time, to_db_time
from storage.models import Alliance, Cooperative


def _alliance(row: dict) -> Alliance:
    return Alliance(**{**row, "created_at": from_db_time(row["created_at"])})


def _coop(row: dict) -> Cooperative:
    return Cooperative(**{**row, "created_at": from_db_time(row["created_at"])})


async def add_alliance(tx: Tx, name: str, province: str | None, now: datetime) -> Alliance:
    """Create an alliance."""
    row = await tx.one(
        "INSERT INTO alliances (name, province, created_at) VALUES (?, ?, ?) RETURNING *",
        (name, province, to_db_time(now)),
    )
    assert row is not None
    return _alliance(row)


async def get_alliance(tx: Tx, alliance_id: int) -> Alliance | None:
    """One alliance by id."""
    row = await tx.one("SELECT * FROM alliances WHERE id = ?", (alliance_id,))
    return _alliance(row) if row else None


async def list_alliances(tx: Tx) -> list[Alliance]:
    """Every alliance, oldest first."""
    return [_alliance(r) for r in await tx.all("SELECT * FROM alliances ORDER BY id")]


async def add_cooperative(
    tx: Tx, name: str, province: str | None, alliance_id: int | None, timezone: str, now: datetime
) -> Cooperative:
    """Create a cooperative."""
    row = await tx.one(
        "INSERT INTO cooperatives (name, province, alliance_id, timezone, created_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING *",
        (name, province, alliance_id, timezone, to_db_time(now)),
    )
    assert row is not None
    return _coop(row)


async def get_cooperative(tx: Tx, coop_id: int) -> Cooperative | None:
    """One cooperative by id."""
    row = await tx.one("SELECT * FROM cooperatives WHERE id = ?", (coop_id,))
    return _coop(row) if row else None


async def cooperative_timezone(tx: Tx, coop_id: int) -> str | None:
    """The cooperative's IANA time zone. A cooperative's zone is set once, when it is made, so
    it is read once per transaction (a polled batch asks for it on every harvest message)."""
    key = ("timezone", coop_id)
    zone = tx.memo.get(key)
    if zone is None:  # (None is not kept: the cooperative may be made later in this transaction)
        zone = await tx.value("SELECT timezone FROM cooperatives WHERE id = ?", (coop_id,))
        if zone is not None:
            tx.memo[key] = zone
    return zone  # type: ignore[no-any-return]


async def list_cooperatives(tx: Tx, alliance_id: int | None = None) -> list[Cooperative]:
    """Every cooperative, or those of one alliance."""
    if alliance_id is None:
        rows = await tx.all("SELECT * FROM cooperatives ORDER BY id")
    else:
        rows = await tx.all(
            "SELECT * FROM cooperatives WHERE alliance_id = ? ORDER BY id", (alliance_id,)
        )
    return [_coop(r) for r in rows]


async def set_alliance(tx: Tx, coop_id: int, alliance_id: int | None) -> Cooperative | None:
    """Put a cooperative into an alliance (None: into none); None when there is no such
    cooperative."""
    row = await tx.one("UPDATE cooperatives SET alliance_id = ? WHERE id = ? RETURNING *",
                       (alliance_id, coop_id))
    return _coop(row) if row else None


async def count_cooperatives(tx: Tx) -> int:
    """How many cooperatives exist."""
    return int(await tx.value("SELECT COUNT(*) FROM cooperatives"))


async def set_bulletin_time(tx: Tx, coop_id: int, hh_mm: str) -> None:
    """Set the local time (HH:MM) of a cooperative's daily price bulletin."""
    await tx.execute("UPDATE cooperatives SET bulletin_time = ? WHERE id = ?", (hh_mm, coop_id))


async def cooperatives_with_prices(tx: Tx) -> list[Cooperative]:
    """Cooperatives that have ever set a price (the only ones a bulletin can be about)."""
    rows = await tx.all(
        "SELECT * FROM cooperatives c WHERE EXISTS"
        " (SELECT 1 FROM prices p WHERE p.cooperative_id = c.id) ORDER BY c.id"
    )
    return [_coop(r) for r in rows]
