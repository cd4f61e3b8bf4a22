"""The field set's questions (tests/messages/understanding/field_cases.py) through the real
chat path on a real database: a cooperative whose members delivered through November (and
late October) at prices that changed on the 16th. Each question's answer must carry exactly
the figures of its period and product, worked out here from the seeded rows, never another
period's."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.messages.understanding.field_cases import PRICE_PER_KG, PRICES, QUESTIONS, SEED
from tests.messages.understanding.field_judge import with_plain
from tests.support import Person, cooperative

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 23)
TYPED = {"chè búp tươi": "chè", "quế vỏ": "quế", "cà phê": "cà phê", "na": "na"}


def _day(when: int | tuple[int, int]) -> date:
    day, month = (when, 11) if isinstance(when, int) else when
    return date(2026, month, day)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


@asynccontextmanager
async def seeded() -> AsyncIterator[dict[str, Person]]:
    """`seed` on a new SQLite file of its own, closed after the block (the field-set judges,
    outside pytest's fixtures)."""
    from handlers.context import CoreConfig
    from handlers.core import Core
    from storage.db import open_database
    from storage.migrate import migrate
    from tests.support import Clock

    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(f"sqlite:///{folder}/htx.db")
        try:
            await migrate(db)
            clock = Clock()
            core = Core(db, CoreConfig(timezone=ZONE, language="vi"), clock)
            yield await seed(core, clock)
        finally:
            await db.close()


async def seed(core, clock) -> dict[str, Person]:
    """The cooperative, its prices and its deliveries; the clock left at 23/11 09:30."""
    clock.now = _at(date(2026, 10, 20), 8)
    made = await cooperative(core, ["Lan", "Minh"])
    people = {"boss": made.manager, "Lan": made.members[0], "Minh": made.members[1]}
    events = [(_day(w), 7, "boss", f"/gia {p} {v}") for w, p, v in PRICES]
    events += [(d, 8, who, f"{TYPED[product]} {kg}kg") for (dd, mm), who, product, kg in SEED
               for d in [date(2026, mm, dd)]]
    for day, hour, who, text in sorted(events, key=lambda e: (e[0], e[1])):
        clock.now = _at(day, hour)
        said = await people[who].text(text)
        assert ("Đã ghi" in said) or ("Đã đặt giá" in said), (text, said)
    clock.now = _at(TODAY, 9) + timedelta(minutes=30)
    return people


def _price(product: str, day: date) -> int | None:
    found = [p for (dd, mm), name, p in PRICE_PER_KG
             if name == product and date(2026, mm, dd) <= day]
    return found[-1] if found else None


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _period(text: str) -> tuple[date, date]:
    first, _, last = text.partition("-")
    a = datetime.strptime(f"{first}/2026", "%d/%m/%Y").date()
    return a, (datetime.strptime(f"{last}/2026", "%d/%m/%Y").date() if last else a)


def expected_lines(who: str, period: str, product: str | None) -> tuple[set[str], int | None]:
    """The product lines ("• Chè búp tươi: 55 kg · 2 người · 1.375.000 đ") and the total
    value (None when nothing is priced) of an answer, from SEED."""
    first, last = _period(period)
    totals: dict[str, tuple[int, int, set[str], bool, bool]] = {}
    for (dd, mm), member, name, kg in SEED:
        day = date(2026, mm, dd)
        if not first <= day <= last or (product and name != product):
            continue
        if who != "boss" and member != who:
            continue
        amount, value, people, priced, unpriced = totals.get(name, (0, 0, set(), False, False))
        price = _price(name, day)
        totals[name] = (amount + kg, value + kg * (price or 0), people | {member},
                        priced or price is not None, unpriced or price is None)
    lines, total = set(), None
    for name, (amount, value, people, priced, unpriced) in totals.items():
        shown = f"{_n(value)} đ" if priced else "chưa có giá"
        if priced and unpriced:
            shown += " (có ngày chưa có giá)"
        # a member's own figures leave out the count of people (it would always be 1)
        heads = "" if who != "boss" else f"{len(people)} người · "
        lines.add(f"• {name[0].upper()}{name[1:]}: {_n(amount)} kg · {heads}{shown}")
        if priced:
            total = (total or 0) + value
    return lines, total


async def answer_is_right(people: dict[str, Person], text: str, who: str, period: str,
                          product: str | None) -> str | None:
    """None when the answer to `text` carries exactly the figures it should, else why not."""
    said = await people[who].text(text)
    if period == "asks":  # a period it cannot read, or words it cannot place
        return None if said.startswith("Mình chưa rõ") else said
    if said.startswith("Mình chưa rõ"):
        return f"asked back: {said}"
    lines, total = expected_lines(who, period, product)
    shown = {line for line in said.splitlines() if line.startswith("• ")}
    if shown != lines:
        return f"lines {sorted(shown)} != {sorted(lines)}\n{said}"
    if total is not None and f"💰 Tổng giá trị: {_n(total)} đ" not in said:
        return f"total {_n(total)} đ missing\n{said}"
    if not lines and "chưa" not in said:
        return f"an empty period not said so\n{said}"
    return None


async def test_every_field_question_is_answered_with_its_figures(core, clock) -> None:
    people = await seed(core, clock)
    wrong = []
    for text, who, period, product in with_plain(QUESTIONS):
        why = await answer_is_right(people, text, who, period, product)
        if why is not None:
            wrong.append(f"{text!r} ({who}, {period}, {product}): {why}")
    assert not wrong, "\n\n".join(wrong)
