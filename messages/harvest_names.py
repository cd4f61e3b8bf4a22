"""Whose harvest or diary work a message speaks of: the words that name a person.

"Lan 30kg chè", "bà Tư 20kg quế", "chè 30kg chị Lan", "bón phân lô 1 hộ bà Tư": a name
beside a report may be the sender's own or a relative's. The readers ask rather than record
it as the sender's; the harvest handler knows the sender's own name and records at once
when the name is theirs (handlers.harvest.own_name).
"""

from __future__ import annotations

from collections.abc import Sequence

from messages.fold import Word
from messages.harvest_chunks import Chunk
from messages.harvest_words import NAME_WORDS

# "hái hộ bà Tư", "chè 30kg cho chị Lan", "chè của Lan", "nhà chị Lan": another person's
# harvest, which is never recorded as the sender's without asking. Folded -> spellings.
ON_BEHALF = {"ho": ("hộ",), "giup": ("giúp",), "cua": ("của",), "cho": ("cho",),
             "voi": ("với",), "nha": ("nhà",)}
OTHER_PEOPLE = frozenset({"anh", "chi", "bac", "co", "chu", "ong", "ba", "di", "me", "bo",
                          "thim", "duong", "cau", "mo", "du"})

# pronouns the sender uses of themselves: "em Lan chè 30kg" is Lan naming herself
SELF = frozenset({"em", "e", "toi", "tui", "minh", "con", "chau"})


def names_person(text: str, items: Sequence[Word], chunks: Sequence[Chunk],
                 chunk: Chunk) -> bool:
    """ "Lan 30kg chè", "bà Tư 20kg quế", "chè 30kg chị Lan": a word no item uses that
    names a person (the sender, or someone they report for, which the handler tells apart
    by the sender's own name): a capitalised given name that is also a small word (or one
    typed first, right before the amount or product: "lan 30kg chè"), or any capitalised
    or unknown word right after a pronoun of someone else ("chị", "bà")."""
    if chunk.kind not in ("skip", "unknown") or chunk.end - chunk.start != 1:
        return False
    word = items[chunk.start]
    if word.kind != "word":
        return False
    typed = text[word.start:word.end]
    capital = typed[:1].isupper() and not typed[1:].isupper()
    forms = NAME_WORDS.get(word.key)
    as_name = forms is not None and (not word.marked or word.raw in forms)
    before = items[chunk.start - 1] if chunk.start else None
    if before is not None and before.kind == "word" and before.key in OTHER_PEOPLE and (
            not before.marked or before.raw in PRONOUN_FORMS.get(before.key, ())):
        return capital or as_name or chunk.kind == "unknown"
    if before is not None and before.kind == "word" and before.key in SELF:
        return False
    if chunk.kind == "unknown" and capital and typed.isalpha():  # "quế 2 tạ Đức"
        return True
    if as_name and not capital and chunk.start == 0 and word.key not in SELF:
        # "lan 30kg chè", "tư 2 tạ quế": first, right before the amount or the product
        after = next((c for c in chunks if c.start == chunk.end), None)
        return after is not None and after.kind in ("quantity", "product")
    if as_name and not capital and chunk.end == len(items) and before is not None and (
            word.marked or word.key in PLAIN_NAMES):
        # "chè 30kg lan", "quế 2 tạ hồng": last, right after the amount or the product
        last = next((c for c in chunks if c.end == chunk.start), None)
        return last is not None and last.kind in ("quantity", "product")
    return capital and as_name


# given names whose plain spelling is no common small word at the end of a report ("hong",
# "ha", "tu", "minh" are "hông", "hả", "từ", "mình" as often)
PLAIN_NAMES = frozenset({"lan", "nhung", "hoa", "dao", "cuc", "xuan", "son", "vinh"})


# how the pronouns of someone else are spelled with their marks ("ba" alone is three)
PRONOUN_FORMS = {"anh": ("anh",), "chi": ("chị",), "bac": ("bác",), "co": ("cô",),
                  "chu": ("chú",), "ong": ("ông",), "ba": ("bà",), "di": ("dì",),
                  "me": ("mẹ",), "bo": ("bố",), "thim": ("thím",), "duong": ("dượng",),
                  "cau": ("cậu",), "mo": ("mợ",)}


def person_word(text: str, items: Sequence[Word], k: int) -> bool:
    """Whether word k names another person: after "hộ", "giúp", "cho", "của", "nhà" a
    pronoun of someone else or a capitalised word ("bón phân hộ bà Tư", "phun cho Lan"),
    or after such a pronoun a capitalised word or a given name ("chị Lan", "bà Tư"). Used
    by the diary's coverage rule; a diary is the sender's own work."""
    word = items[k]
    if word.kind != "word" or k == 0 or items[k - 1].kind != "word":
        return False
    before = items[k - 1]
    typed = text[word.start:word.end]
    capital = typed[:1].isupper() and not typed[1:].isupper()
    if before.key in ON_BEHALF and (not before.marked or before.raw in ON_BEHALF[before.key]):
        pronoun = word.key in OTHER_PEOPLE and (
            not word.marked or word.raw in PRONOUN_FORMS.get(word.key, ()))
        return pronoun or capital
    if before.key in OTHER_PEOPLE and (not before.marked
                                        or before.raw in PRONOUN_FORMS.get(before.key, ())):
        forms = NAME_WORDS.get(word.key)
        return capital or (forms is not None and (not word.marked or word.raw in forms))
    return False
