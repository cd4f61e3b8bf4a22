"""The catalogue read once per transaction, and never stale inside it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage import orgs, products

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


async def _coop(db) -> int:
    async with db.transaction() as tx:
        coop = await orgs.add_cooperative(tx, "HTX Chè", None, None, "Asia/Ho_Chi_Minh", NOW)
        await products.seed(tx, coop.id, [{"name": "chè", "unit": "kg", "kind": "weight"}], NOW)
    return coop.id


def _names(rows) -> list[str]:
    return [row[1] for row in rows]


@pytest.mark.parametrize("way", ["transaction", "run"])
async def test_a_transaction_sees_its_own_catalogue_changes(db, way):
    coop = await _coop(db)

    async def work(tx):
        seen = [_names(await products.catalogue_rows(tx, coop))]
        made = await products.add_product(tx, coop, "quế", [], "kg", "weight", None, NOW)
        seen.append(_names(await products.catalogue_rows(tx, coop)))
        await products.update_product(tx, made.id, name="quế vỏ")
        seen.append(_names(await products.catalogue_rows(tx, coop)))
        await products.update_product(tx, made.id, hidden=True)
        seen.append(_names(await products.catalogue_rows(tx, coop)))
        return seen

    if way == "run":
        seen = await db.run(work)
    else:
        async with db.transaction() as tx:
            seen = await work(tx)
    assert seen == [["chè"], ["chè", "quế"], ["chè", "quế vỏ"], ["chè"]]


async def test_a_rolled_back_savepoint_leaves_no_stale_catalogue(db):
    coop = await _coop(db)

    async def work(tx):
        await products.catalogue_rows(tx, coop)
        with pytest.raises(RuntimeError):
            async with tx.savepoint():
                await products.add_product(tx, coop, "na", [], "kg", "weight", None, NOW)
                assert _names(await products.catalogue_rows(tx, coop)) == ["chè", "na"]
                raise RuntimeError("the handler failed")
        return _names(await products.catalogue_rows(tx, coop))

    assert await db.run(work) == ["chè"]  # "na" was undone; the catalogue read with it too


async def test_each_transaction_reads_the_catalogue_afresh(db):
    coop = await _coop(db)
    async with db.transaction() as tx:
        assert _names(await products.catalogue_rows(tx, coop)) == ["chè"]
    async with db.transaction() as tx:  # another transaction (another process, say)
        await products.add_product(tx, coop, "nấm", [], "kg", "weight", None, NOW)
    async with db.transaction() as tx:
        assert _names(await products.catalogue_rows(tx, coop)) == ["chè", "nấm"]
