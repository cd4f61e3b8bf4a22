"""/thongbao <text>: a preview, one confirmed send to the right people, opt-out respected."""

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
        return await tx.all("SELECT id, kind, text, total FROM announcements ORDER BY id")


async def _recipients(core, announcement_id):
    async with core.db.transaction() as tx:
        return sorted(d.external_id for d in await outbox.deliveries_of(tx, announcement_id))


async def test_preview_then_one_send_to_the_cooperative(core, coop):
    boss, farmers, _ = coop
    [preview] = await boss.say("/thongbao Họp xã viên 8h sáng Chủ nhật tại nhà văn hoá")
    assert preview.text.startswith("Xem trước thông báo sẽ gửi tới 3 người:")
    assert "📣 HTX Chè Phình Hồ:\nHọp xã viên 8h sáng Chủ nhật" in preview.text
    assert await _announcements(core) == []  # nothing goes before the confirmation
    [[send, _cancel]] = preview.buttons
    [queued] = await boss.say(button=send.data)
    assert queued.text.startswith("📣 Đã xếp thông báo #1 để gửi tới 3 người.")
    [again] = await boss.say(button=send.data)  # a second tap sends nothing more
    assert "đã được gửi hoặc đã hết hạn" in again.text
    [row] = await _announcements(core)
    assert (row["kind"], row["total"]) == ("broadcast", 3)
    assert await _recipients(core, row["id"]) == sorted(f.user_ref for f in farmers)


async def test_cancel_sends_nothing(core, coop):
    boss, _, _ = coop
    [preview] = await boss.say("/thongbao Mai nghỉ thu mua")
    [[_send, cancel]] = preview.buttons
    assert (await boss.say(button=cancel.data))[0].text == "Đã huỷ, không gửi thông báo."
    assert await _announcements(core) == []


async def test_opted_out_members_are_left_out(core, coop):
    boss, farmers, _ = coop
    await farmers[0].say("/tatthongbao")
    [preview] = await boss.say("/thongbao Giá chè tăng")
    assert "tới 2 người" in preview.text
    await boss.say(button=preview.buttons[0][0].data)
    [row] = await _announcements(core)
    assert await _recipients(core, row["id"]) == ["f1", "f2"]


async def test_staff_reach_the_alliance_and_members_cannot_broadcast(core, coop):
    _boss, farmers, staff = coop
    [preview] = await staff.say("/thongbao Tập huấn VietGAP thứ Bảy")
    assert "tới 4 người" in preview.text  # the manager and three farmers
    refusal = await farmers[0].text("/thongbao Bán chè giá cao")
    assert refusal == "Lệnh /thongbao chỉ dành cho quản lý HTX và cán bộ Liên minh HTX."
    assert await farmers[0].text("/thongbao") == refusal  # with no text: refused the same way
    assert await _announcements(core) == []


async def test_a_too_long_announcement_is_refused(core, coop):
    boss, _, _ = coop
    said = await boss.text("/thongbao " + "a" * 4000)
    assert said == "Thông báo dài 4000 ký tự, tối đa 3500. Hãy rút gọn rồi gửi lại."


async def test_each_role_sees_its_own_commands(core, coop):
    boss, farmers, staff = coop
    member_menu = [name for name, _ in await core.menu("console", farmers[0].user_ref)]
    manager_menu = [name for name, _ in await core.menu("console", boss.user_ref)]
    staff_menu = [name for name, _ in await core.menu("console", staff.user_ref)]
    assert {"gia", "tatthongbao", "batthongbao"} <= set(member_menu)
    assert not {"thongbao", "caidat"} & set(member_menu)
    assert {"gia", "thongbao", "caidat"} <= set(manager_menu)
    assert "thongbao" in staff_menu and "caidat" not in staff_menu
    assert "gia" in staff_menu  # every cooperative's prices, read-only
