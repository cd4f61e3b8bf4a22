"""/canhbao <text>: an urgent warning previewed, confirmed once, to everyone (opted-out too),
ahead of every other delivery."""

from __future__ import annotations

import pytest

from storage import outbox
from tests.support import cooperative


@pytest.fixture
async def coop(core):
    made = await cooperative(core, [f"Nông dân {n}" for n in range(3)], staff="Minh")
    return made.manager, made.members, made.staff


async def _announcements(core):
    async with core.db.transaction() as tx:
        return await tx.all(
            "SELECT id, kind, priority, urgent, text, total FROM announcements ORDER BY id")


async def _recipients(core, announcement_id):
    async with core.db.transaction() as tx:
        found = await outbox.deliveries_of(tx, announcement_id)
    return sorted(d.external_id for d in found), {d.priority for d in found}


async def test_preview_says_who_it_reaches_then_one_urgent_send(core, coop):
    boss, farmers, _ = coop
    await farmers[0].say("/tatthongbao")  # a safety message reaches them anyway
    [preview] = await boss.say("/canhbao Lũ quét đêm nay, thu hoạch ngay và rời sườn đồi")
    assert preview.text.startswith("⚠️ Xem trước cảnh báo khẩn sẽ gửi tới 3 người:")
    assert "⚠️ CẢNH BÁO KHẨN – HTX Chè Phình Hồ:\nLũ quét đêm nay" in preview.text
    assert "gửi cả tới 1 người đã tắt thông báo" in preview.text
    assert "thông báo đang gửi sẽ tạm dừng" in preview.text
    assert await _announcements(core) == []  # nothing goes before the confirmation
    [[send, cancel]] = preview.buttons
    assert (send.label, cancel.label) == ("⚠️ Gửi", "✖️ Huỷ")
    [queued] = await boss.say(button=send.data)
    assert queued.text.startswith("⚠️ Đã xếp cảnh báo #1 để gửi ngay tới 3 người")
    [again] = await boss.say(button=send.data)  # a double tap sends nothing more
    assert "đã được gửi hoặc đã hết hạn" in again.text
    [row] = await _announcements(core)
    assert (row["kind"], row["priority"], row["urgent"], row["total"]) == (
        "broadcast", outbox.URGENT, 1, 3)
    people, priorities = await _recipients(core, row["id"])
    assert people == sorted(f.user_ref for f in farmers) and priorities == {outbox.URGENT}


async def test_cancel_and_usage_send_nothing(core, coop):
    boss, _, _ = coop
    [preview] = await boss.say("/canhbao Bão số 3")
    assert (await boss.say(button=preview.buttons[0][1].data))[0].text == (
        "Đã huỷ, không gửi cảnh báo.")
    assert (await boss.text("/canhbao")).startswith("Gõ /canhbao <nội dung> để gửi cảnh báo khẩn")
    assert await _announcements(core) == []


async def test_staff_warn_the_alliance_and_members_cannot(core, coop):
    _boss, farmers, staff = coop
    [preview] = await staff.say("/canhbao Sạt lở ở Phình Hồ")
    assert "tới 4 người" in preview.text  # the manager and three farmers
    refusal = await farmers[0].text("/canhbao Bán chè giá cao")
    assert refusal == "Lệnh /canhbao chỉ dành cho quản lý HTX và cán bộ Liên minh HTX."
    assert await _announcements(core) == []


async def test_the_status_and_help_name_it_a_warning(core, coop):
    boss, farmers, _ = coop
    [preview] = await boss.say("/canhbao Bão số 3")
    await boss.say(button=preview.buttons[0][0].data)
    assert "cảnh báo khẩn" in await boss.text("/thongbao trangthai")
    assert "/canhbao <nội dung>" in await boss.text("/help")
    menu = [name for name, _ in await core.menu("console", boss.user_ref)]
    assert "canhbao" in menu
    assert "canhbao" not in [name for name, _ in await core.menu("console", farmers[0].user_ref)]
