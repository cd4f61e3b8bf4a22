"""Report periods as managers type them: `hôm qua`, `20/11`, `tuần này`, `tháng 11`,
`1/11-15/11`, `30 ngày`; nothing means today. Also tells a plain intake question
("hôm nay thu được bao nhiêu", "tổng hôm nay") from a harvest report."""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import fold, words
from messages.harvest_words import PLAIN_MEANINGS, STOP_WORDS
from messages.products import ProductEntry, match_product_at
from messages.when import match_day_at

PeriodKind = Literal["day", "week", "month", "range", "days"]
MAX_DAYS = 366

_RANGE = re.compile(r"^\s*(\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*(?:-|–|đến|den|toi|tới)\s*"
                    r"(\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*$")
_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?$")
_LAST_DAYS = re.compile(r"^(\d{1,3})\s*ngay(?:\s*qua)?$")


class Period(BaseModel):
    """Days from `first` to `last`, both included."""

    model_config = ConfigDict(frozen=True)

    first: date
    last: date
    kind: PeriodKind

    @property
    def days(self) -> int:
        """How many days it spans."""
        return (self.last - self.first).days + 1


def read_period(text: str, today: date) -> Period | None:
    """The period a text names; today for an empty text; None when it names none."""
    folded = fold(text)
    if folded in ("", "hom nay", "homnay", "hnay", "ngay hom nay"):
        return Period(first=today, last=today, kind="day")
    if folded in ("tuan nay", "tuan"):
        return Period(first=today - timedelta(days=today.weekday()), last=today, kind="week")
    if folded in ("tuan truoc", "tuan roi"):
        monday = today - timedelta(days=today.weekday() + 7)
        return Period(first=monday, last=monday + timedelta(days=6), kind="week")
    if folded in ("thang nay", "thang"):
        return Period(first=today.replace(day=1), last=today, kind="month")
    if folded in ("thang truoc", "thang roi"):
        last = today.replace(day=1) - timedelta(days=1)
        return Period(first=last.replace(day=1), last=last, kind="month")
    return _month(folded, today) or _last_days(folded, today) or _range(text, today) or _day(
        text, today)


def _month(folded: str, today: date) -> Period | None:
    match = _MONTH.match(folded)
    if not match or not 1 <= int(match.group(1)) <= 12:
        return None
    month = int(match.group(1))
    year = int(match.group(2)) if match.group(2) else (
        today.year if month <= today.month else today.year - 1)
    first = date(year, month, 1)
    last = min(date(year, month, monthrange(year, month)[1]), today)
    return Period(first=first, last=last, kind="month") if first <= today else None


def _last_days(folded: str, today: date) -> Period | None:
    match = _LAST_DAYS.match(folded)
    if not match or not 1 <= int(match.group(1)) <= MAX_DAYS:
        return None
    count = int(match.group(1))
    return Period(first=today - timedelta(days=count - 1), last=today, kind="days")


def _one_day(text: str, today: date) -> date | None:
    tokens = words(unicodedata.normalize("NFC", text))
    found = match_day_at(tokens, 0, today) if tokens else None
    if found is None or found.end != len(tokens) or found.reading is None:
        return None  # no day, more than a day, or no real day ("99/99")
    return found.reading.day if found.reading.day <= today else (
        found.reading.alternatives[0] if found.reading.alternatives else None)


def _range(text: str, today: date) -> Period | None:
    match = _RANGE.match(fold(text))
    if not match:
        return None
    first, last = _one_day(match.group(1), today), _one_day(match.group(2), today)
    if first is None or last is None or first > last or (last - first).days >= MAX_DAYS:
        return None
    return Period(first=first, last=last, kind="range")


def _day(text: str, today: date) -> Period | None:
    day = _one_day(text, today)
    return Period(first=day, last=day, kind="day") if day is not None else None


def is_summary_question(text: str | None) -> bool:
    """ "hôm nay thu được bao nhiêu", "tổng hôm nay", "chè hôm nay bao nhiêu": a question
    about the intake (no number in it, so never a harvest report)."""
    if not text or any(ch.isdigit() for ch in text):
        return False
    folded = fold(text).rstrip("?").strip()
    return "bao nhieu" in folded or folded.startswith(("tong hop", "tong hom", "tong ngay",
                                                       "tong thu", "tong tuan", "tong thang"))


def question_period(text: str, today: date) -> Period:
    """The period a plain question speaks of: hôm qua, tuần này, tháng này, else today."""
    folded = fold(text)
    for phrase in ("hom qua", "tuan nay", "tuan truoc", "thang nay", "thang truoc"):
        if phrase in folded:
            found = read_period(phrase, today)
            assert found is not None
            return found
    return Period(first=today, last=today, kind="day")


_QUESTION_WORDS = frozenset({"hom", "nay", "qua", "tong", "hop", "bao", "nhieu", "tuan",
                             "thang", "truoc", "ngay", "roi", "duoc", "thu", "mua", "vay"})


def question_product(text: str, catalogue: Sequence[ProductEntry]) -> ProductEntry | None:
    """The one product a question names ("chè hôm nay bao nhiêu"), or None."""
    tokens = [w for w in words(unicodedata.normalize("NFC", text)) if w.kind == "word"]
    stops = STOP_WORDS | _QUESTION_WORDS
    marked = any(w.marked for w in tokens)
    found: dict[int, ProductEntry] = {}
    for i, token in enumerate(tokens):
        if token.key in stops:
            continue
        match = match_product_at(tokens, i, catalogue, stop_words=stops,
                                 plain_words=PLAIN_MEANINGS, has_marks=marked)
        if match.status == "one":
            found[match.products[0].id] = match.products[0]
    return next(iter(found.values())) if len(found) == 1 else None
