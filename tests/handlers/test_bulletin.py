"""The daily price bulletin, with a clock the test moves: once a day, late but within grace,
never twice, never outside grace, to the members who deliver, with yesterday's change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers import admin, bulletin
from storage import outbox
from tests.support import Person, cooperative

# 06:00 in Hà Nội is 23:00 UTC the day before
SIX_AM = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)


@pytest.fixture
async def coop(core, clock):
    clock.now = SIX_AM - timedelta(hours=12)  # the evening before: prices are set
    made = await cooperative(core, [f"Nông dân {n}" for n in range(4)])
    await made.manager.say("/gia chè búp 25k")
    return made.id, made.manager, made.members


async def _deliveries(core, announcement_id):
    async with core.db.transaction() as tx:
        return await outbox.deliveries_of(tx, announcement_id)


async def _bulletins(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT * FROM announcements WHERE kind = 'bulletin' ORDER BY id")


async def test_at_six_it_goes_once_to_each_member(core, clock, coop):
    _, _, farmers = coop
    clock.now = SIX_AM
    [made] = await bulletin.send_due(core.db, core.texts, clock())
    assert made.kind == "bulletin"
    assert "📢 HTX Chè Phình Hồ – giá thu mua ngày 22/11:" in made.text
    assert "• Chè búp tươi: 25.000 đ/kg" in made.text
    people = [d.external_id for d in await _deliveries(core, made.id)]
    assert sorted(people) == sorted(f.user_ref for f in farmers)  # members, not the manager
    for minutes in (1, 2, 30, 179):  # later ticks of the same morning send nothing
        clock.now = SIX_AM + timedelta(minutes=minutes)
        assert await bulletin.send_due(core.db, core.texts, clock()) == []
    assert len(await _bulletins(core)) == 1


async def test_before_its_time_nothing_goes(core, clock, coop):
    clock.now = SIX_AM - timedelta(minutes=1)
    assert await bulletin.send_due(core.db, core.texts, clock()) == []


async def test_a_restart_at_ten_past_sends_the_missed_bulletin_once(core, clock, coop):
    clock.now = SIX_AM + timedelta(minutes=10)  # the bot was down at 06:00
    first = await bulletin.send_due(core.db, core.texts, clock())
    again = await bulletin.send_due(core.db, core.texts, clock())  # a second start
    assert len(first) == 1 and again == []
    assert first[0].total == 4


async def test_a_start_at_two_in_the_afternoon_does_not_send_it(core, clock, coop):
    clock.now = SIX_AM + timedelta(hours=8)
    assert await bulletin.send_due(core.db, core.texts, clock()) == []
    clock.now = SIX_AM + timedelta(hours=3, minutes=1)  # just past the 3 h grace
    assert await bulletin.send_due(core.db, core.texts, clock()) == []
    assert await _bulletins(core) == []


async def test_the_next_day_brings_the_price_change(core, clock, coop):
    _, boss, _ = coop
    clock.now = SIX_AM
    await bulletin.send_due(core.db, core.texts, clock())
    clock.now = SIX_AM + timedelta(hours=10)
    await boss.say("/gia chè búp 27k từ mai")
    clock.now = SIX_AM + timedelta(days=1)
    [made] = await bulletin.send_due(core.db, core.texts, clock())
    assert "ngày 23/11" in made.text
    assert "• Chè búp tươi: 27.000 đ/kg (▲ tăng 2.000 đ/kg)" in made.text
    assert len(await _bulletins(core)) == 2


async def test_opted_out_members_and_other_growers_are_skipped(core, clock, coop):
    _, _, farmers = coop
    assert "Đã tắt" in await farmers[0].text("/tatthongbao")
    await farmers[1].say("quế 2 tạ")  # delivers only cinnamon, which has no price
    await farmers[2].say("chè 30kg")  # delivers tea
    clock.now = SIX_AM
    [made] = await bulletin.send_due(core.db, core.texts, clock())
    people = sorted(d.external_id for d in await _deliveries(core, made.id))
    assert people == ["f2", "f3"]  # f3 has recorded nothing yet: a new member hears prices
    assert "Đã bật lại" in await farmers[0].text("/batthongbao")


async def test_no_price_no_bulletin(core, clock):
    made = await admin.create_cooperative(core.db, "HTX Quế", None, None, "Asia/Ho_Chi_Minh",
                                          clock())
    farmer = Person(core, "q", "Quý")
    await farmer.say(made.member.invite.code)
    clock.now = SIX_AM
    assert await bulletin.send_due(core.db, core.texts, clock()) == []


async def test_a_manager_moves_the_bulletin_time(core, clock, coop):
    _, boss, farmers = coop
    assert await boss.text("/caidat giờ bản tin 5h30") == (
        "✅ Từ nay bản tin giá gửi lúc 05:30 mỗi ngày.")
    assert "05:30" in await boss.text("/caidat")
    usage = await boss.text("/caidat ngonngu en")  # not a setting we have: how to use it
    assert usage.startswith("Bản tin giá đang gửi lúc 05:30. Để đổi")
    clock.now = SIX_AM - timedelta(minutes=30)
    assert len(await bulletin.send_due(core.db, core.texts, clock())) == 1
    refusal = await farmers[0].text("/caidat giobantin 4:00")
    assert refusal == "Lệnh /caidat chỉ dành cho quản lý HTX."
