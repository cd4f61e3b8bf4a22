"""Money is never a harvest, and a message with words the bot does not know is asked about:
what a manager, a member and the database see (the readers' own cases: tests/messages)."""

from __future__ import annotations

import pytest

from tests.support import cooperative


@pytest.fixture
async def people(core):
    made = await cooperative(core, ["Lan"])
    return made.id, made.manager, made.members[0]


async def _harvests(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT amount, status FROM harvests ORDER BY id")


async def _prices(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT dong, per_base, unit FROM prices ORDER BY id")


async def test_a_managers_price_without_giá_sets_the_price_not_a_harvest(people, core):
    _, boss, _ = people
    said = await boss.text("na 1 triệu rưỡi một tạ")
    assert said.startswith("✅ Đã đặt giá Na: 1.500.000 đ/tạ = 15.000 đ/kg")
    assert await _harvests(core) == []
    assert [dict(r) for r in await _prices(core)] == [
        {"dong": 1_500_000, "per_base": 100_000, "unit": "tạ"}]


async def test_a_members_money_is_a_price_question_answered_with_the_prices(people, core):
    _, boss, lan = people
    await boss.text("/gia chè 25k")
    said = await lan.text("chè 25k một ký")
    assert "Bạn hỏi giá (\"25k một ký\")" in said
    assert "Chè búp tươi: 25.000 đ/kg" in said
    assert "chỉ quản lý" not in said
    assert await _harvests(core) == []
    assert len(await _prices(core)) == 1  # a member never sets one


@pytest.mark.parametrize("who", ["boss", "lan"])
async def test_money_beside_an_amount_is_asked_back_quoting_the_money(people, core, who):
    _, boss, lan = people
    person = boss if who == "boss" else lan
    said = await person.text("chè 30kg giá 25k")
    assert "Mình thấy số tiền \"giá 25k\"" in said
    assert "chưa ghi gì" in said
    assert await _harvests(core) == [] and await _prices(core) == []


async def test_unknown_words_are_quoted_and_nothing_is_recorded_until_confirmed(people, core):
    _, _, lan = people
    [asked] = await lan.say("hum nay na 20 ký")
    assert "Mình chưa hiểu chữ \"hum\"" in asked.text
    labels = [b.label for row in asked.buttons for b in row]
    assert labels == ["Na · 20 kg · 21/11", "✖ Không ghi"]
    assert [r["status"] for r in await _harvests(core)] == ["pending"]
    await lan.say(button=asked.buttons[0][0].data)
    assert [(r["amount"], r["status"]) for r in await _harvests(core)] == [(20_000, "recorded")]


async def test_an_alternative_is_recorded_only_as_picked(people, core):
    _, _, lan = people
    [asked] = await lan.say("quế 2 hay 3 tạ")
    labels = [b.label for row in asked.buttons for b in row]
    assert labels == ["Quế vỏ · 200 kg · 21/11", "Quế vỏ · 300 kg · 21/11", "✖ Không ghi"]
    await lan.say(button=asked.buttons[1][0].data)
    assert [(r["amount"], r["status"]) for r in await _harvests(core)] == [(300_000, "recorded")]


async def test_an_unknown_container_records_nothing_and_names_it(people, core):
    _, _, lan = people
    said = await lan.text("chè 4 thúng")
    assert said.startswith("Mình chưa biết đơn vị \"thúng\" nên chưa ghi gì.")
    assert await _harvests(core) == []


async def test_a_typed_day_to_come_offers_today_and_same_looking_days_show_their_year(people):
    _, _, lan = people
    [asked] = await lan.say("chè 20kg 25/12")
    labels = [b.label for row in asked.buttons for b in row]
    assert labels == ["Chè búp tươi · 20 kg · 25/12/2026", "Chè búp tươi · 20 kg · 25/12/2025",
                      "Chè búp tươi · 20 kg · 21/11/2026", "✖ Không ghi"]


async def test_the_readme_examples_are_recorded(people, core):
    _, _, lan = people
    assert "Lúa · 1.200 kg · thửa 12 · 20/11" in await lan.text("thửa 12 lúa 1 tấn 2 ngày 20/11")
    assert "Quế vỏ · 1.200 kg · 21/11" in await lan.text("1.200 kg quế")
    assert [r["amount"] for r in await _harvests(core)] == [1_200_000, 1_200_000]


@pytest.mark.parametrize("text", ["giá chè bao nhiêu", "cho hỏi giá quế hôm nay", "giá",
                                  "gia che bn", "giá chè hôm nay bao nhiêu?"])
@pytest.mark.parametrize("who", ["boss", "lan"])
async def test_a_price_question_gets_the_prices_never_a_refusal_or_the_intake(
    people, core, text, who
):
    _, boss, lan = people
    await boss.text("/gia chè 25k")
    said = await (boss if who == "boss" else lan).text(text)
    assert said.startswith("💰 Giá thu mua ngày 21/11:"), said
    assert "Chè búp tươi: 25.000 đ/kg" in said
    assert len(await _prices(core)) == 1
