"""The outbox repository: one row per recipient, claimed by priority, settled once."""

from __future__ import annotations

from datetime import timedelta

from handlers import outbox as announcements
from storage import members, orgs, outbox
from storage.db import Database
from tests.support import Clock, sqlite_only


async def _people(db: Database, clock: Clock, count: int, first_chat: int = 100) -> list[int]:
    async with db.transaction() as tx:
        coop = await orgs.add_cooperative(tx, "HTX Chè", None, None, "Asia/Ho_Chi_Minh", clock())
        ids = []
        for n in range(count):
            m = await members.add_member(tx, f"Người {n}", "member", clock(),
                                         cooperative_id=coop.id)
            await members.link_identity(tx, "telegram", str(first_chat + n), m.id, clock())
            ids.append(m.id)
    return ids


async def test_enqueue_writes_one_pending_row_per_reachable_recipient(db, clock):
    ids = await _people(db, clock, 5)
    async with db.transaction() as tx:
        await outbox.set_reachable(tx, "telegram", "101", False)
        nobody = await members.add_member(tx, "Chưa nối", "member", clock(), cooperative_id=1)
    a = await announcements.enqueue(db, "bulletin", "Giá chè", [*ids, ids[0], nobody.id], clock())
    assert (a.total, a.blocked, a.pending, a.status) == (5, 1, 4, "sending")
    async with db.transaction() as tx:
        rows = await outbox.deliveries_of(tx, a.id)
    assert [(r.external_id, r.status, r.priority) for r in rows] == [
        ("100", "pending", 1), ("101", "blocked", 1), ("102", "pending", 1),
        ("103", "pending", 1), ("104", "pending", 1),
    ]
    assert rows[1].last_error == outbox.UNREACHABLE


async def test_enqueue_rolls_back_with_the_callers_transaction(db, clock):
    ids = await _people(db, clock, 3)
    try:
        async with db.transaction() as tx:
            await announcements.enqueue(tx, "broadcast", "Tin", ids, clock())
            raise RuntimeError("the confirmation failed")
    except RuntimeError:
        pass
    async with db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM deliveries") == 0
        assert await tx.value("SELECT COUNT(*) FROM announcements") == 0


async def _claim_all(db: Database, clock: Clock, busy: list[str] | None = None) -> list[str]:
    order = []
    while True:
        async with db.transaction() as tx:
            claimed = await outbox.claim_next(tx, "telegram", clock(), busy or [])
        if claimed is None:
            return order
        order.append(claimed[1].text + ":" + claimed[0].external_id)


async def test_claims_go_reminders_then_bulletins_then_broadcasts(db, clock):
    ids = await _people(db, clock, 2)
    for kind in ("broadcast", "bulletin", "reminder"):  # queued in the opposite order
        await announcements.enqueue(db, kind, kind, ids, clock())
    assert await _claim_all(db, clock) == [
        "reminder:100", "reminder:101", "bulletin:100", "bulletin:101",
        "broadcast:100", "broadcast:101",
    ]


async def test_busy_chats_and_retries_not_yet_due_wait(db, clock):
    ids = await _people(db, clock, 3)
    await announcements.enqueue(db, "broadcast", "tin", ids, clock())
    async with db.transaction() as tx:
        first, _ = await outbox.claim_next(tx, "telegram", clock(), ["100"])
        assert first.external_id == "101" and first.attempts == 1
        await outbox.retry_later(tx, first.id, clock() + timedelta(seconds=30), "502")
    assert await _claim_all(db, clock) == ["tin:100", "tin:102"]
    clock.advance(seconds=31)
    assert await _claim_all(db, clock) == ["tin:101"]


async def test_settling_counts_once_and_finishes_the_announcement(db, clock):
    ids = await _people(db, clock, 3)
    a = await announcements.enqueue(db, "broadcast", "tin", ids, clock())
    async with db.transaction() as tx:
        one, _ = await outbox.claim_next(tx, "telegram", clock())
        two, _ = await outbox.claim_next(tx, "telegram", clock())
        three, _ = await outbox.claim_next(tx, "telegram", clock())
        assert not await outbox.mark_sent(tx, one.id, clock(), "7")
        assert not await outbox.mark_sent(tx, one.id, clock(), "7")  # a second mark is ignored
        assert not await outbox.mark_blocked(tx, two.id, clock(), "403: blocked")
        assert await outbox.mark_failed(tx, three.id, clock(), "502 x5")
        assert await outbox.is_reachable(tx, "telegram", two.external_id) is False
        done = await outbox.get_announcement(tx, a.id)
    assert (done.sent, done.blocked, done.failed, done.pending, done.status) == (1, 1, 1, 0, "done")


async def test_rows_in_flight_at_a_crash_go_back_to_pending(db, clock):
    ids = await _people(db, clock, 4)
    await announcements.enqueue(db, "broadcast", "tin", ids, clock())
    async with db.transaction() as tx:
        await outbox.claim_next(tx, "telegram", clock())
        await outbox.claim_next(tx, "telegram", clock())
    async with db.transaction() as tx:
        assert await outbox.release_in_flight(tx, "telegram") == 2
        assert await outbox.release_in_flight(tx, "telegram") == 0
    assert len(await _claim_all(db, clock)) == 4


async def test_the_due_query_walks_the_priority_index(db):
    sqlite_only(db, "the plan is SQLite's; PostgreSQL's planner chooses by table statistics")
    async with db.transaction() as tx:
        plan = await tx.all(
            "EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE channel = 'telegram'"
            " AND status = 'pending' AND next_attempt_at <= 'z' ORDER BY priority, id LIMIT 1"
        )
    text = " ".join(r["detail"] for r in plan)
    assert "deliveries_due" in text and "TEMP B-TREE" not in text
