"""Through the real core on a real database: work still to come ("mai em hái 30kg chè") is a
plan, recorded nowhere, with no button that would record it (as today's or as that day's); a
period sent on its own ("hôm kia", "tuần trước nữa") is a question about it, or asked back;
a bare command says how to use it, with an example."""

from __future__ import annotations

import pytest

from tests.support import cooperative


@pytest.fixture
async def people(core):
    made = await cooperative(core, ["Lò Thị Lan"])
    return made.manager, made.members[0]


async def _harvests(core):
    async with core.db.transaction() as tx:
        return [{**r, "day": str(r["day"])} for r in await tx.all(
            "SELECT amount, status, day FROM harvests ORDER BY id")]


@pytest.mark.parametrize(("message", "words"), [
    ("mai em hái 30kg chè", "mai"),
    ("ngày mai em hái 30kg chè", "ngày mai"),
    ("sáng mai hái 30kg chè", "sáng mai"),
    ("mai kia em hái 30kg chè", "mai kia"),
    ("tuần sau em hái 30kg chè", "tuần sau"),
    ("tuan toi giao 2 ta que", "tuan toi"),
    ("em sẽ giao 30kg chè lô 3", "sẽ"),
])
async def test_a_harvest_still_to_come_records_nothing_and_offers_no_button(
    core, people, message, words
):
    _, lan = people
    [reply] = await lan.say(message)
    assert reply.text == (
        f"📅 Tin có chữ \"{words}\": mình hiểu là việc chưa làm, nên chưa ghi gì. Làm xong "
        "rồi bạn nhắn lại nhé, ví dụ: \"hái 30kg chè lô 3\"")
    assert reply.buttons == []
    assert await _harvests(core) == []


async def test_later_today_is_today_and_a_name_is_no_tomorrow(core, people):
    _, lan = people  # the test clock is 09:30: "chiều nay" is still to come, but today
    assert "Chè búp tươi · 30 kg · 21/11" in await lan.text("chiều nay em hái 30kg chè")
    assert "Chè búp tươi · 25 kg · 21/11" in await lan.text("em Mai hái 25kg chè")
    assert await _harvests(core) == [
        {"amount": 30_000, "status": "recorded", "day": "2026-11-21"},
        {"amount": 25_000, "status": "recorded", "day": "2026-11-21"}]


async def test_a_manager_logging_tomorrows_harvest_for_a_member_records_nothing(core, people):
    boss, _ = people
    said = await boss.text("ghi cho Lò Thị Lan mai 30kg chè")
    assert said.startswith("📅 Tin có chữ \"mai\"") and "chưa ghi gì" in said
    assert await _harvests(core) == []


async def test_a_spray_still_to_come_gets_a_diary_example(core, people):
    _, lan = people
    said = await lan.text("em sẽ phun Actara 1 bình lô 2")
    assert said.startswith("📅 Tin có chữ \"sẽ\"")
    assert said.endswith("ví dụ: \"bón NPK 20kg lô 2\" hoặc \"phun Regent 2 bình lô 3\"")
    async with core.db.transaction() as tx:
        assert await tx.all("SELECT id FROM diary_entries") == []
    assert await _harvests(core) == []


async def test_a_period_on_its_own_is_answered_as_a_question_about_it(core, people):
    boss, lan = people
    await lan.text("hôm kia hái 30kg chè")
    said = await boss.text("hôm kia")
    assert said.startswith("📊 HTX Chè Phình Hồ – thu mua ngày 19/11:\n"
                           "• Chè búp tươi: 30 kg · 1 người"), said
    assert await boss.text("tháng trước") == (
        "📊 HTX Chè Phình Hồ – tháng 10/2026: chưa có sản lượng nào được ghi.")
    assert await boss.text("tuần trước nữa") == (
        "Mình chưa rõ bạn hỏi sản lượng kỳ nào (\"tuần trước nữa\"). Bạn hỏi lại, ví dụ: "
        "\"hôm qua thu được bao nhiêu\", \"tuần này\", \"tháng 11\", \"từ 5/11 đến 12/11\".")
    said = await lan.text("hôm kia")  # a member: their own figures
    assert said.startswith("📦 Bạn đã giao ngày 19/11:") and "30 kg" in said
    assert [r["amount"] for r in await _harvests(core)] == [30_000]


async def test_a_period_answers_a_pending_correction_not_the_intake(core, people):
    _, lan = people
    await lan.text("chè 30kg")
    await lan.text("/sua")
    said = await lan.text("hôm qua")  # the correction asked for takes it, as before
    assert said.startswith("Mình chưa sửa gì") and "Vẫn giữ nguyên" in said, said


@pytest.mark.parametrize(("command", "expected"), [
    ("/thongbao", "Gõ /thongbao <nội dung> để gửi thông báo tới mọi thành viên. Ví dụ: "
                  "/thongbao Chiều nay 3 giờ họp thành viên ở nhà văn hoá\nXem các thông báo "
                  "đã gửi: /thongbao trangthai"),
    ("/canhbao", "Gõ /canhbao <nội dung> để gửi cảnh báo khẩn (bão, lũ, sạt lở) tới mọi thành "
                 "viên, trước mọi tin khác. Ví dụ: /canhbao Lũ quét đêm nay, thu hoạch ngay và "
                 "rời sườn đồi"),
    ("/gia", "HTX chưa có giá thu mua nào. Quản lý đặt giá bằng lệnh, ví dụ: /gia chè 25k"),
    ("/sua", "Bạn chưa có mục nào để sửa. Khi ghi sai, gõ /sua rồi nội dung đúng, ví dụ: "
             "/sua hái 25kg chè lô 3"),
    ("/huy", "Bạn chưa có mục nào để huỷ. Khi lỡ ghi sai, gõ /huy để huỷ mục vừa ghi."),
    ("/taphuan", "Chưa có tập huấn nào sắp tới. Để tạo mới, gõ một dòng như sau:\n"
                 "/taphuan moi Tập huấn VietGAP | thứ bảy 8h | Nhà văn hoá xã | mang sổ ghi "
                 "chép\nHoặc gõ /taphuan moi để mình hỏi từng bước."),
])
async def test_a_bare_command_says_how_to_use_it_with_an_example(core, people, command,
                                                                  expected):
    boss, _ = people
    assert await boss.text(command) == expected
    async with core.db.transaction() as tx:
        assert await tx.all("SELECT id FROM deliveries") == []


async def test_a_managers_bare_gia_lists_the_prices_and_how_to_set_one(core, people):
    boss, lan = people
    await boss.text("/gia chè 25k")
    assert await boss.text("/gia") == (
        "💰 Giá thu mua ngày 21/11:\n• Chè búp tươi: 25.000 đ/kg\n"
        "Đặt hoặc đổi giá, ví dụ: /gia chè 25k")
    assert await lan.text("/gia") == "💰 Giá thu mua ngày 21/11:\n• Chè búp tươi: 25.000 đ/kg"
