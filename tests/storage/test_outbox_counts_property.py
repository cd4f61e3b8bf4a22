"""Property: an announcement's counters are always its deliveries' statuses, whatever
happens to them: sent, blocked, failed, not reached, moved to ZNS, put off to tomorrow, a
crash releasing what was in flight, and a member writing again the same day.

Hypothesis plays random sequences of those on a real SQLite file; after every step the
counters (sent, blocked, failed, not reached, pending) equal a count of the rows, nobody
has two deliveries, and an announcement is done exactly when nothing is pending."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers import outbox as announcements
from storage import members, orgs, outbox, reach
from storage.db import Database
from storage.migrate import migrate
from tests.sqlite_template import copy_migrated

START = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)
CHANNELS = ("telegram", "zalo", "zns")
ACTIONS = ("sent", "blocked", "failed", "unreached", "move", "tomorrow", "crash", "wrote")
steps = st.tuples(st.sampled_from(ACTIONS), st.sampled_from(CHANNELS), st.integers(0, 7))


async def _setup(db: Database) -> tuple[int, list[str]]:
    async with db.transaction() as tx:
        coop = await orgs.add_cooperative(tx, "HTX", None, None, "Asia/Ho_Chi_Minh", START)
        ids, zalo = [], []
        for n in range(8):
            m = await members.add_member(tx, f"M{n}", "member", START, cooperative_id=coop.id,
                                         phone="8491234567" + str(n) if n % 2 else None)
            channel = "telegram" if n < 3 else "zalo"
            await members.link_identity(tx, channel, f"u{n}", m.id, START)
            if channel == "zalo":
                zalo.append(f"u{n}")
                seen = START - timedelta(hours=1 if n < 6 else 100)
                await reach.seen_on(tx, "zalo", f"u{n}", seen)
            ids.append(m.id)
    a = await announcements.enqueue(db, "broadcast", "tin", ids, START)
    return a.id, zalo


async def _check(db: Database, announcement_id: int) -> None:
    async with db.transaction() as tx:
        a = await outbox.get_announcement(tx, announcement_id)
        rows = await outbox.deliveries_of(tx, announcement_id)
    assert a is not None
    by = {s: [d for d in rows if d.status == s] for s in
          ("pending", "sending", "sent", "blocked", "failed")}
    unreached = [d for d in by["failed"] if d.reason]
    assert a.total == len(rows) == len({d.member_id for d in rows})
    assert (a.sent, a.blocked, a.failed, a.unreached) == (
        len(by["sent"]), len(by["blocked"]), len(by["failed"]) - len(unreached), len(unreached))
    assert a.pending == len(by["pending"]) + len(by["sending"])
    if a.pending == 0:
        assert a.status == "done"  # settled: the sender gets the summary
    elif a.status == "done":  # only a member who wrote again reopens a finished one
        assert any(d.reason == "late" for d in by["pending"] + by["sending"])


async def _play(folder: Path, sequence: list[tuple[str, str, int]]) -> None:
    db = await Database.open(await copy_migrated(folder / "htx.db"))
    try:
        await migrate(db)
        announcement_id, zalo_users = await _setup(db)
        now = START
        for action, channel, pick in sequence:
            now += timedelta(seconds=30)
            async with db.transaction() as tx:
                if action == "crash":
                    await outbox.release_in_flight(tx, channel)
                elif action == "wrote":
                    await announcements.member_wrote(tx, "zalo", zalo_users[pick % 5], now)
                else:
                    claimed = await outbox.claim_next(tx, channel, now)
                    if claimed is not None:
                        d = claimed[0]
                        if action == "sent":
                            await outbox.mark_sent(tx, d.id, now, "m")
                        elif action == "blocked":
                            await outbox.mark_blocked(tx, d.id, now, "403")
                        elif action == "failed":
                            await outbox.mark_failed(tx, d.id, now, "400")
                        elif action == "unreached":
                            await outbox.mark_unreached(tx, d.id, now, "zns_bad_phone", "-118")
                        elif action == "move" and channel == "zalo":
                            await announcements.out_of_window(tx, d.id, now, "-230")
                        elif action == "tomorrow":
                            await outbox.retry_later(tx, d.id, now + timedelta(minutes=1),
                                                     "zns_quota", False)
                        # else: left in flight (a crash step releases it)
            await _check(db, announcement_id)
    finally:
        await db.close()


@settings(max_examples=120, deadline=None, derandomize=True, database=None)
@given(st.lists(steps, min_size=5, max_size=60))
def test_counters_are_always_the_deliveries(sequence):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder), sequence))
