"""Headings for a member's own entries, e.g. `Thứ Hai 16/11` (Babel names the weekday)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date


def day_heading(day: date, locale: str = "vi_VN") -> str:
    """The weekday and the day: Thứ Hai 16/11 (Monday 16/11 in English)."""
    return format_date(day, format="EEEE dd/MM", locale=locale)
