"""Turn paired drafts into sure items, questions with full alternative readings, or a problem.

The rule: never record a number that might be wrong. Several readings of a number, an
unknown or ambiguous product, an implausible amount or a day in the future all become a
question whose options are complete items, so the answer can be recorded as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import product as cartesian

from messages.harvest_chunks import Chunk
from messages.harvest_models import Field, Flag, HarvestItem, Problem, Question, Reason
from messages.harvest_pairs import Draft
from messages.products import ProductEntry, rank_products
from messages.quantity import Quantity, Unit, to_base, unit_named

USUAL_FACTOR = 5  # more than this times a member's usual amount is worth a question
# A member with no usual amount yet: a bare number whose kg reading is under the product's
# limit / NO_HISTORY_FLOOR ("quế 2": 2 kg of a product delivered by the tạ, up to 2 tấn)
# is asked when it reads within the limit in yến, tạ or tấn; limit / NO_HISTORY_TYPICAL
# stands in for the usual amount that orders those readings ("chè 30" is recorded).
NO_HISTORY_FLOOR = 100
NO_HISTORY_TYPICAL = 10


@dataclass
class Outcome:
    """What one draft gives: a sure item, a question, or a problem."""

    item: HarvestItem | None = None
    question: Question | None = None
    problem: Problem | None = None
    detail: str | None = None  # the words a problem is about, when not the whole item


@dataclass
class Context:
    """What every draft of one message shares."""

    catalogue: Sequence[ProductEntry]
    today: date
    usual: Mapping[int, int]
    text: str  # the NFC message
    offsets: list[tuple[int, int]]  # character span of each token

    def fragment(self, draft: Draft) -> str:
        start = self.offsets[draft.start][0]
        end = self.offsets[draft.end - 1][1]
        return self.text[start:end].strip()

    def words_of(self, chunks: Sequence[Chunk]) -> str:
        """The chunks as typed, in message order: "hum wa", "lô 4", "<b>chè</b>" (chunks with
        no space between them are quoted with what lies between)."""
        spans: list[list[int]] = []
        for chunk in sorted(chunks, key=lambda c: c.start):
            start, end = self.offsets[chunk.start][0], self.offsets[chunk.end - 1][1]
            if spans and not any(ch.isspace() for ch in self.text[spans[-1][1] : start]):
                spans[-1][1] = end
            else:
                spans.append([start, end])
        return " ".join(self.text[s:e] for s, e in spans)


def read_draft(draft: Draft, index: int, context: Context) -> Outcome:
    """The outcome of draft number `index`: alternatives and leftovers (see
    messages.harvest_cover) turn a sure reading into a question quoting them."""
    if draft.unit_word is not None and draft.product is not None:
        return Outcome(problem="unknown_unit", detail=context.words_of([draft.unit_word]))
    outcome = _alternatives(draft, index, context) if draft.alternatives else None
    outcome = outcome or _read_one(draft, index, context)
    if not draft.leftover or outcome.problem is not None:
        return outcome
    if outcome.question is not None and outcome.question.reason == "unknown_product":
        # an unknown name among words the bot does not know: no one-tap guess from the
        # whole catalogue ("rắc vôi 1 tạ lô 2" is no harvest of any product)
        return Outcome(problem="unclear", detail=context.text.strip())
    named = {id(c) for c in draft.named}
    if outcome.item is not None and all(id(c) in named for c in draft.leftover):
        # "Lan 30kg chè": whose harvest is it? (the handler knows the sender's own name)
        return Outcome(question=Question(field="words", reason="other_person", item=index,
                                         text=context.text.strip(), options=[outcome.item],
                                         leftover=context.words_of(draft.named)))
    options = outcome.question.options if outcome.question else [outcome.item]
    question = Question(field="words", reason="unclear_words", item=index,
                        text=context.text.strip(), options=[o for o in options if o],
                        leftover=context.words_of(draft.leftover))
    return Outcome(question=question)


def _alternatives(draft: Draft, index: int, context: Context) -> Outcome:
    """ "quế 2 hay 3 tạ": every reading of each amount offered, a bare number taking the
    unit typed with the other ("2 hay 3 tạ" is 2 tạ or 3 tạ)."""
    chunks = [c for c in (draft.quantity, *draft.alternatives) if c and c.quantity]
    typed = next((c.quantity.unit for c in chunks if c.quantity and c.quantity.unit), None)
    options: list[HarvestItem] = []
    for chunk in chunks:
        assert chunk.quantity is not None
        quantity = chunk.quantity
        if quantity.unit is None and typed is not None:
            quantity = quantity.model_copy(update={"unit": typed})
        one = replace(draft, quantity=replace(chunk, quantity=quantity), alternatives=[],
                      leftover=[])
        outcome = _read_one(one, index, context)
        if outcome.problem is not None:
            return outcome
        found = outcome.question.options if outcome.question else [outcome.item]
        options.extend(o for o in found if o is not None and o not in options)
    question = Question(field="number", reason="alternative", item=index,
                        text=context.fragment(draft), options=options)
    return Outcome(question=question)


def _read_one(draft: Draft, index: int, context: Context) -> Outcome:
    quantity = draft.quantity.quantity if draft.quantity else None
    if quantity is None:
        return Outcome(problem="no_number")
    if draft.unit_word is not None:
        return Outcome(problem="unknown_unit", detail=context.words_of([draft.unit_word]))
    if draft.day is not None and draft.day.reading is None:
        return Outcome(problem="bad_date")
    if quantity.negative:
        return Outcome(problem="zero_or_negative")
    if quantity.too_big:
        return Outcome(problem="too_big")
    if not quantity.values:
        return Outcome(problem="bad_number")
    products, product_reason = _products(draft, quantity, context)
    if not products:
        return Outcome(problem=product_reason or "no_product")  # type: ignore[arg-type]
    fitting = [p for p in products if _unit(p, quantity) is not None]
    if not fitting:
        return Outcome(problem="unit_mismatch")
    readings: list[tuple[ProductEntry, list[int]]] = []
    for entry in fitting:
        amounts = _amounts(entry, quantity)
        if amounts:
            readings.append((entry, amounts))
    if not readings:
        return Outcome(problem="bad_number")
    if all(a <= 0 for _, amounts in readings for a in amounts):
        return Outcome(problem="zero_or_negative")
    return _decide(draft, index, context, readings, product_reason, quantity)


def _products(
    draft: Draft, quantity: Quantity, context: Context
) -> tuple[list[ProductEntry], str | None]:
    """Candidate products, and why there are several ("ambiguous_product"/"unknown_product")."""
    if draft.product is not None and draft.product.product is not None:
        found = draft.product.product.products
        return list(found), ("ambiguous_product" if len(found) > 1 else None)
    if draft.unknown is None:
        return [], "no_product"
    if quantity.unit is None:
        return [], "unknown_product"
    name = context.fragment(Draft(chunks=[draft.unknown]))
    return rank_products(name, context.catalogue, quantity.unit.kind), "unknown_product"


def _unit(entry: ProductEntry, quantity: Quantity) -> Unit | None:
    """The unit the amount is in for this product, None when they do not fit together."""
    own = unit_named(entry.unit) or Unit(name=entry.unit, kind=entry.kind, factor=1)
    typed = quantity.unit
    if typed is None:
        return own
    if typed.kind != entry.kind:
        return None
    if typed.kind == "count" and own.kind == "count" and typed.name != own.name:
        return None  # 3 buồng is not 3 quả
    return typed


def _amounts(entry: ProductEntry, quantity: Quantity) -> list[int]:
    unit = _unit(entry, quantity)
    assert unit is not None
    found = [to_base(value, unit) for value in quantity.values]
    return [a for a in dict.fromkeys(found) if a is not None]


def _flags(entry: ProductEntry, amount: int, usual: Mapping[int, int]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if entry.max_per_entry is not None and amount > entry.max_per_entry:
        flags.append("over_max")
    typical = usual.get(entry.id)
    if typical and typical > 0 and amount > USUAL_FACTOR * typical:
        flags.append("over_usual")
    return tuple(flags)


def _decide(
    draft: Draft,
    index: int,
    context: Context,
    readings: list[tuple[ProductEntry, list[int]]],
    product_reason: str | None,
    quantity: Quantity,
) -> Outcome:
    """A sure item, or one question (the most basic doubt first) with every reading."""
    chosen, number_reason = _numbers(readings, quantity, context)
    days, day_reason = _days(draft, context)
    options = [
        _item(index, entry, amount, day, draft.plot, context)
        for (entry, amount), day in cartesian(chosen, days)
    ]
    flagged = [o for o in options if any(f != "future" for f in o.flags)]
    plausibility: Reason | None = None
    if flagged and number_reason is None:
        plausibility = "over_max" if "over_max" in flagged[0].flags else "over_usual"
    asks: list[tuple[Field, Reason | None]] = [
        ("product", product_reason),  # type: ignore[list-item]
        ("number", number_reason),
        ("plausibility", plausibility),
        ("date", day_reason),
    ]
    for field_name, reason in asks:
        if reason is not None:
            text = context.fragment(draft)
            question = Question(
                field=field_name, reason=reason, item=index, text=text, options=options
            )
            return Outcome(question=question)
    return Outcome(item=options[0])


def _numbers(
    readings: list[tuple[ProductEntry, list[int]]], quantity: Quantity, context: Context
) -> tuple[list[tuple[ProductEntry, int]], Reason | None]:
    """The (product, amount) readings left, and why there are several amounts if so.

    A unit and a thousands dot ("1.200 kg") is the Vietnamese way of writing 1200: that
    reading alone, asked about only when it is implausible (over the product's limit or the
    member's habit). Other numbers with two readings and a unit ("1,500 kg"): the thousands
    reading when it is the only plausible one, else ask. Without a unit ("chè 1.500")
    always ask; a range always asks.
    """
    reason: Reason | None = None
    chosen: list[tuple[ProductEntry, int]] = []
    for entry, amounts in readings:
        amounts = [a for a in amounts if a > 0]
        if quantity.range:
            reason = "number_range"
        elif len(amounts) > 1 and quantity.unit is not None and quantity.grouped:
            amounts = [max(amounts)]  # "1.200 kg": a unit and a thousands dot, so 1200 kg
        elif len(amounts) > 1 and quantity.unit is not None:
            plausible = [a for a in amounts if not _flags(entry, a, context.usual)]
            if len(plausible) == 1 and plausible[0] == max(amounts):
                amounts = plausible
            else:
                reason = "ambiguous_number"
        elif len(amounts) > 1:
            reason = "ambiguous_number"
        elif quantity.unit is None and len(amounts) == 1:
            bigger = _bigger_units(entry, quantity, amounts[0], context.usual)
            if bigger:  # "quế 2" from a member who delivers 2 tạ: 2 kg is not sure
                amounts = [*bigger, amounts[0]]
                reason = "no_unit"
        chosen.extend((entry, a) for a in amounts)
    return chosen, reason


# Units a bare number may have been meant in when the product is counted in kg.
_BIGGER = tuple(unit for unit in map(unit_named, ("yến", "tạ", "tấn")) if unit is not None)


def _bigger_units(
    entry: ProductEntry, quantity: Quantity, amount: int, usual: Mapping[int, int]
) -> list[int]:
    """The readings of a number typed without a unit in a larger unit than the product's kg,
    when the kg reading is far below the member's usual amount and a larger one is within
    it: "quế 2" from someone who delivers 2 tạ each time. Closest to the usual first.
    Without a usual amount, the product's limit gives the range (NO_HISTORY_FLOOR)."""
    if entry.kind != "weight" or entry.unit != "kg":
        return []
    typical = usual.get(entry.id)
    if typical:
        low, high = typical / USUAL_FACTOR, typical * USUAL_FACTOR
    elif entry.max_per_entry:  # no habit yet: the product's own range stands in for it
        typical = entry.max_per_entry // NO_HISTORY_TYPICAL
        low, high = entry.max_per_entry / NO_HISTORY_FLOOR, entry.max_per_entry
    else:
        return []
    if amount >= low or len(quantity.values) != 1:
        return []
    found = [to_base(quantity.values[0], unit) for unit in _BIGGER]
    fits = [a for a in found if a is not None and low <= a <= high]
    return sorted(fits, key=lambda a: max(a, typical) / min(a, typical))


def _days(draft: Draft, context: Context) -> tuple[list[date], Reason | None]:
    """The day or days an item may be from, and why there are several."""
    reading = draft.day.reading if draft.day else None
    if reading is None:
        return [context.today], None
    others = [d.reading.day for d in draft.other_days if d.reading is not None]
    if others:
        return list(dict.fromkeys([reading.day, *others])), "conflicting_date"
    if reading.vague or reading.future:
        reason: Reason = "vague_date" if reading.vague else "future_date"
        days = [reading.day, *reading.alternatives]
        if reading.future:  # "ngày mai" typed for today's picking: today is a choice too
            days.append(context.today)
        return list(dict.fromkeys(days)), reason
    return [reading.day], None


def _item(
    index: int,
    entry: ProductEntry,
    amount: int,
    day: date,
    plot: str | None,
    context: Context,
) -> HarvestItem:
    flags = _flags(entry, amount, context.usual)
    if day > context.today:
        flags = (*flags, "future")
    return HarvestItem(
        index=index,
        product_id=entry.id,
        product_name=entry.name,
        amount=amount,
        kind=entry.kind,
        unit=entry.unit,
        plot=plot,
        day=day,
        flags=flags,
    )


def display_amount(amount: int, kind: str, unit: str | None = None) -> tuple[Decimal, str]:
    """An amount in base units shown in a sensible unit (see messages.harvest)."""
    if kind == "weight":
        return (_exact(Decimal(amount) / 1000), "kg") if abs(amount) >= 1000 else (
            Decimal(amount),
            "g",
        )
    if kind == "volume":
        return (_exact(Decimal(amount) / 1000), "lít") if abs(amount) >= 1000 else (
            Decimal(amount),
            "ml",
        )
    return Decimal(amount), unit or "quả"


def _exact(value: Decimal) -> Decimal:
    """1.200 -> 1.2, 30.000 -> 30 (no exponent notation)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
