"""What the understanding case sets share: their day, and a text typed without diacritics."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def plain(text: str) -> str:
    """The text as typed without diacritics: "Chè Tư" -> "Che Tu"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")
