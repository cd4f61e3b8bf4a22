"""Bulletins are queued once whichever process runs the scheduler: only the outbox lease
holder queues, and even two processes queueing at the same moment claim each day once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.leader import OUTBOX, Lease
from bot.scheduler import queue_bulletins
from handlers.context import CoreConfig
from handlers.core import Core
from storage.db import Database, open_database
from tests.support import cooperative

SIX_AM = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)  # 06:00 in Hà Nội
GRACE = timedelta(hours=3)


async def _bulletins(db: Database) -> list[dict]:
    async with db.transaction() as tx:
        return await tx.all("SELECT * FROM announcements WHERE kind = 'bulletin'")


async def _second_core(core: Core, url: str) -> Core:
    """Another process's core: its own connection to the same database."""
    other = await open_database(url)
    return Core(other, CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi"),
                core.clock)


async def _nothing() -> None:
    pass


async def test_only_the_lease_holder_queues_and_two_at_once_queue_one_bulletin(
    core, clock, database_url
):
    clock.now = SIX_AM - timedelta(hours=12)
    made = await cooperative(core, [f"Nông dân {n}" for n in range(3)])
    await made.manager.say("/gia chè búp 25k")
    other = await _second_core(core, database_url)
    try:
        first = Lease(core.db, OUTBOX, "a", 30, clock, _nothing, _nothing)
        second = Lease(other.db, OUTBOX, "b", 30, clock, _nothing, _nothing)
        assert await first.try_once() and not await second.try_once()
        clock.now = SIX_AM
        assert await queue_bulletins(other, None, GRACE, second) == 0  # not its work
        assert await _bulletins(core.db) == []
        # Without the lease (a stalled holder, a clock jump): both queue at the same moment,
        # and the day is claimed once, in the transaction that queues it.
        counts = await asyncio.gather(queue_bulletins(core, None, GRACE),
                                      queue_bulletins(other, None, GRACE))
        assert sorted(counts) == [0, 1]
        assert len(await _bulletins(core.db)) == 1
        clock.now = SIX_AM + timedelta(seconds=31)  # a died: b holds the lease, queues nothing
        assert await second.try_once()
        assert await queue_bulletins(other, None, GRACE, second) == 0
        assert len(await _bulletins(core.db)) == 1
    finally:
        await other.db.close()


async def test_two_processes_queueing_a_training_reminder_at_once_queue_it_once(
    core, clock, database_url
):
    from bot.scheduler import queue_reminders
    from handlers import admin
    from tests.support import Person

    alliance = await admin.create_alliance(core.db, "Liên minh HTX Yên Bái", None, clock())
    coop = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None,
                                          alliance.alliance.id, "Asia/Ho_Chi_Minh", clock())
    staff = Person(core, "staff", "Minh")
    await staff.say(alliance.staff.invite.code)
    for n in range(3):
        await Person(core, f"t{n}", f"Chè {n}").say(coop.member.invite.code)
    [preview] = await staff.say("/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã")
    await staff.say(button=preview.buttons[0][0].data)
    other = await _second_core(core, database_url)
    try:
        clock.now = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)  # a day before Monday 08:00
        counts = await asyncio.gather(queue_reminders(core, None), queue_reminders(other, None))
        assert sorted(counts) == [0, 1]
        async with core.db.transaction() as tx:
            made = await tx.all("SELECT id FROM announcements WHERE kind = 'reminder'")
        assert len(made) == 1
    finally:
        await other.db.close()
