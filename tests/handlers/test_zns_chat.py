"""/zns (a manager's ZNS templates and quota) and /sdt (my phone) in a conversation."""

from __future__ import annotations

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
        "📞 Số điện thoại của bạn: 0912 345 678. Đổi bằng /sdt <số mới>.")
    assert (await lan.text("/sdt 12345")).startswith("Số “12345” chưa đúng")
    async with core.db.transaction() as tx:
        found = await members.find_by_identity(tx, "console", lan.user_ref)
    assert found is not None and found.phone == "84912345678"
    assert "quản lý" in (await lan.text("/zns")).lower()  # managers only
    async with core.db.transaction() as tx:
        assert await reach.list_templates(tx, coop.id) == []
