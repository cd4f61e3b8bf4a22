"""Find the cooperative's products in what a member typed, tolerating small typos.

Names and aliases are compared folded ("che bup tuoi" matches "chè búp tươi"), several
words at once, the longest match first. A word that is only the start of several names
("chè" when the catalogue has "chè búp tươi" and "chè khô" but no alias "chè") is
ambiguous; one or two letters wrong in a long name are forgiven ("chè bút tươi").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import (
    Word,
    edit_distance,
    fold,
    strip_tones,
    typo_budget,
    typo_distance,
    words,
)
from messages.quantity import Kind

Tier = Literal["exact", "folded", "prefix", "fuzzy"]
_RANK: dict[Tier, int] = {"exact": 0, "folded": 1, "prefix": 2, "fuzzy": 3}
_MAX_WORDS = 5


class ProductEntry(BaseModel):
    """A product of the cooperative; `max_per_entry` is in base units (g, ml, pieces)."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    aliases: list[str] = []
    unit: str = "kg"
    kind: Kind = "weight"
    max_per_entry: int | None = None


class ProductMatch(BaseModel):
    """Products found at one place: one (sure), several (ambiguous) or none."""

    model_config = ConfigDict(frozen=True)

    products: list[ProductEntry] = []
    length: int = 0  # words used
    tier: Tier | None = None
    distance: int = 0

    @property
    def status(self) -> Literal["one", "several", "none"]:
        """one, several or none."""
        if not self.products:
            return "none"
        return "one" if len(self.products) == 1 else "several"


@dataclass(frozen=True, slots=True)
class _Phrase:
    product: ProductEntry
    raws: tuple[str, ...]
    keys: tuple[str, ...]
    joined: str  # the keys run together
    budget: int  # typos forgiven in `joined`


@dataclass(frozen=True, slots=True)
class _Index:
    phrases: list[_Phrase]
    by_first: dict[str, list[_Phrase]]  # every kind of match keeps the first letter
    by_joined: dict[str, list[_Phrase]]  # the only phrases an exact or folded match can be


_CACHE: dict[tuple[object, ...], _Index] = {}


# The catalogue the last index was found for: a transaction reads its catalogue once and
# hands every message the same tuple, so the key need not be rebuilt for each.
_LAST: tuple[object, _Index | None] = ((), None)


def _index(catalogue: Sequence[ProductEntry]) -> _Index:
    global _LAST
    last = _LAST
    if last[0] is catalogue and last[1] is not None and isinstance(catalogue, tuple):
        return last[1]
    key = tuple((p.id, p.name, tuple(p.aliases)) for p in catalogue)
    if key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        found: list[_Phrase] = []
        for product in catalogue:
            for text in dict.fromkeys([product.name, *product.aliases]):
                tokens = [w for w in words(unicodedata.normalize("NFC", text)) if w.kind == "word"]
                if tokens:
                    raws = tuple(w.raw for w in tokens)
                    keys = tuple(w.key for w in tokens)
                    joined = "".join(keys)
                    found.append(_Phrase(product, raws, keys, joined, typo_budget(len(joined))))
        by_first: dict[str, list[_Phrase]] = {}
        by_joined: dict[str, list[_Phrase]] = {}
        for phrase in found:
            by_first.setdefault(phrase.joined[:1], []).append(phrase)
            by_joined.setdefault(phrase.joined, []).append(phrase)
        _CACHE[key] = _Index(found, by_first, by_joined)
    _LAST = (catalogue, _CACHE[key])
    return _CACHE[key]


def match_product(text: str, catalogue: Sequence[ProductEntry]) -> ProductMatch:
    """The product a short text names, e.g. a member's answer "chè khô"."""
    tokens = [w for w in words(unicodedata.normalize("NFC", text)) if w.kind == "word"]
    if not tokens:
        return ProductMatch()
    return match_product_at(tokens, 0, catalogue)


def match_product_at(
    items: Sequence[Word],
    i: int,
    catalogue: Sequence[ProductEntry],
    *,
    end: int | None = None,
    stop_words: Collection[str] = frozenset(),
    plain_words: Collection[str] = frozenset(),
    has_marks: bool = False,
) -> ProductMatch:
    """The best product match starting at word i and ending before `end`.

    `stop_words` (folded) are everyday words that must not be bent into a product by typo
    tolerance or name only the start of one. When the message carries diacritics
    (`has_marks`), a word of `plain_words` typed without them ("mang" = bring) does not
    count as the product spelled with them ("măng").
    """
    limit = min(len(items) if end is None else end, i + _MAX_WORDS)
    first = items[i].key[:1] if i < len(items) else ""
    index = _index(catalogue)
    phrases = index.by_first.get(first, ()) if first else ()
    windows: list[_Window] = []  # every run of words from i, measured once for all phrases
    for stop in range(i + 1, limit + 1):
        if items[stop - 1].kind != "word":
            break
        window = items[i:stop]
        keys = tuple(w.key for w in window)
        windows.append(_Window(window, keys, "".join(keys), [k for k in keys if k in stop_words]))
    plain = plain_words if has_marks else ()
    for window in reversed(windows):  # a match of more words always wins: the longest is it
        # Exact and folded matches, the best there are, come only from the phrases spelled
        # like the window once folded: when one of those matches, no other phrase can beat
        # it or tie with it, and the window's typos need not be measured against them all.
        alike = index.by_joined.get(window.typed, ()) if first else ()
        match = _best(window, alike, stop_words, plain) if alike else None
        if match is None or match.tier not in ("exact", "folded"):
            match = _best(window, phrases, stop_words, plain)
        if match is not None:
            return match
    return ProductMatch()


def _best(
    window: _Window, phrases: Sequence[_Phrase], stops: Collection[str], plain: Collection[str]
) -> ProductMatch | None:
    """The best grade of the window among phrases, with every product that reaches it."""
    best: tuple[int, int] | None = None
    winners: dict[int, ProductEntry] = {}
    for phrase in phrases:
        graded = _grade(window, phrase, stops, plain)
        if graded is None:
            continue
        score = (-_RANK[graded[0]], -graded[1])
        if best is None or score > best:
            best, winners = score, {}
        if score == best:
            winners[phrase.product.id] = phrase.product
    if best is None:
        return None
    tier = next(t for t, r in _RANK.items() if r == -best[0])
    return ProductMatch(
        products=list(winners.values()), length=len(window.words), tier=tier, distance=-best[1]
    )


@dataclass(frozen=True, slots=True)
class _Window:
    words: Sequence[Word]
    keys: tuple[str, ...]
    typed: str  # the keys run together
    stops: list[str]  # its keys that are stop words


def _grade(
    window: _Window, phrase: _Phrase, stops: Collection[str], plain: Collection[str]
) -> tuple[Tier, int] | None:
    keys, typed = window.keys, window.typed
    if keys == phrase.keys:
        pairs = list(zip(window.words, phrase.raws, strict=True))
        if all(w.raw == raw or not w.marked for w, raw in pairs):
            if not any(w.key in plain and w.raw != raw for w, raw in pairs):
                return "exact", 0
            return None  # "mang" (bring) in a message typed with diacritics
        mistyped = [(w, raw) for w, raw in pairs if w.raw != raw]
        if any(w.key in stops and strip_tones(w.raw) != strip_tones(raw) for w, raw in mistyped):
            return None  # "buổi" (a session) is not "bưởi"; "bưỡi" is, with a wrong tone
        return "folded", 0
    if window.stops and any(k not in phrase.keys for k in window.stops):
        return None
    if typed == phrase.joined:
        return "folded", 0
    if len(keys) < len(phrase.keys) and keys == phrase.keys[: len(keys)]:
        return None if window.stops else ("prefix", 0)
    if typed[:1] != phrase.joined[:1] or abs(len(typed) - len(phrase.joined)) > phrase.budget:
        return None  # too far apart to be a typo (what typo_distance would find, sooner)
    distance = typo_distance(typed, phrase.joined)
    return ("fuzzy", distance) if distance is not None else None


def rank_products(
    text: str, catalogue: Sequence[ProductEntry], kind: Kind | None = None
) -> list[ProductEntry]:
    """Products of a kind, the most similar to `text` first (to offer for an unknown name)."""
    typed = fold(text).replace(" ", "")
    scores: dict[int, tuple[int, int]] = {}
    for phrase in _index(catalogue).phrases:
        product = phrase.product
        if kind is not None and product.kind != kind:
            continue
        distance = edit_distance(typed, phrase.joined)
        score = (distance, product.id)
        scores[product.id] = min(scores.get(product.id, score), score)
    by_id = {p.id: p for p in catalogue}
    return [by_id[pid] for _, pid in sorted(scores.values())]
