"""Buying prices as managers type them: "/gia chè 25000", "giá chè búp 25k", "quế 2tr5/tạ".

Money follows Vietnamese habits: a thousands dot (25.000), k / nghìn / ngàn for thousands,
tr / triệu for millions with the next digits as a fraction ("2tr5" = 2.500.000, "25k5" =
25.500), "rưỡi" for a half, and an optional đ / đồng / vnđ. The unit the price is for
follows a slash or "một"/"mỗi" ("/tạ", "một ký"); without one the product's own unit is
meant. "từ 25/11" or "từ mai" sets the first day. A bare small number ("chè 25") is never
taken as 25 đ: the reader says so and the bot asks for "25k".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages import format as fmt
from messages.fold import Word, fold, words
from messages.harvest_chunks import Chunk, anchored_chunks
from messages.products import ProductMatch
from messages.quantity import Unit, parse_number, unit_of
from messages.when import match_day_at

_MULTIPLIER = {"k": 1000, "nghin": 1000, "ngan": 1000, "ng": 1000, "tr": 1_000_000,
               "trieu": 1_000_000, "cu": 1_000_000}
_CURRENCY = frozenset({"d", "dong", "vnd", "vnđ", "dg"})
_PER = frozenset({"mot", "moi", "1", "cho", "tren", "per"})
_LEAD = frozenset({"gia", "mua", "thu"})  # "giá chè", "giá mua chè", "giá thu mua chè"
_WEEKDAY_START = frozenset({"thu", "t", "chu", "cn"})
_FROM = frozenset({"tu", "ap", "bat"})  # "từ 25/11", "áp dụng từ", "bắt đầu từ"
LOWEST = 500  # đồng: under this, a price was surely typed without its "k"
HIGHEST = 2_000_000_000  # đồng for one unit: above this, surely a typing slip

Problem = Literal["no_price", "no_product", "too_low", "too_high", "bad_number", "bad_day",
                  "unclear"]
# words that say nothing more around a price: "giá chè hôm nay là 12k nhé", "giảm còn 11k",
# "lên 50k"; a change alone ("tăng 1k", "giảm 2 nghìn") is not a price, so stays unread
_NAME_FILLERS = frozenset({"la", "van", "moi", "len", "con", "o", "tai", "cua", "htx", "hien",
                           "nay", "bay", "gio", "hnay"})
_CHANGE_TO = {("giam", "con"), ("tang", "len"), ("ha", "xuong"), ("xuong", "con")}
_TAIL_FILLERS = frozenset({"a", "nhe", "nha", "ad", "oi", "moi", "nguoi", "ba", "con", "ca",
                           "cho", "nhen", "nghe"})


class PriceReading(BaseModel):
    """A price typed for a product: `dong` đồng for one `unit` (None: the product's unit)."""

    model_config = ConfigDict(frozen=True)

    product_text: str = ""
    dong: int | None = None
    unit: Unit | None = None
    start: date | None = None
    problem: Problem | None = None
    suggestion: int | None = None  # for "too_low": the price meant with a k
    unclear: str | None = None  # for "unclear": the words not understood, as typed


class MoneyMention(BaseModel):
    """Money found in a plain message: the words as typed, and whether an amount is there too
    ("chè 30kg giá 25k")."""

    model_config = ConfigDict(frozen=True)

    money: str
    with_amount: bool


def money_in(text: str | None, today: date) -> MoneyMention | None:
    """The money a message speaks of ("25k", "1 triệu rưỡi", "giá 25.000"), if any: money is
    never a harvest amount, so such a message is a price, a price question or a slip."""
    if not text or len(text) > 500:
        return None
    nfc = unicodedata.normalize("NFC", text)
    items = words(nfc)
    chunks = anchored_chunks(items, today)
    money = [c for c in chunks if c.kind == "money"]
    if not money:
        return None
    shown = ", ".join(nfc[items[c.start].start : items[c.end - 1].end] for c in money)
    amounts = [c for k, c in enumerate(chunks) if c.kind == "quantity"
               and not _per_one(items, c, chunks[k - 1] if k else None)]
    return MoneyMention(money=shown, with_amount=bool(amounts))


def _per_one(items: Sequence[Word], chunk: Chunk, before: Chunk | None) -> bool:
    """Whether an amount is the unit a price is for: "12 nghìn 1 cân", "4 triệu một tạ"
    (one of a unit right after the money), not a quantity delivered."""
    quantity = chunk.quantity
    if before is None or before.kind != "money" or quantity is None or quantity.unit is None:
        return False
    return len(quantity.values) == 1 and quantity.values[0] == 1 and items[
        chunk.start].key in ("1", "mot", "moi")


_ASKING = ("bao nhieu", "bn", "bnhieu", "may", "the nao", "nhieu khong", "ra sao",
           "ntn", "nhu nao")
_SEEING = ("xem", "bang", "hom nay", "hnay", "ca", "bay gio", "hien tai", "moi nhat")


def is_price_question(text: str | None) -> bool:
    """Whether a message asks for prices: "giá chè bao nhiêu", "cho hỏi giá quế hôm nay",
    "giá?", "giá" alone."""
    if not text or len(text) > 200:
        return False
    folded = f" {fold(text).replace('?', ' ? ')} ".replace(" gia tri ", " ")  # value
    if " gia " not in folded:
        # "htx mua chè bao nhiêu 1 cân", "1 cân chè bao nhiêu tiền": what one unit costs
        return _PER_ONE.search(folded) is not None and any(
            f" {w} " in folded for w in _ASKING)
    if not _is_gia(text):  # "chè già" (old leaves), "hàng giả": not "giá"
        return False
    if folded.strip() == "gia" or "?" in folded or any(f" {w} " in folded for w in _ASKING):
        return True
    said = [w for w in words(unicodedata.normalize("NFC", text)) if w.kind == "word"]
    if said and said[-1].raw.lower() in _ASKING_LAST:  # "giá chè 12k à": is it 12k?
        return True
    if not any(ch.isdigit() for ch in folded) and not _MONEY_WORD.search(folded):
        return True  # "bot ơi giá chè", "có giá chè chưa": no price in it, so asked for
    # "cho em hỏi giá chè": asking; but "giá hồi 80k" (star anise) folds to the same "hoi",
    # so "hỏi" asks only before "giá", as people ask
    if " hoi " in folded[: folded.index(" gia ") + 1]:
        return True
    # "xem giá", "bảng giá", "giá hôm nay": asking too, as long as no price is typed
    return not any(ch.isdigit() for ch in folded) and any(f" {w} " in folded for w in _SEEING)


# a last word that makes a statement a question ("à" typed plain is "ạ", polite, so not)
_ASKING_LAST = frozenset({"à", "hả", "hở", "không", "khong", "ko", "chưa", "chua", "nhỉ",
                          "nhi", "ha"})
_PER_ONE = re.compile(r" (?:1|mot|moi) ?(?:kg|ky|ki|kilo|can|ta|yen|qua|trai|lit|bo|buong) "
                     r"|/ ?(?:kg|ky|can|ta|yen|qua|lit) ")
_MONEY_WORD = re.compile(r" (?:k|nghin|ngan|trieu|tr|dong|d|vnd|muoi|tram) ")


def _is_gia(text: str) -> bool:
    """Whether "gia" in a message is "giá" (price): typed so, or typed without marks."""
    return any(w.kind == "word" and w.key == "gia" and (not w.marked or w.raw.lower() == "giá")
               for w in words(unicodedata.normalize("NFC", text)))


def is_price_text(text: str | None) -> bool:
    """Whether a plain message speaks of prices: it starts with "giá" / "gia"."""
    if not text:
        return False
    first = fold(text).split(" ", 1)[0]
    return first == "gia"


def read_price(text: str, today: date) -> PriceReading:
    """Read "chè búp 25k/kg từ mai" (with or without a leading "giá")."""
    nfc = unicodedata.normalize("NFC", text.strip())
    tokens = [w for w in words(nfc) if w.raw != ","]
    start = 0
    while start < len(tokens) and tokens[start].kind == "word" and tokens[start].key in _LEAD:
        start += 1
    named, at, first_day = _name_part(tokens, start, today)
    name = " ".join(w.raw for w in named)
    if first_day is _NO_DAY:
        return PriceReading(product_text=name, problem="bad_day")
    if at is None:
        return PriceReading(product_text=name, problem="no_price" if name else "no_product")
    if not name:
        return PriceReading(problem="no_product")
    money = _money(tokens, at)
    if money is None:
        return PriceReading(product_text=name, problem="bad_number")
    dong, scaled, end = money
    unit, end = _per_unit(tokens, end)
    led = end < len(tokens) and tokens[end].kind == "word" and tokens[end].key in _FROM
    day = _start_day(tokens, end, today, with_end=True)
    if day is _NO_DAY:
        return PriceReading(product_text=name, problem="bad_day")
    if isinstance(day, tuple):
        if not led and day[0] != today:  # "12k hôm qua": what it cost then, or from then on?
            return PriceReading(product_text=name, problem="unclear",
                                unclear=nfc[tokens[end].start:tokens[day[1] - 1].end])
        day, end = day
    day = day or first_day
    left = [w for w in tokens[end:] if w.kind not in ("sep", "other")
            and not (w.kind == "word" and w.key in _TAIL_FILLERS)]
    if left:  # "12k hay 13k", "12k, quế 45k": a person would ask too
        return PriceReading(product_text=name, problem="unclear",
                            unclear=nfc[left[0].start:left[-1].end])
    if dong < LOWEST and not scaled:
        return PriceReading(product_text=name, problem="too_low", suggestion=dong * 1000,
                            unit=unit, start=day)
    if dong > HIGHEST or dong <= 0:
        return PriceReading(product_text=name, problem="too_high" if dong > 0 else "too_low")
    return PriceReading(product_text=name, dong=dong, unit=unit, start=day)


def words_beyond(product_text: str, found: ProductMatch) -> str | None:
    """The words of a price's product text after the product found ("chè tăng": "tăng"):
    what the price message says that is not understood, so the price is asked about."""
    named = [w for w in words(unicodedata.normalize("NFC", product_text)) if w.kind == "word"]
    if found.status != "one" or found.length >= len(named):
        return None
    return " ".join(w.raw for w in named[found.length:])


def _key(items: Sequence[Word], j: int) -> str:
    return items[j].key if j < len(items) else ""


def _money(items: Sequence[Word], i: int) -> tuple[int, bool, int] | None:
    """(đồng, whether a multiplier was typed, next token) for the number at i."""
    readings = parse_number(items[i].raw)
    if not readings:
        return None
    j = i + 1
    multiplier = _MULTIPLIER.get(_key(items, j))
    if multiplier is None:
        value = readings[-1]  # no k/tr: "25.000" is twenty-five thousand
        j = _skip_currency(items, j)
        return (int(value), False, j) if value == value.to_integral_value() else None
    value = readings[0]  # "2,5tr": the decimal reading
    j += 1
    if j < len(items) and items[j].kind == "number" and items[j].glued:
        digits = items[j].raw
        if digits.isdigit():  # "2tr5" = 2,5 triệu; "25k5" = 25,5 nghìn
            value += Decimal(digits) / (10 ** len(digits))
            j += 1
    elif _key(items, j) == "ruoi":
        value += Decimal("0.5")
        j += 1
    amount = value * multiplier
    if amount != amount.to_integral_value():
        return None
    return int(amount), True, _skip_currency(items, j)


def _skip_currency(items: Sequence[Word], j: int) -> int:
    return j + 1 if _key(items, j) in _CURRENCY else j


def _per_unit(items: Sequence[Word], j: int) -> tuple[Unit | None, int]:
    """The unit after "/", "một", "mỗi" or right after the price: "/tạ", "một ký"."""
    k = j
    if k < len(items) and (items[k].raw == "/" or items[k].key in _PER):
        k += 1
    unit = unit_of(items[k]) if k < len(items) else None
    return (unit, k + 1) if unit is not None else (None, j)


_NO_DAY = date.min  # "từ 99/99": a first day that does not exist


def _name_part(
    items: Sequence[Word], start: int, today: date
) -> tuple[list[Word], int | None, date | None]:
    """The words naming the product (without "hôm nay", "là", "giảm còn"), the index of the
    price's number, and a first day typed before it ("giá chè từ 25/11 là 14k")."""
    named: list[Word] = []
    first_day: date | None = None
    k = start
    while k < len(items) and items[k].kind != "number":
        word = items[k]
        if word.kind == "word" and word.key in _FROM:
            found = _start_day(items, k, today, with_end=True)
            if isinstance(found, tuple):
                first_day, k = found
                continue
            if found is _NO_DAY:
                return named, None, _NO_DAY
        when = match_day_at(items, k, today) if word.kind == "word" else None
        if when is not None and when.reading is not None and when.reading.day == today:
            k = when.end  # "giá chè hôm nay 12k": today's price
            continue
        pair = (word.key, items[k + 1].key) if k + 1 < len(items) else None
        if pair in _CHANGE_TO:
            k += 2
            continue
        after_name = bool(named) and named[-1] is items[k - 1]
        if word.kind == "word" and word.key == "la" and word.raw.lower() != "là" and (
                word.marked or after_name):
            named.append(word)  # "lá", and plain "que la": "quế lá" as much as "quế là"
        elif word.kind == "word" and word.key not in _NAME_FILLERS:
            named.append(word)
        k += 1
    return named, (k if k < len(items) else None), first_day


def _start_day(
    items: Sequence[Word], j: int, today: date, with_end: bool = False
) -> date | tuple[date, int] | None:
    """ "từ 25/11", "từ mai", "áp dụng từ thứ hai": the first day of the price (and, with
    `with_end`, the index after it); None when none is given, _NO_DAY when the day given
    does not exist."""
    k = j
    while k < len(items) and items[k].kind == "word" and items[k].key in _FROM | {"dung"}:
        k += 1
    if k < len(items) and items[k].key == "mai":  # "từ mai"
        day = today + timedelta(days=1)
        return (day, k + 1) if with_end else day
    found = match_day_at(items, k, today) if k < len(items) else None
    if found is None:
        return None
    if found.reading is None:
        return _NO_DAY
    day = found.reading.day
    if items[k].key in _WEEKDAY_START and day < today:
        day += timedelta(days=7)  # "từ thứ tư": the coming Wednesday, not the last one
    return (day, found.end) if with_end else day


def per_unit_price(dong: int, per_base: int, unit: Unit) -> Decimal:
    """A price of `dong` for `per_base` base units, expressed for one `unit`."""
    return Decimal(dong) * unit.factor / per_base


def price_text(value: Decimal, unit_name: str, locale: str) -> str:
    """25.000 đ/kg (rounded to the đồng for display only)."""
    return f"{fmt.money(int(value.to_integral_value()), locale)}/{unit_name}"
