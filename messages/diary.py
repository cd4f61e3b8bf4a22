"""Read a production-diary message: "bón NPK 20kg lô 2", "phun Regent 2 bình lô 3 hôm qua".

The activity leads the message (after an optional day or plot): bón/rải phân (fertilise),
phun/xịt (spray), tưới (water), làm/nhổ/phát cỏ (weed), tỉa/đốn (prune), gieo (sow),
trồng (plant), ghi chú (note). Then, in any order: the input (matched against the
cooperative's fertilisers and pesticides, or kept as typed), a dose ("20kg", "2 bình",
"0,5 lít"), a plot and a day. `parse_diary` never guesses: a pesticide whose pre-harvest
interval is unknown is asked about, an ambiguous dose or a day to come is refused with the
reason, and a message that does not start with an activity is "not_diary".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages import format as fmt
from messages.diary_cover import INPUT_KINDS, uncovered
from messages.fold import Word, fold, words
from messages.harvest_words import STOP_WORDS, plot_at
from messages.products import ProductEntry, match_product_at
from messages.quantity import read_quantity_at
from messages.quantity_words import NUMBER_WORDS
from messages.telex import spelled
from messages.when import match_day_at

Activity = Literal["fertilise", "spray", "water", "weed", "prune", "sow", "plant", "note"]
InputKind = Literal["fertiliser", "pesticide"]
Status = Literal["ok", "ask_interval", "invalid", "not_diary"]
Problem = Literal["no_input", "future", "ambiguous_dose", "too_big", "too_long", "empty_note",
                  "unclear_words", "two_plots", "dose_unit", "two_activities", "spelled",
                  "for_someone"]
MAX_LENGTH = 500

# (folded words, activity); the first word's accepted spellings with diacritics follow.
_VERBS: tuple[tuple[tuple[str, ...], Activity], ...] = (
    (("lam", "sach", "co"), "weed"), (("phun", "thuoc"), "spray"), (("xit", "thuoc"), "spray"),
    (("tuoi", "phan"), "fertilise"),  # fertiliser given in the water: "tưới phân NPK"
    (("tuoi", "nuoc"), "water"), (("lam", "co"), "weed"), (("nho", "co"), "weed"),
    (("phat", "co"), "weed"), (("cuoc", "co"), "weed"), (("tia", "canh"), "prune"),
    (("don", "canh"), "prune"), (("gieo", "hat"), "sow"), (("trong", "moi"), "plant"),
    (("trong", "dam"), "plant"), (("cat", "tia"), "prune"), (("bon", "thuc"), "fertilise"),
    (("bon", "lot"), "fertilise"), (("don", "co"), "weed"), (("diet", "co"), "weed"),
    (("xoi", "co"), "weed"), (("cat", "co"), "weed"), (("lam", "sach", "co"), "weed"),
    (("tia", "thua"), "prune"), (("be", "choi"), "prune"), (("tia", "la"), "prune"),
    (("vun", "goc"), "note"), (("tu", "goc"), "note"), (("xoi", "dat"), "note"),
    (("bam", "ngon"), "note"), (("dao", "ranh"), "note"), (("bi", "sau"), "note"),
    (("bi", "benh"), "note"), (("bi", "nam"), "note"), (("bi", "ray"), "note"),
    (("ghi", "chu"), "note"), (("nhat", "ky"), "note"), (("bon",), "fertilise"),
    (("rai",), "fertilise"), (("rac",), "fertilise"),
    (("bom", "nuoc"), "water"), (("cat", "canh"), "prune"), (("vai", "phan"), "fertilise"),
    (("phun",), "spray"), (("xit",), "spray"), (("sit",), "spray"), (("phum",), "spray"),
    (("tuoi",), "water"), (("vai",), "fertilise"), (("dam",), "plant"), (("cay",), "plant"),
    (("tia",), "prune"), (("don",), "prune"), (("gieo",), "sow"), (("trong",), "plant"),
    (("note",), "note"),
)
# work without a category of its own ("vun gốc", "tủ gốc"): kept as a note in its own words
_NOTE_WORK = frozenset({("vun", "goc"), ("tu", "goc"), ("xoi", "dat"), ("bam", "ngon"),
                        ("dao", "ranh"), ("bi", "sau"), ("bi", "benh"), ("bi", "nam"),
                        ("bi", "ray")})
# spellings a phrase accepts beyond `_FORMS`: "dọn cỏ" (clear weeds), while "dọn" alone is
# not "đốn" (prune)
_PHRASE_FORMS: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    ("don", "co"): {"don": ("dọn", "đốn")},
}
# verbs whose plain spelling is another word, read only as typed with their marks: "vải"
# (lychee) is no "vãi" (to scatter), "đạm" (urea) no "dặm" (fill gaps), "cây" (tree) no "cấy"
_MARKED_ONLY = frozenset({("vai",), ("dam",), ("cay",)})
_VERBS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Activity]]] = {}
for _phrase, _activity in _VERBS:  # every leading word is tried: look up, not scan
    _VERBS_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _activity))
_FORMS: dict[str, tuple[str, ...]] = {
    "bon": ("bón",), "rai": ("rải",), "phan": ("phân",), "phun": ("phun",), "xit": ("xịt",),
    "thuoc": ("thuốc",), "tuoi": ("tưới",), "nuoc": ("nước",), "lam": ("làm",),
    "nho": ("nhổ",), "phat": ("phát",), "cuoc": ("cuốc",), "sach": ("sạch",), "co": ("cỏ",),
    "tia": ("tỉa",), "canh": ("cành",), "don": ("đốn",), "gieo": ("gieo",), "hat": ("hạt",),
    "trong": ("trồng",), "moi": ("mới",), "dam": ("dặm",), "cat": ("cắt",), "rac": ("rắc",),
    "thuc": ("thúc",), "lot": ("lót",), "ghi": ("ghi",), "chu": ("chú",),
    "nhat": ("nhật",), "ky": ("ký", "kí"), "note": ("note",), "sit": ("sịt", "xịt"),
    "diet": ("diệt",), "xoi": ("xới",), "thua": ("thưa",), "be": ("bẻ",), "choi": ("chồi",),
    "la": ("lá",), "vun": ("vun",), "goc": ("gốc",), "tu": ("tủ",), "dat": ("đất",),
    "bam": ("bấm",), "ngon": ("ngọn",), "dao": ("đào",), "ranh": ("rãnh",),
    "bom": ("bơm",), "phum": ("phum",), "vai": ("vãi",), "cay": ("cấy",), "bi": ("bị",),
    "sau": ("sâu",), "benh": ("bệnh",), "nam": ("nấm",), "ray": ("rầy",),
}
# what may come before the activity: "dạ sáng nay em xịt…", "nhà em vừa bón…", "💧 tưới…"
_LEAD_FILLERS = frozenset({"da", "vua", "moi", "hom", "nay", "e", "em", "anh", "chi", "chu",
                           "bac", "toi", "minh", "tui", "nha", "sang", "chieu", "trua", "luc",
                           "con", "ong", "ba", "a", "oi", "thi", "di", "lai", "cung", "xong",
                           "roi", "ca", "vo", "bo", "me", "hnay", "chau", "vang", "ad"})
_CONTAINERS: dict[str, str] = {"binh": "bình", "goi": "gói", "chai": "chai", "bao": "bao",
                               "can": "can", "thung": "thùng", "xo": "xô", "lo": "lọ"}
_CONTAINER_FORMS = {"binh": ("bình",), "goi": ("gói",), "chai": ("chai",), "bao": ("bao",),
                    "can": ("can",), "thung": ("thùng",), "xo": ("xô",), "lo": ("lọ",)}
_NAME_STOPS = frozenset({"cho", "o", "tai", "vao", "luc", "ngay", "sang", "chieu", "toi",
                         "trua", "hom", "lieu", "luong", "a", "nhe", "nha", "roi", "xong"})


class InputEntry(BaseModel):
    """A fertiliser or pesticide of the cooperative; a pesticide's interval in days."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    aliases: list[str] = []
    kind: InputKind = "pesticide"
    interval_days: int | None = None


class DiaryReading(BaseModel):
    """What a diary message says, in canonical parts."""

    model_config = ConfigDict(frozen=True)

    activity: Activity
    input_name: str | None = None
    input_id: int | None = None
    interval_days: int | None = None
    dose: str | None = None
    plot: str | None = None
    day: date
    note: str | None = None


class DiaryParse(BaseModel):
    """The outcome: ok, ask about the interval, invalid (with why), or not a diary entry."""

    model_config = ConfigDict(frozen=True)

    status: Status
    reading: DiaryReading | None = None
    problem: Problem | None = None
    detail: str | None = None


def _is(word: Word | None, key: str, forms: dict[str, tuple[str, ...]] | None = None) -> bool:
    if word is None or word.kind != "word" or word.key != key:
        return False
    return not word.marked or word.raw in (forms or _FORMS).get(key, ())


def _verb_at(items: Sequence[Word], i: int) -> tuple[Activity, int] | None:
    first = items[i].key if i < len(items) else ""
    for phrase, activity in _VERBS_BY_FIRST.get(first, ()):
        forms = {**_FORMS, **_PHRASE_FORMS[phrase]} if phrase in _PHRASE_FORMS else None
        if phrase in _MARKED_ONLY and not items[i].marked:
            continue
        if all(_is(items[i + k] if i + k < len(items) else None, key, forms)
               for k, key in enumerate(phrase)):
            return activity, i + len(phrase)
    return None


def _is_number(items: Sequence[Word], i: int) -> bool:
    """ "bon yen che" typed without diacritics is "bốn yến chè" (an amount), not "bón"."""
    if items[i].marked or items[i].key not in NUMBER_WORDS:
        return False
    found = read_quantity_at(items, i)
    return found is not None and found.unit is not None and found.what == "amount"


def _is_tomorrow(items: Sequence[Word], i: int) -> bool:
    """A lone "mai" (tomorrow) right before an activity, or before "mới" ("mai mới phun")."""
    if items[i].kind != "word" or items[i].raw.lower() != "mai":
        return False
    j = i + 1
    while j < len(items) and items[j].kind == "word" and items[j].key in ("moi", "se", "di"):
        j += 1
    return j < len(items) and _verb_at(items, j) is not None


# words before an activity that put it to come: "tuần sau", "tuần tới", "tháng sau" ->
# (days ahead, at least, folded words, their spellings with marks). ("sẽ", "sắp" are the
# harvest reader's plan words: its answer names them and gives a diary example.)
_LATER: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    (7, ("tuan", "sau"), ("tuần", "sau")), (7, ("tuan", "toi"), ("tuần", "tới")),
    (28, ("thang", "sau"), ("tháng", "sau")), (28, ("thang", "toi"), ("tháng", "tới")),
)


_LATER_FIRST = frozenset(keys[0] for _, keys, _ in _LATER)


def _later_at(items: Sequence[Word], i: int) -> tuple[int, int] | None:
    """(days ahead, index after) of words at i saying the work is still to come."""
    if items[i].key not in _LATER_FIRST:
        return None
    for ahead, keys, forms in _LATER:
        typed = items[i:i + len(keys)]
        if len(typed) == len(keys) and all(
                w.kind == "word" and w.key == key and (not w.marked or w.raw.lower() == form)
                for w, key, form in zip(typed, keys, forms, strict=True)):
            return ahead, i + len(keys)
    return None


class _VagueDay(LookupError):
    """A day typed loosely before the activity ("hom qa", "qua"): (start, end) in the text."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__(start, end)
        self.span = (start, end)


def _lead(items: Sequence[Word], today: date) -> tuple[Activity, int, date | None, str | None]:
    """Skip up to six leading parts (a day, a plot, "đã", "dạ em"), then read the activity."""
    i, day, plot = 0, None, None
    for _ in range(7):
        while i < len(items) and items[i].kind in ("other", "sep"):
            i += 1  # an emoji or a mark before the words: "💧 tưới lô 4"
        if i >= len(items):
            break
        found = _verb_at(items, i)
        if found is not None and not _is_number(items, i):
            return found[0], found[1], day, plot
        if _is_tomorrow(items, i):  # "mai phun Regent lô 3": work to come, asked about
            day, i = today + timedelta(days=1), i + 1
            continue
        later = _later_at(items, i)
        if later is not None:  # "tuần sau bón NPK", "sắp phun": work to come too
            day, i = today + timedelta(days=later[0]), later[1]
            continue
        when = match_day_at(items, i, today) if items[i].kind != "number" else None
        place = plot_at(items, i)
        if when is not None and when.reading is not None and when.reading.vague:
            raise _VagueDay(items[i].start, items[when.end - 1].end)  # "hom qa tưới lô 2"
        if when is not None and when.reading is not None:
            day, i = when.reading.day, when.end
        elif place is not None:
            plot, i = place
        elif items[i].kind == "word" and items[i].key in _LEAD_FILLERS:
            i += 1
        else:
            break
    raise LookupError


# "hái", "thu hoạch": a harvest named after the work ("làm cỏ xong rồi hái chè 20kg")
_HARVEST_VERBS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("hai",), ("hái",)), (("thu", "hoach"), ("thu", "hoạch")), (("gat",), ("gặt",)),
)
# words before an activity's verb that make it part of a name: "phân bón lá", "cây trồng"
_NOT_A_VERB_AFTER = frozenset({"phan", "cay"})


# "cho chị Lan", "giúp bác Tư", "hộ mẹ": work done for another person, whose diary it is.
# Folded word -> its spellings with marks ("cho" and "giúp" are plain words).
_FOR = {"cho": ("cho",), "giup": ("giúp",), "ho": ("hộ", "họ")}
_OTHERS = {"chi": ("chị",), "anh": ("anh",), "bac": ("bác",), "co": ("cô",), "chu": ("chú",),
           "ba": ("bà",), "ong": ("ông",), "di": ("dì",), "thim": ("thím",), "me": ("mẹ",),
           "bo": ("bố",), "cau": ("cậu",), "mo": ("mợ",), "nha": ("nhà",), "hang": ("hàng",)}


def _for_someone(items: Sequence[Word], start: int) -> tuple[int, int] | None:
    """(first, end) of "cho chị Lan", "giúp bác Tư", "hộ mẹ" after the activity, if any."""
    for k in range(start, len(items) - 1):
        word, other = items[k], items[k + 1]
        if word.kind != "word" or word.key not in _FOR or other.kind != "word" \
                or other.key not in _OTHERS:
            continue
        if (word.marked and word.raw.lower() not in _FOR[word.key]) or (
                other.marked and other.raw.lower() not in _OTHERS[other.key]):
            continue
        if other.key == "nha" and not (k + 2 < len(items) and items[k + 2].key in _OTHERS):
            continue  # "cho nhà em"? only "cho nhà chị Lan" names someone else
        end = k + 2
        while end < len(items) and items[end].kind == "word" and items[end].key in _OTHERS:
            end += 1
        if end < len(items) and items[end].kind == "word" and items[end].key not in (
                "lo", "thua", "vuon", "doi"):
            end += 1  # the name: "Lan", "Tư"
        return k, end
    return None


def _second_activity(items: Sequence[Word], start: int) -> tuple[int, int] | None:
    """(first, end) of a second piece of work after the first one's verb, if any: another
    diary activity, or a harvest ("tưới xong rồi phun Actara", "làm cỏ rồi hái chè")."""
    for k in range(start, len(items)):
        if items[k].kind != "word" or (k and items[k - 1].key in _NOT_A_VERB_AFTER):
            continue
        found = _verb_at(items, k)
        if found is not None and not _is_number(items, k):
            return k, found[1]
        for keys, forms in _HARVEST_VERBS:
            end = k + len(keys)
            typed = items[k:end]
            if len(typed) == len(keys) and all(
                    w.kind == "word" and w.key == key and (not w.marked or w.raw.lower() == form)
                    for w, key, form in zip(typed, keys, forms, strict=True)):
                after = items[end] if end < len(items) else None
                plain_two = not typed[0].marked and keys == ("hai",) and (
                    after is None or after.kind != "word" or after.key in STOP_WORDS
                    or after.key in _CONTAINERS or _is_number(items, k)
                )  # "hai bình", "hai lô", "hai tạ": the number two
                if not plain_two:
                    return k, end
    return None


def is_diary_text(text: str | None, today: date) -> bool:
    """Whether a message starts with a diary activity (and so is not a harvest report), as
    typed or with its Telex or VNI words spelled out ("bons NPK" is "bón NPK")."""
    if not text:
        return False
    for typed in (text, spelled(text)):
        if typed is None:
            continue
        items = words(unicodedata.normalize("NFC", typed))
        try:
            _lead(items, today)
        except _VagueDay:
            if _verb_after(items, today):
                return True
            continue
        except LookupError:
            continue
        return True
    return False


def _verb_after(items: Sequence[Word], today: date) -> bool:
    """Whether an activity follows a day typed loosely at the start ("hom qa tưới lô 2")."""
    for i in range(1, min(len(items), 4)):
        try:
            _lead(items[i:], today)
        except LookupError:
            continue
        return True
    return False


def parse_diary(
    text: str, inputs: Sequence[InputEntry], today: date, locale: str = "vi_VN"
) -> DiaryParse:
    """Read a diary message sent on `today` (the cooperative's local day). One read only
    with its Telex or VNI words spelled out ("bons NPK 20kg lo 2") is asked about with that
    reading, never recorded."""
    parse = _parse(text, inputs, today, locale)
    if parse.status in ("ok", "ask_interval"):
        return parse
    other = spelled(text) if text else None
    if other is None:
        return parse
    if _parse(other, inputs, today, locale).status in ("ok", "ask_interval"):
        return DiaryParse(status="invalid", problem="spelled", detail=other.strip())
    return parse


def _parse(
    text: str, inputs: Sequence[InputEntry], today: date, locale: str
) -> DiaryParse:
    if not text or not text.strip():
        return DiaryParse(status="not_diary")
    if len(text.strip()) > MAX_LENGTH:
        return DiaryParse(status="invalid", problem="too_long")
    nfc = unicodedata.normalize("NFC", text.strip())
    items = words(nfc)
    try:
        activity, start, day, plot = _lead(items, today)
    except _VagueDay as vague:
        if not _verb_after(items, today):
            return DiaryParse(status="not_diary")
        return DiaryParse(status="invalid", problem="unclear_words",
                          detail=nfc[vague.span[0]:vague.span[1]])
    except LookupError:
        return DiaryParse(status="not_diary")
    free_note = activity == "note" and not (start >= 2 and (
        items[start - 2].key, items[start - 1].key) in _NOTE_WORK)
    someone = None if free_note else _for_someone(items, start)
    if someone is not None:  # "bón NPK cho chị Lan lô 2": another person's work
        return DiaryParse(status="invalid", problem="for_someone",
                          detail=nfc[items[someone[0]].start:items[someone[1] - 1].end])
    second = None if free_note else _second_activity(items, start)
    if second is not None:  # "làm cỏ và bón phân lô 2": one line a piece of work
        return DiaryParse(status="invalid", problem="two_activities",
                          detail=nfc[items[second[0]].start:items[second[1] - 1].end])
    rest = _Rest(nfc, items, start, today, locale)
    rest.scan(plot, day)
    if rest.vague and activity != "note":  # "tưới lô 2 hom qa": yesterday, or today?
        return DiaryParse(status="invalid", problem="unclear_words", detail=rest.vague)
    if rest.ambiguous:
        return DiaryParse(status="invalid", problem="ambiguous_dose", detail=rest.ambiguous)
    if rest.too_big:
        return DiaryParse(status="invalid", problem="too_big", detail=rest.too_big)
    day = rest.day or today
    if day > today:
        return DiaryParse(status="invalid", problem="future", detail=fmt.short_day(day, locale))
    name = rest.name()
    takes_input = activity in ("fertilise", "spray")
    found = _match_input(name, inputs) if name and takes_input else None
    if activity == "spray" and _is_fertiliser(name, found):
        activity = "fertilise"  # "phun phân bón lá": a foliar feed, no pre-harvest interval
    if takes_input and (not name or fold(name) in INPUT_KINDS):
        return DiaryParse(status="invalid", problem="no_input")
    if activity != "note":  # a note is free text; anything else must be fully understood
        unexplained = uncovered(nfc, items, rest.used, start, rest.name_span)
        if unexplained is None and takes_input and found is None:
            unexplained = _input_and_more(name, inputs)
        if unexplained is not None:
            return DiaryParse(status="invalid", problem=unexplained[0], detail=unexplained[1])
    note = rest.note() if activity == "note" else None
    if activity == "note" and start >= 2 and (items[start - 2].key, items[start - 1].key) in (
            _NOTE_WORK):
        note = _without_trailing_fillers(nfc[items[start - 2].start:])  # in its own words
    if activity == "note" and not note:
        return DiaryParse(status="invalid", problem="empty_note")
    reading = DiaryReading(
        activity=activity,
        input_name=found.name if found else (name if activity in ("fertilise", "spray")
                                             else None),
        input_id=found.id if found else None,
        interval_days=found.interval_days if found else None,
        dose=rest.dose, plot=rest.plot, day=day,
        note=note if activity == "note" else (name or None if activity not in (
            "fertilise", "spray") else None),
    )
    if activity == "spray" and (found is None or found.interval_days is None):
        return DiaryParse(status="ask_interval", reading=reading)
    return DiaryParse(status="ok", reading=reading)


_TRAILING = frozenset({"a", "nhe", "nha", "roi", "xong", "nhé", "ạ", "rồi"})


def _without_trailing_fillers(text: str) -> str:
    """ "vun gốc lô 2 ạ" -> "vun gốc lô 2": politeness is no part of a note of work."""
    parts = text.strip(" :,-.!").split()
    while parts and fold(parts[-1]) in _TRAILING:
        parts.pop()
    return " ".join(parts)


def input_named(text: str, inputs: Sequence[InputEntry]) -> InputEntry | None:
    """The fertiliser or pesticide a message names without an activity ("NPK 20kg lô 2",
    "vôi 1 tạ"): such a message is a diary entry missing its verb, never a harvest."""
    entries = [ProductEntry(id=i.id, name=i.name, aliases=i.aliases) for i in inputs]
    tokens = [w for w in words(unicodedata.normalize("NFC", text)) if w.kind == "word"]
    for start in range(len(tokens)):
        match = match_product_at(tokens, start, entries)
        typed = tokens[start:start + match.length]
        # folded only when typed without marks: "lần" is no "Lân"
        sure = match.tier == "exact" or (match.tier == "folded"
                                         and not any(w.marked for w in typed))
        if match.status == "one" and sure:
            return next(i for i in inputs if i.id == match.products[0].id)
    return None


def _is_fertiliser(name: str, found: InputEntry | None) -> bool:
    """Whether what is sprayed is a fertiliser: a known one, or a name that starts "phân"."""
    if found is not None:
        return found.kind == "fertiliser"
    return fold(name).split(" ", 1)[0] == "phan"


_KIND_WORDS = frozenset({"phan", "thuoc", "tru", "sau", "co", "benh", "diet", "tri",
                         "bang"})
# what a known input is sprayed against, after its name: "Anvil trị nấm", "Regent trừ sâu"
_AGAINST = frozenset({"tri", "tru", "diet", "phong"})


def _input_and_more(name: str, inputs: Sequence[InputEntry]) -> tuple[Problem, str] | None:
    """ "Actara mốt": a known input, spelled right, followed by words not of its name."""
    entries = [ProductEntry(id=i.id, name=i.name, aliases=i.aliases) for i in inputs]
    tokens = [w for w in words(unicodedata.normalize("NFC", name)) if w.kind == "word"]
    for end in range(len(tokens), 0, -1):  # "Regent và Actara": "regent và" is no name
        match = match_product_at(tokens, 0, entries, end=end)
        if match.status == "one" and match.tier in ("exact", "folded"):
            if match.length < len(tokens) and not (
                    tokens[match.length].key in _AGAINST and len(tokens) - match.length <= 3):
                return "unclear_words", name[tokens[match.length].start :].strip()
            return None
    return None


def _match_input(name: str, inputs: Sequence[InputEntry]) -> InputEntry | None:
    """The input a name means: all of it ("phân chuồng"), else without a leading "phân"
    ("phân NPK" is NPK)."""
    entries = [ProductEntry(id=i.id, name=i.name, aliases=i.aliases) for i in inputs]
    # Words only: "Regent 800WG" and "NPK 16-16-8" are Regent and NPK whatever the digits.
    tokens = [w for w in words(unicodedata.normalize("NFC", name)) if w.kind == "word"]
    found = _match_whole(tokens, entries, inputs)
    against = next((k for k in range(1, len(tokens)) if tokens[k].key in _AGAINST), None)
    if found is None and against is not None and len(tokens) - against <= 3:
        found = _match_whole(tokens[:against], entries, inputs)  # "Anvil trị nấm"
    return found


def _match_whole(
    tokens: list[Word], entries: list[ProductEntry], inputs: Sequence[InputEntry]
) -> InputEntry | None:
    for start in range(min(len(tokens), 3)):
        # after a kind word only: "phân NPK", "thuốc trừ sâu Regent"
        if start and not all(w.key in _KIND_WORDS for w in tokens[:start]):
            break
        match = match_product_at(tokens, start, entries)
        if match.status == "one" and start + match.length == len(tokens):
            return next(i for i in inputs if i.id == match.products[0].id)
    return None


class _Rest:
    """The words after the activity: pick out the dose, plot and day; the rest is the name."""

    def __init__(
        self, text: str, items: Sequence[Word], start: int, today: date, locale: str
    ) -> None:
        self.text, self.items, self.start = text, items, start
        self.today, self.locale = today, locale
        self.used = [False] * len(items)
        self.dose: str | None = None
        self.plot: str | None = None
        self.day: date | None = None
        self.ambiguous: str | None = None
        self.name_span: tuple[int, int] | None = None  # tokens of the input or crop named
        self.too_big: str | None = None  # a dose of TOO_BIG or more, as typed
        self.vague: str | None = None  # a day typed loosely ("hom qa"), as typed

    def _take(self, start: int, end: int) -> None:
        for k in range(start, end):
            self.used[k] = True

    def scan(self, plot: str | None, day: date | None) -> None:
        self.plot, self.day = plot, day
        i = self.start
        while i < len(self.items):
            end = self._one(i)
            i = end if end > i else i + 1

    def _one(self, i: int) -> int:
        word = self.items[i]
        place = plot_at(self.items, i) if self.plot is None else None
        if place is not None:
            self.plot = place[0]
            self._take(i, place[1])
            return place[1]
        if word.kind != "number":
            when = match_day_at(self.items, i, self.today) if self.day is None else None
            # a vague day ("qua" alone: "quả" too, or "hom qa") is not taken: asked, or kept in
            # a note's words
            if when is not None and when.reading is not None and when.reading.vague:
                self.vague = self.vague or self.text[word.start:self.items[when.end - 1].end]
                return when.end
            if when is not None and when.reading is not None:
                self.day = when.reading.day
                self._take(i, when.end)
                return when.end
        if word.kind == "number":
            end = self._clock_time(i)
            if end is not None:
                self._take(i, end)
                return end
        if word.kind == "number" and self.dose is None:
            return self._dose(i)
        return i

    def _clock_time(self, i: int) -> int | None:
        """The end of a time of day at i ("lúc 4h chiều", "16h", "7 giờ sáng"), if one is."""
        items = self.items
        after = items[i + 1] if i + 1 < len(items) else None
        if after is None or after.kind != "word" or not (
                (after.glued and after.key in ("h", "g")) or after.key == "gio"):
            return None
        if not items[i].raw.isdigit() or int(items[i].raw) > 24:
            return None
        end = i + 2
        if end < len(items) and items[end].kind == "number" and items[end].glued:
            end += 1  # "4h30"
        before = items[i - 1].key if i else ""
        part = items[end].key if end < len(items) and items[end].kind == "word" else ""
        if before != "luc" and part not in ("sang", "chieu", "toi", "trua"):
            return None
        return end + 1 if part in ("sang", "chieu", "toi", "trua") else end

    def _dose(self, i: int) -> int:
        quantity = read_quantity_at(self.items, i)
        if quantity is not None and quantity.too_big:
            self.too_big = self.items[i].raw
            return quantity.end
        if quantity is None or quantity.what != "amount" or not quantity.values:
            return i
        if quantity.ambiguous:
            self.ambiguous = self.items[i].raw
            return quantity.end
        value = fmt.number(quantity.values[0], self.locale, 3)
        if quantity.unit is not None:
            end = quantity.end
            self.dose = f"{value} {quantity.unit.name}"
            per = self._container(end + 1) if self._slash(end) else None
            if per is not None:  # "20ml/bình": a dose per tank
                self.dose += f"/{per}"
                end += 2
            self._take(i, end)
            return end
        container = self._container(quantity.end)
        if container is None:
            return i
        end = quantity.end + 1
        self.dose = f"{value} {container}"
        per = self._container(end + 1) if self._slash(end) else None
        if per is not None:  # "2 gói/bình"
            self.dose += f"/{per}"
            end += 2
        self._take(i, end)
        return end

    def _slash(self, k: int) -> bool:
        return k < len(self.items) and self.items[k].raw == "/"

    def _container(self, k: int) -> str | None:
        """ "bình", "gói", "chai"... at k, as shown."""
        word = self.items[k] if k < len(self.items) else None
        if word is None or word.kind != "word" or word.key not in _CONTAINERS:
            return None
        if word.marked and word.raw not in _CONTAINER_FORMS[word.key]:
            return None
        return _CONTAINERS[word.key]

    def name(self) -> str:
        """The first run of unused words (and glued numbers), as typed: the input or crop."""
        first = last = None
        for k in range(self.start, len(self.items)):
            word = self.items[k]
            if self.used[k] or word.kind == "sep":
                if first is not None:
                    break
                continue
            if word.kind == "word" and word.key in _NAME_STOPS:
                if first is not None:
                    break
                continue
            if word.kind in ("word", "number", "slash") or (word.kind == "other" and first):
                first = k if first is None else first
                last = k
            else:
                break
        if first is None or last is None:
            return ""
        self.name_span = (first, last + 1)
        return self.text[self.items[first].start:self.items[last].end].strip()

    def note(self) -> str:
        """Everything after the activity, as typed."""
        if self.start >= len(self.items):
            return ""
        return self.text[self.items[self.start].start:].strip(" :,-")


# A typed answer to "how many days is the interval?": "14", "14 ngày", "7 hôm", "không biết".
_INTERVAL_DAYS = re.compile(r"^(\d{1,6}) ?(?:ngay|hom|d|day|days)?$")
_INTERVAL_UNKNOWN = re.compile(
    r"^(?:(?:khong|ko|k|kh|hong|chua) (?:biet|ro)|kb"
    r"|(?:i )?(?:don ?t|do not) know|unknown|not sure)$"
)
UNKNOWN: Literal["unknown"] = "unknown"
_SPACES_RE = re.compile(r"\s+")


def read_interval_answer(text: str | None) -> int | Literal["unknown"] | None:
    """The days (any whole number, range unchecked) or UNKNOWN a typed answer to the interval
    question gives; None when the text is not such an answer (then it is read as usual)."""
    folded = fold(text or "").replace("'", " ").strip(" .!?")
    folded = _SPACES_RE.sub(" ", folded)
    found = _INTERVAL_DAYS.match(folded)
    if found:
        return int(found.group(1))
    return UNKNOWN if _INTERVAL_UNKNOWN.match(folded) else None
