"""Typed results of reading a harvest message (see messages.harvest.parse_harvest)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.quantity import Kind

Status = Literal["ok", "ask", "invalid", "not_harvest"]
Field = Literal["number", "product", "date", "plausibility", "words"]
Problem = Literal[
    "no_text",  # empty, or only emoji / symbols
    "too_long",  # more than MAX_LENGTH characters
    "no_number",  # a product without an amount ("chè")
    "no_product",  # an amount without a product ("30kg")
    "zero_or_negative",  # "chè 0kg", "chè -5kg"
    "unknown_product",  # an unknown name with a bare number ("xoài 20")
    "unit_mismatch",  # a unit the product is not counted in ("50 quả chè")
    "too_big",  # a number of a billion or more ("chè 1000000000000 kg")
    "bad_number",  # digits that make no number, or not whole in base units ("1.2.3 kg")
    "bad_date",  # a date that does not exist ("31/2") or "tuần trước" alone
    "future",  # still to come ("mai em hái 30kg chè", "tuần sau giao 2 tạ quế")
    "money",  # money in it ("chè 25k", "na 1 triệu rưỡi một tạ"): never a harvest
    "unknown_unit",  # a word the bot does not know in the place of a unit ("chè 4 thúng")
    "unclear",  # an unknown name among other unknown words ("rắc vôi 1 tạ lô 2")
    "unreadable",  # an internal error; never expected
]
Reason = Literal[
    "ambiguous_number",  # "1.500 kg": 1,5 or 1500
    "number_range",  # "30-40 kg"
    "unknown_product",  # "xoài 20kg": not in the catalogue
    "ambiguous_product",  # "trà 30kg": fresh or dried tea
    "over_max",  # above the product's max_per_entry
    "over_usual",  # above 5 x this member's usual amount
    "future_date",  # a day after today
    "vague_date",  # "hôm trước", "tuần trước"
    "conflicting_date",  # two different days for one item ("hôm qua 15/11")
    "alternative",  # two amounts offered: "quế 2 hay 3 tạ", "na 40kg à không 45kg"
    "unclear_words",  # words nothing explains beside the item ("hum wa na 20 ký")
    "no_unit",  # "quế 2" without a unit, from a member who delivers 2 tạ: 2 kg or 2 tạ
    "repeat",  # the very entries of the member's last message, minutes later: sent twice?
    "other_person",  # "Lan 30kg chè", "bà Tư 20kg quế": a person named, maybe not the sender
]
Flag = Literal["over_max", "over_usual", "future"]


class HarvestItem(BaseModel):
    """One reading of one product delivered: amount in base units (g, ml, pieces)."""

    model_config = ConfigDict(frozen=True)

    index: int  # position of the item in the message, 0-based
    product_id: int
    product_name: str
    amount: int
    kind: Kind
    unit: str  # the product's unit, for display
    plot: str | None = None  # "lô 3", "thửa 12", "vườn A"
    day: date
    flags: tuple[Flag, ...] = ()  # why this reading is unusual, if it is


class Question(BaseModel):
    """Something unsure about item `item`; each option is a complete reading of it."""

    model_config = ConfigDict(frozen=True)

    field: Field
    reason: Reason
    item: int
    text: str  # what the member typed for this item, e.g. "1.500 kg chè"
    options: list[HarvestItem]
    leftover: str = ""  # for unclear_words: the words not understood, as typed


class HarvestParse(BaseModel):
    """The reading of a message.

    ok: `items` are all sure. ask: `items` are the sure ones, `questions` the rest (one per
    unsure item; record the chosen option with the sure items, in `index` order).
    invalid: nothing to record, `problem` says why and `detail` quotes the part.
    not_harvest: the message is about something else.
    """

    model_config = ConfigDict(frozen=True)

    status: Status
    items: list[HarvestItem] = []
    questions: list[Question] = []
    problem: Problem | None = None
    detail: str | None = None
