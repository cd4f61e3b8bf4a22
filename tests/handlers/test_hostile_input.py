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
