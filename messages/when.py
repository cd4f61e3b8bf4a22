"""Days as farmers name them, relative to the local time a message was sent.

hôm nay · hôm qua · hôm kia · sáng nay · tối qua · 20/11 · 20-11 · 20/11/2026 · ngày 20 ·
thứ hai … chủ nhật · t2 … t7 · cn · 3 hôm trước — with or without diacritics.
A weekday is the most recent such day (today if it is that day). A day in the future is
flagged, not refused; "hôm trước" (the other day) is vague and comes with alternatives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from messages.fold import Word, words
from messages.quantity import unit_of
from messages.quantity_words import LEADS, MULTIPLIERS, digit_word


class DayReading(BaseModel):
    """The day a message speaks of, and how sure that is."""

    model_config = ConfigDict(frozen=True)

    day: date
    future: bool = False  # after the day the message was sent
    vague: bool = False  # "hôm trước": several days fit
    alternatives: tuple[date, ...] = ()  # other days that fit, most likely first


class DayMatch(BaseModel):
    """A day expression found at tokens [start, end); reading None when it is no real day."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    reading: DayReading | None


# spelling with diacritics accepted for each folded word of a day expression
_FORMS: dict[str, tuple[str, ...]] = {
    "hom": ("hôm",), "bua": ("bữa",), "nay": ("này",), "qua": (), "kia": ("kìa",),
    "sang": ("sáng",), "chieu": ("chiều",), "toi": ("tối",), "trua": ("trưa",),
    "dem": ("đêm",), "mai": (), "ngay": ("ngày",), "truoc": ("trước",), "tuan": ("tuần",),
    "thu": ("thứ",), "chu": ("chủ",), "nhat": ("nhật",), "thang": ("tháng",),
    "mung": ("mùng",), "mong": ("mồng",), "roi": ("rồi",), "hnay": (), "hqua": (),
    "cn": (), "t": (),
}
_PARTS_OF_DAY = ("sang", "chieu", "toi", "trua", "dem")
_RELATIVE: dict[tuple[str, ...], int] = {
    ("hom", "nay"): 0, ("bua", "nay"): 0, ("hnay",): 0,
    ("hom", "qua"): -1, ("bua", "qua"): -1, ("hqua",): -1,
    ("hom", "kia"): -2, ("bua", "kia"): -2,
    ("ngay", "mai"): 1,
    **{(part, "nay"): 0 for part in _PARTS_OF_DAY},
    **{(part, "qua"): -1 for part in _PARTS_OF_DAY},
    **{(part, "mai"): 1 for part in _PARTS_OF_DAY},
}
_RELATIVE_LONGEST_FIRST = sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0]))
_RELATIVE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase, _offset in _RELATIVE_LONGEST_FIRST:  # each word of a message is tried: look up
    _RELATIVE_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _offset))
_WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_WEEKDAY_FORMS = {"tu": ("tư",), "nam": ("năm",), "sau": ("sáu",), "bay": ("bảy", "bẩy")}
_NUMBERISH = MULTIPLIERS | {"ruoi", "lam", "hoach", "duoc"}
# The words a day expression can start with, for each reader below; other tokens than
# words, numbers and dates like 20/11 start none.
_STARTS = frozenset(
    {*_RELATIVE_BY_FIRST, "qua", "hom", "bua", "hum", "tuan"}  # _relative
    | set(LEADS)  # _days_ago
    | {"cn", "chu", "t", "thu"}  # _weekday
    | {"ngay", "mung", "mong"}  # _numeric_day
)
_NEVER_DAY = frozenset({"sep", "sign", "other"})


def _is(items: Sequence[Word], j: int, key: str) -> bool:
    word = items[j] if 0 <= j < len(items) else None
    if word is None or word.kind != "word" or word.key != key:
        return False
    return not word.marked or word.raw in _FORMS.get(key, ())


def _int_at(items: Sequence[Word], j: int, most: int) -> int | None:
    word = items[j] if 0 <= j < len(items) else None
    if word is None or word.kind != "number" or not word.raw.isdigit():
        return None
    value = int(word.raw)
    return value if 0 < value <= most else None


def local_today(now: datetime) -> date:
    """The sender's calendar day (now is an aware datetime in the cooperative's zone)."""
    return now.date()


def read_day(text: str, now: datetime) -> DayReading | None:
    """The first day named in a text; None when it names none (or no real day)."""
    tokens = words(unicodedata.normalize("NFC", text))
    for i in range(len(tokens)):
        found = match_day_at(tokens, i, local_today(now))
        if found is not None:
            return found.reading
    return None


def match_day_at(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    """The day expression starting at token i, if one does."""
    word = items[i] if i < len(items) else None
    if word is None or word.kind in _NEVER_DAY or (word.kind == "word" and word.key not in _STARTS):
        return None  # every word of a message is tried: most are no day at all
    for reader in (_relative, _days_ago, _weekday, _numeric_day):
        found = reader(items, i, today)
        if found is not None:
            return found
    return None


def _reading(day: date, today: date, alternatives: Sequence[date] = ()) -> DayReading:
    future = day > today
    return DayReading(day=day, future=future, alternatives=tuple(alternatives) if future else ())


def _relative(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    first = items[i].key if i < len(items) else ""
    for phrase, offset in _RELATIVE_BY_FIRST.get(first, ()):
        if all(_is(items, i + k, key) for k, key in enumerate(phrase)):
            end = i + len(phrase)
            if phrase[-1] == "kia" and items[end - 1].raw == "kìa":
                offset = -3  # northern "hôm kìa": three days ago
            return DayMatch(start=i, end=end, reading=_reading(today + timedelta(offset), today))
    if _is(items, i, "qua") and i == 0 and (len(items) == 1 or items[1].kind == "word"):
        return DayMatch(start=i, end=i + 1, reading=_reading(today - timedelta(1), today))
    # "hom qa", "hum wa", "bua qa": "hôm qua" typed fast ("w" for "qu"); and "qua 30kg che",
    # "chè 30kg qua", where plain "qua" may also be "quá" typed bare: most likely yesterday,
    # but asked, yesterday first and today too; never today without asking
    size = 2 if _chat_yesterday(items, i) else (
        1 if _is(items, i, "qua") and _lone_at_an_edge(items, i) else 0)
    if size:
        vague = DayReading(day=today - timedelta(1), vague=True, alternatives=(today,))
        return DayMatch(start=i, end=i + size, reading=vague)
    if (_is(items, i, "hom") or _is(items, i, "bua")) and _is(items, i + 1, "truoc"):
        days = [today - timedelta(n) for n in (1, 2, 3)]
        vague = DayReading(day=days[0], vague=True, alternatives=tuple(days[1:]))
        return DayMatch(start=i, end=i + 2, reading=vague)
    if _is(items, i, "tuan") and (_is(items, i + 1, "truoc") or _is(items, i + 1, "roi")):
        monday = today - timedelta(today.weekday() + 7)
        days = [monday + timedelta(n) for n in range(7)]
        vague = DayReading(day=days[0], vague=True, alternatives=tuple(days[1:]))
        return DayMatch(start=i, end=i + 2, reading=vague)
    return None


_DAY_WORDS_FAST = frozenset({"hom", "bua", "hum"})  # "hum": "hôm" said the northern way
_QUA_FAST = frozenset({"qa", "wa", "qua"})


def _chat_yesterday(items: Sequence[Word], i: int) -> bool:
    """Word i and the next spell "hôm qua" loosely ("qua" always plain: "quá" is "too";
    "hôm qua" itself is read above, surely)."""
    if i + 1 >= len(items):
        return False
    first, second = items[i], items[i + 1]
    first_ok = not first.marked or first.raw in ("hôm", "bữa")
    return (first.kind == second.kind == "word" and first_ok and not second.marked
            and first.key in _DAY_WORDS_FAST and second.key in _QUA_FAST
            and (first.key, second.key) not in (("hom", "qua"), ("bua", "qua")))


def _lone_at_an_edge(items: Sequence[Word], i: int) -> bool:
    """A word first, before a number; or last, after a message holding one."""
    if i == 0:
        return len(items) > 1 and items[1].kind == "number"
    return i == len(items) - 1 and any(w.kind == "number" for w in items[:i])


def _days_ago(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    """ "3 hôm trước", "hai ngày trước"."""
    count = _int_at(items, i, 60)
    if count is None:
        count = digit_word(items[i])
    unit_ok = _is(items, i + 1, "ngay") or _is(items, i + 1, "hom") or _is(items, i + 1, "bua")
    if count is None or not unit_ok or not _is(items, i + 2, "truoc"):
        return None
    return DayMatch(start=i, end=i + 3, reading=_reading(today - timedelta(count), today))


def _weekday(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    found = _weekday_name(items, i)
    if found is None:
        return None
    weekday, end = found
    this_monday = today - timedelta(today.weekday())
    if _is(items, end, "tuan") and (_is(items, end + 1, "truoc") or _is(items, end + 1, "roi")):
        day = this_monday - timedelta(7) + timedelta(weekday)
        return DayMatch(start=i, end=end + 2, reading=_reading(day, today))
    if _is(items, end, "tuan") and _is(items, end + 1, "nay"):
        day = this_monday + timedelta(weekday)
        return DayMatch(start=i, end=end + 2, reading=_reading(day, today))
    day = today - timedelta((today.weekday() - weekday) % 7)
    return DayMatch(start=i, end=end, reading=_reading(day, today))


def _weekday_name(items: Sequence[Word], i: int) -> tuple[int, int] | None:
    """(Monday=0 … Sunday=6, index after) for thứ hai, thứ 2, t2, chủ nhật, cn."""
    if _is(items, i, "cn"):
        return 6, i + 1
    if _is(items, i, "chu") and _is(items, i + 1, "nhat"):
        return 6, i + 2
    if _is(items, i, "t") and i + 1 < len(items) and items[i + 1].glued:
        number = _int_at(items, i + 1, 7)
        return (number - 2, i + 2) if number is not None and number >= 2 else None
    if not _is(items, i, "thu"):
        return None
    number = _int_at(items, i + 1, 7)
    weekday = number - 2 if number is not None and number >= 2 else None
    if weekday is None and i + 1 < len(items) and items[i + 1].kind == "word":
        word = items[i + 1]
        if word.key in _WEEKDAY_WORDS and (
            not word.marked or word.raw in _WEEKDAY_FORMS.get(word.key, ())
        ):
            weekday = _WEEKDAY_WORDS[word.key]
    if weekday is None:
        return None
    if items[i].raw != "thứ" and _looks_like_amount(items, i + 2):
        return None  # "thu hai tạ chè": collect two tạ, not Monday
    return weekday, i + 2


def _looks_like_amount(items: Sequence[Word], j: int) -> bool:
    word = items[j] if 0 <= j < len(items) else None
    if word is None:
        return False
    return word.kind == "number" or unit_of(word) is not None or word.key in _NUMBERISH


_SLASH = re.compile(r"(\d{1,4})[/-](\d{1,2})(?:[/-](\d{2,4}))?")


def _numeric_day(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    """ "20/11", "20-11-2026", "ngày 20", "ngày 20 tháng 11", "mùng 5"."""
    start = i
    named = _is(items, i, "ngay") or _is(items, i, "mung") or _is(items, i, "mong")
    if named:
        i += 1
    word = items[i] if i < len(items) else None
    if word is not None and word.kind == "slash":
        if i + 1 < len(items) and unit_of(items[i + 1]) is not None:
            return None  # "30-40 kg", "1/2 tạ": amounts
        return DayMatch(start=start, end=i + 1, reading=_from_slash(word.raw, today))
    day = _int_at(items, i, 31) if named else None
    if day is None:
        return _day_month(items, i, today) if not named else None
    if _is(items, i + 1, "thang"):
        month = _int_at(items, i + 2, 12)
        if month is not None:
            return DayMatch(start=start, end=i + 3, reading=_day_in_year(day, month, today))
    return DayMatch(start=start, end=i + 1, reading=_day_in_month(day, today))


def _day_month(items: Sequence[Word], i: int, today: date) -> DayMatch | None:
    """ "20 tháng 11" without "ngày"."""
    day = _int_at(items, i, 31)
    month = _int_at(items, i + 2, 12) if _is(items, i + 1, "thang") else None
    if day is None or month is None:
        return None
    return DayMatch(start=i, end=i + 3, reading=_day_in_year(day, month, today))


def _from_slash(raw: str, today: date) -> DayReading | None:
    match = _SLASH.fullmatch(raw)
    if match is None:
        return None
    first, second, third = match.groups()
    if len(first) == 4:  # 2026-11-20
        return _exact(int(first), int(second), int(third or 0), today)
    if third is None:
        return _day_in_year(int(first), int(second), today)
    year = int(third) + (2000 if len(third) == 2 else 0)
    return _exact(year, int(second), int(first), today)


def _exact(year: int, month: int, day: int, today: date) -> DayReading | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return _reading(found, today)


def _day_in_year(day: int, month: int, today: date) -> DayReading | None:
    """dd/mm of this year; if that is still ahead, last year's is the alternative."""
    try:
        found = date(today.year, month, day)
    except ValueError:
        return None
    try:
        earlier = [date(today.year - 1, month, day)]
    except ValueError:
        earlier = []
    return _reading(found, today, earlier)


def _day_in_month(day: int, today: date) -> DayReading | None:
    """ "ngày 20": this month's; if still ahead, last month's is the alternative."""
    try:
        found = date(today.year, today.month, day)
    except ValueError:
        found = None
    last_month_end = today.replace(day=1) - timedelta(1)
    try:
        earlier = [last_month_end.replace(day=day)]
    except ValueError:
        earlier = []
    if found is None:
        return DayReading(day=earlier[0]) if earlier else None
    return _reading(found, today, earlier)
