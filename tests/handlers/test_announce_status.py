"""/thongbao trangthai: managers and alliance staff see their recent announcements."""

from __future__ import annotations

from handlers import admin
from handlers import outbox as announcements
from storage import members, outbox
from tests.support import Person, cooperative


async def test_a_manager_sees_counts_of_recent_announcements(core, clock):
    coop = await cooperative(core, [f"Nông dân {n}" for n in range(3)], manager="Lan")
    boss = coop.manager
    async with core.db.transaction() as tx:
        sender = await members.find_by_identity(tx, "console", "boss")
        ids = await outbox.cooperative_member_ids(tx, coop.id)
        a = await announcements.enqueue(tx, "bulletin", "Giá chè 25.000 đ/kg", ids, clock(),
                                        sender=sender)
        first, _ = await outbox.claim_next(tx, "console", clock())
        await outbox.mark_sent(tx, first.id, clock(), "1")
    assert a.total == 4  # the manager and three farmers
    text = await boss.text("/thongbao trạng thái")
    assert text.startswith("📣 Các thông báo gần đây:")
    assert "#1 · bản tin · 09:30 21/11 · đang gửi" in text
    assert "✅ 1 · 🚫 0 · 📵 0 · ⚠️ 0 · ⏳ 3 / 4 người" in text
    assert await boss.text("/thongbao trangthai") == text  # with or without diacritics
    assert "/thongbao trangthai" in await boss.text("/thongbao")  # how to use it


async def test_members_are_refused_and_staff_see_their_alliance(core, clock):
    coop = await admin.create_cooperative(core.db, "HTX Quế", None, None, "Asia/Ho_Chi_Minh",
                                          clock())
    farmer = Person(core, "f", "Hoa")
    await farmer.say(coop.member.invite.code)
    refusal = await farmer.text("/thongbao trangthai")
    assert refusal == "Lệnh /thongbao chỉ dành cho quản lý HTX và cán bộ Liên minh HTX."
    alliance = await admin.create_alliance(core.db, "Liên minh HTX Yên Bái", None, clock())
    staff = Person(core, "s", "Minh")
    await staff.say(alliance.staff.invite.code)
    assert await staff.text("/thongbao trangthai") == "Chưa có thông báo nào."
