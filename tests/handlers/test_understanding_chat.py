"""Issue 24 through the real chat path (core, router, handlers, SQLite): what a farmer or a
manager gets back, and what the database holds afterwards (the readers' cases:
tests/messages/understanding)."""

from __future__ import annotations

import pytest

from tests.support import cooperative


@pytest.fixture
async def people(core):
    made = await cooperative(core, ["Lan"])
    await made.manager.text("/gia chè 25k")
    return made.manager, made.members[0]


async def _rows(core, sql):
    async with core.db.transaction() as tx:
        return [tuple(dict(r).values()) for r in await tx.all(sql)]


async def _harvests(core):
    return await _rows(core, "SELECT amount, status FROM harvests ORDER BY id")


@pytest.mark.parametrize(("text", "activity", "shown"), [
    ("dạ sáng nay em xịt Actara 1 bình lô 2 ạ", "spray", "Actara 25WG · 1 bình · lô 2"),
    ("💧 tưới lô 4", "water", "Tưới · lô 4"),
    ("sit regent 2 binh lo 3", "spray", "Regent 800WG · 2 bình · lô 3"),
    ("e rải phân chuồng cho lô 1 hết 3 bao rồi", "fertilise", "phân chuồng · 3 bao · lô 1"),
    ("rắc vôi 1 tạ lô 2", "fertilise", "vôi bột · 1 tạ · lô 2"),
    ("vun gốc lô 3", "note", "vun gốc lô 3"),
    ("dọn cỏ lô 2", "weed", "lô 2"),
    ("phun phân bón lá 2 bình lô 3", "fertilise", "phân bón lá · 2 bình · lô 3"),
])
async def test_diary_messages_are_diary_entries_never_harvests(people, core, text, activity,
                                                               shown):
    _, lan = people
    said = await lan.text(text)
    assert shown in said, said
    assert await _rows(core, "SELECT activity FROM diary_entries") == [(activity,)]
    assert await _harvests(core) == []


@pytest.mark.parametrize(("text", "label"), [
    ("hôm kia thu được bao nhiêu", "ngày 19/11"),
    ("ngày 18/11 thu được bao nhiêu", "ngày 18/11"),
    ("từ 5/11 đến 12/11 được bao nhiêu", "05/11–12/11"),
    ("2 tuần qua thu bao nhiêu", "08/11–21/11"),
    ("quế tháng này được mấy tạ", "tháng 11/2026"),
    ("hnay thu dc bn", "hôm nay 21/11"),
    ("hqua thu bnhieu", "ngày 20/11"),
    ("tổng kết tuần", "16/11–21/11"),
    ("tổng tháng 11", "tháng 11/2026"),
])
async def test_a_managers_question_is_answered_for_the_period_it_names(people, core, text,
                                                                        label):
    boss, lan = people
    await lan.text("hái 30kg chè")
    said = await boss.text(text)
    assert said.startswith("📊 HTX Chè Phình Hồ") and label in said, said
    assert await _harvests(core) == [(30_000, "recorded")]  # nothing recorded by asking


async def test_a_question_names_its_product_and_period(people):
    boss, lan = people
    await lan.text("hái 30kg chè")
    await lan.text("quế 2 tạ")
    said = await boss.text("chè hôm nay bao nhiêu")
    assert "Chè búp tươi" in said and "Quế" not in said, said
    none = await boss.text("na hôm nay được bao nhiêu")  # none of it: says so of na
    assert "· na: chưa có sản lượng nào" in none, none


async def test_a_period_the_bot_cannot_read_is_asked_about(people, core):
    boss, _ = people
    said = await boss.text("tuần trước nữa thu bao nhiêu")
    assert said.startswith("Mình chưa rõ bạn hỏi sản lượng kỳ nào"), said
    assert await _harvests(core) == []


@pytest.mark.parametrize("text", ["giá chè bao nhiêu", "cho hỏi giá quế hôm nay", "giá",
                                  "xem giá", "giá chè hnay bn"])
async def test_a_member_asking_for_prices_gets_the_prices(people, text):
    _, lan = people
    said = await lan.text(text)
    assert said.startswith("💰 Giá thu mua ngày 21/11") and "25.000 đ/kg" in said, said
    assert "chỉ quản lý" not in said and "📊" not in said


async def test_a_managers_price_question_sets_no_price(people, core):
    boss, _ = people
    said = await boss.text("giá chè hôm nay bao nhiêu")
    assert said.startswith("💰 Giá thu mua ngày 21/11"), said
    assert len(await _rows(core, "SELECT id FROM prices")) == 1


@pytest.mark.parametrize(("text", "start"), [
    ("cảm ơn", "Dạ, không có gì ạ!"),
    ("ok", "👍"),
    ("chào bot", "Chào Lan!"),
    ("tạm biệt", "Chào Lan, hẹn gặp lại!"),
    ("bao giờ tập huấn", "Chưa có tập huấn nào sắp tới"),
    ("hướng dẫn", "Bạn là thành viên"),
])
async def test_small_talk_gets_a_short_natural_answer(people, core, text, start):
    _, lan = people
    said = await lan.text(text)
    assert said.startswith(start), said
    assert "hái 30kg chè lô 3" not in said or start.startswith(("Chào", "Bạn"))
    assert await _harvests(core) == []


@pytest.mark.parametrize(("text", "start"), [
    ("/homnya", "Mình không biết lệnh /homnya. Có phải bạn muốn gõ /homnay?"),
    ("/today", "Hôm nay (21/11) bạn chưa ghi sản lượng nào"),
    ("/price", "💰 Giá thu mua ngày 21/11"),
    ("/hôm nay", "Hôm nay (21/11) bạn chưa ghi sản lượng nào"),
    ("/hom nay", "Hôm nay (21/11) bạn chưa ghi sản lượng nào"),
    ("/giá", "💰 Giá thu mua ngày 21/11"),
])
async def test_a_command_typed_wrong_leads_to_the_right_one(people, text, start):
    _, lan = people
    assert (await lan.text(text)).startswith(start)


async def test_english_and_spaced_commands_keep_their_arguments_and_roles(people, core):
    boss, lan = people
    assert (await boss.text("/report")).startswith("📊 HTX Chè Phình Hồ – hôm nay 21/11")
    assert (await boss.text("/tong hop tuần này")).startswith("📊 HTX Chè Phình Hồ – 16/11")
    assert (await boss.text("/price quế 2tr5/tạ")).startswith("✅ Đã đặt giá Quế")
    assert (await lan.text("/invite")).startswith("Mình không biết lệnh /invite")
    assert len(await _rows(core, "SELECT id FROM prices")) == 2


@pytest.mark.parametrize(("text", "first"), [
    ("chef 30kg", "Chè búp tươi · 30 kg · 21/11"),
    ("quees 2 ta", "Quế vỏ · 200 kg · 21/11"),
    ("hais 30kg che", "Chè búp tươi · 30 kg · 21/11"),
    ("che2 30kg", "Chè búp tươi · 30 kg · 21/11"),
    ("que61 2 ta5", "Quế vỏ · 200 kg · 21/11"),
])
async def test_telex_and_vni_are_asked_with_the_right_reading_first(people, core, text,
                                                                     first):
    _, lan = people
    [asked] = await lan.say(text)
    labels = [b.label for row in asked.buttons for b in row]
    assert labels[0] == first and labels[-1] == "✖ Không ghi", labels
    assert [s for _, s in await _harvests(core)] == ["pending"]  # nothing recorded yet
    await lan.say(button=asked.buttons[0][0].data)
    assert [s for _, s in await _harvests(core)] == ["recorded"]


async def test_one_product_picked_twice_is_two_entries_of_it(people, core):
    _, lan = people
    said = await lan.text("sáng hái 2 yến, chiều 15 cân chè")
    assert "20 kg" in said and "15 kg" in said, said
    assert await _harvests(core) == [(20_000, "recorded"), (15_000, "recorded")]


@pytest.mark.parametrize(("text", "start"), [
    ("vôi 1 tạ lô 2", "Có phải bạn bón vôi bột?"),
    ("NPK 20kg lô 2", "Có phải bạn bón NPK?"),
    ("regent 2 bình lô 3", "Có phải bạn phun Regent 800WG?"),
])
async def test_an_input_without_its_verb_is_never_offered_as_a_harvest(people, core, text,
                                                                        start):
    _, lan = people
    [said] = await lan.say(text)
    assert said.text.startswith(start) and not said.buttons, said
    assert await _harvests(core) == []
    assert await _rows(core, "SELECT id FROM diary_entries") == []


@pytest.mark.parametrize("text", ["em ghi nhầm rồi, 25kg thôi", "xin lỗi em ghi nhầm",
                                  "sai rồi, chè 30kg chứ không phải 3 tạ"])
async def test_saying_an_entry_is_wrong_changes_nothing_and_shows_sua_and_huy(people, core,
                                                                               text):
    _, lan = people
    assert "Đã ghi" in await lan.text("chè 30kg")
    before = await _harvests(core)
    answer = await lan.text(text)
    assert "/sua" in answer and "/huy" in answer and "chưa sửa gì" in answer, answer
    assert await _harvests(core) == before == [(30_000, "recorded")]
