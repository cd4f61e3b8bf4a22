"""The coverage rule on messages written for each pattern of a wrong silent reading: every
one is read right or asked about, with and without diacritics (see coverage_cases.py)."""

from __future__ import annotations

import unicodedata

import pytest

from messages.diary import parse_diary
from messages.fold import fold
from messages.harvest import parse_harvest
from tests.messages.coverage_cases import DIACRITICS_ONLY, DIARY_ASKED, DIARY_READ, HARVEST
from tests.messages.harvest_cases import CASES, CATALOGUE, NOW
from tests.messages.test_diary import INPUTS, TODAY
from tests.messages.test_harvest_set import check


def plain(text: str) -> str:
    """The text as typed without diacritics, keeping capitals: "Chè Tư" -> "Che Tu"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


FOLDED_HARVEST = [(plain(m), e) for m, e in HARVEST
                  if m not in DIACRITICS_ONLY and plain(m) != m]


def test_the_sets_are_new_and_large_enough() -> None:
    messages = [m for m, _ in HARVEST] + [t for t, _ in DIARY_ASKED] + [c[0] for c in DIARY_READ]
    assert len(set(messages)) == len(messages), "each message once"
    assert not set(messages) & {m for m, _ in CASES}, "new messages, not the old set again"
    folded = len(FOLDED_HARVEST) + len(DIARY_ASKED) + len(DIARY_READ)
    assert len(messages) + folded >= 150


@pytest.mark.parametrize(("message", "expected"), HARVEST, ids=[m[:40] for m, _ in HARVEST])
def test_harvest(message: str, expected: str) -> None:
    check(message, expected, parse_harvest(message, CATALOGUE, NOW))


@pytest.mark.parametrize(("message", "expected"), FOLDED_HARVEST,
                         ids=[m[:40] for m, _ in FOLDED_HARVEST])
def test_harvest_without_diacritics(message: str, expected: str) -> None:
    check(message, expected, parse_harvest(message, CATALOGUE, NOW))


@pytest.mark.parametrize("folded", [False, True], ids=["marked", "plain"])
@pytest.mark.parametrize(("text", "problem"), DIARY_ASKED, ids=[t for t, _ in DIARY_ASKED])
def test_diary_asked(text: str, problem: str, folded: bool) -> None:
    parse = parse_diary(plain(text) if folded else text, INPUTS, TODAY)
    assert (parse.status, parse.problem) == ("invalid", problem), parse


@pytest.mark.parametrize("folded", [False, True], ids=["marked", "plain"])
@pytest.mark.parametrize("case", DIARY_READ, ids=[c[0] for c in DIARY_READ])
def test_diary_read(case: tuple, folded: bool) -> None:
    text, activity, name, dose, plot = case
    parse = parse_diary(plain(text) if folded else text, INPUTS, TODAY)
    assert parse.status == "ok", parse
    reading = parse.reading
    assert reading is not None
    shown = (reading.activity, reading.input_name, reading.dose, reading.plot)
    if folded:
        shown = tuple(fold(s) if isinstance(s, str) else s for s in shown)
        expected = tuple(fold(s) if isinstance(s, str) else s for s in (activity, name, dose,
                                                                        plot))
    else:
        expected = (activity, name, dose, plot)
    assert shown == expected, text


def test_a_question_about_words_quotes_them() -> None:
    parse = parse_harvest("hum nay na 20 ký", CATALOGUE, NOW)
    assert parse.questions[0].leftover == "hum"
    parse = parse_harvest("<b>chè</b> 30kg", CATALOGUE, NOW)
    assert parse.questions[0].leftover == "<b>chè</b>"
    parse = parse_harvest("chè 4 thúng", CATALOGUE, NOW)
    assert parse.detail == "thúng"
    parse = parse_harvest("na 1 triệu rưỡi một tạ", CATALOGUE, NOW)
    assert parse.detail == "1 triệu rưỡi một tạ"
