"""Fold Vietnamese text for matching, cut it into words, and measure small typos.

`fold("Chè  BÚP tươi")` -> "che bup tuoi": lower case, no diacritics, single spaces.
`words(text)` keeps each token both as typed (lower case) and folded, so callers can tell
"hái" (pick) from "hai" (two) when the sender types diacritics, and still match messages
typed without them.
Both first read look-alike characters as the ones they imitate (`plain`): a phone keyboard's
"−30" (U+2212) is minus 30, never 30.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

_SPACES = re.compile(r"\s+")

TokenKind = Literal["word", "number", "slash", "sep", "sign", "other"]

_TOKEN = re.compile(
    r"(?P<slash>\d{1,4}(?:[/-]\d{1,4}){1,2}(?![\d/]))"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sep>[,;+&\n.!?…]+)"
    r"|(?P<dash>-)"
    r"|(?P<other>\S)"
)


# Characters that stand for an ASCII one. One for one, so offsets into a text stay valid.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2796\ufe58\ufe63\uff0d"
_SPACES_ODD = "\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
    "\u200a\u200b\u202f\u205f\u2060\u3000\ufeff"


class _LookAlikes(dict[int, int]):
    """str.translate table, filled as characters turn up: dashes and the minus sign ->
    "-", odd and zero-width spaces -> " ", fullwidth forms (ｋｇ，３０) -> ASCII, digits of
    any script (٣, ३, 𝟑) -> 0-9. Other characters map to themselves."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char in _DASHES:
            plain = "-"
        elif char in _SPACES_ODD:
            plain = " "
        elif 0xFF01 <= code <= 0xFF5E:
            plain = chr(code - 0xFEE0)
        elif char.isdecimal():
            plain = str(unicodedata.decimal(char))
        else:
            plain = char
        self[code] = ord(plain)
        return self[code]


_LOOK_ALIKES = _LookAlikes()


def plain(text: str) -> str:
    """`text` with look-alike characters read as what they imitate, length unchanged:
    "chè −３０ kg" -> "chè -30 kg"."""
    return text if text.isascii() else text.translate(_LOOK_ALIKES)


@lru_cache(maxsize=8192)  # a village's words are few and come back all day
def fold(text: str) -> str:
    """Lower case, Vietnamese diacritics removed (đ -> d), whitespace collapsed."""
    decomposed = unicodedata.normalize("NFD", plain(text).lower())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    bare = bare.replace("đ", "d").replace("ð", "d")
    return _SPACES.sub(" ", bare).strip()


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


@lru_cache(maxsize=4096)
def strip_tones(text: str) -> str:
    """Lower case without the five tone marks, keeping ă â ê ô ơ ư đ: "bưởi" -> "bươi"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))


@dataclass(frozen=True, slots=True)
class Word:
    """One token: `raw` as typed (lower case, NFC), `key` folded, and where it sits."""

    raw: str
    key: str
    kind: TokenKind
    glued: bool  # no space between this token and the one before
    start: int  # offsets in the NFC text given to `words`
    end: int
    capital: bool = False  # typed with a capital first letter, the rest not all capitals

    @property
    def marked(self) -> bool:
        """Whether the sender typed diacritics on this word."""
        return self.raw != self.key


# The last text cut into words: a message is read by more than one parser in a row (is it a
# diary entry? a harvest?), and each would cut it again. One entry, so nothing is kept
# from one message for the next.
_last: tuple[str, tuple[Word, ...]] = ("", ())


def words(text: str) -> list[Word]:
    """Tokens of an NFC text: words, numbers, dates/fractions like 20/11, separators, signs.

    Look-alike characters are read as `plain` ones; offsets still index `text`.
    """
    global _last
    last_text, last_words = _last
    if text == last_text:
        return list(last_words)
    key, text = text, plain(text)
    found: list[Word] = []
    previous_end = -1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        typed = match.group()
        raw = typed.lower()
        if kind == "dash":
            kind = _dash_kind(text, match.start(), match.end())
        token = Word(
            raw=raw,
            key=fold(raw) if kind == "word" else raw,
            kind=kind,  # type: ignore[arg-type]
            glued=match.start() == previous_end,
            start=match.start(),
            end=match.end(),
            capital=typed[0] != raw[0] and not typed.isupper(),
        )
        found.append(token)
        previous_end = match.end()
    _last = (key, tuple(found))
    return found


def _dash_kind(text: str, start: int, end: int) -> TokenKind:
    """A dash right before a digit, after a space or at the start, is a minus sign."""
    before_ok = start == 0 or text[start - 1].isspace()
    after_digit = end < len(text) and text[end].isdigit()
    return "sign" if before_ok and after_digit else "sep"


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning a into b.

    With `limit`, any distance above it is reported as limit + 1 (and found faster).
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            swapped = i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]
            if swapped and previous is not None:
                current[j] = min(current[j], previous[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous, row = row, current
    return row[len(b)]


def typo_budget(length: int) -> int:
    """How many typos a name of this length (letters, no spaces) may carry."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


@lru_cache(maxsize=8192)  # the same few words meet the same few names all day
def typo_distance(typed: str, name: str) -> int | None:
    """Edit distance when `typed` is plausibly a typo of `name` (both folded), else None.

    Short names are strict: two letters must match exactly; three letters allow only
    two neighbours swapped ("qeu" for "que").
    """
    if typed == name:
        return 0
    if len(name) == 3 and len(typed) == 3:
        swapped = sorted(typed) == sorted(name) and edit_distance(typed, name, 1) == 1
        return 1 if swapped else None
    budget = typo_budget(len(name))
    distance = edit_distance(typed, name, budget)
    return distance if distance <= budget else None
