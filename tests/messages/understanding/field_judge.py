"""How a message of the field set (field_cases.py) is read by the real path, judged against
its expectation: "right", "asked" (nothing recorded, the person is asked back), "other"
(taken for another kind of message, nothing recorded) or "wrong" (recorded, or answered,
with a reading the person did not mean: a silent wrong reading).

Shared by the tests (test_field_set.py) and the measuring script (benchmarks/field_set.py).
"""

from __future__ import annotations

from datetime import timedelta

from messages.diary import parse_diary
from messages.fold import fold
from messages.harvest import parse_harvest
from messages.intent import classify
from messages.periods import question_product, question_unclear, read_question
from tests.messages.test_diary import INPUTS
from tests.messages.understanding.common import NOW, TODAY, plain
from tests.messages.understanding.field_cases import CATALOGUE, MARKED_ONLY


def with_plain(cases: list[tuple]) -> list[tuple]:
    """Each case, then its plain spelling when that differs (same expectation)."""
    return list(cases) + [(plain(c[0]), *c[1:]) for c in cases
                          if plain(c[0]) != c[0] and c[0] not in MARKED_ONLY]


def _key(text: str | None) -> str | None:
    return fold(text).replace(" ", "") if text else None


def _items(expected: str) -> list[tuple]:
    out = []
    for part in expected.split(" ; "):
        ago = 0
        if " ~" in part:
            part, days = part.rsplit(" ~", 1)
            ago = -int(days)
        plot = None
        if " @" in part:
            part, plot = part.split(" @", 1)
        name, amount = part.rsplit("=", 1)
        out.append((_key(name), int(amount), _key(plot), TODAY - timedelta(days=ago)))
    return out


def judge_harvest(text: str, expected: str) -> tuple[str, str]:
    """(verdict, what was read) of a harvest line."""
    kind = classify(text, TODAY).kind
    if kind == "diary":
        parse = parse_diary(text, INPUTS, TODAY)
        if parse.status == "ok":
            return "wrong", f"recorded as diary {parse.reading}"
        return ("right" if expected == "?" else "asked"), f"diary {parse.status}"
    if kind != "harvest":
        return ("right" if expected == "?" else "other"), kind
    result = parse_harvest(text, CATALOGUE, NOW)
    got = [(_key(i.product_name), i.amount, _key(i.plot), i.day) for i in result.items]
    if result.status != "ok" or not result.items:
        reasons = [f"{q.field}/{q.reason}" for q in result.questions] or [result.problem]
        return ("right" if expected == "?" else "asked"), f"{result.status} {reasons}"
    if expected != "?" and got == _items(expected):
        return "right", ""
    return "wrong", f"recorded {got}"


def judge_diary(text: str, expected: tuple | str) -> tuple[str, str]:
    """(verdict, what was read) of a diary line."""
    kind = classify(text, TODAY).kind
    if kind == "harvest":
        result = parse_harvest(text, CATALOGUE, NOW)
        if result.status == "ok" and result.items:
            return "wrong", f"recorded as harvest {result.items}"
        return "other", f"harvest {result.status}"
    if kind != "diary":
        return "other", kind
    parse = parse_diary(text, INPUTS, TODAY)
    if parse.status != "ok" or parse.reading is None:
        return ("right" if expected == "ask" else "asked"), parse.problem or parse.status
    r = parse.reading
    # an input not in the list is kept as typed: compared without diacritics
    got = (r.activity, _key(r.input_name), _key(r.dose), _key(r.plot), (TODAY - r.day).days)
    if expected == "ask":
        return "wrong", f"recorded {got}"
    activity, name, dose, plot, ago = expected
    if got == (activity, _key(name), _key(dose), _key(plot), ago):
        return "right", ""
    return "wrong", f"recorded {got}"


def judge_question(text: str, period: str, product: str | None) -> tuple[str, str]:
    """(verdict, what was read) of a question's period and product (its figures are the
    handler test's)."""
    kind = classify(text, TODAY).kind
    if kind != "question":
        if kind == "harvest":
            result = parse_harvest(text, CATALOGUE, NOW)
            if result.status == "ok" and result.items:
                return "wrong", f"recorded as harvest {result.items}"
        return "other", kind
    found = read_question(text, TODAY)
    assert found is not None
    if found.period is None:
        return ("right" if period == "asks" else "asked"), "period asked"
    unclear = question_unclear(text, CATALOGUE, TODAY)
    if unclear is not None:
        return ("right" if period == "asks" else "asked"), f"asked about {unclear!r}"
    first, last = found.period.first, found.period.last
    shown = f"{first:%d/%m}" if first == last and "-" not in period else (
        f"{first:%d/%m}-{last:%d/%m}")
    named = question_product(text, CATALOGUE, TODAY)
    got = (shown, named.name if named else None)
    if got == (period, product):
        return "right", ""
    return "wrong", f"answered for {got}"
