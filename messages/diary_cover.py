"""The coverage rule for diary messages: recorded only when every word is accounted for.

After the activity, a diary message names an input or crop, a dose, a plot and a day, with
known small words around them. A word left over could change the entry: a second plot
("tưới lô 1 và lô 2" is two entries, not one), a number without a unit ("bón kali 2,5":
2,5 of what?), a correction word ("nhầm", "hay"), an unknown word after the name, a mark
of code or markup. Then nothing is recorded and the reply names what was not understood.
"""

from __future__ import annotations

from collections.abc import Sequence

from messages.fold import Word
from messages.harvest_cover import CODE_MARKS
from messages.harvest_names import person_word
from messages.harvest_words import CORRECTION_WORDS, STOP_WORDS, plot_at

# "phun thuốc cỏ", "phun thuốc sâu": the kind of product, not its name (a diary needs it)
INPUT_KINDS = frozenset({"co", "sau", "benh", "nam", "tru sau", "tru co", "diet co",
                         "tru benh", "sau benh", "diet sau", "phan", "phan bon", "thuoc",
                         "phan hoa hoc", "thuoc sau", "thuoc benh", "thuoc co"})
# small words of diary messages that say nothing more ("cho chè", "ở lô 2", "liều 2 gói")
_DIARY_FILLERS = frozenset({"o", "tai", "vao", "luc", "lieu", "luong", "nuoc", "goc", "het",
                            "gio", "xong"})


def uncovered(
    text: str,
    items: Sequence[Word],
    used: Sequence[bool],
    start: int,
    name_span: tuple[int, int] | None,
) -> tuple[str, str] | None:
    """(problem, the words as typed) for what the reading leaves unexplained, if anything."""
    left: list[int] = []
    k = start
    while k < len(items):
        place = plot_at(items, k) if not used[k] else None
        if place is not None:  # a plot not taken: the first one was
            return "two_plots", text[items[k].start : items[place[1] - 1].end]
        if _unexplained(text, items, used, k, name_span):
            left.append(k)
        k += 1
    if not left:
        return None
    numbers = [k for k in left if items[k].kind in ("number", "slash")]
    if numbers and len(numbers) == len(left):
        return "dose_unit", " ".join(items[k].raw for k in numbers)
    return "unclear_words", _quote(text, items, left)


# crops a piece of work is done for ("bón phân chuồng cho cà phê lô 3"): after "cho" they
# say nothing more; anything else after "cho" may be a person ("cho chị Lan"), so is asked
_CROPS = frozenset({"che", "tra", "que", "ca", "phe", "cafe", "lua", "ngo", "buoi", "cam",
                    "hoi", "rau", "cay", "sau", "rieng", "tieu", "mac", "ca cao"})


def _for_a_crop(items: Sequence[Word], k: int) -> bool:
    """Whether the word at k is a crop named after "cho" ("cho cà phê", "cho cây chè")."""
    j = k
    while j >= 0 and items[j].kind == "word" and items[j].key in _CROPS:
        j -= 1
    return j < k and j >= 0 and items[j].kind == "word" and items[j].key == "cho"


def _unexplained(
    text: str, items: Sequence[Word], used: Sequence[bool], k: int,
    name_span: tuple[int, int] | None,
) -> bool:
    word = items[k]
    if word.kind == "word" and word.key in _CROPS and _for_a_crop(items, k):
        return False
    if word.kind == "word" and word.key in CORRECTION_WORDS:
        return True  # even inside the name: "bón NPK hay kali"
    if used[k] or word.kind == "sep":
        return False
    if person_word(text, items, k):  # "bón phân lô 1 hộ bà Tư": whose work is it?
        return True
    if name_span and name_span[0] <= k < name_span[1]:
        # digits belong to a name when glued to letters ("800WG") or a formula ("16-16-8");
        # a lone number in it is an amount without a unit ("bón kali 2,5")
        following = items[k + 1] if k + 1 < len(items) else None
        lone = word.kind == "number" and not (following and following.glued) and not word.glued
        return lone
    if word.kind == "word":
        return word.key not in STOP_WORDS and word.key not in _DIARY_FILLERS
    if word.kind in ("number", "slash", "sign"):
        return True
    return word.raw in CODE_MARKS


def _quote(text: str, items: Sequence[Word], picked: list[int]) -> str:
    """The picked tokens as typed; neighbours are quoted together ("hum wa")."""
    spans: list[list[int]] = []
    for k in picked:
        if spans and spans[-1][1] == k - 1:
            spans[-1][1] = k
        else:
            spans.append([k, k])
    return " ".join(text[items[a].start : items[b].end] for a, b in spans)
