"""Batch claims and batch settlement of the outbox: urgent first, each row settled once, the
announcement's counters exact whatever the sequence (a hypothesis property)."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers import outbox as announcements
from storage import outbox
from storage.db import Database, open_database
from storage.migrate import migrate
from storage.outbox import Outcome
from tests.sqlite_template import copy_migrated
from tests.storage.test_outbox import _people
from tests.support import Clock


async def test_a_batch_is_claimed_urgent_first_with_each_content_read_once(db, clock):
    ids = await _people(db, clock, 3)
    a = await announcements.enqueue(db, "broadcast", "Tin chung", ids, clock())
    b = await announcements.enqueue(db, "broadcast", "⚠️ Lũ", ids, clock(), urgent=True)
    async with db.transaction() as tx:
        first, contents = await outbox.claim_batch(tx, "telegram", 4, clock())
        rest, _ = await outbox.claim_batch(tx, "telegram", 10, clock())
        nothing, _ = await outbox.claim_batch(tx, "telegram", 10, clock())
        in_flight = await tx.value("SELECT COUNT(*) FROM deliveries WHERE status = 'sending'")
    assert [(c.announcement_id, c.external_id) for c in first] == [
        (b.id, "100"), (b.id, "101"), (b.id, "102"), (a.id, "100")]
    assert {i: c.text for i, c in contents.items()} == {a.id: "Tin chung", b.id: "⚠️ Lũ"}
    assert [c.external_id for c in rest] == ["101", "102"] and nothing == []
    assert all(c.attempts == 1 for c in first + rest) and in_flight == 6


async def test_on_postgresql_two_processes_claiming_batches_at_once_take_different_rows(
    db, clock, database_url
):
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer: a second claim waits for the first's commit")
    ids = await _people(db, clock, 6)
    await announcements.enqueue(db, "broadcast", "Tin chung", ids, clock())
    other = await open_database(database_url)
    try:
        async with db.transaction() as tx:  # a's batch, not committed yet: its rows locked
            mine, _ = await outbox.claim_batch(tx, "telegram", 2, clock())

            async def theirs_now() -> list:
                async with other.transaction() as tx2:
                    claimed, _ = await outbox.claim_batch(tx2, "telegram", 3, clock())
                return claimed

            # b claims meanwhile on its own connection: SKIP LOCKED passes a's rows by
            theirs = await asyncio.wait_for(theirs_now(), timeout=5)
        assert len(mine) == 2 and len(theirs) == 3  # exactly the limit (a plain IN-subquery
        assert not {c.id for c in mine} & {c.id for c in theirs}  # claimed more on PostgreSQL)
        async with db.transaction() as tx:
            last, _ = await outbox.claim_batch(tx, "telegram", 10, clock())
            sending = await tx.value("SELECT COUNT(*) FROM deliveries WHERE status = 'sending'")
        assert len(last) == 1 and sending == 6
        assert not {c.id for c in last} & {c.id for c in [*mine, *theirs]}
    finally:
        await other.close()


async def test_settling_a_batch_counts_each_row_once_and_finishes_the_announcement(db, clock):
    ids = await _people(db, clock, 4)
    a = await announcements.enqueue(db, "broadcast", "Tin", ids, clock())
    async with db.transaction() as tx:
        claimed, _ = await outbox.claim_batch(tx, "telegram", 4, clock())
        one, two, three, four = (c.id for c in claimed)
        later = clock() + timedelta(seconds=30)
        done = await outbox.settle_batch(tx, [
            Outcome(one, "sent", message_ref="7"), Outcome(one, "failed", "ignored"),
            Outcome(two, "blocked", "403: blocked"),
            Outcome(three, "pending", "429", when=later, count_attempt=False),
            Outcome(four, "pending", "502", when=later),
        ], clock())
        assert done == set()
        again = await outbox.settle_batch(tx, [Outcome(one, "failed", "late")], clock())
        assert again == set()  # settled already: nothing changes
        rows = {d.id: d for d in await outbox.deliveries_of(tx, a.id)}
        assert await outbox.is_reachable(tx, "telegram", rows[two].external_id) is False
        assert (rows[three].attempts, rows[four].attempts) == (0, 1)  # a 429 is not a try
        clock.advance(seconds=31)
        back, _ = await outbox.claim_batch(tx, "telegram", 10, clock())
        finished = await outbox.settle_batch(
            tx, [Outcome(c.id, "sent", message_ref=str(c.id)) for c in back], clock())
        found = await outbox.get_announcement(tx, a.id)
    assert sorted(c.id for c in back) == sorted([three, four]) and finished == {a.id}
    assert (found.sent, found.blocked, found.failed, found.status) == (3, 1, 0, "done")
    assert rows[one].message_ref == "7" and rows[one].status == "sent"


steps = st.lists(
    st.one_of(
        st.tuples(st.just("claim"), st.integers(1, 5)),
        st.tuples(st.just("settle"), st.lists(
            st.sampled_from(["sent", "blocked", "failed", "pending", "again", "unreached"]),
            min_size=1, max_size=6)),
        st.tuples(st.just("crash"), st.just(0)),
        st.tuples(st.just("urgent"), st.just(0)),
    ),
    min_size=4, max_size=30,
)


async def _play(folder: Path, sequence: list) -> None:
    db = await Database.open(await copy_migrated(folder / "htx.db"))
    clock = Clock()
    try:
        await migrate(db)
        ids = await _people(db, clock, 6)
        made = [await announcements.enqueue(db, "broadcast", "Tin", ids, clock())]
        held: list = []  # claimed, in claim order
        settled: dict[int, str] = {}
        for kind, arg in sequence:
            async with db.transaction() as tx:
                if kind == "claim":
                    claimed, _ = await outbox.claim_batch(tx, "telegram", arg, clock())
                    assert not {c.id for c in claimed} & ({c.id for c in held} | set(settled))
                    assert [(c.priority, c.id) for c in claimed] == sorted(
                        (c.priority, c.id) for c in claimed)
                    due = await tx.value(
                        "SELECT MIN(priority) FROM deliveries WHERE status = 'pending'")
                    assert due is None or not claimed or claimed[-1].priority <= due
                    held += claimed
                elif kind == "settle":
                    outcomes = []
                    for status, row in zip(arg, list(held), strict=False):
                        if status == "again" and settled:  # a late second report
                            outcomes.append(Outcome(next(iter(settled)), "sent"))
                            continue
                        outcomes.append(Outcome(row.id, "sent" if status == "again" else status,
                                                when=clock(), reason="zns_refused"))
                        held.remove(row)
                        if status != "pending":
                            settled[row.id] = "sent" if status == "again" else status
                    await outbox.settle_batch(tx, outcomes, clock())
                elif kind == "crash":
                    assert await outbox.release_in_flight(tx, "telegram") == len(held)
                    held = []
                else:
                    made.append(await announcements.enqueue(
                        tx, "broadcast", "⚠️", ids, clock(), urgent=True))
                for a in made:
                    rows = await outbox.deliveries_of(tx, a.id)
                    found = await outbox.get_announcement(tx, a.id)
                    for status in ("sent", "blocked"):
                        assert getattr(found, status) == sum(r.status == status for r in rows)
                    # a not-reached row (Zalo/ZNS) is `failed` with its reason, counted apart
                    assert found.failed == sum(r.status == "failed" and not r.reason for r in rows)
                    assert found.unreached == sum(r.status == "failed" and r.reason is not None
                                                  for r in rows)
                    for r in rows:
                        if r.id in settled:  # a final status never changes
                            want = settled[r.id]
                            assert (r.status, r.reason) == (
                                ("failed", "zns_refused") if want == "unreached" else (want, None))
                    assert (found.status == "done") == (found.pending == 0)
    finally:
        await db.close()


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_counters_match_the_rows_and_final_states_hold_for_any_sequence(sequence):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder), sequence))
