"""Read a harvest report typed in a chat: "hôm qua hái chè 30kg lô 3, quế 2 tạ".

`parse_harvest` never raises and never guesses a number: a sure reading is "ok", anything
unsure becomes a question ("ask") whose options are complete readings, a broken report is
"invalid" with a problem code, and other talk is "not_harvest".
Replies are written elsewhere; `canonical_amount` only picks a unit to show an amount in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from itertools import pairwise

from messages.fold import Word, words
from messages.harvest_chunks import Chunk, chunk_message
from messages.harvest_cover import cover
from messages.harvest_future import plan_words
from messages.harvest_items import Context, display_amount, read_draft
from messages.harvest_models import (
    Field,
    Flag,
    HarvestItem,
    HarvestParse,
    Problem,
    Question,
    Reason,
    Status,
)
from messages.harvest_pairs import Draft, pair_up
from messages.harvest_words import ASKING_WORDS, QUESTION_WORDS
from messages.products import ProductEntry
from messages.quantity import Kind
from messages.telex import as_typed, spelled, spelled_words
from messages.when import local_today

__all__ = [
    "MAX_LENGTH",
    "Field",
    "Flag",
    "HarvestItem",
    "HarvestParse",
    "HarvestReading",
    "Problem",
    "Question",
    "Reason",
    "Status",
    "canonical_amount",
    "parse_harvest",
    "read_harvest",
]

MAX_LENGTH = 500


def parse_harvest(
    text: str,
    catalogue: Sequence[ProductEntry],
    now: datetime,
    usual: Mapping[int, int] | None = None,
) -> HarvestParse:
    """Read a member's harvest message.

    `now` is when it was sent, an aware datetime in the cooperative's time zone; days like
    "hôm qua" count from it. `usual` maps product id -> this member's usual amount (base
    units); more than 5 times that is asked about, like anything over `max_per_entry`.
    """
    return read_harvest(text, catalogue, now).decide(usual or {})


def read_harvest(text: str, catalogue: Sequence[ProductEntry], now: datetime) -> HarvestReading:
    """Read a message as far as it goes without the member's usual amounts; `decide` with
    them. Between the two, `products` says whose usual amounts the decision can use."""
    try:
        reading = _read(text, catalogue, now)
        typed = spelled(text) if isinstance(text, str) and len(text) <= MAX_LENGTH else None
        if typed is not None:  # "chef 30kg": read it as spelled too, in case it is not read
            retry = _read(typed, catalogue, now)
            if retry.done is None:
                return replace(reading, retry=retry, typed=text)
        return reading
    except Exception:  # a reading bug must not take the chat down
        return HarvestReading(done=_UNREADABLE)


_UNREADABLE = HarvestParse(status="invalid", problem="unreadable")


@dataclass(frozen=True)
class HarvestReading:
    """A message read up to the plausibility check (or already decided: `done`)."""

    done: HarvestParse | None = None
    drafts: tuple[Draft, ...] = ()
    context: Context | None = None
    # the message read with its Telex/VNI words spelled out ("chef" = chè), used only when
    # the message as typed is not read for sure, and then only asked about
    retry: HarvestReading | None = None
    typed: str = ""

    def products(self) -> frozenset[int] | None:
        """The product ids whose usual amounts `decide` can use; None: any product (an
        unknown name is ranked against the whole catalogue)."""
        if self.retry is not None:
            mine, theirs = replace(self, retry=None).products(), self.retry.products()
            return None if mine is None or theirs is None else mine | theirs
        if self.done is not None:
            return frozenset()
        ids: set[int] = set()
        for draft in self.drafts:
            if draft.product is not None and draft.product.product is not None:
                ids.update(entry.id for entry in draft.product.product.products)
            elif draft.unknown is not None:
                return None
        return frozenset(ids)

    def decide(self, usual: Mapping[int, int]) -> HarvestParse:
        """The reading: sure items recorded, unsure ones asked about."""
        found = self._decide(usual)
        if found.status == "ok" or self.retry is None:
            return found
        again = self.retry.decide(usual)
        if again.status not in ("ok", "ask"):
            return found
        return _asked(again, self.typed)

    def _decide(self, usual: Mapping[int, int]) -> HarvestParse:
        if self.done is not None or self.context is None:
            return self.done or _UNREADABLE
        try:
            return _collect(list(self.drafts), replace(self.context, usual=usual))
        except Exception:  # a reading bug must not take the chat down
            return _UNREADABLE


def canonical_amount(amount: int, kind: Kind, unit: str | None = None) -> tuple[Decimal, str]:
    """Base units shown in a display unit: 30000 g -> (30, "kg"), 500 g -> (500, "g"),
    1500 ml -> (1.5, "lít"), 12 pieces -> (12, unit or "quả")."""
    return display_amount(amount, kind, unit)


def _read(text: str, catalogue: Sequence[ProductEntry], now: datetime) -> HarvestReading:
    if not isinstance(text, str) or not text.strip():
        return HarvestReading(done=HarvestParse(status="invalid", problem="no_text"))
    if len(text.strip()) > MAX_LENGTH:
        return HarvestReading(done=HarvestParse(status="invalid", problem="too_long"))
    nfc = unicodedata.normalize("NFC", text)
    tokens = words(nfc)
    if not any(t.kind in ("word", "number", "slash") for t in tokens):
        return HarvestReading(done=HarvestParse(status="invalid", problem="no_text"))
    today = local_today(now)
    chunks = chunk_message(tokens, catalogue, today)
    money = [c for c in chunks if c.kind == "money"]
    if money:  # money is never a quantity: a price, a price question, or a slip to ask about
        detail = ", ".join(nfc[tokens[c.start].start : tokens[c.end - 1].end] for c in money)
        return HarvestReading(done=HarvestParse(status="not_harvest", problem="money",
                                                detail=detail))
    drafts = pair_up(chunks, tokens)
    if not drafts or _is_question(tokens, chunks):
        return HarvestReading(done=HarvestParse(status="not_harvest"))
    plan = plan_words(nfc, tokens, chunks)
    if plan is not None:  # "mai em hái 30kg chè": still to come, so nothing to record yet
        return HarvestReading(done=HarvestParse(status="not_harvest", problem="future",
                                                detail=plan))
    context = Context(
        catalogue=catalogue,
        today=today,
        usual={},
        text=nfc,
        offsets=[(t.start, t.end) for t in tokens],
    )
    return HarvestReading(drafts=tuple(cover(nfc, tokens, chunks, drafts)), context=context)


def _is_question(tokens: Sequence[Word], chunks: Sequence[Chunk]) -> bool:
    """A message that asks rather than reports: "giá chè bao nhiêu?", "chè mấy nghìn"."""
    how_much = any(a.key == "bao" and b.key == "nhieu" for a, b in pairwise(tokens))
    if how_much or any(t.raw in ASKING_WORDS for t in tokens):
        return True
    if any(t.kind == "sep" and "?" in t.raw for t in tokens):
        return True
    if any(c.kind == "quantity" for c in chunks):
        return False
    return any(t.raw in QUESTION_WORDS or t.key in QUESTION_WORDS for t in tokens)


def _asked(found: HarvestParse, typed: str) -> HarvestParse:
    """A reading of the spelled-out message, every sure item turned into a question whose
    one option is that reading: "chef 30kg" asks "Chè búp tươi · 30 kg?"."""
    words_typed = " ".join(spelled_words(typed)) or typed
    questions = [Question(field="words", reason="unclear_words", item=item.index, text=typed,
                          options=[item], leftover=words_typed) for item in found.items]
    # the spelled reading's own questions quote what the person typed ("kiaa", not "kiâ")
    own = [q.model_copy(update={"text": typed.strip(), "leftover": as_typed(q.leftover, typed)})
           for q in found.questions]
    merged = sorted(questions + own, key=lambda q: q.item)
    return HarvestParse(status="ask", items=[], questions=merged)


def _collect(drafts: list[Draft], context: Context) -> HarvestParse:
    items: list[HarvestItem] = []
    questions: list[Question] = []
    for index, draft in enumerate(drafts):
        outcome = read_draft(draft, index, context)
        if outcome.problem is not None:
            detail = outcome.detail or context.fragment(draft)
            return HarvestParse(status="invalid", problem=outcome.problem, detail=detail)
        if outcome.question is not None:
            questions.append(outcome.question)
        elif outcome.item is not None:
            items.append(outcome.item)
    status: Status = "ask" if questions else "ok"
    return HarvestParse(status=status, items=items, questions=questions)
