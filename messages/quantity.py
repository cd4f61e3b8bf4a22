"""Quantities the way Vietnamese farmers type them.

Decimal comma and thousands dot (25,5 · 1.200), units from gam to tấn, "2 yến rưỡi",
"1 tấn 2" (1,2 tấn), "3 tạ 50" (350 kg), "2kg3" (2,3 kg), "ba chục ký", "nửa tạ".
Amounts are exact: `Decimal` readings in the typed unit, integers in base units
(grams, millilitres, pieces). A number that could be read two ways ("1.500": 1,5 or 1500)
keeps both readings; choosing is the caller's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import Word, fold, words
from messages.quantity_words import MULTIPLIERS, is_number_word, items_key, read_spelled

Kind = Literal["weight", "count", "volume"]


class Unit(BaseModel):
    """A unit: its display name, what it measures and how many base units it holds."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: Kind
    factor: int  # grams, millilitres or pieces in one unit


_SPELLINGS: tuple[tuple[Unit, tuple[str, ...]], ...] = (
    (Unit(name="g", kind="weight", factor=1), ("g", "gr", "gam", "gram", "grams")),
    (Unit(name="lạng", kind="weight", factor=100), ("lạng",)),
    (
        Unit(name="kg", kind="weight", factor=1000),
        ("kg", "kgs", "ký", "kí", "kỳ", "kì", "kilo", "kilô", "kilogam", "kilogram", "cân"),
    ),
    (Unit(name="yến", kind="weight", factor=10_000), ("yến", "yên")),
    (Unit(name="tạ", kind="weight", factor=100_000), ("tạ", "tá")),
    (Unit(name="tấn", kind="weight", factor=1_000_000), ("tấn", "tân")),
    (Unit(name="ml", kind="volume", factor=1), ("ml",)),
    (Unit(name="lít", kind="volume", factor=1000), ("lít", "l", "lit")),
    (Unit(name="quả", kind="count", factor=1), ("quả", "trái")),
    (Unit(name="bó", kind="count", factor=1), ("bó",)),
    (Unit(name="buồng", kind="count", factor=1), ("buồng",)),
    (Unit(name="cây", kind="count", factor=1), ("cây",)),
    (Unit(name="củ", kind="count", factor=1), ("củ",)),
    (Unit(name="bao", kind="count", factor=1), ("bao",)),
)


def _index() -> dict[str, tuple[Unit, frozenset[str]]]:
    table: dict[str, tuple[Unit, frozenset[str]]] = {}
    for unit, spellings in _SPELLINGS:
        for spelling in spellings:
            key = fold(spelling)
            known = table[key][1] if key in table else frozenset()
            table[key] = (unit, known | {spelling})
    return table


_UNITS = _index()
_MONEY = frozenset({"k", "d", "dong", "vnd", "tr", "trieu"})
# after "1 tạ 2" these words mean the 2 starts something else (a date, a time, a batch)
_NOT_A_TAIL = frozenset(
    {"hom", "ngay", "bua", "tuan", "thang", "gio", "h", "phut", "lan", "dot", "truoc", "ruoi"}
)
# "1 tấn 2" = 1,2 tấn: how many digits may follow each unit that way
_TAIL_DIGITS = {"kg": 2, "yến": 1, "tạ": 2, "tấn": 3}
_FRACTION_BASES = frozenset({2, 4, 5, 10})
_PER = frozenset({"mot", "moi"})  # "25k một ký", "1 triệu mỗi tạ": the price's unit
_THOUSANDS = frozenset({"nghin", "ngan"})  # "750 nghìn" with no unit after it is money
_PARTS_OF_DAY = frozenset({"sang", "chieu", "toi", "trua", "dem"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
# Nobody harvests, sprays or sells a billion of anything at once: a number this big is a slip
# of the thumb or an attack, and in base units it would overflow what the database stores.
TOO_BIG = Decimal(10) ** 9


class Quantity(BaseModel):
    """A number as typed, with its unit if one was typed.

    `values` holds the possible readings in `unit` (or in the product's unit when `unit`
    is None), smallest first: one normally, two for "1.500" (1,5 or 1500) or a range
    ("30-40 kg"), none when the digits make no sense ("1.2.3").
    `what` tells amounts from money ("25k") and clock times ("7h30"). `too_big`: the
    number was TOO_BIG or more, and `values` is empty.
    """

    model_config = ConfigDict(frozen=True)

    values: tuple[Decimal, ...]
    unit: Unit | None = None
    what: Literal["amount", "money", "time"] = "amount"
    negative: bool = False
    range: bool = False
    grouped: bool = False  # typed with thousands dots ("1.200"): the Vietnamese way
    too_big: bool = False
    start: int = 0  # token span
    end: int = 0

    @property
    def ambiguous(self) -> bool:
        """Two readings of one number (not a range)."""
        return len(self.values) > 1 and not self.range


def parse_number(text: str) -> list[Decimal]:
    """Readings of a number typed in digits: "25,5" -> [25.5]; "1.500" -> [1.5, 1500]."""
    if not _NUMBER.fullmatch(text):
        return []
    parts = re.split(r"([.,])", text)
    groups, marks = parts[0::2], parts[1::2]
    if not marks:
        return [Decimal(text)]
    head, tails = groups[0], groups[1:]
    thousands_head = len(head) <= 3 and not head.startswith("0")
    if len(marks) == 1:
        decimal = Decimal(f"{head}.{tails[0]}")
        if len(tails[0]) == 3 and thousands_head:
            return [decimal, Decimal(head + tails[0])]
        return [decimal]
    if not thousands_head:
        return []
    if len(set(marks)) == 1:  # 1.200.000
        return [Decimal("".join(groups))] if all(len(g) == 3 for g in tails) else []
    decimal_mark = marks[-1]  # 1.200,5 or 1,200.5: the last mark is the decimal one
    if decimal_mark in marks[:-1] or any(len(g) != 3 for g in tails[:-1]):
        return []
    return [Decimal(f"{''.join(groups[:-1])}.{groups[-1]}")]


def unit_of(word: Word | None) -> Unit | None:
    """The unit a word names ("ký", "kg", "tạ", "quả"...), checking diacritics if typed."""
    if word is None or word.kind != "word" or word.key not in _UNITS:
        return None
    unit, spellings = _UNITS[word.key]
    return unit if not word.marked or word.raw in spellings else None


def unit_named(name: str) -> Unit | None:
    """The unit for a product's unit name such as "kg" or "quả"."""
    found = _UNITS.get(fold(name))
    return found[0] if found else None


def to_base(value: Decimal, unit: Unit) -> int | None:
    """Value in base units (g, ml, pieces), or None when that is not a whole number."""
    amount = value * unit.factor
    return int(amount) if amount == amount.to_integral_value() else None


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in a text (for tests and short replies)."""
    tokens = words(unicodedata.normalize("NFC", text))
    for i in range(len(tokens)):
        found = read_quantity_at(tokens, i)
        if found is not None:
            return found
    return None


def read_quantity_at(items: Sequence[Word], i: int) -> Quantity | None:
    """The quantity starting at token i, if one does."""
    first = _at(items, i)
    if first is None:
        return None
    if first.kind == "sign":
        digits = _at(items, i + 1)
        if digits is None or digits.kind != "number" or not digits.glued:
            return None
        return _numeric(items, i, i + 1, negative=True)
    if first.kind == "number":
        return _numeric(items, i, i, negative=False)
    if first.kind == "slash":
        return _fraction(items, i)
    if first.kind == "word":
        return _spelled(items, i)
    return None


def _at(items: Sequence[Word], j: int) -> Word | None:
    return items[j] if 0 <= j < len(items) else None


def _numeric(items: Sequence[Word], start: int, j: int, negative: bool) -> Quantity | None:
    token = items[j]
    values = parse_number(token.raw)
    j += 1
    time_end = _time_end(items, j)
    if time_end is not None:
        return Quantity(values=tuple(values), what="time", start=start, end=time_end)
    thousands = False
    if token.raw.isdigit() and items_key(items, j) in MULTIPLIERS:
        thousands = items_key(items, j) in _THOUSANDS
        spelled = read_spelled(items, j, lead=int(token.raw))
        if spelled is not None:
            values, j = [spelled[0]], spelled[1]
    elif _glued_stranger(items, j):
        return Quantity(values=(), start=start, end=j + 1)  # "1e5", "30kgchè": unreadable
    found = _finish(items, start, j, values, negative)
    if thousands and found.unit is None and found.what == "amount":
        return found.model_copy(update={"what": "money"})  # "750 nghìn" alone: đồng
    if _GROUPED.fullmatch(token.raw) and len(found.values) > 1:
        return found.model_copy(update={"grouped": True})
    return found


def _glued_stranger(items: Sequence[Word], j: int) -> bool:
    """A word stuck to the digits that is no unit, price mark or half."""
    word = _at(items, j)
    if word is None or word.kind != "word" or not word.glued:
        return False
    known = unit_of(word) is not None or word.key in _MONEY or word.key == "ruoi"
    return not known


def _time_end(items: Sequence[Word], j: int) -> int | None:
    """After a number: "7h", "7h30", "7g30", "7 giờ 30 phút" are times of day."""
    word = _at(items, j)
    if word is None or word.kind != "word":
        return None
    minutes = _at(items, j + 1)
    has_minutes = minutes is not None and minutes.kind == "number" and minutes.glued
    part_of_day = items_key(items, j + 1) in _PARTS_OF_DAY  # "7g sáng"
    if word.key == "h" or (word.key == "g" and word.glued and (has_minutes or part_of_day)):
        return j + 2 if has_minutes else j + 1
    if word.key == "gio" and word.raw in ("giờ", "gio"):
        if minutes is not None and minutes.kind == "number" and items_key(items, j + 2) in (
            "phut",
            "p",
        ):
            return j + 3
        return j + 1
    return None


def _spelled(items: Sequence[Word], i: int) -> Quantity | None:
    parsed = read_spelled(items, i)
    if parsed is None:
        return None
    value, j = parsed
    following = _at(items, j)
    if unit_of(following) is None and items_key(items, j) not in _MONEY:
        if following is not None and following.kind == "number":
            return None  # "tầm 30kg", "hái 30kg": the word is not a number
        if j == i + 1 and not items[i].marked:
            return None  # "hai", "nam", "ba" alone without diacritics: too unsure
        if is_number_word(items[i], "nua"):
            return None
        if is_number_word(items[i], "nam") and items_key(items, j) in ("nay", "ngoai", "truoc"):
            return None  # "năm nay": this year
    return _finish(items, i, j, [value], negative=False)


def _finish(
    items: Sequence[Word], start: int, j: int, values: list[Decimal], negative: bool
) -> Quantity:
    found = _read_finish(items, start, j, values, negative)
    if any(abs(value) >= TOO_BIG for value in found.values):
        return found.model_copy(update={"values": (), "too_big": True})
    return found


def _read_finish(
    items: Sequence[Word], start: int, j: int, values: list[Decimal], negative: bool
) -> Quantity:
    if items_key(items, j) in _MONEY:
        return Quantity(values=tuple(values), what="money", start=start,
                        end=_money_end(items, j + 1))
    if _is_per_unit(items, j):  # "25 nghìn/kg": a price
        return Quantity(values=tuple(values), what="money", start=start, end=j + 2)
    unit = unit_of(_at(items, j))
    if unit is None:
        if is_number_word(_at(items, j), "ruoi"):
            values, j = [v + Decimal("0.5") for v in values], j + 1
        return Quantity(values=tuple(values), negative=negative, start=start, end=j)
    values, unit, j = _after_unit(items, j + 1, values, unit)
    return Quantity(values=tuple(values), unit=unit, negative=negative, start=start, end=j)


def _money_end(items: Sequence[Word], j: int) -> int:
    """Past what completes a price: "2tr5", "1 triệu rưỡi", then "/kg", "một tạ", "mỗi ký"."""
    tail = _at(items, j)
    if tail is not None and (
        (tail.kind == "number" and tail.glued and tail.raw.isdigit())
        or is_number_word(tail, "ruoi")
    ):
        j += 1
    if _is_per_unit(items, j):
        return j + 2
    if items_key(items, j) in _PER and unit_of(_at(items, j + 1)) is not None:
        return j + 2
    return j


def _is_per_unit(items: Sequence[Word], j: int) -> bool:
    slash = _at(items, j)
    return slash is not None and slash.raw == "/" and unit_of(_at(items, j + 1)) is not None


def _after_unit(
    items: Sequence[Word], j: int, values: list[Decimal], unit: Unit
) -> tuple[list[Decimal], Unit, int]:
    """Halves and second numbers after a unit: "2 yến rưỡi", "1 tạ 2 yến", "1 tấn 2"."""
    if is_number_word(_at(items, j), "ruoi"):
        return [v + Decimal("0.5") for v in values], unit, j + 1
    sub = _sub_number(items, j)
    if len(values) != 1 or sub is None:
        return values, unit, j
    extra, end, digits = sub
    smaller = unit_of(_at(items, end))
    if smaller is not None:
        if smaller.kind == unit.kind and smaller.factor < unit.factor:
            whole = values[0] * unit.factor / smaller.factor
            return [whole + extra], smaller, end + 1
        return values, unit, j
    if (
        digits <= _TAIL_DIGITS.get(unit.name, 0)
        and values[0] == values[0].to_integral_value()
        and not _starts_something_else(items, end)
    ):
        return [values[0] + extra / Decimal(10) ** digits], unit, end
    return values, unit, j


def _sub_number(items: Sequence[Word], j: int) -> tuple[Decimal, int, int] | None:
    """A whole number at j: (value, index after it, digits as typed)."""
    word = _at(items, j)
    if word is None:
        return None
    if word.kind == "number":
        return (Decimal(word.raw), j + 1, len(word.raw)) if word.raw.isdigit() else None
    if word.kind == "word" and word.key == "nam" and not word.marked:
        return None  # plain "nam" after "ký" is as likely "nấm" (mushrooms) as "năm" (five)
    if word.kind == "word" and word.capital:
        return None  # "chè 11kg Ba", "quế 2 tạ Tư": a name after the amount, not 11,3 kg
    spelled = read_spelled(items, j) if word.kind == "word" else None
    if spelled is None or spelled[0] != spelled[0].to_integral_value():
        return None
    return spelled[0], spelled[1], len(str(int(spelled[0])))


def _starts_something_else(items: Sequence[Word], j: int) -> bool:
    """Whether the number before j begins something of its own ("1 tạ 2 ngày": two days),
    rather than ending the amount ("1 tấn 2 ngày 20/11": 1,2 tấn, on the 20th)."""
    word = _at(items, j)
    if word is None:
        return False
    after = _at(items, j + 1)
    if word.key == "ngay" and after is not None and after.kind == "slash":
        return False  # "ngày 20/11" names the day: the 2 before it ends the amount
    return word.kind in ("number", "slash") or word.key in MULTIPLIERS | _NOT_A_TAIL | _MONEY


def _fraction(items: Sequence[Word], i: int) -> Quantity | None:
    """ "1/2 tạ" (half a tạ) or "30-40 kg" (a range), only when a unit follows."""
    unit = unit_of(_at(items, i + 1))
    raw = items[i].raw
    parts = re.split(r"[/-]", raw)
    if unit is None or len(parts) != 2:
        return None
    low, high = int(parts[0]), int(parts[1])
    if "/" in raw:
        if high not in _FRACTION_BASES or not 0 < low < high:
            return None
        value = Decimal(low) / Decimal(high)
        return Quantity(values=(value,), unit=unit, start=i, end=i + 2)
    if not 0 < low < high:
        return None
    values = (Decimal(low), Decimal(high))
    return Quantity(values=values, unit=unit, range=True, start=i, end=i + 2)
