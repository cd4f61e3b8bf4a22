"""Inputs that once made a handler fail get a clean sentence instead of the apology, and
look-alike characters are read as what they imitate (issue 18, part 2)."""

from __future__ import annotations

import pytest

from tests.support import cooperative


@pytest.fixture
async def coop(core):
    return await cooperative(core, ["Lò Thị Lan"], staff="Mai")


async def _harvests(core):
    async with core.db.transaction() as tx:
        return await tx.tuples("SELECT amount, status FROM harvests ORDER BY id")


async def _errors(core):
    async with core.db.transaction() as tx:
        return await tx.tuples("SELECT error FROM inbox WHERE error IS NOT NULL")


@pytest.mark.parametrize(
    "text",
    [
        "chè 1000000000000000000000000000000 kg",
        "chè 1.000.000.000 kg",
        "hái 99999999999999999999 tấn chè lô 3",
    ],
)
async def test_a_huge_amount_is_called_too_big_and_records_nothing(core, coop, text):
    [reply] = await coop.members[0].say(text)
    assert "lớn quá" in reply.text and "chưa ghi" in reply.text, reply.text
    assert await _harvests(core) == ()
    assert await _errors(core) == ()


async def test_a_huge_dose_in_the_diary_is_called_too_big(core, coop):
    [reply] = await coop.members[0].say("bón NPK 100000000000000000000000000000000000kg lô 2")
    assert reply.text.startswith("Số 100000000000000000000000000000000000 lớn quá")
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT count(*) FROM diary_entries") == 0


@pytest.mark.parametrize(
    "minus", ["\u2212", "\u2013", "\u2014", "\uff0d", "\u2012"], ids=["minus", "en", "em",
                                                                       "fullwidth", "figure"])
async def test_a_look_alike_minus_is_negative_and_records_nothing(core, coop, minus):
    [reply] = await coop.members[0].say(f"chè {minus}30 kg")
    assert "phải lớn hơn 0" in reply.text, reply.text
    assert await _harvests(core) == ()


@pytest.mark.parametrize(
    "text", ["chè ３０ kg", "chè 30\u00a0kg", "chè\u202f30kg", "chè ٣٠ kg", "chè 30 ｋｇ"])
async def test_look_alike_digits_and_spaces_read_as_plain_ones(core, coop, text):
    [reply] = await coop.members[0].say(text)
    assert "Chè búp tươi · 30 kg" in reply.text, reply.text
    assert await _harvests(core) == ((30000, "recorded"),)


async def test_an_id_no_row_can_have_gets_a_sentence(core, coop):
    member = coop.members[0]
    assert await member.text("/taphuan 999999999999999999999") == (
        "Không có tập huấn số này. Gõ /taphuan để xem danh sách.")
    assert await member.text("/taphuan 0") == (
        "Không có tập huấn số này. Gõ /taphuan để xem danh sách.")
    assert await _errors(core) == ()


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/moi 0", "Số lần dùng mã phải từ 1 đến 500, ví dụ: /moi 30"),
        ("/moi 100000000000000000000000", "Số lần dùng mã phải từ 1 đến 500, ví dụ: /moi 30"),
        ("/moi ²", "Số lần dùng mã phải từ 1 đến 500, ví dụ: /moi 30"),
        ("/chuaghi 9999999999", "Số ngày phải từ 1 đến 365, ví dụ: /chuaghi 7"),
        ("/chuaghi 0", "Số ngày phải từ 1 đến 365, ví dụ: /chuaghi 7"),
        ("/vattu cachly Regent 99999999999999999999",
         "Số ngày cách ly phải là số nguyên từ 0 đến 365, ví dụ: /vattu cachly Regent 7"),
        ("/vattu them Sokupi | thuốc | ³",
         "Số ngày cách ly phải là số nguyên từ 0 đến 365, ví dụ: /vattu cachly Regent 7"),
    ],
)
async def test_a_count_or_a_day_out_of_range_gets_a_sentence(core, coop, command, answer):
    assert await coop.manager.text(command) == answer
    assert await _errors(core) == ()


async def test_a_day_that_does_not_exist_gets_a_sentence(core, coop):
    text = await coop.members[0].text("/nhatky 99/99")
    assert text.startswith("Ví dụ: /nhatky")
    text = await coop.manager.text("giá chè 25k từ 99/99")
    assert text.startswith("Ngày áp dụng giá chè không có thật; mình chưa ghi.")
    await coop.manager.say("/taphuan moi")
    await coop.manager.say("Tập huấn VietGAP")
    text = await coop.manager.text("99/99 8h")
    assert text.startswith("Mình chưa thấy ngày trong \"99/99 8h\"")
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT count(*) FROM prices") == 0
    assert await _errors(core) == ()


# Every registered prefix with data a forged or garbled button could carry.
MALFORMED = [
    f"{prefix}{tail}"
    for prefix in ("hv", "px", "tb", "dy", "lo", "th", "rsvp")
    for tail in ("", ":", ":undo", ":undo:", ":pick:1", ":pick:1:99999999999999999999",
                 ":fix:99999999999999999999999", ":undo:-1", ":phi:1:²", ":loc:٣",
                 ":yes:9223372036854775808", ":for:1:2:3:4", ":nhap:0", ":send:x", "::::")
]


@pytest.mark.parametrize("data", MALFORMED)
async def test_malformed_button_data_gets_a_sentence(core, coop, data):
    await coop.members[0].say("hái 30kg chè lô 3")
    for person in (coop.members[0], coop.manager, coop.staff):
        [reply] = await person.say(button=data)
        assert reply.text and reply.text != core.texts("error.apology"), data
    assert await _errors(core) == ()
    assert await _harvests(core) == ((30000, "recorded"),)  # nothing undone or added


async def test_editing_a_message_whose_entry_was_cancelled_says_so(core, coop):
    lan = coop.members[0]
    [recorded] = await lan.say("hái 30kg chè lô 3")
    async with core.db.transaction() as tx:
        ref = await tx.value("SELECT message_ref FROM harvests")
    await lan.say(button=recorded.buttons[0][0].data)  # ↩️ Huỷ
    assert await lan.text("hái 32kg chè lô 3", edits=ref) == (
        "Mục của tin này đã huỷ nên mình không sửa. Muốn ghi lại, bạn gửi tin mới nhé.")
    assert await _harvests(core) == ((30000, "cancelled"),)
