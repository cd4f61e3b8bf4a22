"""Pair products with amounts, and give each pair its day and plot.

Within a stretch between commas (or "và"), pairs follow the order the member used first:
"chè 30kg quế 2 tạ" (product then amount) or "30kg chè 2 tạ quế" (amount then product).
A single day or plot in the message applies to every item; several are shared out by
place: with the item they sit in, else the one they lead or follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from messages.fold import Word
from messages.harvest_chunks import Chunk
from messages.when import DayMatch


@dataclass
class Draft:
    """A product chunk and an amount chunk that belong together (either may be missing)."""

    product: Chunk | None = None
    quantity: Chunk | None = None
    unknown: Chunk | None = None  # an unknown word beside a lone amount ("xoài 20kg")
    day: DayMatch | None = None
    other_days: list[DayMatch] = field(default_factory=list)  # contradicting days named too
    plot: str | None = None
    segment: int = 0
    chunks: list[Chunk] = field(default_factory=list)
    # what the coverage rule (messages.harvest_cover) finds about this draft:
    alternatives: list[Chunk] = field(default_factory=list)  # "2 hay 3 tạ": the 3 tạ
    absorbed: list[Chunk] = field(default_factory=list)  # words read as part of those
    leftover: list[Chunk] = field(default_factory=list)  # words nothing explains
    named: list[Chunk] = field(default_factory=list)  # of those, a person's name ("Lan")
    unit_word: Chunk | None = None  # "4 thúng": a word in the place of a unit

    @property
    def start(self) -> int:
        return min(c.start for c in self.chunks)

    @property
    def end(self) -> int:
        return max(c.end for c in self.chunks)


def split_segments(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """Chunks between separators (comma, semicolon, newline, "và"...)."""
    segments: list[list[Chunk]] = [[]]
    for chunk in chunks:
        if chunk.kind == "sep":
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(chunk)
    return [s for s in segments if s]


def pair_up(chunks: Sequence[Chunk], items: Sequence[Word] = ()) -> list[Draft]:
    """Drafts in message order, with days and plots attached."""
    segments = split_segments(chunks)
    drafts: list[Draft] = []
    for number, segment in enumerate(segments):
        for draft in _pair_segment(segment):
            draft.segment = number
            drafts.append(draft)
    drafts = _join_across(drafts)
    if items:
        _share_product(drafts, chunks, items, segments)
    drafts.sort(key=lambda d: d.start)
    _attach(drafts, segments)
    return drafts


def _draft(*chunks: Chunk) -> Draft:
    draft = Draft(chunks=list(chunks))
    for chunk in chunks:
        if chunk.kind == "product":
            draft.product = chunk
        else:
            draft.quantity = chunk
    return draft


def _pair_segment(segment: Sequence[Chunk]) -> list[Draft]:
    core = [c for c in segment if c.kind in ("product", "quantity")]
    if not core:
        return []
    lead = core[0].kind
    drafts: list[Draft] = []
    left: list[Chunk] = []
    k = 0
    while k < len(core):
        first, second = core[k], core[k + 1] if k + 1 < len(core) else None
        if second is not None and first.kind == lead and second.kind != lead:
            drafts.append(_draft(first, second))
            k += 2
        else:
            left.append(first)
            k += 1
    drafts.extend(_pair_leftovers(left, core))
    for draft in drafts:
        if draft.product is None and draft.quantity is not None:
            draft.unknown = _unknown_beside(segment, draft.quantity)
            if draft.unknown is not None:
                draft.chunks.append(draft.unknown)
    return drafts


def _pair_leftovers(left: list[Chunk], core: list[Chunk]) -> list[Draft]:
    """Leftovers next to each other in the message, of different kinds, pair up too."""
    drafts: list[Draft] = []
    k = 0
    while k < len(left):
        first, second = left[k], left[k + 1] if k + 1 < len(left) else None
        if (
            second is not None
            and first.kind != second.kind
            and core.index(second) == core.index(first) + 1
        ):
            drafts.append(_draft(first, second))
            k += 2
        else:
            drafts.append(_draft(first))
            k += 1
    return drafts


def _unknown_beside(segment: Sequence[Chunk], quantity: Chunk) -> Chunk | None:
    place = list(segment).index(quantity)
    for neighbour in (place - 1, place + 1):
        if 0 <= neighbour < len(segment) and segment[neighbour].kind == "unknown":
            return segment[neighbour]
    return None


def _join_across(drafts: list[Draft]) -> list[Draft]:
    """ "chè, 30kg": one lone product and one lone amount in neighbouring stretches."""
    lone_products = [d for d in drafts if d.quantity is None]
    lone_amounts = [d for d in drafts if d.product is None]
    if len(lone_products) != 1 or len(lone_amounts) != 1:
        return drafts
    product, amount = lone_products[0], lone_amounts[0]
    if abs(product.segment - amount.segment) != 1 or amount.unknown is not None:
        return drafts
    joined = Draft(product=product.product, quantity=amount.quantity, segment=amount.segment)
    joined.chunks = product.chunks + amount.chunks
    return [d for d in drafts if d not in (product, amount)] + [joined]


# words that open one picking of several: "sáng hái 2 yến, chiều 15 cân chè"
_BATCH_WORDS = frozenset({"sang", "trua", "chieu", "toi", "dem", "lan", "dot", "buoi", "luot"})
_BATCH_FORMS = frozenset({"sáng", "trưa", "chiều", "tối", "đêm", "lần", "đợt", "buổi", "lượt"})
# after an amount, only a time of day closes its batch ("30kg sáng, 20kg chiều")
_TIMES_OF_DAY = frozenset({"sang", "trua", "chieu", "toi", "dem"})


def _share_product(drafts: list[Draft], chunks: Sequence[Chunk], items: Sequence[Word],
                   segments: Sequence[Sequence[Chunk]]) -> None:
    """ "sáng hái 2 yến, chiều 15 cân chè": one product picked in several batches, each
    amount opened by a time of day or "lần"/"đợt", the product named once: every amount is
    of that product. So is "chè 25kg lô 2, 15kg lô 3": each amount on its own plot."""
    named = [d for d in drafts if d.product is not None]
    lone = [d for d in drafts if d.product is None and d.unknown is None]
    if len(named) != 1 or not lone or named[0].quantity is None:
        return
    if not (all(_opened_by_batch(d, chunks, items) for d in [*lone, named[0]])
            or _own_plots([*lone, named[0]], segments)):
        return
    for draft in lone:
        draft.product = named[0].product


def _own_plots(drafts: Sequence[Draft], segments: Sequence[Sequence[Chunk]]) -> bool:
    """Whether each draft is alone in its stretch with one plot of its own, no two alike."""
    plots = []
    for draft in drafts:
        mine = [c.plot for c in segments[draft.segment] if c.kind == "plot"]
        if len(mine) != 1 or sum(d.segment == draft.segment for d in drafts) != 1:
            return False
        plots.append(mine[0])
    return len(set(plots)) == len(plots)


def _opened_by_batch(draft: Draft, chunks: Sequence[Chunk], items: Sequence[Word]) -> bool:
    """Whether the words right before a draft's amount open a batch ("chiều 15 cân",
    "chè sáng 30kg", "lần 2"), or right after it close one ("30kg sáng, 20kg chiều")."""
    quantity = draft.quantity
    if quantity is None:
        return False
    before = [c for c in chunks if c.end <= quantity.start]
    for chunk in reversed(before):
        if chunk is draft.product:
            continue  # "sáng hái chè 2 yến", "chè sáng 30kg": its own name is no boundary
        if chunk.kind in ("product", "quantity", "money") or (
                chunk.kind == "sep" and chunk.end <= draft.start):
            break  # (a comma inside the draft, "chè, sáng 30kg", is no boundary)
        if _batch_words(chunk, items):
            return True
    if quantity.quantity is None or quantity.quantity.unit is None:
        return False  # "chè 2 lần 30kg": a bare number before "lần" counts times
    for chunk in (c for c in chunks if c.start >= quantity.end):
        if chunk.kind in ("product", "quantity", "money", "sep"):
            return False
        if _batch_words(chunk, items, _TIMES_OF_DAY):
            return True
    return False


def _batch_words(chunk: Chunk, items: Sequence[Word], keys: frozenset[str] = _BATCH_WORDS
                 ) -> bool:
    return chunk.kind in ("skip", "time", "date") and any(
        items[k].kind == "word" and items[k].key in keys
        and (not items[k].marked or items[k].raw in _BATCH_FORMS)  # "tôi" is no "tối"
        for k in range(chunk.start, chunk.end))


def _attach(drafts: list[Draft], segments: list[list[Chunk]]) -> None:
    """Give each draft its day and plot."""
    if not drafts:
        return
    days = [c for s in segments for c in s if c.kind == "date"]
    plots = [c for s in segments for c in s if c.kind == "plot"]
    if len({c.day.reading if c.day else None for c in days}) == 1:
        for draft in drafts:
            draft.day = days[0].day
        days = []
    if len({c.plot for c in plots}) == 1:
        for draft in drafts:
            draft.plot = plots[0].plot
        plots = []
    for chunk in days + plots:
        target = _owner(drafts, segments, chunk)
        if target is None:
            continue
        if chunk.kind == "date" and target.day is None:
            target.day = chunk.day
        elif chunk.kind == "date" and chunk.day and target.day.reading != chunk.day.reading:
            target.other_days.append(chunk.day)
        elif chunk.kind == "plot" and target.plot is None:
            target.plot = chunk.plot
    _carry_forward(drafts, days, plots)


def _owner(drafts: list[Draft], segments: list[list[Chunk]], chunk: Chunk) -> Draft | None:
    """The draft a day or plot chunk belongs to (None for a stretch without items)."""
    segment = next(n for n, s in enumerate(segments) if chunk in s)
    mine = [d for d in drafts if d.segment == segment]
    if not mine:
        return None
    for draft in mine:
        if draft.start <= chunk.start < draft.end:
            return draft
    leading = _leads(segments[segment], mine[0])
    before = [d for d in mine if d.end <= chunk.start]
    after = [d for d in mine if d.start >= chunk.end]
    if leading:
        return after[0] if after else before[-1]
    return before[-1] if before else after[0]


def _leads(segment: Sequence[Chunk], first: Draft) -> bool:
    """Whether days and plots come before their item in this stretch ("lô 3 chè 30kg")."""
    return any(c.kind in ("date", "plot") and c.end <= first.start for c in segment)


def _carry_forward(drafts: list[Draft], days: list[Chunk], plots: list[Chunk]) -> None:
    """Items without their own day or plot take the last one named before them."""
    last_day: DayMatch | None = None
    last_plot: str | None = None
    for draft in drafts:
        headers = [c for c in days + plots if c.end <= draft.start]
        for chunk in sorted(headers, key=lambda c: c.start):
            if chunk.kind == "date":
                last_day = chunk.day
            else:
                last_plot = chunk.plot
        if days and draft.day is None:
            draft.day = last_day
        if plots and draft.plot is None:
            draft.plot = last_plot
        last_day, last_plot = draft.day or last_day, draft.plot or last_plot
