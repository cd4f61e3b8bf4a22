"""Issue 24 on Telegram: real PTB Updates over the offline fake Bot API reach the classifier
and come back as the right replies (a diary entry, a question's period, prices, small talk, a
mistyped command, a Telex word asked about)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers import admin

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BOSS, LAN = 8_100_000, 8_100_001


async def test_farmers_and_managers_messages_get_the_right_replies(core, fake, channel):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    fake.push_update(fake.text_update(BOSS, made.manager.invite.code))
    fake.push_update(fake.text_update(LAN, made.member.invite.code))
    await fake.until_calls("sendMessage", 1, chat_id=LAN, ok=True, within=10)
    fake.push_update(fake.text_update(BOSS, "/gia chè 25k"))
    await fake.until_calls("sendMessage", 2, chat_id=BOSS, ok=True, within=10)
    for text in ("dạ sáng nay em xịt Actara 1 bình lô 2 ạ", "giá chè bao nhiêu", "cảm ơn",
                 "/homnya", "chef 30kg", "sáng hái 2 yến, chiều 15 cân chè"):
        fake.push_update(fake.text_update(LAN, text))
    await fake.until_calls("sendMessage", 7, chat_id=LAN, ok=True, within=15)
    fake.push_update(fake.text_update(BOSS, "hôm kia thu được bao nhiêu"))
    fake.push_update(fake.text_update(BOSS, "/today"))
    await fake.until_calls("sendMessage", 4, chat_id=BOSS, ok=True, within=15)
    lan = fake.sent_texts(LAN)[1:]
    assert "Phun thuốc · Actara 25WG · 1 bình · lô 2" in lan[0]
    assert lan[1].startswith("💰 Giá thu mua") and "25.000 đ/kg" in lan[1]
    assert lan[2].startswith("Dạ, không có gì ạ!")
    assert "Có phải bạn muốn gõ /homnay?" in lan[3]
    assert "Mình chưa hiểu chữ \"chef\"" in lan[4]
    [asked] = [m for m in fake.sent_messages(LAN) if "chef" in m.get("text", "")]
    first = asked["reply_markup"]["inline_keyboard"][0][0]["text"]
    assert first.startswith("Chè búp tươi · 30 kg")
    assert "20 kg" in lan[5] and "15 kg" in lan[5]
    boss = fake.sent_texts(BOSS)
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # the fake dates updates now
    two_back = today - timedelta(days=2)
    assert boss[2].startswith(f"📊 HTX Chè Phình Hồ – ngày {two_back:%d/%m}"), boss[2]
    assert boss[3].startswith(f"Hôm nay ({today:%d/%m})")
    async with core.db.transaction() as tx:
        harvests = [dict(r) for r in await tx.all(
            "SELECT amount, status FROM harvests ORDER BY id")]
        diary = [dict(r) for r in await tx.all("SELECT activity FROM diary_entries")]
    recorded = [h["amount"] for h in harvests if h["status"] == "recorded"]
    assert recorded == [20_000, 15_000]  # the Telex one waits for its tap
    assert [h["status"] for h in harvests].count("pending") == 1
    assert diary == [{"activity": "spray"}]
