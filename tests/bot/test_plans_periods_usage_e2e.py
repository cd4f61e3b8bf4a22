"""On Telegram, through real PTB Updates over the offline fake Bot API: tomorrow's harvest is
answered with no button to record it, a period sent on its own is answered as a question
about it (or asked back), and a bare /thongbao shows how to send one, with an example."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers import admin

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BOSS, LAN = 8_200_000, 8_200_001


async def test_plans_bare_periods_and_a_bare_thongbao(core, fake, channel):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    fake.push_update(fake.text_update(BOSS, made.manager.invite.code))
    fake.push_update(fake.text_update(LAN, made.member.invite.code))
    await fake.until_calls("sendMessage", 1, chat_id=LAN, ok=True, within=10)
    await fake.until_calls("sendMessage", 1, chat_id=BOSS, ok=True, within=10)
    for text in ("mai em hái 30kg chè", "tuần sau giao 2 tạ quế", "hôm kia"):
        fake.push_update(fake.text_update(LAN, text))
    await fake.until_calls("sendMessage", 4, chat_id=LAN, ok=True, within=15)
    for text in ("tuần trước nữa", "tháng trước", "/thongbao"):
        fake.push_update(fake.text_update(BOSS, text))
    await fake.until_calls("sendMessage", 4, chat_id=BOSS, ok=True, within=15)

    plans = fake.sent_messages(LAN)[1:3]
    assert [m["text"].split(":")[0] for m in plans] == ["📅 Tin có chữ \"mai\"",
                                                       "📅 Tin có chữ \"tuần sau\""]
    assert all("chưa ghi gì" in m["text"] and "reply_markup" not in m for m in plans)
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # the fake dates updates now
    lan_said = fake.sent_texts(LAN)[3]
    assert lan_said.startswith("📦 Bạn chưa ghi sản lượng nào ")  # her own, nothing refused
    assert f"ngày {today - timedelta(days=2):%d/%m}" in lan_said
    asked, month, usage = fake.sent_texts(BOSS)[1:]
    assert asked.startswith("Mình chưa rõ bạn hỏi sản lượng kỳ nào (\"tuần trước nữa\").")
    last_month = today.replace(day=1) - timedelta(days=1)
    assert month == (f"📊 HTX Chè Phình Hồ – tháng {last_month:%m/%Y}: chưa có sản lượng nào "
                     "được ghi.")
    assert usage == (
        "Gõ /thongbao <nội dung> để gửi thông báo tới mọi thành viên. Ví dụ: /thongbao Chiều "
        "nay 3 giờ họp thành viên ở nhà văn hoá\nXem các thông báo đã gửi: /thongbao trangthai")
    async with core.db.transaction() as tx:
        assert await tx.all("SELECT id FROM harvests") == []
        assert await tx.all("SELECT id FROM deliveries") == []
