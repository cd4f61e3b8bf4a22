"""Read "ghi cho Lan 30kg chè" and match people's names typed without diacritics."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from messages.fold import fold

_VERBS = {"ghi", "nhap"}
_FOR = {"cho", "giup", "ho"}
_HONORIFICS = {"anh", "chi", "co", "chu", "bac", "ong", "ba", "em", "thim", "di", "cau", "mo"}
_DIGIT = re.compile(r"\d")
_TRAILING = ":,;-"


def on_behalf(text: str | None) -> tuple[list[str], str] | None:
    """("ghi cho chị Lan 30kg chè") -> (["Lan"], "30kg chè"): the name words, then the rest.

    The name runs until the first word with a digit or a separator; the caller tries the
    longest run of name words that names a member and gives the other words back to the rest.
    """
    if not text:
        return None
    words = text.split()
    if len(words) < 3 or fold(words[0]) not in _VERBS or fold(words[1]) not in _FOR:
        return None
    words = words[2:]
    name: list[str] = []
    for index, word in enumerate(words):
        if _DIGIT.search(word):
            return _trim(name), " ".join(words[index:])
        bare = word.rstrip(_TRAILING)
        if bare:
            name.append(bare)
        if bare != word:  # "Lan:" ends the name
            return _trim(name), " ".join(words[index + 1 :])
    return _trim(name), ""


_SELF = {"em", "toi", "minh", "tui", "con", "chau", "e"}


def for_self(text: str | None, own_name: str = "") -> bool:
    """ "ghi giúp em chè 30kg", "ghi hộ tôi 2 tạ quế": a member asking the bot to record
    their own harvest, not someone else's. A name after the pronoun is theirs only when it
    is `own_name`'s ("ghi giúp em Lan …" from Lan); "ghi giúp em Tư …" is for Tư."""
    words = (text or "").split()
    if len(words) < 3 or fold(words[0]) not in _VERBS or fold(words[1]) not in _FOR:
        return False
    who = words[2].rstrip(_TRAILING)
    if fold(who) not in _SELF or who[:1].isupper():  # "Minh" is a name, "mình" is me
        return False
    then = words[3].rstrip(_TRAILING) if len(words) > 3 else ""
    named = then[:1].isupper() and then.isalpha()
    return not named or fold(then) in fold(own_name).split()


def _trim(name: list[str]) -> list[str]:
    while name and fold(name[0]) in _HONORIFICS:
        name = name[1:]
    return name


def name_matches(query: str, display_name: str) -> bool:
    """Whether a typed name names this person: the full name, or its last words (given name)."""
    typed = fold(query).split()
    full = fold(display_name).split()
    return bool(typed) and (typed == full or full[-len(typed):] == typed)


Person = TypeVar("Person")


def named(query: str, people: Sequence[Person], name: Callable[[Person], str]) -> list[Person]:
    """The people a typed name names: whoever has exactly that full name wins ("Lan" is the
    member called Lan, not Nguyễn Thị Lan); otherwise everyone whose full name or given
    name it is. The one resolver for every command that takes a name."""
    typed = fold(query)
    exact = [p for p in people if fold(name(p)) == typed]
    return exact or [p for p in people if name_matches(query, name(p))]


# how one speaks of another person before their name ("chị Lan", "bà Tư"), as typed
_TITLES = ("anh", "chị", "chi", "bác", "bac", "cô", "co", "chú", "chu", "ông", "ong", "bà",
           "ba", "dì", "di", "mẹ", "me", "bố", "bo", "thím", "thim", "cậu", "cau")


def without_name(text: str, name: str) -> str:
    """The message with a person's name (and the title before it) taken out: "chè 30kg
    chị Lan" without "Lan" is "chè 30kg"."""
    titles = "|".join(_TITLES)
    pattern = rf"(?:(?<!\w)(?:{titles})\s+)?(?<!\w){re.escape(name)}(?!\w)"
    return " ".join(re.sub(pattern, " ", text, count=1, flags=re.IGNORECASE).split())
