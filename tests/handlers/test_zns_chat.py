"""/zns (a manager's ZNS templates and quota) and /sdt (my phone) in a conversation."""

from __future__ import annotations

from datetime import timedelta

from storage import members, reach
from tests.support import cooperative


async def test_a_manager_registers_a_template_and_a_quota_and_sees_them(core):
    coop = await cooperative(core, ["Lan"])
    boss = coop.manager
    saved = await boss.text("/zns mẫu bản tin 123456 ten_htx=htx bang_gia=gia:200")
    assert saved.startswith("✅ Đã lưu mẫu ZNS 123456 cho bantin: ten_htx=htx (≤30), "
                            "bang_gia=gia (≤200).")
    assert "Hạn mức đang là 0" in saved  # no ZNS goes out before a quota is set
    assert await boss.text("/zns hạn mức 150") == "✅ Đã đặt hạn mức tin ZNS: 150 tin mỗi ngày."
    listing = await boss.text("/zns")
    assert listing.splitlines() == [
        "📨 Tin ZNS của HTX – hạn mức 150 tin/ngày, hôm nay đã dùng 0.",
        "• bantin: mẫu 123456 – ten_htx=htx (≤30), bang_gia=gia (≤200)"]
    assert (await boss.text("/zns mau bantin 1 a=giaban")).startswith("Không hiểu “a=giaban”")
    assert await boss.text("/zns xoa bantin") == "✅ Đã bỏ mẫu ZNS của bantin."
    assert await boss.text("/zns xoa bantin") == "HTX chưa có mẫu ZNS cho bantin."
    async with core.db.transaction() as tx:
        assert await reach.list_templates(tx, coop.id) == []
        assert await reach.daily_quota(tx, coop.id) == 150


async def test_a_member_saves_a_phone_and_may_not_touch_templates(core):
    coop = await cooperative(core, ["Lan"])
    lan = coop.members[0]
    assert (await lan.text("/sdt")).startswith("Gõ /sdt và số điện thoại")
    assert await lan.text("/sdt 0912.345.678") == "✅ Đã lưu số điện thoại 0912 345 678."
    assert await lan.text("/sdt") == (
        "📞 Số điện thoại của bạn: 0912 345 678. Muốn đổi số, gõ /sdt rồi số mới, "
        "như /sdt 0912 345 678.")  # a farmer types what they see: no "<số mới>"
    assert (await lan.text("/sdt 12345")).startswith("Số “12345” chưa đúng")
    async with core.db.transaction() as tx:
        found = await members.find_by_identity(tx, "console", lan.user_ref)
    assert found is not None and found.phone == "84912345678"
    assert "quản lý" in (await lan.text("/zns")).lower()  # managers only
    async with core.db.transaction() as tx:
        assert await reach.list_templates(tx, coop.id) == []


async def test_a_training_whose_title_is_too_long_for_the_zns_template_is_refused_at_preview(
    core,
):
    coop = await cooperative(core, ["Lan"])
    boss = coop.manager
    await boss.text("/zns hanmuc 50")
    await boss.text("/zns mau taphuan 777 ten=tieude:20 ngay=ngay gio=gio")
    async with core.db.transaction() as tx:  # Lan is on Zalo, silent for ten days, has a phone
        lan = await members.find_by_identity(tx, "console", coop.members[0].user_ref)
        assert lan is not None
        await members.set_phone(tx, lan.id, "84912345678")
        await tx.execute("UPDATE identities SET channel = 'zalo' WHERE member_id = ?",
                         (lan.id,))
        await reach.seen_on(tx, "zalo", coop.members[0].user_ref,
                            core.clock() - timedelta(days=10))
    refused = await boss.text(
        "/taphuan moi Tập huấn phòng trừ sâu cuốn lá | thứ hai 8h | UBND xã")
    assert refused.startswith("✋ Chưa gửi: 1 người sẽ nhận bằng tin ZNS")
    assert "chỉ cho 20 ký tự ở tham số ten, tin này dài 30 ký tự" in refused
    [preview] = await boss.say("/taphuan moi Tập huấn sâu cuốn lá | thứ hai 8h | UBND xã")
    assert "📱 Sẽ gửi qua: tin ZNS 1" in preview.text and preview.buttons
