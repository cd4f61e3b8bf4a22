"""Spelled-out Vietnamese numbers: mười lăm, hai mươi, ba chục, một trăm rưỡi, nửa.

Only what farmers say about a harvest: up to the thousands, the colloquial short forms
("hai lăm" = 25, "ba trăm năm" = 350, "chục rưỡi" = 15) and halves.
A word typed with diacritics must carry the right ones: "hái" (pick) is not "hai" (two),
"nấm" (mushroom) is not "năm" (five), "nữa" (more) is not "nửa" (half).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from messages.fold import Word

# folded key -> the spellings with diacritics that mean the number
_FORMS: dict[str, tuple[str, ...]] = {
    "mot": ("một", "mốt"),
    "hai": ("hai",),
    "ba": ("ba",),
    "bon": ("bốn",),
    "tu": ("tư",),
    "nam": ("năm",),
    "lam": ("lăm",),
    "nham": ("nhăm",),
    "sau": ("sáu",),
    "bay": ("bảy", "bẩy"),
    "tam": ("tám",),
    "chin": ("chín",),
    "muoi": ("mười", "mươi"),
    "chuc": ("chục",),
    "tram": ("trăm",),
    "nghin": ("nghìn",),
    "ngan": ("ngàn",),
    "linh": ("linh",),
    "le": ("lẻ",),
    "ruoi": ("rưỡi", "rưởi"),
    "nua": ("nửa",),
}

# digits that can start a number
LEADS: dict[str, int] = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}
# digits after tens: also "tư" (4), "lăm"/"nhăm" (5), "mốt" (1)
_TAILS: dict[str, int] = {**LEADS, "tu": 4, "lam": 5, "nham": 5}
_TAIL_ONLY = {"tu", "lam", "nham"}
MULTIPLIERS = frozenset({"muoi", "chuc", "tram", "nghin", "ngan"})
NUMBER_WORDS = frozenset(_FORMS)


def is_number_word(word: Word | None, key: str) -> bool:
    """Whether `word` is the number word `key`, with the right diacritics if any."""
    if word is None or word.kind != "word" or word.key != key:
        return False
    return not word.marked or word.raw in _FORMS.get(key, ())


def _at(items: Sequence[Word], j: int) -> Word | None:
    return items[j] if 0 <= j < len(items) else None


def _is(items: Sequence[Word], j: int, key: str) -> bool:
    return is_number_word(_at(items, j), key)


def digit_word(word: Word | None, table: dict[str, int] = LEADS) -> int | None:
    """The digit a number word of `table` means ("ba" -> 3), else None."""
    value = table.get(word.key) if word is not None else None
    return value if value is not None and is_number_word(word, word.key) else None


def _digit(items: Sequence[Word], j: int, table: dict[str, int]) -> int | None:
    return digit_word(_at(items, j), table)


def _is_tens(items: Sequence[Word], j: int) -> bool:
    return _is(items, j, "muoi") or _is(items, j, "chuc")


def _after_hundreds(items: Sequence[Word], j: int, value: int) -> tuple[int, int]:
    """What follows "trăm": lẻ năm, rưỡi, a tens part, or a bare digit meaning tens."""
    if _is(items, j, "linh") or _is(items, j, "le"):
        ones = _digit(items, j + 1, LEADS)
        return (value + ones, j + 2) if ones is not None else (value, j)
    if _is(items, j, "ruoi"):
        return value + 50, j + 1
    tens = _tens(items, j, None)
    if tens is None:
        return value, j
    part, end = tens
    if end == j + 1 and part < 10:  # "ba trăm năm" = 350
        part *= 10
    return value + part, end


def _tens(items: Sequence[Word], j: int, lead: int | None) -> tuple[int, int] | None:
    """A number below 100 at j (lead: a digit already read just before j)."""
    if lead is None:
        lead_digit = _digit(items, j, LEADS)
        start = j + 1 if lead_digit is not None else j
    else:
        lead_digit, start = lead, j
    if lead_digit is not None and _is_tens(items, start):
        value, by_chuc, end = lead_digit * 10, _is(items, start, "chuc"), start + 1
    elif lead_digit is None and _is_tens(items, start):
        value, by_chuc, end = 10, _is(items, start, "chuc"), start + 1
    elif lead_digit is not None:
        tail = _digit(items, start, _TAILS) if items_key(items, start) in _TAIL_ONLY else None
        if tail is not None and lead_digit >= 2:  # "hai lăm" = 25
            return lead_digit * 10 + tail, start + 1
        return lead_digit, start
    else:
        return None
    if by_chuc and _is(items, end, "ruoi"):  # "ba chục rưỡi" = 35
        return value + 5, end + 1
    tail = _digit(items, end, _TAILS)
    if tail is not None:
        return value + tail, end + 1
    return value, end


def items_key(items: Sequence[Word], j: int) -> str | None:
    """The folded key of the word at j (None past the end or for non-words)."""
    word = _at(items, j)
    return word.key if word is not None and word.kind == "word" else None


def _group(items: Sequence[Word], j: int, lead: int | None) -> tuple[int, int] | None:
    """A number below 1000 at j."""
    if lead is not None and _is(items, j, "tram"):
        return _after_hundreds(items, j + 1, lead * 100)
    if lead is None:
        hundreds = _digit(items, j, LEADS)
        if hundreds is not None and _is(items, j + 1, "tram"):
            return _after_hundreds(items, j + 2, hundreds * 100)
        if _is(items, j, "tram"):
            return _after_hundreds(items, j + 1, 100)
    return _tens(items, j, lead)


def read_spelled(
    items: Sequence[Word], i: int, lead: int | None = None
) -> tuple[Decimal, int] | None:
    """The spelled number starting at token i, as (value, index after it).

    `lead` is a number typed in digits just before i, as in "3 chục" or "2 trăm".
    """
    if lead is None and _is(items, i, "nua"):
        return Decimal("0.5"), i + 1
    group = _group(items, i, lead)
    if group is None:
        return None
    value, j = group
    if _is(items, j, "nghin") or _is(items, j, "ngan"):
        value, j = value * 1000, j + 1
        if _is(items, j, "ruoi"):
            return Decimal(value + 500), j + 1
        rest = _group(items, j, None)
        if rest is not None:
            part, end = rest
            if end == j + 1 and part < 10:  # "hai nghìn hai" = 2200
                part *= 100
            value, j = value + part, end
    if j == i and lead is None:
        return None
    return Decimal(value), j
