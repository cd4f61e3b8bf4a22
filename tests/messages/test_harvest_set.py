"""The harvest parser against 300+ real-looking farmer messages (see harvest_cases.py)."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from decimal import Decimal

import pytest

from messages.harvest import (
    HarvestItem,
    HarvestParse,
    canonical_amount,
    parse_harvest,
    read_harvest,
)
from tests.messages.harvest_cases import CASES, CATALOGUE, NOW, USUAL_CASES

TODAY = NOW.date()
IDS = {p.name: p.id for p in CATALOGUE}

Reading = tuple[str, int, str | None, date]
FUZZ_WORDS = (
    "chè che quế 30 kg ký tạ tấn yến rưỡi nửa 1.500 2,5 lô 3 thứ hai t2 cn hôm qua "
    "ngày 20/11 31/2 - / 1/2 30-40 mười lăm chục trăm nghìn k đ giá lần 7h bao quả "
    "lít na nấm năm và , ? 0 -5 99999999999999999999 1.2.3 2kg3 hái thu hoạch xoài"
)


def _day(text: str) -> date:
    if text.lstrip("-").isdigit():
        return TODAY + timedelta(days=int(text))
    parts = [int(p) for p in text.split("/")]
    year = parts[2] if len(parts) == 3 else TODAY.year
    return date(year, parts[1], parts[0])


def _reading(text: str) -> Reading:
    """ "chè búp tươi=30000 @lô 3 ~-1" -> (name, amount, plot, day)."""
    day = TODAY
    if " ~" in text:
        text, day_text = text.rsplit(" ~", 1)
        day = _day(day_text)
    plot = None
    if " @" in text:
        text, plot = text.split(" @", 1)
    name, amount = text.rsplit("=", 1)
    return name.strip(), int(amount), plot, day


def _of(item: HarvestItem) -> Reading:
    return item.product_name, item.amount, item.plot, item.day


def _show(result: HarvestParse) -> str:
    parts = [f"{n}={a}" + (f" @{p}" if p else "") + f" ~{d:%d/%m}" for n, a, p, d in map(
        _of, result.items
    )]
    for q in result.questions:
        options = " | ".join(f"{o.product_name}={o.amount} ~{o.day:%d/%m}" for o in q.options)
        parts.append(f"?{q.field}/{q.reason}: {options}")
    if result.problem:
        parts.append(f"!{result.problem}")
    return f"{result.status}: " + " ; ".join(parts)


def check(message: str, expected: str, result: HarvestParse) -> None:
    """Fail with the message and both readings unless `result` is exactly `expected`."""
    shown = f"\n  message:  {message!r}\n  expected: {expected}\n  got:      {_show(result)}"
    parts = [p.strip() for p in expected.split(" ; ")]
    if parts[0].startswith("-"):
        assert result.status == "not_harvest", shown
        assert result.problem == (parts[0][1:] or None), shown
        return
    problems = [p[1:] for p in parts if p.startswith("!")]
    if problems:
        assert (result.status, result.problem) == ("invalid", problems[0]), shown
        return
    items = [_reading(p) for p in parts if not p.startswith("?")]
    questions = [p[1:] for p in parts if p.startswith("?")]
    assert result.status == ("ask" if questions else "ok"), shown
    assert [_of(i) for i in result.items] == items, shown
    assert len(result.questions) == len(questions), shown
    for question, wanted in zip(result.questions, questions, strict=True):
        head, _, options = wanted.partition(":")
        field, _, reason = head.partition("/")
        assert question.field == field.strip(), shown
        assert not reason or question.reason == reason.strip(), shown
        assert question.options, shown
        if options.strip():
            wanted_options = [_reading(o) for o in options.split(" | ")]
            assert [_of(o) for o in question.options] == wanted_options, shown
        assert all(o.index == question.item for o in question.options), shown


def test_the_set_is_large_enough() -> None:
    assert len(CASES) + len(USUAL_CASES) >= 300
    messages = [m for m, _ in CASES]
    assert len(set(messages)) == len(messages), "each message once"


@pytest.mark.parametrize(("message", "expected"), CASES, ids=[m[:40] for m, _ in CASES])
def test_message(message: str, expected: str) -> None:
    check(message, expected, parse_harvest(message, CATALOGUE, NOW))


@pytest.mark.parametrize(
    ("message", "usual", "expected"), USUAL_CASES, ids=[m for m, _, _ in USUAL_CASES]
)
def test_message_with_usual_amounts(message: str, usual: dict[str, int], expected: str) -> None:
    by_id = {IDS[name]: amount for name, amount in usual.items()}
    check(message, expected, parse_harvest(message, CATALOGUE, NOW, usual=by_id))


def test_a_reading_names_every_product_whose_usual_amount_can_change_it() -> None:
    """The handler reads only the habits of `products()`; on the whole set, deciding with
    those alone gives the same reading as deciding with a usual amount for every product
    (set low, so that most amounts are flagged and a missing one would show)."""
    low = {entry.id: 100 for entry in CATALOGUE}
    scoped_reads = 0
    for message, _ in [*CASES, *((m, e) for m, _, e in USUAL_CASES)]:
        reading = read_harvest(message, CATALOGUE, NOW)
        wanted = reading.products()
        if wanted is None:  # an unknown name: ranked against every product
            continue
        scoped_reads += 1
        scoped = {pid: amount for pid, amount in low.items() if pid in wanted}
        assert reading.decide(scoped) == reading.decide(low), message
        assert reading.decide(low) == parse_harvest(message, CATALOGUE, NOW, usual=low), message
    assert scoped_reads > 300


def test_a_reading_asks_for_no_habits_when_it_is_not_a_harvest_and_all_of_them_for_a_new_name(
) -> None:
    assert read_harvest("giá chè bao nhiêu?", CATALOGUE, NOW).products() == frozenset()
    assert read_harvest("🍵🍵", CATALOGUE, NOW).products() == frozenset()
    assert read_harvest("chè 30kg, quế 2 tạ", CATALOGUE, NOW).products() == {
        IDS["chè búp tươi"], IDS["quế vỏ"]
    }
    assert read_harvest("xoài 20kg", CATALOGUE, NOW).products() is None


def test_items_keep_their_position_in_the_message() -> None:
    result = parse_harvest("chè 30kg, trà 5kg, quế 2 tạ", CATALOGUE, NOW)
    assert [i.index for i in result.items] == [0, 2]
    assert result.questions[0].item == 1
    assert result.questions[0].text == "trà 5kg"


def test_flags_explain_unusual_options() -> None:
    result = parse_harvest("chè 1.500", CATALOGUE, NOW)
    flags = {o.amount: o.flags for o in result.questions[0].options}
    assert flags == {1500: (), 1_500_000: ("over_max",)}
    future = parse_harvest("25/11 chè 30kg", CATALOGUE, NOW).questions[0].options[0]
    assert future.flags == ("future",)


def test_problem_detail_quotes_the_part() -> None:
    result = parse_harvest("chè 30kg, quế", CATALOGUE, NOW)
    assert result.detail == "quế"


@pytest.mark.parametrize(
    ("amount", "kind", "unit", "shown"),
    [
        (30000, "weight", None, (Decimal(30), "kg")),
        (1200, "weight", None, (Decimal("1.2"), "kg")),
        (500, "weight", None, (Decimal(500), "g")),
        (2_500_000, "weight", None, (Decimal(2500), "kg")),
        (1500, "volume", None, (Decimal("1.5"), "lít")),
        (250, "volume", None, (Decimal(250), "ml")),
        (12, "count", None, (Decimal(12), "quả")),
        (3, "count", "buồng", (Decimal(3), "buồng")),
    ],
)
def test_canonical_amount(amount: int, kind: str, unit: str | None, shown: tuple) -> None:
    value, name = canonical_amount(amount, kind, unit)  # type: ignore[arg-type]
    assert (value, name) == shown
    assert "E" not in str(value)


def test_random_text_never_raises() -> None:
    rng = random.Random(20261121)
    letters = string.ascii_letters + string.digits + " .,;:/-+?!()<>'\"*%&@#\n"
    vietnamese = "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ🍵👍\u0301"
    vocab = FUZZ_WORDS.split()
    for n in range(1500):
        if n % 2:
            size = rng.randint(0, 60)
            text = "".join(rng.choice(letters + vietnamese) for _ in range(size))
        else:
            text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12)))
        result = parse_harvest(text, CATALOGUE, NOW)
        assert result.problem != "unreadable", text
        for item in result.items:
            assert item.amount > 0, text
