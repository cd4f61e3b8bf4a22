"""Numbers, money and dates the Vietnamese way (1.234,5 kg · 25.000 đ · 21/11/2026)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from messages.fold import fold

# The locales the bot speaks (messages.i18n.LOCALES), written here rather than read from
# CLDR: "1.234,5" is how a Vietnamese form writes a number, whatever a new CLDR release says.
# Other locales take Babel's symbols, on a best-effort basis only.
SPOKEN: dict[str, tuple[str, str, str]] = {  # group, decimal point, minus
    "vi_VN": (".", ",", "-"),
    "vi": (".", ",", "-"),
    "en_US": (",", ".", "-"),
    "en": (",", ".", "-"),
}


def number(value: int | float | Decimal, locale: str = "vi_VN", max_decimals: int = 2) -> str:
    """A number grouped by thousands, with at most max_decimals decimals, rounded half to
    even and never "-0": 1.234,5 in Vietnamese, 1,234.5 in English (the pattern #,##0.##)."""
    group, point, minus = _symbols(locale)
    if isinstance(value, int):
        whole, fraction, negative = abs(value), "", value < 0
    else:  # a float (a chart's axis, say) is read as it prints, as Babel reads it
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
        rounded = exact.quantize(_STEPS[max_decimals], rounding=ROUND_HALF_EVEN)
        whole_text, _, fraction = f"{abs(rounded):f}".partition(".")
        whole, fraction = int(whole_text), fraction.rstrip("0")
        negative = rounded < 0
    shown = f"{whole:,}".replace(",", group) + (point + fraction if fraction else "")
    return minus + shown if negative else shown


_STEPS = [Decimal(1).scaleb(-n) for n in range(10)]  # quantize steps: 1, 0.1, 0.01, ...


@lru_cache(maxsize=32)
def _symbols(locale: str) -> tuple[str, str, str]:
    """The locale's group separator, decimal point and minus sign."""
    if locale in SPOKEN:
        return SPOKEN[locale]
    return (
        get_group_symbol(locale),
        get_decimal_symbol(locale),
        get_minus_sign_symbol(locale),
    )


def weight(grams: int, locale: str = "vi_VN") -> str:
    """Grams shown in kg (or g below one kilogram), exactly, with at most 3 decimals."""
    if abs(grams) < 1000:
        return f"{number(grams, locale)} g"
    return f"{number(Decimal(grams) / 1000, locale, max_decimals=3)} kg"


def money(dong: int, locale: str = "vi_VN") -> str:
    """Đồng with thousands separators: 25.000 đ."""
    return f"{number(dong, locale, max_decimals=0)} đ"


def day(value: date | datetime, locale: str = "vi_VN") -> str:
    """A day as dd/MM/yyyy (the way Vietnamese forms write it)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def short_day(value: date | datetime, locale: str = "vi_VN") -> str:
    """A day as dd/MM, for one-line summaries.

    Both patterns are digits only and every language we speak writes Latin digits, so
    Babel's locale data has nothing to add (and cost a tenth of a harvest reply).
    """
    return f"{value.day:02d}/{value.month:02d}"


def capitalised(text: str) -> str:
    """The first letter in upper case, the rest as it is: "chè búp tươi" -> "Chè búp tươi"."""
    return text[:1].upper() + text[1:]


def alphabetical(text: str) -> tuple[str, str]:
    """A sort key putting Vietnamese names in the order a reader expects: case and
    diacritics first ignored ("cà phê", "Chè búp tươi", "Hồi", "quế vỏ"), then used to
    break ties; đ comes after every d ("Dung", "Dũng", "Đức") as in the alphabet. A plain
    sort puts capitals first and accented letters last."""
    return fold(text.replace("đ", "d{").replace("Đ", "d{")), text.casefold()


def clipped(text: str, most: int) -> str:
    """`text` as it is when it fits in `most` characters; else cut at a word's end with "…",
    so a quote never ends in half a word ("…điểm thu mua lu")."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    space = cut.rfind(" ")
    if space >= most // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"
