"""A product and a period without an asking word ("quế tháng này", "chè hôm qua?") is
answered as a question, and a question about a product the cooperative does not have
("gừng tuần này bao nhiêu") says so instead of giving the whole cooperative's intake.
Real core, real database."""

from __future__ import annotations

import pytest

from tests.messages.understanding.common import plain
from tests.support import cooperative


async def _count(core) -> int:
    async with core.db.transaction() as tx:
        return (await tx.one("SELECT COUNT(*) AS n FROM harvests"))["n"]


async def _delivered(core, clock):
    """Lan delivered 30kg chè yesterday and 2 tạ quế today; Minh 15kg chè today."""
    coop = await cooperative(core, ["Lan", "Minh"])
    lan, minh = coop.members
    clock.advance(minutes=1)
    assert "Đã ghi" in await lan.text("chè 30kg hôm qua")
    assert "Đã ghi" in await lan.text("quế 2 tạ")
    assert "Đã ghi" in await minh.text("chè 15kg")
    return coop


# (message, the figure the answer must show, one it must not)
PRODUCT_PERIOD = [
    ("quế tháng này", "200 kg", "45 kg"),
    ("quế vỏ tuần này", "200 kg", "45 kg"),
    ("chè hôm qua?", "30 kg", "45 kg"),
    ("chè búp hôm nay", "15 kg", "45 kg"),
    ("chè tuần này ạ", "45 kg", "200 kg"),
    ("chè tháng này?", "45 kg", "200 kg"),
]


@pytest.mark.parametrize(("text", "shown", "not_shown"),
                         PRODUCT_PERIOD + [(plain(t), s, n) for t, s, n in PRODUCT_PERIOD])
async def test_a_product_and_a_period_is_a_question_for_the_manager(core, clock, text, shown,
                                                                     not_shown):
    coop = await _delivered(core, clock)
    before = await _count(core)
    answer = await coop.manager.text(text)
    assert shown in answer and not_shown not in answer, answer
    assert "chưa thấy số lượng" not in answer.lower()
    assert await _count(core) == before  # nothing recorded


async def test_a_member_gets_their_own_figures_of_that_product(core, clock):
    coop = await _delivered(core, clock)
    answer = await coop.members[0].text("que thang nay")
    assert "200 kg" in answer and "15 kg" not in answer


@pytest.mark.parametrize("text", ["hái chè hôm qua", "giao quế hôm nay", "chè lô 2 hôm qua"])
async def test_a_report_missing_its_amount_is_still_asked_for_it(core, clock, text):
    coop = await _delivered(core, clock)
    before = await _count(core)
    answer = await coop.members[1].text(text)
    assert "kg" not in answer or "ví dụ" in answer.lower(), answer
    assert await _count(core) == before


UNKNOWN = [("gừng tuần này bao nhiêu", "gừng"), ("xoài tháng này được mấy tạ", "xoài"),
           ("tháng này thu được bao nhiêu mít", "mít"), ("hôm nay cacao được bao nhiêu", "cacao")]


PLAIN_UNKNOWN = [(plain(t), plain(w)) for t, w in UNKNOWN if plain(t) != t]


@pytest.mark.parametrize(("text", "word"), UNKNOWN + PLAIN_UNKNOWN)
async def test_a_product_the_cooperative_does_not_have_gets_no_figures(core, clock, text, word):
    coop = await _delivered(core, clock)
    answer = await coop.manager.text(text)
    assert f'"{word}"' in answer and "chưa có sản phẩm" in answer, answer
    assert "45 kg" not in answer and "200 kg" not in answer


@pytest.mark.parametrize("text", ["tuần này thu được bao nhiêu", "doanh thu hôm nay",
                                  "thứ bảy thu được bao nhiêu", "bây giờ thu được bao nhiêu rồi",
                                  "vụ này thu được bao nhiêu", "hom nay thu dc bn"])
async def test_a_question_without_a_product_still_gets_the_whole_intake(core, clock, text):
    coop = await _delivered(core, clock)
    answer = await coop.manager.text(text)
    assert "chưa có sản phẩm" not in answer, answer


@pytest.mark.parametrize(("text", "meant"), [
    ("tuaanf nafy thu bn", "tuần"), ("tuaanf truowcs thu bn", "tuần trước"),
    ("thangs nayf chef bn", "tháng này chè"),
])
async def test_a_question_typed_with_telex_is_asked_back_never_answered_for_today(core, clock,
                                                                                   text, meant):
    """Read as typed, "tuaanf nafy" names no period and was answered for today."""
    coop = await _delivered(core, clock)
    answer = await coop.manager.text(text)
    assert "gõ sai dấu" in answer and meant in answer, answer
    assert "45 kg" not in answer and "15 kg" not in answer
