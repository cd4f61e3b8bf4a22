"""Training notices as organisers type them.

`/taphuan moi Tiêu đề | 20/12 8:00 | Nhà văn hoá xã | mô tả | HTX A, HTX B | chè` is the
one-message form (the last three parts may be left out); `/taphuan` lists, `/taphuan 3`
shows one. When: a day (`20/12`, `thứ bảy`, `mai`, `ngày 5/12`) and a clock time (`8h`,
`8:30`, `14 giờ`, `2h chiều`), in either order. A weekday means the coming one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.commands import read_id
from messages.fold import fold, words
from messages.when import match_day_at

Action = Literal["list", "new", "show"]
WhenProblem = Literal["no_day", "no_time", "past_day"]

_NEW = frozenset({"moi", "tao", "new", "them"})
_SKIP = frozenset({"", "-", "bo qua", "boqua", "khong", "ko", "k", "skip", "không có"})
_ALL = frozenset({"tat ca", "tatca", "het", "all", "toan bo", "ca lien minh"})
_WEEKDAY_START = frozenset({"thu", "t", "chu", "cn"})
_CLOCK = re.compile(
    r"(?<![\d/])(\d{1,2})\s*(?:h|g|:|giờ|gio)\s*(\d{2})?(?:\s*(?:p|phút|phut))?"
    r"(?:\s*(sáng|sang|trưa|trua|chiều|chieu|tối|toi))?",
    re.IGNORECASE,
)
_AFTERNOON = frozenset({"chieu", "toi"})
MAX_TITLE = 120


class TrainingCommand(BaseModel):
    """What `/taphuan <args>` asks for."""

    model_config = ConfigDict(frozen=True)

    action: Action
    training_id: int | None = None  # for "show": None when the number typed is no id
    form: list[str] = []  # the parts of a one-message form, empty for the guided flow


class When(BaseModel):
    """A local day and time, or why there is none."""

    model_config = ConfigDict(frozen=True)

    day: date | None = None
    at: time | None = None
    problem: WhenProblem | None = None


def parse_training_command(args: str) -> TrainingCommand:
    """`` -> list; `moi ...` -> new (with the form's parts); `3` or `#3` -> show."""
    text = args.strip()
    if not text:
        return TrainingCommand(action="list")
    head, _, rest = text.partition(" ")
    if fold(head) in _NEW:
        parts = [p.strip() for p in rest.split("|")] if rest.strip() else []
        return TrainingCommand(action="new", form=parts)
    digits = head.lstrip("#")
    if digits.isdigit():  # None when no training can have that number
        return TrainingCommand(action="show", training_id=read_id(digits))
    return TrainingCommand(action="list")


def is_skip(text: str) -> bool:
    """An answer that leaves an optional part out ("bỏ qua", "không", "-")."""
    return fold(text) in _SKIP


def means_all(text: str) -> bool:
    """An answer that means every cooperative ("tất cả")."""
    return fold(text) in _ALL


def read_when(text: str, today: date, now: time | None = None) -> When:
    """The local day and clock time of "thứ bảy 8h", "20/12 14:30", "2h chiều mai". With the
    local time `now`, a weekday whose hour has passed today means next week's ("thứ bảy 8h"
    typed on Saturday at 9:30 is next Saturday, as a person means it)."""
    clock = _CLOCK.search(text)
    at = None
    rest = text
    if clock is not None:
        hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
        if clock.group(3) and fold(clock.group(3)) in _AFTERNOON and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            at = time(hour, minute)
            rest = text[: clock.start()] + " " + text[clock.end():]
    day, weekday = _day(rest, today)
    if day is None:
        return When(at=at, problem="no_day")
    if weekday and day == today and at is not None and now is not None and at <= now:
        day += timedelta(days=7)
    if day < today:
        return When(day=day, at=at, problem="past_day")
    if at is None:
        return When(day=day, problem="no_time")
    return When(day=day, at=at)


def _day(text: str, today: date) -> tuple[date | None, bool]:
    """The day named, and whether it was named by its weekday."""
    tokens = words(unicodedata.normalize("NFC", text))
    for i, token in enumerate(tokens):
        if token.key == "mai" and not (i and tokens[i - 1].key in {"ngay", "sang", "chieu"}):
            return today + timedelta(days=1), False
        found = match_day_at(tokens, i, today)
        if found is None or found.reading is None:  # no day, or no real one ("99/99")
            continue
        day = found.reading.day
        weekday = token.key in _WEEKDAY_START
        if weekday and day < today:
            day += timedelta(days=7)  # "thứ bảy": the coming Saturday
        elif day < today and token.kind == "slash":
            day = _next_year(day, today)  # "5/1" typed in December: next January
        return day, weekday
    return None, False


def _next_year(day: date, today: date) -> date:
    """The same day a year later when that is within half a year; else the day itself."""
    try:
        later = day.replace(year=day.year + 1)
    except ValueError:  # 29/2
        return day
    return later if (later - today).days <= 183 else day


def split_names(text: str) -> list[str]:
    """ "HTX A, HTX B; chè" -> ["HTX A", "HTX B", "chè"]."""
    return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
