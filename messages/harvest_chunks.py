"""Cut a harvest message into chunks: products, amounts, days, plots, joins and the rest.

First the anchored things are found (numbers with their units, days, plots, prices),
then the words left between them are matched against the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from messages.fold import Word
from messages.harvest_words import (
    PLAIN_MEANINGS,
    STOP_WORDS,
    is_batch_marker,
    is_join,
    is_label_marker,
    is_money_marker,
    plot_at,
)
from messages.products import ProductEntry, ProductMatch, match_product_at
from messages.quantity import Quantity, read_quantity_at
from messages.when import DayMatch, match_day_at

ChunkKind = Literal[
    "product", "quantity", "money", "time", "date", "plot", "sep", "skip", "unknown",
    "label",  # "tháng 11", "số 3": a label and its number, never an amount
]


@dataclass(frozen=True, slots=True)
class Chunk:
    """Tokens [start, end) of one kind, with what was read from them."""

    kind: ChunkKind
    start: int
    end: int
    product: ProductMatch | None = None
    quantity: Quantity | None = None
    day: DayMatch | None = None
    plot: str | None = None


def chunk_message(
    items: Sequence[Word], catalogue: Sequence[ProductEntry], today: date
) -> list[Chunk]:
    """All chunks of a message, in order, covering every token."""
    has_marks = any(w.marked for w in items if w.kind == "word")
    anchored = [_bare_qua(items, c, catalogue, has_marks) for c in _anchored(items, today)]
    anchored = [c for c in anchored if c is not None]
    taken = {i for c in anchored for i in range(c.start, c.end)}
    chunks = list(anchored)
    i = 0
    while i < len(items):
        if i in taken:
            i += 1
            continue
        end = i
        while end < len(items) and end not in taken:
            end += 1
        chunks.extend(_words(items, i, end, catalogue, has_marks))
        i = end
    return sorted(chunks, key=lambda c: c.start)


def _bare_qua(
    items: Sequence[Word], chunk: Chunk, catalogue: Sequence[ProductEntry], has_marks: bool
) -> Chunk | None:
    """A lone "qua" read as yesterday, unless a product follows it: "qua na 60 can" is
    "quả na" (the product's own name: the day is dropped), "qua cam 4 yen" may be "quả cam"
    as much as "(hôm) qua cam" (an unknown word: asked)."""
    if chunk.kind != "date" or chunk.end - chunk.start != 1 or items[chunk.start].key != "qua":
        return chunk
    named = match_product_at(items, chunk.start, catalogue, stop_words=STOP_WORDS,
                             plain_words=PLAIN_MEANINGS, has_marks=has_marks)
    if named.status != "none" and named.length > 1:
        return None  # "quả na": the words are the product's
    after = match_product_at(items, chunk.end, catalogue, stop_words=STOP_WORDS,
                             plain_words=PLAIN_MEANINGS, has_marks=has_marks)
    if after.status != "none" and after.tier in ("exact", "folded"):
        return Chunk("unknown", chunk.start, chunk.end)
    return chunk


def anchored_chunks(items: Sequence[Word], today: date) -> list[Chunk]:
    """The chunks found without the catalogue: amounts, money, days, plots, separators."""
    return _anchored(items, today)


# The last message's anchored chunks: the router asks whether a message holds money, then
# the harvest reader reads the same words again. Reading them twice cost a sixth of a
# message's handling. One entry, so nothing is kept from one message for the next; chunks
# are frozen, and the list is copied.
_last: tuple[tuple[Word, ...], date | None, tuple[Chunk, ...]] = ((), None, ())


def _anchored(items: Sequence[Word], today: date) -> list[Chunk]:
    global _last
    words = tuple(items)
    if _last[1] == today and _last[0] == words:
        return list(_last[2])
    found = _read_anchored(words, today)
    _last = (words, today, tuple(found))
    return found


def _read_anchored(items: Sequence[Word], today: date) -> list[Chunk]:
    found: list[Chunk] = []
    i = 0
    while i < len(items):
        chunk = _anchored_at(items, i, today)
        if chunk is None:
            i += 1
            continue
        if _is_packing(items, found, chunk):
            chunk = Chunk("skip", chunk.start, chunk.end)
        found.append(chunk)
        i = chunk.end
    return found


def _is_packing(items: Sequence[Word], found: list[Chunk], chunk: Chunk) -> bool:
    """"chè 60kg 2 bao": the sacks right after an amount only say how it was packed."""
    unit = chunk.quantity.unit if chunk.quantity else None
    if unit is None or unit.name != "bao" or not found or found[-1].kind != "quantity":
        return False
    between = items[found[-1].end : chunk.start]
    return all(w.kind in ("other", "sep") and w.raw in "(-:" for w in between)


def _anchored_at(items: Sequence[Word], i: int, today: date) -> Chunk | None:
    word = items[i]
    if word.kind == "sep" or is_join(word):
        return Chunk("sep", i, i + 1)
    if is_money_marker(word) or is_batch_marker(word) or is_label_marker(word):
        following = read_quantity_at(items, i + 1)
        if following is not None and following.unit is None:
            kind: ChunkKind = "money" if is_money_marker(word) else (
                "skip" if is_batch_marker(word) else "label")
            return Chunk(kind, i, following.end)
        if following is not None and is_money_marker(word):
            return Chunk("money", i, following.end)
    day = match_day_at(items, i, today)
    if day is not None:
        return Chunk("date", day.start, day.end, day=day)
    plot = plot_at(items, i)
    if plot is not None:
        return Chunk("plot", i, plot[1], plot=plot[0])
    quantity = read_quantity_at(items, i)
    if quantity is not None:
        kinds: dict[str, ChunkKind] = {"amount": "quantity", "money": "money", "time": "time"}
        return Chunk(kinds[quantity.what], i, quantity.end, quantity=quantity)
    return None


def _words(
    items: Sequence[Word],
    start: int,
    end: int,
    catalogue: Sequence[ProductEntry],
    has_marks: bool,
) -> list[Chunk]:
    """Products, skipped small words and unknown words among free tokens [start, end)."""
    found: list[Chunk] = []
    i = start
    while i < end:
        word = items[i]
        if word.kind != "word":
            found.append(Chunk("skip", i, i + 1))
            i += 1
            continue
        if _thanks(items, i, end):  # "cảm ơn", "cám ơn": thanks, not the product "cam"
            found.append(Chunk("skip", i, i + 2))
            i += 2
            continue
        match = match_product_at(
            items,
            i,
            catalogue,
            end=end,
            stop_words=STOP_WORDS,
            plain_words=PLAIN_MEANINGS,
            has_marks=has_marks,
        )
        strong = match.tier in ("exact", "folded") or match.length > 1
        if match.status != "none" and (strong or word.key not in STOP_WORDS):
            found.append(Chunk("product", i, i + match.length, product=match))
            i += match.length
        else:
            found.append(Chunk("skip" if word.key in STOP_WORDS else "unknown", i, i + 1))
            i += 1
    return found


def _thanks(items: Sequence[Word], i: int, end: int) -> bool:
    """ "cảm ơn" / "cám ơn" / "cam on" at word i: a politeness, whatever the catalogue holds."""
    if i + 1 >= end or items[i + 1].kind != "word" or items[i + 1].key != "on":
        return False
    word, after = items[i], items[i + 1]
    return word.key == "cam" and (not word.marked or word.raw in ("cảm", "cám")) and (
        not after.marked or after.raw == "ơn")
