"""A manager's /baocao and /bieudo on Telegram: the files arrive as a document and a photo."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from handlers import admin

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BOSS, LAN = 8_000_000, 8_000_001


async def test_the_report_and_the_chart_reach_the_manager(core, fake, channel):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    fake.push_update(fake.text_update(BOSS, made.manager.invite.code))
    fake.push_update(fake.text_update(LAN, made.member.invite.code))
    fake.push_update(fake.text_update(LAN, "hái 30kg chè"))
    await fake.until_calls("sendMessage", 2, chat_id=LAN, ok=True, within=10)
    fake.push_update(fake.text_update(BOSS, "/baocao"))
    fake.push_update(fake.text_update(BOSS, "/bieudo"))
    await fake.until_calls("sendDocument", 1, chat_id=BOSS, ok=True, within=15)
    await fake.until_calls("sendPhoto", 1, chat_id=BOSS, ok=True, within=15)
    document, photo = fake.uploads(BOSS)
    assert document.filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(document.content))
    assert book.sheetnames[0] == "Tổng hợp"
    assert ["Chè búp tươi", "kg", 30, 1, 1, None, "chưa có giá, chưa tính thành tiền"] in [
        list(r) for r in book["Tổng hợp"].iter_rows(values_only=True)]
    assert photo.content.startswith(b"\x89PNG")
    [caption] = [m["caption"] for m in fake.sent_messages(BOSS) if "document" in m]
    assert caption.startswith("📎 Báo cáo HTX Chè Phình Hồ")
