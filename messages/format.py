"""Numbers, money and dates the Vietnamese way (1.234,5 kg · 25.000 đ · 21/11/2026)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern


def number(value: int | Decimal, locale: str = "vi_VN", max_decimals: int = 2) -> str:
    """A number with the locale's separators and at most max_decimals decimals."""
    pattern, parsed = _number_format(locale, max_decimals)
    return pattern.apply(value, parsed)


@lru_cache(maxsize=32)
def _number_format(locale: str, max_decimals: int) -> tuple[NumberPattern, Locale]:
    """Babel's parsed pattern and locale: format_decimal parses both on every call."""
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    return parse_pattern(pattern), Locale.parse(locale)


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
