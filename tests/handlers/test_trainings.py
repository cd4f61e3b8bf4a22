"""Trainings with a clock the test moves: the notice, RSVP counts, reminder times, skips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers import admin, trainings
from storage import outbox
from tests.support import Person

# The test clock starts on Saturday 21/11/2026 at 09:30 in Hà Nội; "thứ hai 8h" is
# Monday 23/11 08:00 there, 01:00 UTC.
MONDAY_8 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.fixture
async def world(core, clock):
    alliance = await admin.create_alliance(core.db, "Liên minh HTX Yên Bái", None, clock())
    tea = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None,
                                         alliance.alliance.id, "Asia/Ho_Chi_Minh", clock())
    cinnamon = await admin.create_cooperative(core.db, "HTX Quế Công Tâm", None,
                                              alliance.alliance.id, "Asia/Ho_Chi_Minh", clock())
    staff = Person(core, "staff", "Minh")
    await staff.say(alliance.staff.invite.code)
    boss = Person(core, "boss", "Hùng")
    await boss.say(tea.manager.invite.code)
    growers = [Person(core, f"t{n}", f"Chè {n}") for n in range(3)]
    for person in growers:
        await person.say(tea.member.invite.code)
    others = [Person(core, f"q{n}", f"Quế {n}") for n in range(2)]
    for person in others:
        await person.say(cinnamon.member.invite.code)
    return staff, boss, growers, others


async def _create(person: Person, form: str) -> int:
    [preview] = await person.say(form)
    assert preview.buttons, preview.text
    [created] = await person.say(button=preview.buttons[0][0].data)
    assert created.text.startswith("📚 Đã tạo tập huấn #"), created.text
    return int(created.text.split("#")[1].split(" ")[0])


async def _notice(core, training_id):
    async with core.db.transaction() as tx:
        t = await trainings.trainings.get_training(tx, training_id)
        notice = await outbox.get_announcement(tx, t.notice_id)
        people = sorted(d.external_id for d in await outbox.deliveries_of(tx, notice.id))
    return t, notice, people


async def test_staff_announce_to_the_whole_alliance_with_rsvp_buttons(core, world):
    staff, _boss, growers, others = world
    [preview] = await staff.say("/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã"
                                " | Mang sổ ghi chép")
    assert preview.text.startswith("Xem trước thông báo sẽ gửi tới 6 người:")
    assert "🕗 08:00 Thứ Hai 23/11" in preview.text and "Mang sổ ghi chép" in preview.text
    tid = await _create(staff, "/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã")
    training, notice, people = await _notice(core, tid)
    assert training.starts_at == MONDAY_8
    assert people == sorted(["boss", *(p.user_ref for p in growers + others)])
    assert '"rsvp:yes:' in notice.buttons and '"rsvp:no:' in notice.buttons


async def test_a_manager_creates_one_step_by_step_for_their_cooperative(core, world):
    _staff, boss, growers, _others = world
    for person in growers[:2]:
        await person.say("hái 20kg chè")
    await growers[2].say("2 tạ quế")  # grows cinnamon only: not invited to a tea training
    assert "Tên buổi tập huấn" in await boss.text("/taphuan moi")
    assert "Vào lúc nào" in await boss.text("Kỹ thuật hái chè")
    assert "đã qua rồi" in await boss.text("20/11 8h")  # the past: the same question again
    assert "Ở đâu" in await boss.text("thu 2 8h")
    assert "Nội dung" in await boss.text("Sân HTX")
    assert "sản phẩm nào" in await boss.text("bỏ qua")
    [preview] = await boss.say("chè")
    assert preview.text.startswith("Xem trước thông báo sẽ gửi tới 2 người:")
    [created] = await boss.say(button="th:create")
    tid = int(created.text.split("#")[1].split(" ")[0])
    training, _, people = await _notice(core, tid)
    assert training.cooperative_id is not None and training.alliance_id is None
    assert people == [p.user_ref for p in growers[:2]]
    [again] = await boss.say(button="th:create")  # a second tap creates nothing more
    assert "đã được tạo hoặc đã hết hạn" in again.text


async def test_answers_are_counted_with_names_and_can_change(core, world):
    staff, boss, growers, _ = world
    tid = await _create(staff, "/taphuan moi Phòng trừ sâu | thứ hai 8h | UBND xã | | "
                               "HTX Chè Phình Hồ")
    assert "Đã ghi: bạn tham gia" in await growers[0].text(button=f"rsvp:yes:{tid}")
    assert "bạn không tham gia" in await growers[1].text(button=f"rsvp:no:{tid}")
    await growers[2].say(button=f"rsvp:no:{tid}")
    await growers[2].say(button=f"rsvp:yes:{tid}")  # changed their mind: the latest counts
    shown = await staff.text(f"/taphuan {tid}")
    assert "✅ Tham gia: 2 · ❌ Không: 1 · ⏳ Chưa trả lời: 1 / 4 người" in shown
    assert "✅ Chè 0, Chè 2" in shown and "❌ Chè 1" in shown
    listed = await staff.text("/taphuan")
    assert f"#{tid} · Phòng trừ sâu · 08:00 Thứ Hai 23/11" in listed
    assert "✅ 2 · ❌ 1 · ⏳ 1 / 4 người" in listed
    mine = await growers[1].text("/taphuan")
    assert f"#{tid} · Phòng trừ sâu" in mine and "❌ bạn không tham gia" in mine
    assert "Tập huấn này không dành cho bạn" in await boss.text(button="rsvp:yes:999")


async def test_reminders_come_a_day_and_two_hours_before_and_skip_decliners(core, clock, world):
    staff, _boss, growers, others = world
    tid = await _create(staff, "/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã")
    await growers[0].say(button=f"rsvp:no:{tid}")  # declined
    await growers[1].say(button=f"rsvp:yes:{tid}")
    await growers[1].say("/tatthongbao")  # turned announcements off, but accepted
    await others[0].say("/tatthongbao")  # turned off and never answered
    send = trainings.send_due_reminders
    zone = core.config.timezone
    clock.now = MONDAY_8 - timedelta(days=1, minutes=1)
    assert await send(core.db, core.texts, clock(), zone) == []
    clock.now = MONDAY_8 - timedelta(days=1)
    [day_before] = await send(core.db, core.texts, clock(), zone)
    assert await send(core.db, core.texts, clock(), zone) == []  # once
    assert day_before.text.startswith("⏰ Nhắc lịch: ngày mai có tập huấn.")
    async with core.db.transaction() as tx:
        people = sorted(d.external_id for d in await outbox.deliveries_of(tx, day_before.id))
    assert people == ["boss", "q1", "t1", "t2"]
    clock.now = MONDAY_8 - timedelta(hours=2, minutes=1)
    assert await send(core.db, core.texts, clock(), zone) == []
    clock.now = MONDAY_8 - timedelta(hours=1)  # the bot was down at 06:00: still before 08:00
    [two_hours] = await send(core.db, core.texts, clock(), zone)
    assert two_hours.text.startswith("⏰ Nhắc lịch: còn 2 giờ nữa là tập huấn.")
    assert two_hours.kind == "reminder"


async def test_no_reminder_after_the_training_started_or_before_it_was_created(
    core, clock, world
):
    staff, _, growers, _ = world
    clock.now = MONDAY_8 - timedelta(hours=12)  # created less than a day before
    tid = await _create(staff, "/taphuan moi Họp nhanh | thứ hai 8h | Nhà văn hoá")
    assert await trainings.send_due_reminders(core.db, core.texts, clock(),
                                              core.config.timezone) == []
    clock.now = MONDAY_8 + timedelta(minutes=5)  # the bot was down through the 2 h reminder
    assert await trainings.send_due_reminders(core.db, core.texts, clock(),
                                              core.config.timezone) == []
    assert "đã bắt đầu" in await growers[0].text(button=f"rsvp:yes:{tid}")


@pytest.mark.parametrize(
    ("form", "answer"),
    [
        ("/taphuan moi Tập huấn | 8h | Nhà văn hoá", "chưa thấy ngày"),
        ("/taphuan moi Tập huấn | thứ hai | Nhà văn hoá", "chưa thấy giờ"),
        ("/taphuan moi Tập huấn | 1/11 8h | Nhà văn hoá", "đã qua rồi"),
        ("/taphuan moi Tập huấn | thứ hai 8h", "Thiếu địa điểm"),
        ("/taphuan moi Tập huấn | thứ hai 8h | Xã | | HTX Lúa", "Không tìm thấy đúng một HTX"),
        ("/taphuan moi Tập huấn | thứ hai 8h | Xã | | tất cả | sầu riêng", "sầu riêng"),
    ],
)
async def test_bad_forms_are_explained_and_create_nothing(core, world, form, answer):
    staff, *_ = world
    said = await staff.text(form)
    assert answer in said
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM trainings") == 0


async def test_members_cannot_create_trainings(core, world):
    _, _, growers, _ = world
    said = await growers[0].text("/taphuan moi Tập huấn | thứ hai 8h | Xã")
    assert said == "Lệnh /taphuan moi chỉ dành cho quản lý HTX và cán bộ Liên minh HTX."
    assert await growers[0].text("/taphuan") == "Chưa có tập huấn nào sắp tới dành cho bạn."


async def test_a_training_for_nobody_is_not_created(core, world):
    _, boss, _growers, _ = world
    said = await boss.text("/taphuan moi Kỹ thuật | thứ hai 8h | Sân HTX | | | quế")
    assert said.startswith("Chưa có ai để mời")  # nobody of this cooperative grows cinnamon
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM trainings") == 0


async def test_two_cooperatives_with_one_name_are_told_apart_by_their_number(core, world):
    staff, _boss, _growers, others = world
    async with core.db.transaction() as tx:  # a database from before names had to differ
        await tx.execute("UPDATE cooperatives SET name = 'HTX Chè Phình Hồ'")
        ids = [r["id"] for r in await tx.all("SELECT id FROM cooperatives ORDER BY id")]
    said = await staff.text("/taphuan moi Tập huấn | thứ hai 8h | Xã | | HTX Chè Phình Hồ")
    assert f"HTX Chè Phình Hồ (số {ids[0]}), HTX Chè Phình Hồ (số {ids[1]})" in said
    tid = await _create(staff, f"/taphuan moi Tập huấn | thứ hai 8h | Xã | | {ids[1]}")
    _, _, people = await _notice(core, tid)
    assert people == sorted(p.user_ref for p in others)
