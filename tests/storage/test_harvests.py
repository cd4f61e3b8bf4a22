"""A member's latest amounts of each product: what an unusual amount is measured against."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from storage import harvests, members, orgs, products

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
DAY = date(2026, 11, 21)


async def _member_with_products(tx, count: int) -> tuple[int, int, list[int]]:
    coop = await orgs.add_cooperative(tx, "HTX Chè", None, None, "Asia/Ho_Chi_Minh", NOW)
    member = await members.add_member(tx, "Lan", "member", NOW, cooperative_id=coop.id)
    made = [
        await products.add_product(tx, coop.id, f"sản phẩm {n}", [], "kg", "weight", None, NOW)
        for n in range(count)
    ]
    return coop.id, member.id, [p.id for p in made if p is not None]


async def _add(tx, coop: int, member: int, product: int, amount: int, day: date, ref: str,
               status: str = "recorded") -> None:
    await harvests.add(
        tx, cooperative_id=coop, member_id=member, recorded_by=member, channel="telegram",
        message_ref=ref, item=0, day=day, now=NOW, status=status, product_id=product,
        amount=amount if status != "pending" else None,
    )


async def test_the_latest_recorded_amounts_of_each_product_asked_for(db):
    async with db.transaction() as tx:
        coop, lan, (tea, cinnamon, rice) = await _member_with_products(tx, 3)
        other = (await members.add_member(tx, "Hoa", "member", NOW, cooperative_id=coop)).id
        for n in range(25):  # 25 tea entries, one a day: only the newest 20 count
            await _add(tx, coop, lan, tea, 1000 + n, DAY - timedelta(days=n), f"t{n}")
        await _add(tx, coop, lan, cinnamon, 7, DAY - timedelta(days=200), "old")  # too old
        await _add(tx, coop, lan, cinnamon, 8, DAY, "c1")
        await _add(tx, coop, lan, cinnamon, 9, DAY, "c2", status="cancelled")
        await _add(tx, coop, lan, cinnamon, 0, DAY, "c3", status="pending")
        await _add(tx, coop, other, rice, 5, DAY, "h1")  # another member's
        found = await harvests.recent_amounts(
            tx, lan, DAY - timedelta(days=180), [tea, cinnamon, rice]
        )
    assert sorted(found[tea]) == list(range(1000, 1020))  # the 20 newest days
    assert found[cinnamon] == [8]
    assert rice not in found
    assert set(found) == {tea, cinnamon}


async def test_a_whole_catalogue_is_read_in_several_statements(db):
    async with db.transaction() as tx:
        coop, lan, ids = await _member_with_products(tx, 120)  # more than one read's worth
        for n, product in enumerate(ids):
            await _add(tx, coop, lan, product, n + 1, DAY, f"m{n}")
        found = await harvests.recent_amounts(tx, lan, DAY, ids, per_product=5)
        assert await harvests.recent_amounts(tx, lan, DAY, []) == {}
    assert found == {product: [n + 1] for n, product in enumerate(ids)}


async def test_an_entry_is_added_once_with_its_own_id(db):
    async with db.transaction() as tx:
        coop, lan, (tea,) = await _member_with_products(tx, 1)

    async def add(tx, ref: str, amount: int):
        return await harvests.add(
            tx, cooperative_id=coop, member_id=lan, recorded_by=lan, channel="telegram",
            message_ref=ref, item=0, day=DAY, now=NOW, status="recorded", product_id=tea,
            amount=amount)

    async def twice(tx, ref: str):
        first = await add(tx, ref, 1_000)
        await add(tx, "other" + ref, 2_000)  # another row in between: a later last row id
        again = await add(tx, ref, 3_000)  # the same message item: not added, not changed
        return first, again

    async with db.transaction() as tx:  # a transaction awaited statement by statement
        found = [await twice(tx, "a")]
    found.append(await db.run(lambda tx: twice(tx, "b")))  # one run on the database's thread
    async with db.transaction() as tx:
        rows = await tx.tuples("SELECT id, message_ref, amount FROM harvests ORDER BY id")
    assert [again for _, again in found] == [None, None]
    assert [(first.id, first.message_ref, first.amount) for first, _ in found] == [
        row for row in rows if row[1] in ("a", "b")
    ]
    assert len(rows) == 4
