"""A cooperative's product catalogue, as the parser needs it; seeded on first use."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

from messages.product_seed import DEFAULT_PRODUCTS
from messages.products import ProductEntry
from storage import products
from storage.db import Tx
from storage.models import Product


def as_entry(product: Product) -> ProductEntry:
    """The parser's view of a stored product."""
    return ProductEntry(
        id=product.id,
        name=product.name,
        aliases=product.aliases,
        unit=product.unit,
        kind=product.kind,  # type: ignore[arg-type]
        max_per_entry=product.max_per_entry,
    )


async def ensure_seeded(tx: Tx, cooperative_id: int, now: datetime) -> None:
    """Give a cooperative the default catalogue if it has never had one."""
    if await products.count(tx, cooperative_id) == 0:
        await products.seed(tx, cooperative_id, DEFAULT_PRODUCTS, now)


async def entries(tx: Tx, cooperative_id: int, now: datetime) -> tuple[ProductEntry, ...]:
    """The visible products of a cooperative, for reading messages.

    Every message reads the rows (one cheap query, so an edit counts at once), but the
    entries are built only when the rows differ from last time, and are then the same
    tuple: the reader's product index, found for it, is reused by identity.
    """
    rows = await products.catalogue_rows(tx, cooperative_id)
    if not rows:  # never seeded, or every product hidden: only then is counting needed
        await ensure_seeded(tx, cooperative_id, now)
        rows = await products.catalogue_rows(tx, cooperative_id)
    return _built(rows)


@lru_cache(maxsize=256)
def _built(rows: tuple[products.CatalogueRow, ...]) -> tuple[ProductEntry, ...]:
    return tuple(
        ProductEntry(
            id=pid, name=name, aliases=json.loads(aliases), unit=unit, kind=kind, max_per_entry=cap
        )
        for pid, name, aliases, unit, kind, cap in rows
    )
