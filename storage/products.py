"""Each cooperative's product catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from storage.db import Tx, to_db_time
from storage.models import Product


def _product(row: dict[str, Any]) -> Product:
    fields = {k: v for k, v in row.items() if k != "created_at"}
    fields.update(aliases=json.loads(row["aliases"]), hidden=bool(row["hidden"]))
    return Product(**fields)


async def seed(
    tx: Tx, cooperative_id: int, entries: Iterable[Mapping[str, Any]], now: datetime
) -> int:
    """Add the default products a cooperative does not have yet; return how many were added."""
    _changed(tx, cooperative_id)
    added = 0
    for entry in entries:
        added += await tx.execute(
            "INSERT INTO products (cooperative_id, name, aliases, unit, kind, max_per_entry,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (cooperative_id, name) DO NOTHING",
            (
                cooperative_id,
                entry["name"],
                json.dumps(list(entry.get("aliases", [])), ensure_ascii=False),
                entry["unit"],
                entry["kind"],
                entry.get("max_per_entry"),
                to_db_time(now),
            ),
        )
    return added


async def count(tx: Tx, cooperative_id: int) -> int:
    """How many products (hidden too) a cooperative has."""
    return int(
        await tx.value("SELECT COUNT(*) FROM products WHERE cooperative_id = ?", (cooperative_id,))
    )


async def list_products(tx: Tx, cooperative_id: int, include_hidden: bool = False) -> list[Product]:
    """A cooperative's products, by name."""
    sql = "SELECT * FROM products WHERE cooperative_id = ?"
    if not include_hidden:
        sql += " AND hidden = 0"
    return [_product(r) for r in await tx.all(sql + " ORDER BY name, id", (cooperative_id,))]


CatalogueRow = tuple[int, str, str, str, str, int | None]


async def catalogue_rows(tx: Tx, cooperative_id: int) -> tuple[CatalogueRow, ...]:
    """The visible products as raw (id, name, aliases JSON, unit, kind, max_per_entry) rows.

    Raw and hashable, so the caller can keep what it builds from them until they change.
    Read once per transaction (a polled batch reads the catalogue for every message).
    """
    key = ("catalogue", cooperative_id)
    if key not in tx.memo:
        tx.memo[key] = await tx.tuples(
            "SELECT id, name, aliases, unit, kind, max_per_entry FROM products"
            " WHERE cooperative_id = ? AND hidden = 0 ORDER BY name, id",
            (cooperative_id,),
        )
    return tx.memo[key]  # type: ignore[no-any-return]


def _changed(tx: Tx, cooperative_id: int) -> None:
    """The catalogue this transaction read is stale: it is changing it."""
    tx.memo.pop(("catalogue", cooperative_id), None)


async def get_product(tx: Tx, product_id: int) -> Product | None:
    """One product by id."""
    row = await tx.one("SELECT * FROM products WHERE id = ?", (product_id,))
    return _product(row) if row else None


async def add_product(
    tx: Tx,
    cooperative_id: int,
    name: str,
    aliases: list[str],
    unit: str,
    kind: str,
    max_per_entry: int | None,
    now: datetime,
) -> Product | None:
    """Add a product; None when the cooperative already has one by that name."""
    _changed(tx, cooperative_id)
    row = await tx.one(
        "INSERT INTO products (cooperative_id, name, aliases, unit, kind, max_per_entry,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (cooperative_id, name) DO NOTHING RETURNING *",
        (cooperative_id, name, json.dumps(aliases, ensure_ascii=False), unit, kind,
         max_per_entry, to_db_time(now)),
    )
    return _product(row) if row else None


async def update_product(
    tx: Tx,
    product_id: int,
    *,
    name: str | None = None,
    aliases: list[str] | None = None,
    hidden: bool | None = None,
) -> bool:
    """Rename, re-alias, hide or show a product; False when the new name is taken."""
    current = await get_product(tx, product_id)
    if current is None:
        return False
    if name is not None and name != current.name:
        taken = await tx.value(
            "SELECT 1 FROM products WHERE cooperative_id = ? AND name = ? AND id <> ?",
            (current.cooperative_id, name, product_id),
        )
        if taken:
            return False
    _changed(tx, current.cooperative_id)
    await tx.execute(
        "UPDATE products SET name = ?, aliases = ?, hidden = ? WHERE id = ?",
        (
            name if name is not None else current.name,
            json.dumps(aliases if aliases is not None else current.aliases, ensure_ascii=False),
            int(hidden if hidden is not None else current.hidden),
            product_id,
        ),
    )
    return True
