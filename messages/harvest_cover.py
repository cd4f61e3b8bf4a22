"""The coverage rule: a harvest is recorded without asking only when every word is accounted for.

Every token of a message is a product, an amount, a day, a plot, a separator, a known small
word (verb, filler) or a harmless mark. Whatever is left over could change the meaning:
an unknown word ("hum wa", "xyz"), a correction word ("nhầm", "hay", "hoặc"), a second plot
for one item, a mark of code or markup. The items it sits with (its stretch between commas,
or every item when its stretch has none) are then asked about, quoting it.

Two shapes get a more precise reading than "ask":
- two amounts joined by a correction word are alternatives: "quế 2 hay 3 tạ",
  "na 40kg à không 45kg" offer both amounts;
- an unknown word right after a bare number is a unit the bot does not know ("chè 4
  thúng", "chuối 3 nải"): nothing is recorded, and the reply names the word.
"""

from __future__ import annotations

from collections.abc import Sequence

from messages.fold import Word
from messages.harvest_chunks import Chunk
from messages.harvest_names import ON_BEHALF, OTHER_PEOPLE, SELF, names_person
from messages.harvest_pairs import Draft
from messages.harvest_words import (
    ARITHMETIC_WORDS,
    CORRECTION_WORDS,
    bounds,
    is_container,
    is_negation,
)

# Marks that do not occur in a farmer's report but do in code, markup and injections.
CODE_MARKS = frozenset("<>{}[]=\"'`$\\|*#^_~%@")


def cover(
    text: str, items: Sequence[Word], chunks: Sequence[Chunk], drafts: list[Draft]
) -> list[Draft]:
    """Join alternatives, then give each draft what it leaves unexplained (`text` is the
    message the tokens' offsets point into)."""
    drafts = _join_alternatives(items, chunks, drafts)
    used = _used(drafts, chunks)
    segment_of = _segments(chunks)
    for draft, chunk in _bounds(items, chunks, drafts):
        draft.leftover.append(chunk)
    used |= _equals_joins(items, chunks)
    for chunk in chunks:
        owner = _right_after_bare_number(drafts, chunk) if id(chunk) not in used else None
        if owner is not None and (
            chunk.kind == "unknown" or is_container(items[chunk.start])
        ):  # "chè 4 thúng", "chuối 3 nải": a unit the bot cannot weigh
            owner.unit_word = owner.unit_word or chunk
            continue
        if id(chunk) in used:
            continue
        other = _someone_else(text, items, chunk)
        named = not other and names_person(text, items, chunks, chunk)
        if not (_leftover(items, chunk) or _describes(items, chunks, chunk) or other or named):
            continue
        if _own_name(text, items, chunk) and not other:
            continue
        if named:
            for draft in drafts:  # whose harvest it is decides every item of the message
                draft.named.append(chunk)
                draft.leftover.append(chunk)
            continue
        mine = [d for d in drafts if d.segment == segment_of[id(chunk)]]
        if _is_code(items, chunk):
            mine = []  # code or markup anywhere: no item of the message is a plain report
        for draft in mine or drafts:
            draft.leftover.append(chunk)
    return drafts


# words that make another product of the one named just before them: "nấm hương khô" is
# dried, not the fresh mushrooms the catalogue's "nấm" is (the cooperative's aliases say
# which dried goods it buys: "chè khô", "quế khô"); "kho" is also a filler (a store)
_DESCRIBING = frozenset({"kho"})


def _describes(items: Sequence[Word], chunks: Sequence[Chunk], chunk: Chunk) -> bool:
    """Whether a skipped word right after a product name changes which product it is."""
    if chunk.kind != "skip" or items[chunk.start].key not in _DESCRIBING:
        return False
    return any(c.kind == "product" and c.end == chunk.start for c in chunks)


def _someone_else(text: str, items: Sequence[Word], chunk: Chunk) -> bool:
    """Whether a skipped or unknown word names another person after "hộ", "giúp", "của",
    "cho", "với" or "nhà": a pronoun of someone else ("chị", "bà", "mẹ"), or a name."""
    if chunk.kind not in ("skip", "unknown") or chunk.start == 0:
        return False
    word, before = items[chunk.start], items[chunk.start - 1]
    if before.kind != "word" or before.key not in ON_BEHALF or (
            before.marked and before.raw not in ON_BEHALF[before.key]):
        return False
    if word.key in OTHER_PEOPLE and (not word.marked or word.key != "co" or word.raw == "cô"):
        return True
    return word.kind == "word" and text[word.start].isupper()


def _equals_joins(items: Sequence[Word], chunks: Sequence[Chunk]) -> set[int]:
    """ "chè=30kg", "quế = 2 tạ": a lone "=" between a product and its amount says what the
    amount is of, like ":" (anywhere else "=" is a mark of code, and asked about)."""
    found: set[int] = set()
    for before, chunk, after in zip(chunks, chunks[1:], chunks[2:], strict=False):
        if (chunk.end - chunk.start == 1 and items[chunk.start].raw == "="
                and before.kind == "product" and after.kind == "quantity"):
            found.add(id(chunk))
    return found


def _is_code(items: Sequence[Word], chunk: Chunk) -> bool:
    return any(w.kind == "other" and w.raw in CODE_MARKS for w in items[chunk.start : chunk.end])


def _leftover(items: Sequence[Word], chunk: Chunk) -> bool:
    """Whether a chunk that no item uses could change the meaning."""
    if chunk.kind in ("unknown", "plot", "date", "label"):
        return True
    if chunk.kind == "skip":
        span = items[chunk.start : chunk.end]
        if any(w.kind == "word" and w.key in CORRECTION_WORDS for w in span):
            return True
        if any(_arithmetic(items, k) or _many_days(items[k])
               for k in range(chunk.start, chunk.end)):
            return True
        return _is_code(items, chunk)
    return False


def _many_days(word: Word) -> bool:
    """ "cả tuần chè 200kg", "tháng này quế 5 tạ": a week's or a month's total, which no one
    day's delivery is (a day the reader knows, "15 tháng 11", is a date, not this)."""
    return word.kind == "word" and word.key in ("tuan", "thang") and (
        not word.marked or word.raw in ("tuần", "tháng"))


# what may follow "bot" typed plain when it is the bot spoken to ("nhé bot", "bot ơi,")
_AFTER_BOT = frozenset({"oi", "a", "nhe", "nha", "ad"})


def _arithmetic(items: Sequence[Word], k: int) -> bool:
    """ "trừ", "bớt": a sum left to the bot. "bot" typed plain at the end of a stretch (or
    before "ơi") is the bot itself: "chè 22kg nhé bot", "cám ơn bot, chè 18kg"."""
    word = items[k]
    if word.kind != "word" or word.key not in ARITHMETIC_WORDS:
        return False
    if word.key != "bot" or word.marked:
        return True
    after = items[k + 1] if k + 1 < len(items) else None
    return not (after is None or after.kind == "sep" or after.key in _AFTER_BOT)


def _bounds(
    items: Sequence[Word], chunks: Sequence[Chunk], drafts: Sequence[Draft]
) -> list[tuple[Draft, Chunk]]:
    """ "hơn 30kg", "30 ký non": a word that makes a draft's amount a bound."""
    found = []
    for draft in drafts:
        quantity = draft.quantity
        if quantity is None:
            continue
        for chunk in chunks:
            if chunk.kind != "skip" or chunk.end - chunk.start != 1:
                continue
            word = items[chunk.start]
            if (chunk.end == quantity.start and bounds(word, before=True)) or (
                chunk.start == quantity.end and bounds(word, before=False)
            ):
                found.append((draft, chunk))
    return found


def _own_name(text: str, items: Sequence[Word], chunk: Chunk) -> bool:
    """ "em Hoa lô 5 chè 32kg": a capitalised word after "em", "tôi", "con"... is the
    sender naming themselves, as farmers do in group chats ("chị Hoa" may be someone
    else: see `messages.harvest_names`)."""
    if chunk.kind != "unknown" or chunk.start == 0 or not text[items[chunk.start].start].isupper():
        return False
    before = items[chunk.start - 1]
    return before.kind == "word" and before.key in SELF


def _used(drafts: Sequence[Draft], chunks: Sequence[Chunk]) -> set[int]:
    """The chunks some draft reads: its product, amounts, unknown name, day and plot."""
    used: set[int] = set()
    for draft in drafts:
        for chunk in (draft.product, draft.quantity, draft.unknown, *draft.alternatives,
                      *draft.absorbed):
            if chunk is not None:
                used.add(id(chunk))
    plots = {d.plot for d in drafts if d.plot}
    days = [m.reading for d in drafts for m in (d.day, *d.other_days) if m is not None]
    for chunk in chunks:
        if (chunk.kind == "plot" and chunk.plot in plots) or (
            chunk.kind == "date" and chunk.day is not None and chunk.day.reading in days
        ):
            used.add(id(chunk))
    return used


def _segments(chunks: Sequence[Chunk]) -> dict[int, int]:
    """Each chunk's stretch number, counted as harvest_pairs.split_segments counts them."""
    found: dict[int, int] = {}
    current, filled = 0, False
    for chunk in chunks:
        if chunk.kind == "sep":
            if filled:
                current, filled = current + 1, False
            continue
        found[id(chunk)] = current
        filled = True
    return found


def _right_after_bare_number(drafts: Sequence[Draft], chunk: Chunk) -> Draft | None:
    for draft in drafts:
        quantity = draft.quantity
        if quantity is not None and quantity.quantity is not None and (
            quantity.quantity.unit is None and quantity.end == chunk.start
        ):
            return draft
    return None


def _join_alternatives(
    items: Sequence[Word], chunks: Sequence[Chunk], drafts: list[Draft]
) -> list[Draft]:
    """ "2 hay 3 tạ", "40kg à không 45kg": a lone amount after a correction word is another
    reading of the amount before it, not a second item."""
    kept: list[Draft] = []
    for draft in drafts:
        before = kept[-1] if kept else None
        if (
            before is not None
            and before.quantity is not None
            and draft.product is None
            and draft.quantity is not None
            and _corrects(items, before.quantity.end, draft.quantity.start)
        ):
            low, high = before.quantity.end, draft.quantity.start
            before.alternatives.append(draft.quantity)
            before.chunks.append(draft.quantity)
            before.day = before.day or draft.day  # "nấm 12 hoặc 13 ký lô 2": one plot, both
            before.plot = before.plot or draft.plot
            before.absorbed.extend(c for c in chunks if low <= c.start and c.end <= high)
            continue
        kept.append(draft)
    return kept


def _corrects(items: Sequence[Word], start: int, end: int) -> bool:
    """Whether the words between two amounts say the second one replaces or rivals the first."""
    between = [w for w in items[start:end] if w.kind == "word"]
    if not between or any(w.kind in ("number", "slash") for w in items[start:end]):
        return False
    return any(w.key in CORRECTION_WORDS or is_negation(w) for w in between)
