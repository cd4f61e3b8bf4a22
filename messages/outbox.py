"""Words of the announcement commands: `/thongbao trangthai` (with or without diacritics),
`/caidat giobantin 5:30`."""

from __future__ import annotations

import re
from typing import Literal

from messages.fold import fold

_STATUS_WORDS = frozenset({"trangthai", "tinhtrang", "status", "tt"})


def announce_action(args: str) -> Literal["status", "usage", "send"]:
    """What `/thongbao <args>` asks for: "status" for trạng thái (with or without a number),
    "usage" for nothing, else "send" (the args are the text to broadcast)."""
    word = fold(args).replace(" ", "")
    if not word:
        return "usage"
    return "status" if word.rstrip("0123456789#") in _STATUS_WORDS else "send"


def status_number(args: str) -> int | None:
    """`/thongbao trangthai 12` (or #12) -> 12; None without a number."""
    digits = fold(args).replace(" ", "").lstrip("abcdefghijklmnopqrstuvwxyz").lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


_BULLETIN_SETTING = re.compile(r"^(?:gio\s*(?:gui\s*)?)?ban\s*tin(?:\s*gia)?\s*(.*)$")
_CLOCK = re.compile(r"^(\d{1,2})(?:\s*(?:[:h.]|gio)\s*(\d{1,2})?\s*(?:p|phut)?)?$")


def read_bulletin_time(args: str) -> tuple[int, int] | Literal["not_bulletin"] | None:
    """`/caidat giobantin 5:30` -> (5, 30). "not_bulletin" when another setting is named;
    None when the time is missing or no real time ("25:00")."""
    setting = _BULLETIN_SETTING.match(fold(args))
    if setting is None:
        return "not_bulletin"
    match = _CLOCK.match(setting.group(1).strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return (hour, minute) if hour < 24 and minute < 60 else None
