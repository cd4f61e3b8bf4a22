"""Inbox claims and leases: what several processes on one database hold, and for how long."""

from __future__ import annotations

import asyncio
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import inbox, leases
from storage.db import Database, open_database
from storage.inbox import Claim
from storage.migrate import migrate
from tests.sqlite_template import copy_migrated
from tests.support import START

LEASE = timedelta(seconds=30)
BACKENDS = [  # as tests/conftest.py: both unless HTX_TEST_BACKENDS says one
    name for name in os.environ.get("HTX_TEST_BACKENDS", "sqlite,postgresql").split(",") if name
]


async def _store(db: Database, ref: str, claim: Claim | None, now: datetime) -> None:
    async with db.transaction() as tx:
        await inbox.store(tx, "telegram", ref, {"update_id": 1}, '{"x": 1}', now, claim)


async def _claim(db: Database, holder: str, now: datetime) -> list[str]:
    async with db.transaction() as tx:
        rows = await inbox.claim(tx, "telegram", Claim(holder, now + LEASE), now)
    return [r.message_ref for r in rows]


async def test_a_stored_row_is_its_process_s_until_the_claim_runs_out_unless_renewed(db):
    now = START
    await _store(db, "1:1", Claim("a", now + LEASE), now)
    await _store(db, "1:2", None, now)  # stored by polling, held by nobody
    assert await _claim(db, "b", now + timedelta(seconds=10)) == ["1:2"]
    async with db.transaction() as tx:  # a renews at 20 s: its row is its own to 50 s
        assert await inbox.renew(tx, Claim("a", now + timedelta(seconds=50))) == 1
    assert await _claim(db, "b", now + timedelta(seconds=31)) == []
    async with db.transaction() as tx:  # b renews what it holds at 35 s
        assert await inbox.renew(tx, Claim("b", now + timedelta(seconds=65))) == 1
    taken = await _claim(db, "b", now + timedelta(seconds=51))  # a died: b takes it over
    assert taken == ["1:1"]
    async with db.transaction() as tx:
        row = await inbox.get(tx, "telegram", "1:1")
        assert row is not None and row.claimed_by == "b"
        await inbox.finish(tx, "telegram", "1:1", "[]", now)
        await inbox.finish(tx, "telegram", "1:2", "[]", now)
        await inbox.mark_many_replied(tx, [("telegram", "1:1"), ("telegram", "1:2")])
    assert await _claim(db, "c", now + timedelta(hours=1)) == []  # finished rows stay put


async def test_a_lease_has_one_holder_until_it_runs_out_or_is_given_up(db):
    now = START
    async with db.transaction() as tx:
        assert await leases.take(tx, "outbox", "a", now, now + LEASE)
        assert not await leases.take(tx, "outbox", "b", now, now + LEASE)
        assert await leases.take(tx, "outbox", "a", now + timedelta(seconds=10),
                                 now + timedelta(seconds=40))  # renewed
        assert not await leases.take(tx, "outbox", "b", now + timedelta(seconds=35),
                                     now + timedelta(seconds=65))
        assert await leases.take(tx, "outbox", "b", now + timedelta(seconds=41),
                                 now + timedelta(seconds=71))  # a stopped renewing
        assert not await leases.take(tx, "outbox", "a", now + timedelta(seconds=42),
                                     now + timedelta(seconds=72))
        await leases.give_up(tx, "outbox", "a")  # not a's: nothing happens
        assert await leases.holder_of(tx, "outbox") == "b"
        await leases.give_up(tx, "outbox", "b")
        assert await leases.take(tx, "outbox", "a", now + timedelta(seconds=43),
                                 now + timedelta(seconds=73))


# -- every sequence of actions by three processes, each on its own connection ----------------

ACTION = st.tuples(
    st.sampled_from(["store", "sweep", "renew", "take", "kill", "wait"]),
    st.integers(0, 2),  # which process
    st.integers(1, 40),  # seconds to wait
)


@dataclass
class Model:
    now: datetime = START
    alive: set[int] = field(default_factory=lambda: {0, 1, 2})
    rows: dict[str, tuple[int | None, datetime | None]] = field(default_factory=dict)
    lease: tuple[int, datetime] | None = None


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTION, min_size=1, max_size=25))
def test_claims_and_leases_follow_the_model_for_every_sequence(backend, request, actions):
    """Whatever the processes do and whenever they die: a row is taken over only once its
    claim has run out, by one process; the lease has at most one holder at any moment; and
    in the end a live process sweeping holds every row a dead one held."""
    if backend == "postgresql":
        cluster = request.getfixturevalue("postgres")
        name = cluster.fresh()
        try:
            asyncio.run(_play(cluster.url(name), actions))
        finally:
            cluster.release(name)  # emptied for the next example (copying one costs 20 times more)
        return
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(copy_migrated(Path(folder) / "htx.db"))
        asyncio.run(_play(f"sqlite:///{folder}/htx.db", actions))


async def _play(url: str, actions: list[tuple[str, int, int]]) -> None:
    first = await open_database(url)
    await migrate(first)
    dbs = [first, await open_database(url), await open_database(url)]
    model = Model()
    try:
        for n, (kind, p, seconds) in enumerate(actions):
            if kind == "wait":
                model.now += timedelta(seconds=seconds)
            elif p not in model.alive:
                continue  # a dead process does nothing
            elif kind == "kill":
                if len(model.alive) > 1:
                    model.alive.discard(p)
            elif kind == "store":
                ref = f"1:{n}"
                await _store(dbs[p], ref, Claim(str(p), model.now + LEASE), model.now)
                model.rows[ref] = (p, model.now + LEASE)
            elif kind == "renew":
                async with dbs[p].transaction() as tx:
                    await inbox.renew(tx, Claim(str(p), model.now + LEASE))
                for ref, (holder, _) in model.rows.items():
                    if holder == p:
                        model.rows[ref] = (p, model.now + LEASE)
            elif kind == "sweep":
                expect = sorted(
                    (ref for ref, (_, until) in model.rows.items()
                     if until is None or until < model.now),
                    key=lambda r: int(r.split(":")[1]),
                )
                assert await _claim(dbs[p], str(p), model.now) == expect
                for ref in expect:
                    model.rows[ref] = (p, model.now + LEASE)
            elif kind == "take":
                async with dbs[p].transaction() as tx:
                    got = await leases.take(tx, "outbox", str(p), model.now, model.now + LEASE)
                free = (model.lease is None or model.lease[0] == p
                        or model.lease[1] < model.now)
                assert got == free
                if got:
                    model.lease = (p, model.now + LEASE)
        # The end: past every claim, a live process sweeps and holds what the dead held.
        model.now += LEASE * 2
        live = min(model.alive)
        await _claim(dbs[live], str(live), model.now)
        async with dbs[live].transaction() as tx:
            holders = {r["claimed_by"] for r in await tx.all("SELECT claimed_by FROM inbox")}
        assert holders <= {str(live)}
    finally:
        for db in dbs:
            await db.close()


async def test_a_restart_on_the_same_address_takes_back_its_predecessor_s_rows_only(db):
    now = START
    await _store(db, "1:1", Claim("host:127.0.0.1/8081:100:aa", now + LEASE), now)
    await _store(db, "1:2", Claim("host:127.0.0.1/8082:101:bb", now + LEASE), now)
    await _store(db, "1:3", Claim("host:127.0.0.1/8081:102:cc", now + LEASE), now)  # the new
    async with db.transaction() as tx:
        assert await inbox.release(tx, "host:127.0.0.1/8081:", "host:127.0.0.1/8081:102:cc") == 1
    assert await _claim(db, "host:127.0.0.1/8081:102:cc", now) == ["1:1"]
    async with db.transaction() as tx:  # a clean stop lets go of its own
        assert await inbox.release(tx, "host:127.0.0.1/8082:101:bb") == 1
    assert await _claim(db, "x", now) == ["1:2"]


async def test_on_postgresql_two_processes_claiming_at_once_take_different_rows_without_waiting(
    db, database_url
):
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer: a second claim waits for the first's commit")
    now = START
    for n in range(4):
        await _store(db, f"1:{n}", None, now)
    other = await open_database(database_url)
    try:
        async with db.transaction() as tx:  # a's claim, not committed yet: rows locked
            mine = await inbox.claim(tx, "telegram", Claim("a", now + LEASE), now, limit=2)
            # b claims meanwhile on its own connection: SKIP LOCKED passes a's rows by
            theirs = await asyncio.wait_for(_claim(other, "b", now), timeout=5)
        assert [r.message_ref for r in mine] == ["1:0", "1:1"]
        assert theirs == ["1:2", "1:3"]
    finally:
        await other.close()
