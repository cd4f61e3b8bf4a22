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

from messages.fold import Word, fold, words
from messages.harvest_words import NAME_WORDS, PLAIN_MEANINGS, PRONOUNS, STOP_WORDS
from messages.products import ProductEntry, ProductMatch, match_product_at
from messages.when import match_day_at

PeriodKind = Literal["day", "week", "month", "range", "days"]
MAX_DAYS = 366

_RANGE = re.compile(r"^\s*(?:tu\s+)?(?:ngay\s+)?(\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*"
                    r"(?:-|–|đến|den|toi|tới)\s*(?:ngay\s+)?(\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*$")
# "từ đầu tháng (đến nay)", "đầu tháng đến nay"; "đầu tháng" alone may mean its first days
_NOW = r"\s+(?:den|toi)\s+(?:nay|gio|bay gio|hom nay|hien tai)"
_SINCE_MONTH = re.compile(rf"^(?:tu\s+dau\s+thang(?:\s+nay)?(?:{_NOW})?"
                          rf"|dau\s+thang(?:\s+nay)?{_NOW})$")
_SINCE_WEEK = re.compile(rf"^(?:tu\s+dau\s+tuan(?:\s+nay)?(?:{_NOW})?"
                         rf"|dau\s+tuan(?:\s+nay)?{_NOW})$")
_SINCE_DAY = re.compile(r"^\s*(?:tu\s+)?(?:ngay\s+)?(\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
                        r"\s+(?:den|toi)\s+(?:nay|gio|bay gio|hom nay|hien tai)\s*$")
_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?$")
_LAST_DAYS = re.compile(r"^(\d{1,3})\s*ngay(?:\s*(?:qua|gan day|vua qua))?$")
_LAST_WEEKS = re.compile(r"^(\d{1,2})\s*tuan(?:\s*(?:qua|gan day|vua qua))?$")


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
    if folded in ("", "hom nay", "homnay", "hnay", "ngay hom nay", "bua nay"):
        return Period(first=today, last=today, kind="day")
    if folded in ("hom kia", "hkia", "bua kia"):
        day = today - timedelta(days=2)
        return Period(first=day, last=day, kind="day")
    if folded in ("tuan nay", "tuan"):
        return Period(first=today - timedelta(days=today.weekday()), last=today, kind="week")
    if folded in ("tuan truoc", "tuan roi"):
        monday = today - timedelta(days=today.weekday() + 7)
        return Period(first=monday, last=monday + timedelta(days=6), kind="week")
    if folded in ("tuan qua", "tuan vua qua", "tuan gan day", "7 ngay qua"):
        return Period(first=today - timedelta(days=6), last=today, kind="days")
    if _SINCE_MONTH.match(folded):  # "từ đầu tháng đến nay"
        return Period(first=today.replace(day=1), last=today, kind="month")
    if _SINCE_WEEK.match(folded):
        return Period(first=today - timedelta(days=today.weekday()), last=today, kind="week")
    if folded in ("thang nay", "thang"):
        return Period(first=today.replace(day=1), last=today, kind="month")
    if folded in ("thang truoc", "thang roi"):
        last = today.replace(day=1) - timedelta(days=1)
        return Period(first=last.replace(day=1), last=last, kind="month")
    return (_month(folded, today) or _last_days(folded, today) or _last_weeks(folded, today)
            or _range(text, today) or _day(text, today))


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


def _last_weeks(folded: str, today: date) -> Period | None:
    match = _LAST_WEEKS.match(folded)
    if not match or not 1 <= int(match.group(1)) * 7 <= MAX_DAYS:
        return None
    count = int(match.group(1)) * 7
    return Period(first=today - timedelta(days=count - 1), last=today, kind="days")


def _one_day(text: str, today: date) -> date | None:
    tokens = words(unicodedata.normalize("NFC", text))
    found = match_day_at(tokens, 0, today) if tokens else None
    if found is None or found.end != len(tokens) or found.reading is None:
        return None  # no day, more than a day, or no real day ("99/99")
    if found.reading.vague:
        return None  # "hôm trước": several days fit, so no period to answer for
    return found.reading.day if found.reading.day <= today else (
        found.reading.alternatives[0] if found.reading.alternatives else None)


def _range(text: str, today: date) -> Period | None:
    match = _RANGE.match(fold(text))
    since = _SINCE_DAY.match(fold(text)) if not match else None
    if since:  # "từ 1/11 đến nay"
        first, last = _one_day(since.group(1), today), today
    elif not match:
        return None
    else:
        first, last = _one_day(match.group(1), today), _one_day(match.group(2), today)
    if first is None or last is None or first > last or (last - first).days >= MAX_DAYS:
        return None
    return Period(first=first, last=last, kind="range")


def _day(text: str, today: date) -> Period | None:
    day = _one_day(text, today)
    return Period(first=day, last=day, kind="day") if day is not None else None


# Words a plain intake question is made of besides its period and product: asking, totals,
# "thu được", units after "mấy", politeness. Folded.
_ASK = frozenset({"bao", "nhieu", "nhiu", "bn", "bnhieu", "bnh", "may", "tong", "ket", "hop",
                  "cong", "thong", "ke", "duoc", "dc", "thu", "mua", "nhap", "ve", "san",
                  "luong", "cua", "htx", "ca", "het", "tat", "vay", "the", "a", "oi",
                  "nhi", "nhe", "nha", "cho", "hoi", "xem", "biet", "minh", "em", "anh", "chi",
                  "kg", "ky", "ki", "kilo", "ta", "tan", "yen", "can", "la", "ad", "bot",
                  "trong", "ban", "so", "tinh", "khoi", "va", "cao",
                  "lay", "nhan", "hai", "hoach"})
# words that speak of time: left over once the period is read, they mean a period the bot
# could not read ("tuần trước nữa"), so it asks instead of answering for another period
_TIME_WORDS = frozenset({"hom", "bua", "ngay", "tuan", "thang", "nam", "qua", "kia", "truoc",
                         "nay", "sang", "chieu", "toi", "mai", "tu", "hnay", "hqua", "hkia",
                         "nua", "dau", "cuoi", "chu", "t2", "t3", "t4", "t5", "t6", "t7", "cn",
                         "den", "sau", "ngoai"})
# the spellings with diacritics of the time words (others are other words: "nấm", "quả")
_TIME_FORMS = frozenset({"hôm", "bữa", "ngày", "tuần", "tháng", "năm", "qua", "kia", "kìa",
                         "trước", "này", "sáng", "chiều", "tối", "mai", "từ", "nữa", "đầu",
                         "cuối", "chủ", "đến", "tới", "tư", "sau", "sáu", "ngoái"})
_WEEKDAY_NAMES = frozenset({"hai", "ba", "tu", "nam", "sau", "bay", "2", "3", "4", "5", "6",
                            "7"})


_ASKING = re.compile(r"\b(?:bao|bn|bnhieu|bnh|may|tong|thong|san luong|doanh thu|so lieu"
                     r"|ket qua|gia tri|thanh tien|tien)\b")
# words that ask for the figures without an asking word: "doanh thu hôm nay", "số liệu
# tuần này", "kết quả thu mua hôm nay", "giá trị hàng hôm nay", "thành tiền tháng này"
_FIGURES = frozenset({("doanh", "thu"), ("so", "lieu"), ("ket", "qua"), ("gia", "tri"),
                      ("thanh", "tien")})
_UNITS = frozenset({"kg", "ky", "ki", "kilo", "can", "ta", "tan", "yen", "qua", "trai", "bo",
                    "lit", "lang"})


class Question(BaseModel):
    """A plain intake question: the period it names (None: one the bot cannot read) and the
    words left for a product."""

    model_config = ConfigDict(frozen=True)

    period: Period | None
    rest: tuple[str, ...] = ()
    by_noun: bool = False  # asked by "doanh thu", "kết quả", "tiền"... not "bao nhiêu"


def _asks(tokens: Sequence[Word]) -> bool | str:
    """ "bao nhiêu", "bn", "mấy" (not "máy"), "tổng": the words that ask for a figure (True);
    "noun" when only a noun asks ("doanh thu hôm nay"); False when nothing does."""
    noun = False
    for k, w in enumerate(tokens):
        if w.kind != "word":
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if w.key in ("bn", "bnhieu", "bnh", "tong") or (w.key == "may" and w.raw == "mấy"):
            return True
        if w.key == "may" and w.raw == "may" and (after is None or after.key in _UNITS
                                                  or "?" in after.raw):
            return True  # "được may kg": plain "may" is "máy" (a machine) as much as "mấy"
        if after is not None and (w.key, after.key) in (("san", "luong"), ("bao", "cao")):
            return True  # "sản lượng hôm qua", "báo cáo tuần này"
        if after is not None and (w.key, after.key) in _FIGURES:
            noun = True
            continue
        if w.key == "bao" and k + 1 < len(tokens) and tokens[k + 1].key in ("nhieu", "nhiu"):
            return True
        if w.key == "thong" and k + 1 < len(tokens) and tokens[k + 1].key == "ke":
            return True
    return "noun" if noun else False


def read_question(text: str | None, today: date) -> Question | None:
    """A plain question about the intake, from the whole message: "hôm kia thu được bao
    nhiêu", "tổng tháng 11", "quế tháng này được mấy tạ", "hnay thu dc bn". None when the
    message does not ask (no asking word, a price, or a number outside its period)."""
    if not text or len(text) > 200 or not _ASKING.search(fold(text)):
        return None  # no asking word at all: most messages stop here, before any tokens
    tokens = words(unicodedata.normalize("NFC", text))
    # "tiền chè tháng này": money asked for, as long as a period says of when
    by_money = any(w.key == "tien" for w in tokens)
    asks = _asks(tokens)
    if not (by_money or asks) or any(w.key == "gia" and not _value_word(tokens, k)
                                     for k, w in enumerate(tokens)):
        return None  # a price ("giá chè bao nhiêu"), but "giá trị" is the intake's value
    kept = _kept(tokens)
    span = _period_span(kept, today)
    if span is None and not asks:
        return None
    by_noun = asks is not True
    found = _question(kept, span, today)
    return found.model_copy(update={"by_noun": by_noun}) if found and by_noun else found


def _question(kept: list[str], span: tuple[int, int, Period] | None,
              today: date) -> Question | None:
    if span is None:
        if any(any(ch.isdigit() for ch in w) for w in kept):
            return None  # a number outside any period: a report, not a question
        rest = tuple(kept)
        if any(w in _TIME_WORDS or w == "thu" for w in rest):
            return Question(period=None, rest=rest)
        return Question(period=Period(first=today, last=today, kind="day"), rest=rest)
    first, last, period = span
    rest = tuple(kept[:first] + kept[last:])
    if any(any(ch.isdigit() for ch in w) for w in rest):
        return None  # a number outside its period: a report ("tổng cộng hôm nay 30kg chè")
    if any(w in _TIME_WORDS or w == "thu" for w in rest):  # "thu" is kept only as "thứ"
        return Question(period=None, rest=rest)
    return Question(period=period, rest=rest)


def _figure_words(tokens: Sequence[Word], k: int) -> bool:
    """ "giá trị", "doanh thu", "số liệu", "kết quả", "thành tiền" start at word k."""
    return k + 1 < len(tokens) and (tokens[k].key, tokens[k + 1].key) in _FIGURES


def _value_word(tokens: Sequence[Word], k: int) -> bool:
    """ "giá trị" (value): "giá" followed by "trị", not a price."""
    return k + 1 < len(tokens) and tokens[k].key == "gia" and tokens[k + 1].key == "tri"


def _kept(tokens: Sequence[Word]) -> list[str]:
    """The folded words and numbers of a question that may name its period or product;
    tokens typed together stay together ("1/11-15/11", "t2")."""
    kept: list[str] = []
    last = -2  # index of the last token kept
    for k, w in enumerate(tokens):
        if w.kind not in ("word", "number", "slash") and w.raw not in ("-", "–", "/"):
            continue
        before = tokens[k - 1].key if k > 0 else ""
        after = tokens[k + 1].key if k + 1 < len(tokens) else ""
        weekday = w.key in ("thu", "t") and after in _WEEKDAY_NAMES  # "thứ hai", "thứ 2"
        after_weekday = before in ("thu", "t") and w.key in _WEEKDAY_NAMES
        if w.key in _ASK and not weekday and not after_weekday:
            continue
        if _figure_words(tokens, k) or (k > 0 and _figure_words(tokens, k - 1)):
            continue  # "giá trị", "doanh thu", "kết quả": asking for the figures
        if before == "may" and w.kind == "word":
            continue  # "mấy quả", "mấy tạ": the unit asked in
        key = w.key
        if w.kind == "word" and w.marked and key in _TIME_WORDS and w.raw not in _TIME_FORMS:
            key = "~" + key  # "nấm", "quả": not "năm", "qua"
        if w.glued and last == k - 1 and kept:
            kept[-1] += w.raw if w.kind != "word" else key
        else:
            kept.append(key)
        last = k
    return kept


def _period_span(kept: list[str], today: date) -> tuple[int, int, Period] | None:
    """The longest run of words that names a period, first found."""
    for size in range(min(len(kept), 6), 0, -1):
        for first in range(len(kept) - size + 1):
            run = kept[first:first + size]
            if not any(w in _TIME_WORDS or w == "thu" or w[:1].isdigit() for w in run):
                continue
            found = read_period(" ".join(run), today)
            if found is not None:
                return first, first + size, found
    return None


# Said around a period sent on its own: "còn tuần trước?", "thế hôm kia thì sao ạ", "cho xem
# tháng trước". Folded.
_AROUND = frozenset({"a", "da", "nhe", "nha", "oi", "con", "the", "thi", "sao", "vay", "bot",
                     "ad", "admin", "em", "anh", "chi", "cho", "xem", "hoi", "nhi"})
# the words that make a run of time words a period ("tuần trước nữa"), not one lone word
# that may be something else ("sang", "mai", "tối")
_PERIOD_NOUNS = frozenset({"hom", "bua", "ngay", "tuan", "thang", "nam"})


def read_bare_period(text: str | None, today: date) -> Question | None:
    """A period sent on its own, as a short question about it: "hôm kia", "tháng trước",
    "còn tuần trước?" (period None: "tuần trước nữa", a period the bot cannot read). None
    when the message holds anything else (an amount, a product, a verb)."""
    if not text or len(text) > 60:
        return None
    tokens = [w for w in words(unicodedata.normalize("NFC", text))
              if w.kind in ("word", "number", "slash") or w.raw in ("-", "–")]
    kept = [w for w in tokens if not (w.kind == "word" and w.key in _AROUND)]
    if not kept or not all(_time_word(kept, k) for k in range(len(kept))):
        return None
    if not any(w.key in _PERIOD_NOUNS or w.kind in ("number", "slash") or w.raw in _SHORT
               for w in kept):
        return None  # one lone word ("qua", "tối") may be something else
    said = "".join(("" if w.glued or not n else " ") + w.raw for n, w in enumerate(kept))
    period = read_period(said, today)
    if period is not None:
        return Question(period=period)
    if len(kept) > 1 and any(w.key in _PERIOD_NOUNS for w in kept):
        return Question(period=None, rest=tuple(w.key for w in kept))  # "tuần trước nữa"
    return None


_SHORT = frozenset({"hnay", "hqua", "hkia"})


def _time_word(kept: Sequence[Word], k: int) -> bool:
    """Whether kept[k] may be part of a period: a time word ("nấm", "quả" are not "năm",
    "qua"), a number, a date, or a weekday ("thứ hai", "t2")."""
    w = kept[k]
    if w.kind != "word":
        return True
    if w.key in _TIME_WORDS and (not w.marked or w.raw in _TIME_FORMS):
        return True
    after = kept[k + 1].key if k + 1 < len(kept) else ""
    before = kept[k - 1].key if k > 0 else ""
    return (w.key in ("thu", "t") and after in _WEEKDAY_NAMES) or (
        before in ("thu", "t") and w.key in _WEEKDAY_NAMES)


def question_period(text: str, today: date) -> Period | None:
    """The period a plain question speaks of (today when it names none); None when it names
    one the bot cannot read."""
    found = read_question(text, today) or read_bare_period(text, today)
    return found.period if found is not None else Period(first=today, last=today, kind="day")


def question_product(
    text: str, catalogue: Sequence[ProductEntry], today: date | None = None
) -> ProductEntry | None:
    """The one product a question names ("chè hôm nay bao nhiêu"), or None: read from the
    words its period and asking leave ("nấm hôm nay": nấm, not năm)."""
    found, _, _ = _products_named(text, catalogue, today or date.today())
    return next(iter(found.values())) if len(found) == 1 else None


# words a question may leave beside its period and product without changing what it asks:
# "bao nhiêu tiền", "được bao nhiêu rồi", "mua vào", "giao", "nộp", "e" (em)
_HARMLESS = frozenset({"tien", "roi", "vao", "giao", "nop", "gui", "e", "ra", "len", "nay",
                       "ah", "ha", "ne", "do", "day", "rui", "ko", "khong", "chua", "hien",
                       "tai", "luon", "tat", "ca", "co", "thanh", "moi", "nguoi", "da", "lieu",
                       "chot", "kho", "thay", "duoc", "nha", "gia", "tri", "con", "cac", "ho",
                       "xa", "vien", "toan"})


def question_unclear(
    text: str, catalogue: Sequence[ProductEntry], today: date | None = None
) -> str | None:
    """The words of a plain question that name a person, as typed: "hôm nay anh Minh được
    bao nhiêu", "chị hoa tuần này bao nhiêu", "hôm nay Lan được bao nhiêu". The bot then
    asks instead of answering with the whole cooperative's figures. (Other words left
    unexplained are small words more often than not, and get the cooperative's answer,
    as do two products named: it has both.)"""
    today = today or date.today()
    found_question = read_question(text, today)
    if found_question is None or found_question.period is None:
        return None
    _, _, names = _products_named(text, catalogue, today)
    if not names:
        return None
    nfc = unicodedata.normalize("NFC", text)
    tokens = [w for w in words(nfc) if w.kind == "word"]
    return " ".join(dict.fromkeys(nfc[tokens[k].start:tokens[k].end] for k in sorted(names)))


# how one names another person before their name ("anh Minh", "chị hoa", "bác Tư")
_OTHERS = frozenset({"anh", "chi", "bac", "co", "chu", "ong", "ba", "di", "thim", "duong"})
# words after such a pronoun that are no name: "anh ơi", "chị được bao nhiêu", "cô giao"
_NO_NAME = frozenset({"oi", "a", "ad", "duoc", "dc", "thu", "giao", "hai", "ban", "nop",
                      "bao", "bn", "bnhieu", "may", "tong", "nhe", "nha", "nhi", "ay", "ta",
                      "xem", "hoi", "cho", "biet", "la", "nhat"})  # "chủ nhật"


def _name_at(nfc: str, tokens: Sequence[Word], k: int) -> bool:
    """Whether word k surely names a person: after "anh", "chị", "bác"... (or capitalised
    after "em", "tôi"...), and no small word."""
    word, before = tokens[k], tokens[k - 1] if k > 0 else None
    if before is None or word.key in _TIME_WORDS | _HARMLESS | _NO_NAME:
        return False
    if nfc[word.start].isupper():
        return before.key in PRONOUNS
    return before.key in _OTHERS


_POSSESSIVE = frozenset({"cua", "nha", "cho", "ho"})
_PLAIN_NAMES = frozenset({"lan", "nhung", "hoa", "dao", "cuc", "xuan", "son", "vinh"})


def _given_name(nfc: str, tokens: Sequence[Word], k: int, rest: set[str]) -> bool:
    """ "Lan tuần này được bao nhiêu", "hồng hôm qua giao bao nhiêu": a given name that is
    also a small word ("lần", "hông"), left over by the period and the asking words, as
    the question's first word or capitalised inside it ("mình" is the asker: no name)."""
    word = tokens[k]
    forms = NAME_WORDS.get(word.key)
    if forms is None or word.key in ("minh", "ba") or word.key not in rest or (
            word.marked and word.raw not in forms):
        return False
    if k == 0 or nfc[word.start].isupper():
        return True
    before = tokens[k - 1].key
    after = tokens[k + 1].key if k + 1 < len(tokens) else ""
    if after in ("nay", "nua", "truoc", "sau", "dau", "cuoi", "toi") or after[:1].isdigit():
        return False  # "lần này", "lần trước", "lần 2": a time, a count
    # anywhere in the question: a name that is no common small word when typed so ("lan",
    # "nhung", "hồng"; not "hong", "ha", "tu"), or any after "của", "nhà" ("chè của lan")
    return before in _POSSESSIVE or word.marked or word.key in _PLAIN_NAMES


def _capitalised(nfc: str, tokens: Sequence[Word], k: int) -> bool:
    """A capitalised word inside a sentence that no small word explains: a name ("hôm nay
    Lan được bao nhiêu"), unless a product is spelled exactly so ("Chè")."""
    word = tokens[k]
    return k > 0 and nfc[word.start].isupper() and not nfc[tokens[k - 1].start].isupper() \
        and word.key not in _ASK | _TIME_WORDS | _HARMLESS


def _products_named(
    text: str, catalogue: Sequence[ProductEntry], today: date
) -> tuple[dict[int, ProductEntry], set[int], set[int]]:
    """The products a question's words name, the indexes of the words they use, and of the
    words that name a person."""
    found_question = read_question(text, today)
    rest = {w.lstrip("~") for w in found_question.rest} if found_question else set()
    nfc = unicodedata.normalize("NFC", text)
    tokens = [w for w in words(nfc) if w.kind == "word"]
    stops = (STOP_WORDS | _ASK | _TIME_WORDS) - rest
    marked = any(w.marked for w in tokens)
    found: dict[int, ProductEntry] = {}
    used: set[int] = set()
    names = {k for k in range(len(tokens)) if _name_at(nfc, tokens, k)
             or _given_name(nfc, tokens, k, rest)}
    i = 0
    while i < len(tokens):
        if i in names:  # "chị Hoa" is a person, never bent into "hoa hồi"
            i += 1
            continue
        match = match_product_at(
            tokens, i, catalogue, stop_words=stops, plain_words=PLAIN_MEANINGS, has_marks=marked
        )
        sure = match.tier in ("exact", "folded") or match.length > 1
        if match.status == "one" and _capitalised(nfc, tokens, i) and not sure:
            match = ProductMatch()  # "hôm nay Hoa được bao nhiêu": a name, not a typo
        # a name may start on an asking word ("cà phê": "ca" is "cả") when it is longer
        # or is typed exactly, diacritics and all ("hồi" is star anise; "hỏi" asks)
        if match.status == "one" and (tokens[i].key not in stops or match.length > 1 or (
                match.tier == "exact" and tokens[i].marked)):
            found[match.products[0].id] = match.products[0]
            used.update(range(i, i + match.length))
            i += match.length
            continue
        if _capitalised(nfc, tokens, i) and (tokens[i].key in rest or f"~{tokens[i].key}"
                                             in found_question.rest if found_question else ()):
            names.add(i)
        i += 1
    return found, used, names


# harvest verbs: "hái chè hôm qua" without an amount is a report missing its number
_REPORTING = frozenset({"hai", "giao", "nop", "ban", "gui", "can", "be", "boc", "cat", "gat"})
# words a question leaves that are part of how it asks, never a product: "thứ bảy", "doanh
# thu", "bây giờ", "dạo này", "t6", "vụ này", "mùa này", "đợt này", "kỳ này"
_NO_PRODUCT = frozenset({"bay", "doanh", "dao", "t", "vu", "mua", "dot", "ky", "gio", "luc",
                         "sang", "chieu", "toi", "trua", "dem", "hang", "sp", "san", "pham",
                         "mat", "loai", "nguoi", "thanh", "vien", "xa", "ai"})


def product_period(
    text: str, catalogue: Sequence[ProductEntry], today: date
) -> tuple[Period, ProductEntry] | None:
    """ "quế tháng này", "ca phe thang nay", "chè hôm qua?": one product and a period, no
    amount and no asking word: a question about that product's intake. None when any other
    word is left (a harvest verb without "?" is a report missing its amount)."""
    if not text or len(text) > 80:
        return None
    nfc = unicodedata.normalize("NFC", text)
    tokens = words(nfc)
    span = _period_span(kept := _kept(tokens), today)
    if span is None:
        return None
    rest = kept[:span[0]] + kept[span[1]:]
    if not rest or any(ch.isdigit() for w in rest for ch in w) or any(
            w.lstrip("~") in _TIME_WORDS and not w.startswith("~") for w in rest):
        return None
    asked = "?" in text
    found, used, names = _products_named(text, catalogue, today)
    if len(found) != 1 or names:
        return None
    small = _ASK | _HARMLESS | _AROUND | _TIME_WORDS
    for k, w in enumerate(t for t in tokens if t.kind == "word"):
        if k in used:
            continue
        if w.key not in small or (w.key in _REPORTING and not asked):
            return None
    return span[2], next(iter(found.values()))


def question_unknown(
    text: str, catalogue: Sequence[ProductEntry], today: date
) -> str | None:
    """ "gừng tuần này bao nhiêu": the word, as typed, of a question that names no product
    of the catalogue but a word in a product's place that no small word explains; the bot
    says it has no such product instead of answering with the whole cooperative's intake."""
    found_question = read_question(text, today)
    if found_question is None or found_question.period is None:
        return None
    found, _, names = _products_named(text, catalogue, today)
    if found or names:
        return None
    nfc = unicodedata.normalize("NFC", text)
    tokens = [w for w in words(nfc) if w.kind == "word"]
    small = STOP_WORDS | _ASK | _HARMLESS | _AROUND | _OTHERS | _NO_NAME | _NO_PRODUCT
    left = [k for k, w in enumerate(tokens) if len(w.key) > 1 and w.key not in small
            and not _figure_words(tokens, k) and not (k and _figure_words(tokens, k - 1))
            and (w.key not in _TIME_WORDS or (w.marked and w.raw not in _TIME_FORMS))]
    # ("sầu" is no time word, "sau" is)
    if not left or len(left) > 2 or (len(left) == 2 and left[1] != left[0] + 1):
        return None  # one name of one or two words, or too much to be sure of
    return " ".join(nfc[tokens[k].start:tokens[k].end] for k in left)
