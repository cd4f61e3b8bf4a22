"""Buying prices in chat: managers set them, everyone in the cooperative reads them."""

from __future__ import annotations

from datetime import date

import pytest

from storage import prices
from tests.support import cooperative


@pytest.fixture
async def people(core):
    made = await cooperative(core, ["Lan"])
    return made.id, made.manager, made.members[0]


async def _history(core, coop_id):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT product_id, dong, per_base, unit, valid_from FROM prices"
                            " WHERE cooperative_id = ? ORDER BY id", (coop_id,))


async def test_a_manager_sets_a_price_and_members_read_it(people, core, clock):
    coop, boss, lan = people
    assert "chưa có giá" in await lan.text("/gia")
    said = await boss.text("/gia chè búp 25k")
    assert said == "✅ Đã đặt giá Chè búp tươi: 25.000 đ/kg từ ngày 21/11."
    assert await lan.text("/gia") == "💰 Giá thu mua ngày 21/11:\n• Chè búp tươi: 25.000 đ/kg"
    [row] = await _history(core, coop)
    assert (row["dong"], row["per_base"], row["unit"], row["valid_from"]) == (
        25_000, 1000, "kg", "2026-11-21")


async def test_plain_text_without_diacritics_sets_a_price_in_another_unit(people, core):
    coop, boss, _ = people
    said = await boss.text("gia que vo 2tr5/ta")
    assert said == "✅ Đã đặt giá Quế vỏ: 2.500.000 đ/tạ = 25.000 đ/kg từ ngày 21/11."
    [row] = await _history(core, coop)
    assert (row["dong"], row["per_base"], row["unit"]) == (2_500_000, 100_000, "tạ")


async def test_history_is_kept_and_the_board_shows_the_change(people, core, clock):
    coop, boss, lan = people
    await boss.say("/gia chè búp 25k")
    clock.advance(days=1)
    said = await boss.text("giá chè búp tươi 26.000")
    assert said.endswith("Giá trước đó: 25.000 đ/kg.")
    assert "Chè búp tươi: 26.000 đ/kg (▲ tăng 1.000 đ/kg)" in await lan.text("giá")
    assert [r["dong"] for r in await _history(core, coop)] == [25_000, 26_000]
    async with core.db.transaction() as tx:
        audit = await tx.all("SELECT action FROM audit_log WHERE entity = 'price'")
    assert len(audit) == 2


async def test_a_price_from_tomorrow_does_not_change_today(people, core, clock):
    _, boss, lan = people
    await boss.say("/gia chè búp 25k")
    assert "từ ngày 22/11" in await boss.text("/gia chè búp 27k từ mai")
    assert "25.000 đ/kg" in await lan.text("/gia")
    clock.advance(days=1)
    assert "27.000 đ/kg (▲ tăng 2.000 đ/kg)" in await lan.text("/gia")


async def test_members_cannot_set_prices_and_nothing_is_recorded(people, core):
    coop, _, lan = people
    said = await lan.text("/gia chè búp 30k")
    assert said.startswith("Giá thu mua do quản lý HTX cập nhật, giá bạn gửi chưa được ghi.")
    said = await lan.text("giá chè búp 30k")
    assert said.startswith("Giá thu mua do quản lý HTX cập nhật, giá bạn gửi chưa được ghi.")
    assert await _history(core, coop) == []


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("/gia chè búp 25", "Nếu ý bạn là 25.000 đ/kg"),
        ("/gia lá 25k", "\"lá\" là sản phẩm nào: Chè búp tươi, Quế lá?"),
        ("/gia sầu riêng 80k", "HTX chưa có sản phẩm \"sầu riêng\""),
        ("/gia chè búp 25k/quả", "Chè búp tươi tính theo kg"),
        ("/gia chè búp", "Bạn muốn đặt giá chè búp bao nhiêu?"),
        ("/gia 25k", "Giá này cho sản phẩm nào?"),
        ("/gia chè búp 99999tr", "lớn quá"),
        ("/gia chè búp <script>1</script>", "mình chưa ghi"),
    ],
)
async def test_doubtful_prices_get_a_clear_answer_and_record_nothing(people, core, text, answer):
    coop, boss, _ = people
    said = await boss.text(text)
    assert answer in said
    assert await _history(core, coop) == []


async def test_prices_on_reads_the_newest_price_on_or_before_a_day(people, core, clock):
    coop, boss, _ = people
    await boss.say("/gia chè búp 25k từ 25/11")
    await boss.say("/gia chè búp 24k")
    await boss.say("/gia chè búp 26k từ 25/11")  # set again for the same day: the newer wins
    async with core.db.transaction() as tx:
        today = await prices.prices_on(tx, coop, date(2026, 11, 21))
        later = await prices.prices_on(tx, coop, date(2026, 11, 30))
    assert [p.dong for p in today.values()] == [24_000]
    assert [p.dong for p in later.values()] == [26_000]
