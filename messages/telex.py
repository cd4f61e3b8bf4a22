"""Telex and VNI leftovers: words typed on a phone without a Vietnamese keyboard.

Telex writes the marks as letters ("chef" = chè, "quees" = quế, "hais" = hái: s f r x j for
the tones, aa ee oo for â ê ô, aw ow uw for ă ơ ư, dd for đ); VNI writes them as digits
after the word ("che2" = chè, "que61" = quế, "ta5" = tạ). `spelled(text)` gives the text
with each such word spelled out, or None when no word looks like one. Readers use it only
for a message they could not read as typed, and then ask: a reading found this way is never
recorded silently.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323",
          "1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
_TELEX_SHAPES = (("uow", "ươ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"),
                 ("ow", "ơ"), ("uw", "ư"), ("dd", "đ"))
_VNI_SHAPES = {"6": {"a": "â", "e": "ê", "o": "ô"}, "7": {"o": "ơ", "u": "ư"}, "8": {"a": "ă"},
               "9": {"d": "đ"}}
_VOWELS = "aăâeêioôơuưy"
_MARKED = "ăâêôơư"
# words that take a digit for another reason: units and plots ("lo3" is lô 3), weekdays
_NOT_VNI = frozenset({"lo", "thua", "vuon", "kg", "g", "t", "k", "tr", "l", "ml", "ky", "ki",
                      "cn", "dot", "lan", "so", "ca", "doi", "o", "x", "h", "p"})
_WORD = re.compile(r"(?<![\w/.,])([A-Za-z]+(?:[1-9][A-Za-z]*){0,3})(?![\w/.,])")
_ANY = re.compile(r"[A-Za-z][1-9]|[sfrxjSFRXJ]\b|aa|aw|ee|oo|ow|uw|dd"
                  r"|[aeiouy][sfrxj](?:ng|nh|ch|[cmnpt])\b", re.IGNORECASE)
_TELEX_HINT = re.compile(r"[sfrxj]$|aa|aw|ee|oo|ow|uw|dd|[aeiouwy][sfrxj](?:ng|nh|ch|[cmnpt])$")
_TONE_INSIDE = re.compile(r"(.*[aeiouwy])([sfrxj])(ng|nh|ch|[cmnpt])")


@lru_cache(maxsize=2048)
def spelled(text: str, marks: bool = True) -> str | None:
    """`text` with its Telex or VNI words spelled out; None when there is none. Without
    `marks`, those words are written plain ("phunf" -> "phun", "tuowis" -> "tuoi"): a tone
    letter typed by mistake then does not make another word ("phùn" is not "phun")."""
    if not _ANY.search(text):
        return None  # most messages: no letter pair or tone letter of either
    changed = False

    def one(match: re.Match[str]) -> str:
        nonlocal changed
        word = _one(match.group(1))
        if word is None:
            return match.group(0)
        changed = True
        return word if marks else _plain(word)

    out = _WORD.sub(one, text)
    return out if changed else None


def _telex(word: str) -> str | None:
    lower = word.lower()
    if len(lower) < 3 or not _TELEX_HINT.search(lower):
        return None
    tone = ""
    if lower[-1] in "sfrxj" and any(ch in _VOWELS for ch in lower[:-1]):
        tone, lower = lower[-1], lower[:-1]
    else:  # the tone typed before the last consonants: "lafm" = làm, "cafnh" = cành
        inner = _TONE_INSIDE.fullmatch(lower)
        if inner is not None:
            tone, lower = inner.group(2), inner.group(1) + inner.group(3)
    for pair, letter in _TELEX_SHAPES:
        lower = lower.replace(pair, letter)
    if "w" in lower:
        lower = lower.replace("w", "ư") if lower.count("w") == 1 and "u" not in lower else lower
    if not _syllable(lower) or (not tone and lower == word.lower()):
        return None
    return _toned(lower, tone)


def _vni(letters: str, digits: str) -> str | None:
    lower = letters.lower()
    if lower in _NOT_VNI or not any(ch in _VOWELS for ch in lower):
        return None
    tone = ""
    for digit in digits:
        if digit in _VNI_SHAPES:
            shapes = _VNI_SHAPES[digit]
            spot = max((i for i, ch in enumerate(lower) if ch in shapes), default=None)
            if spot is None:
                return None
            lower = lower[:spot] + shapes[lower[spot]] + lower[spot + 1:]
        elif tone:
            return None
        else:
            tone = digit
    if not _syllable(lower):
        return None
    return _toned(lower, tone)


def _syllable(word: str) -> bool:
    """A plausible Vietnamese syllable: consonants, one run of vowels, consonants."""
    return re.fullmatch(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                        rf"[{_VOWELS}]{{1,3}}(?:ng|nh|ch|[cmnpt])?", word) is not None


def _toned(word: str, tone: str) -> str:
    if not tone:
        return word
    start = 2 if word[:2] in ("qu", "gi") and len(word) > 2 and word[2] in _VOWELS else 0
    spots = [i for i in range(start, len(word)) if word[i] in _VOWELS]
    if not spots:
        return word
    marked = [i for i in spots if word[i] in _MARKED]
    if marked:
        spot = marked[-1]
    elif len(spots) >= 2 and spots[-1] == len(word) - 1:
        spot = spots[-2] if len(spots) == 2 else spots[1]  # "hái", "khuya": an open syllable
    else:
        spot = spots[-1] if len(spots) >= 2 else spots[0]  # "toán"
    return unicodedata.normalize("NFC", word[:spot + 1] + _TONES[tone] + word[spot + 1:])


def _plain(word: str) -> str:
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def spelled_words(text: str) -> list[str]:
    """The words of `text` that `spelled` spells out, as typed: ["chef"]."""
    return [m.group(0) for m in _WORD.finditer(text) if _one(m.group(1))]


def _one(typed: str) -> str | None:
    """One word spelled out: VNI when it has digits ("ta6n" = tấn), else Telex."""
    digits = "".join(ch for ch in typed if ch.isdigit())
    if not digits:
        return _telex(typed)
    return _vni("".join(ch for ch in typed if not ch.isdigit()), digits)


def as_typed(quoted: str, typed: str, marks: bool = True) -> str:
    """Words quoted from the spelled-out text, written back as the person typed them:
    "kiâ" -> "kiaa" (spelling changes words, never the spaces between them)."""
    back = dict(zip((spelled(typed, marks) or typed).split(), typed.split(), strict=False))
    return " ".join(back.get(w, w) for w in quoted.split())

