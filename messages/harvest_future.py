"""Words that put a harvest still to come: "mai em hái 30kg chè", "tuần sau giao 2 tạ quế".

A harvest is logged once it is picked or delivered. A message about one still to come is a
plan: nothing is recorded, and no button may record it as today's (nor as that day's: what
is picked tomorrow is weighed tomorrow). "chiều nay" said in the morning is today, and
recorded as such; a typed date still to come ("25/11") may be a typo and is asked about
elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from messages.fold import Word
from messages.harvest_chunks import Chunk
from messages.harvest_words import PRONOUNS

# two words that name a day still to come; folded -> spellings with diacritics accepted
_PAIRS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("ngay", "kia"): (("ngày",), ("kia",)),  # the day after tomorrow ("hôm kia" is past)
    ("ngay", "mot"): (("ngày",), ("mốt",)),
    ("bua", "mot"): (("bữa",), ("mốt",)),
    ("hom", "sau"): (("hôm",), ()),
    ("bua", "sau"): (("bữa",), ()),
    ("tuan", "sau"): (("tuần",), ()),
    ("tuan", "toi"): (("tuần",), ("tới",)),
    ("thang", "sau"): (("tháng",), ()),
    ("thang", "toi"): (("tháng",), ("tới",)),
    ("nam", "sau"): (("năm",), ()),
    ("nam", "toi"): (("năm",), ("tới",)),
    ("mai", "kia"): ((), ("kia",)),
    ("ngay", "mai"): (("ngày",), ()),
    ("sang", "mai"): (("sáng",), ()),
    ("trua", "mai"): (("trưa",), ()),
    ("chieu", "mai"): (("chiều",), ()),
    ("toi", "mai"): (("tối",), ()),
    ("dem", "mai"): (("đêm",), ()),
}
# one word: "mai" (tomorrow), "sẽ" (will), "sắp" (about to); "mốt" alone is also a number
# word ("hai mươi mốt"), so only "ngày mốt", "bữa mốt" count
_SINGLE: dict[str, tuple[str, ...]] = {"mai": (), "se": ("sẽ",), "sap": ("sắp",)}
_MARKED_ONLY = frozenset({"mot", "sap"})  # plain: "một" (one), "sáp" ("bơ sáp")
# the words any of them starts with: a message holding none names no plan (most messages)
_STARTS = frozenset({first for first, _ in _PAIRS} | set(_SINGLE))


def _spelled(word: Word, key: str, forms: tuple[str, ...]) -> bool:
    if word.kind != "word" or word.key != key:
        return False
    if word.marked:
        return word.raw in forms
    return key not in _MARKED_ONLY


def plan_words(text: str, items: Sequence[Word], chunks: Sequence[Chunk]) -> str | None:
    """The words that put the message's harvest still to come, as typed ("mai", "tuần
    sau"); None when it names none. `text` is the message the tokens' offsets point into."""
    if not any(word.key in _STARTS for word in items if word.kind == "word"):
        return None
    # a product's own words ("hoa mai") are no day; a guess at one ("chè mai" read as a typo
    # of a two-word name) does not hide one
    named = {i for c in chunks if c.kind == "product" and c.product is not None
             and c.product.tier != "fuzzy" for i in range(c.start, c.end)}
    # a word of an amount ("hai mươi mốt ký") is no day alone, but "bữa mốt" is one
    amount = {i for c in chunks if c.kind == "quantity" for i in range(c.start, c.end)}
    for i, word in enumerate(items):
        if i in named or word.kind != "word":
            continue
        after = items[i + 1] if i + 1 < len(items) and i + 1 not in named else None
        forms = _PAIRS.get((word.key, after.key)) if after is not None else None
        if forms is not None and after is not None and _spelled(word, word.key, forms[0]) \
                and _spelled(after, after.key, forms[1]):
            return text[word.start:after.end]
        if i in amount:
            continue
        if word.key in _SINGLE and _spelled(word, word.key, _SINGLE[word.key]):
            if word.key == "mai" and _a_name(text, items, i):
                continue
            return text[word.start:word.end]
    return None


def _a_name(text: str, items: Sequence[Word], i: int) -> bool:
    """ "em Mai hái 30kg chè": capitalised after "em", "chị"..., Mai is the sender naming
    themselves (as "em Hoa" is: see harvest_cover). Plain "mai" is tomorrow, even after
    "em"; so is "Mai" anywhere else ("chè 30kg Mai" may be either: nothing is recorded)."""
    before = items[i - 1] if i > 0 else None
    return (before is not None and before.kind == "word" and before.key in PRONOUNS
            and text[items[i].start].isupper())
