"""Issue 24's leftovers (leftovers_cases.py): a person named in a harvest, a bare number
from a new member, Telex in diary verbs, a product and a period as a question, an unknown
product asked about, Telex words quoted as typed, chatty fillers. Each as typed and
without diacritics; none is ever recorded with a reading the person did not mean."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.harvest import own_name
from messages.diary import parse_diary
from messages.harvest import parse_harvest
from messages.harvest_words import NAME_WORDS
from messages.intent import classify
from messages.periods import product_period, question_unclear, question_unknown
from messages.telex import spelled
from tests.messages.test_diary import INPUTS
from tests.messages.understanding.common import NOW, TODAY, plain
from tests.messages.understanding.field_cases import CATALOGUE
from tests.messages.understanding.field_judge import _items, _key, judge_harvest
from tests.messages.understanding.leftovers_cases import (
    DIARY_PERSON,
    FILLERS,
    LABELED,
    MARKED_ONLY,
    NAMED,
    NO_UNIT,
    NOT_NAMED,
    PRODUCT_PERIOD,
    QUESTION_NAMED,
    QUOTED,
    TELEX_DIARY,
    UNKNOWN_PRODUCT,
)


def _both(cases: list[tuple]) -> list[tuple]:
    return list(cases) + [(plain(c[0]), *c[1:]) for c in cases
                          if plain(c[0]) != c[0] and c[0] not in MARKED_ONLY]


def _ids(cases: list[tuple]) -> list[str]:
    return [c[0] for c in cases]


def _got(item) -> tuple:
    return (_key(item.product_name), item.amount, _key(item.plot), item.day)


@pytest.mark.parametrize(("text", "expected"), _both(NAMED), ids=_ids(_both(NAMED)))
def test_a_harvest_naming_a_person_asks_whose_it_is(text, expected) -> None:
    assert classify(text, TODAY).kind == "harvest"
    found = parse_harvest(text, CATALOGUE, NOW)
    assert found.status == "ask" and not found.items, found  # never recorded as the sender's
    [question] = found.questions
    assert question.reason == "other_person", question
    assert [_got(o) for o in question.options] == _items(expected)
    # the sender named so gets it recorded at once; anyone else is still asked
    name = question.leftover
    assert own_name(found, f"Nguyễn Thị {name}").items == question.options
    assert own_name(found, "Phạm Văn Quang").status == "ask"


@pytest.mark.parametrize(("text", "expected"), _both(NOT_NAMED + FILLERS + LABELED),
                         ids=_ids(_both(NOT_NAMED + FILLERS + LABELED)))
def test_a_word_that_names_no_one_or_a_chatty_filler_is_read(text, expected) -> None:
    verdict, why = judge_harvest(text, expected)
    assert verdict == "right", (text, why)


@pytest.mark.parametrize(("text", "expected"), _both(NO_UNIT), ids=_ids(_both(NO_UNIT)))
def test_a_bare_number_from_a_new_member(text, expected) -> None:
    found = parse_harvest(text, CATALOGUE, NOW, usual={})
    if not expected.startswith("?"):
        assert found.status == "ok" and [_got(i) for i in found.items] == _items(expected)
        return
    assert found.status == "ask" and not found.items, found
    [question] = found.questions
    assert question.reason == "no_unit"
    assert _got(question.options[0]) == _items(expected[1:])[0]
    assert question.options[-1].amount < question.options[0].amount  # kg offered last


@pytest.mark.parametrize(("text", "expected"), TELEX_DIARY, ids=_ids(TELEX_DIARY))
def test_a_diary_verb_typed_with_telex_is_read_as_spelled(text, expected) -> None:
    assert classify(text, TODAY).kind == "diary"
    assert parse_diary(text, INPUTS, TODAY).status in ("not_diary", "invalid")  # as typed
    typed = spelled(text, marks=False)
    assert typed is not None
    parse = parse_diary(typed, INPUTS, TODAY)
    assert parse.reading is not None, parse
    assert (parse.reading.activity, parse.reading.plot) == expected


def _shown(found) -> tuple[str, str] | None:
    if found is None:
        return None
    period, product = found
    first, last = period.first, period.last
    shown = f"{first:%d/%m}" if period.kind == "day" else f"{first:%d/%m}-{last:%d/%m}"
    return shown, product.name


@pytest.mark.parametrize(("text", "expected"), _both(PRODUCT_PERIOD),
                         ids=_ids(_both(PRODUCT_PERIOD)))
def test_a_product_and_a_period_is_a_question(text, expected) -> None:
    assert _shown(product_period(text, CATALOGUE, TODAY)) == expected
    if expected is not None:  # nothing of it is ever recorded as a harvest
        assert parse_harvest(text, CATALOGUE, NOW).status != "ok"


@pytest.mark.parametrize(("text", "word"), _both(UNKNOWN_PRODUCT), ids=_ids(_both(UNKNOWN_PRODUCT)))
def test_a_question_about_an_unknown_product_names_it(text, word) -> None:
    assert classify(text, TODAY).kind == "question"
    assert question_unknown(text, CATALOGUE, TODAY) == (word if plain(text) != text
                                                        or plain(word) == word else plain(word))


@pytest.mark.parametrize(("text", "name"), _both(QUESTION_NAMED), ids=_ids(_both(QUESTION_NAMED)))
def test_a_question_about_a_person_is_never_the_whole_cooperatives(text, name) -> None:
    assert classify(text, TODAY).kind == "question"
    assert question_unclear(text, CATALOGUE, TODAY) == (name if plain(text) != text
                                                        or plain(name) == name else plain(name))


@pytest.mark.parametrize(("text", "word"), _both(QUOTED), ids=_ids(_both(QUOTED)))
def test_a_telex_word_not_understood_is_quoted_as_typed(text, word) -> None:
    found = parse_harvest(text, CATALOGUE, NOW)
    assert found.status == "ask" and not found.items
    assert any(word in q.leftover.split() for q in found.questions), found.questions
    assert all(q.text == text for q in found.questions)


@pytest.mark.parametrize(("text", "words"), _both(DIARY_PERSON), ids=_ids(_both(DIARY_PERSON)))
def test_diary_work_for_another_person_is_not_recorded_as_the_senders(text, words) -> None:
    assert classify(text, TODAY).kind == "diary"
    parse = parse_diary(text, INPUTS, TODAY)
    # refused (as work for someone else, or words not understood), the words naming them
    # quoted as typed
    assert parse.status == "invalid" and parse.problem in ("for_someone", "unclear_words")
    said = words if plain(text) != text or plain(words) == words else plain(words)
    assert parse.detail is not None and parse.detail.endswith(said), parse


def test_the_leftover_sets_are_large_enough() -> None:
    sets = (DIARY_PERSON, NAMED, NOT_NAMED, NO_UNIT, TELEX_DIARY, PRODUCT_PERIOD,
            UNKNOWN_PRODUCT, QUESTION_NAMED, QUOTED, FILLERS, LABELED)
    texts = [c[0] for family in sets for c in family]
    assert len(set(texts)) == len(texts) >= 60


NAMES = sorted({form.capitalize() for forms in NAME_WORDS.values() for form in forms})
SHAPES = ("{name} {n}kg {product}", "{product} {n}kg {name}", "chị {name} {product} {n} ký",
          "{n} cân {product} bà {name}")


@given(name=st.sampled_from(NAMES), n=st.integers(11, 900),
       product=st.sampled_from(["chè", "quế", "chè búp", "che", "que"]),
       shape=st.sampled_from(SHAPES))
def test_a_named_harvest_is_never_the_senders_unless_the_name_is_theirs(name, n, product,
                                                                        shape) -> None:
    text = shape.format(name=name, n=n, product=product)
    found = parse_harvest(text, CATALOGUE, NOW)
    assert found.status != "ok" or not found.items, text
    mine = own_name(found, f"Lò Thị {name}")
    other = own_name(found, "Phạm Văn Quang")
    assert not other.items, text
    if found.status == "ask":
        assert [i.amount for i in mine.items] == [n * 1000], text
