"""Issue 24's case sets: every message is classified as what it is and read right, or asked
about; none is recorded wrong, and no question is answered for another period. Each set is
also run without diacritics (`plain`), expecting the same."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.registry import COMMANDS as SPECS
from messages.commands import guess_command
from messages.diary import parse_diary
from messages.fold import fold
from messages.harvest import parse_harvest
from messages.intent import Intent, classify, small_talk
from messages.periods import question_product, read_question
from tests.messages.coverage_cases import DIARY_ASKED, DIARY_READ, HARVEST
from tests.messages.diary_cases import OUTCOMES, READ
from tests.messages.harvest_cases import CASES, CATALOGUE
from tests.messages.test_diary import INPUTS
from tests.messages.test_harvest_set import _of, _reading, check
from tests.messages.understanding.batches_cases import BATCHES
from tests.messages.understanding.batches_cases import DIACRITICS_ONLY as BATCHES_MARKED_ONLY
from tests.messages.understanding.commands_cases import COMMANDS
from tests.messages.understanding.common import NOW, TODAY, plain
from tests.messages.understanding.diary_more_cases import DIARY
from tests.messages.understanding.prices_cases import PRICES
from tests.messages.understanding.questions_cases import (
    DIACRITICS_ONLY,
    NEVER_RECORDED,
    NOT_QUESTIONS,
    QUESTIONS,
)
from tests.messages.understanding.talk_cases import FIX, TALK
from tests.messages.understanding.telex_cases import TELEX


def _with_plain(cases: list[tuple], marked_only: frozenset[str] = frozenset()) -> list[tuple]:
    """Each case, then its plain spelling when that differs (same expectation), except
    those whose plain spelling is another word."""
    out = list(cases)
    out += [(plain(c[0]), *c[1:]) for c in cases
            if plain(c[0]) != c[0] and c[0] not in marked_only]
    return out


PLAIN_QUESTIONS = [(plain(t), "asks", None) for t in DIACRITICS_ONLY]


NEW = [c[0] for family in (DIARY, QUESTIONS, NOT_QUESTIONS, PRICES, TALK, COMMANDS, TELEX,
                           BATCHES) for c in family]


def test_the_sets_are_new_and_large_enough() -> None:
    assert len(set(NEW)) == len(NEW), "each message once"
    old = {m for m, _ in CASES} | {m for m, _ in HARVEST} | {c[0] for c in READ}
    old |= {t for t, _ in OUTCOMES} | {t for t, _ in DIARY_ASKED} | {c[0] for c in DIARY_READ}
    assert not set(NEW) & old, "new messages, not the old sets again"
    assert len(NEW) >= 250
    assert sum(plain(m) != m for m in NEW) >= 100  # with diacritics
    assert sum(plain(m) == m for m in NEW) >= 100  # and without


ALL_QUESTIONS = _with_plain(QUESTIONS, DIACRITICS_ONLY) + PLAIN_QUESTIONS


@pytest.mark.parametrize(("text", "period", "product"), ALL_QUESTIONS,
                         ids=[c[0] for c in ALL_QUESTIONS])
def test_a_question_is_answered_for_the_period_it_names(text, period, product) -> None:
    assert classify(text, TODAY).kind == "question"
    found = read_question(text, TODAY)
    assert found is not None
    if period == "asks":
        assert found.period is None, found
        return
    assert found.period is not None, found
    first, last = found.period.first, found.period.last
    shown = f"{first:%d/%m}" if "-" not in period else (
        f"{first:%d/%m}-{last:%d/%m}" if first.year == TODAY.year
        else f"{first:%d/%m/%Y}-{last:%d/%m/%Y}")
    assert shown == period, (text, found.period)
    if "-" not in period:
        assert first == last
    named = question_product(text, CATALOGUE, TODAY)
    assert (named.name if named else None) == product


@pytest.mark.parametrize(("text", "kind"), NOT_QUESTIONS, ids=[t for t, _ in NOT_QUESTIONS])
def test_other_messages_with_asking_words_are_not_intake_questions(text, kind) -> None:
    assert classify(text, TODAY).kind == kind


def _diary_reading(text: str) -> tuple | str:
    parse = parse_diary(text, INPUTS, TODAY)
    if parse.status == "ask_interval":
        return "ask"
    if parse.status != "ok" or parse.reading is None:
        return parse.problem or parse.status
    r = parse.reading
    return (r.activity, r.input_name, fold(r.dose) if r.dose else None,
            fold(r.plot) if r.plot else None, (TODAY - r.day).days, r.note)


def _folded_expectation(expected: tuple | str, folded: bool) -> tuple | str:
    if isinstance(expected, str):
        return expected
    activity, name, dose, plot, ago, note = expected
    return (activity, name, fold(dose) if dose else None, fold(plot) if plot else None, ago,
            plain(note) if note and folded else note)


@pytest.mark.parametrize(("text", "expected"), DIARY, ids=[t for t, _ in DIARY])
def test_a_diary_message_is_read_right_or_asked(text, expected) -> None:
    assert classify(text, TODAY).kind == "diary"
    assert _diary_reading(text) == _folded_expectation(expected, False)


@pytest.mark.parametrize(("text", "expected"), [(plain(t), e) for t, e in DIARY
                                                if plain(t) != t],
                         ids=[plain(t) for t, _ in DIARY if plain(t) != t])
def test_a_diary_message_without_diacritics_is_read_the_same(text, expected) -> None:
    assert classify(text, TODAY).kind == "diary"
    got = _diary_reading(text)
    if isinstance(expected, tuple) and isinstance(got, tuple) and expected[1] not in {
            i.name for i in INPUTS} and expected[1] is not None:
        expected = (*expected[:1], plain(expected[1]), *expected[2:])
    assert got == _folded_expectation(expected, True)


@pytest.mark.parametrize(("text", "kind"), _with_plain(PRICES),
                         ids=[t for t, _ in _with_plain(PRICES)])
def test_prices_asked_for_are_questions_and_typed_prices_are_not(text, kind) -> None:
    assert classify(text, TODAY).kind == kind


@pytest.mark.parametrize(("text", "topic"), _with_plain(TALK),
                         ids=[t for t, _ in _with_plain(TALK)])
def test_small_talk_gets_its_topic(text, topic) -> None:
    assert small_talk(text) == topic
    assert classify(text, TODAY).kind == "talk"


@pytest.mark.parametrize("text", FIX + [plain(t) for t in FIX], ids=FIX + [plain(t) for t in FIX])
def test_saying_an_entry_is_wrong_is_answered_with_sua_and_huy_not_read(text) -> None:
    assert classify(text, TODAY) == Intent("talk", talk="fix")


def _names(role: str) -> list[str]:
    return [s.name for s in SPECS if not s.roles or role in s.roles]


@pytest.mark.parametrize(("text", "role", "expected"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_command_typed_wrong_leads_to_the_right_one(text, role, expected) -> None:
    guess = guess_command(text, _names(role))
    if expected == "unknown":
        assert guess is None or (guess.command is None and guess.suggestion is None)
        return
    action, _, rest = expected.partition(" ")
    assert guess is not None
    if action == "run":
        name, _, args = rest.partition(" ")
        assert guess.command is not None, guess
        assert (f"/{guess.command.name}", guess.command.args) == (name, args)
    else:
        assert guess.command is None and f"/{guess.suggestion}" == rest


@pytest.mark.parametrize(("text", "expected"), TELEX, ids=[t for t, _ in TELEX])
def test_telex_and_vni_words_are_asked_with_the_right_reading_first(text, expected) -> None:
    assert classify(text, TODAY).kind == "harvest"
    result = parse_harvest(text, CATALOGUE, NOW)
    if not expected.startswith("?"):  # read as spelled by the catalogue's own typo rule
        assert [_of(i) for i in result.items] == [(*_reading(expected)[:3], NOW.date())]
        return
    assert result.status == "ask" and not result.items, result  # never recorded silently
    first = result.questions[0].options[0]
    name, amount, plot, day = _reading(expected.lstrip("?"))
    assert _of(first) == (name, amount, plot, _shift(day)), result


def _shift(day: date) -> date:
    """_reading counts days from the harvest set's today (21/11); these are sent on 23/11."""
    from tests.messages.test_harvest_set import TODAY as SET_TODAY

    return day + (TODAY - SET_TODAY)


@pytest.mark.parametrize(("text", "expected"), _with_plain(BATCHES, BATCHES_MARKED_ONLY),
                         ids=[t for t, _ in _with_plain(BATCHES, BATCHES_MARKED_ONLY)])
def test_one_product_picked_in_batches(text, expected) -> None:
    from tests.messages.harvest_cases import NOW as SET_NOW

    assert classify(text, TODAY).kind == "harvest"
    check(text, expected, parse_harvest(text, CATALOGUE, SET_NOW))


NOT_HARVESTS = [c[0] for family in (DIARY, QUESTIONS, PRICES, TALK) for c in family]
NOT_HARVESTS += [plain(t) for t in NOT_HARVESTS if plain(t) != t]


@pytest.mark.parametrize("text", NOT_HARVESTS + NEVER_RECORDED)
def test_no_such_message_is_ever_recorded_as_a_harvest(text) -> None:
    """Even read as a harvest (were the classifier wrong), nothing is recorded silently."""
    assert classify(text, TODAY).kind != "harvest" or text in NEVER_RECORDED
    result = parse_harvest(text, CATALOGUE, NOW)
    assert result.status != "ok" or not result.items, (text, result)


def test_a_question_never_answers_today_for_another_day() -> None:
    """A question whose words name a day other than today is never read as today."""
    for text, period, _ in QUESTIONS:
        found = read_question(text, TODAY)
        assert found is not None
        if period not in ("asks", "23/11", "23/11-23/11"):
            assert found.period is None or found.period.first != TODAY, text


NOT_TALK = [p.name for p in CATALOGUE] + [a for p in CATALOGUE for a in p.aliases]
NOT_TALK += ["làm cỏ", "lam co", "tưới", "trồng mới", "đốn", "có hái"]


@pytest.mark.parametrize("text", NOT_TALK + [plain(t) for t in NOT_TALK if plain(t) != t])
def test_a_product_or_a_piece_of_work_is_never_small_talk(text) -> None:
    assert small_talk(text) is None or classify(text, TODAY).kind != "talk"
    assert classify(text, TODAY).kind != "talk"
