"""A number typed without a unit: never recorded in kg when the member's usual amount says
it was likely meant in yến, tạ or tấn."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from messages.harvest import parse_harvest
from messages.harvest_items import NO_HISTORY_FLOOR, USUAL_FACTOR
from tests.messages.harvest_cases import CATALOGUE, NOW

QUE = next(p for p in CATALOGUE if p.name == "quế vỏ")
FACTORS = (10, 100, 1000)  # yến, tạ, tấn in kg


@given(n=st.integers(1, 999), typical_kg=st.integers(1, 5000))
def test_a_bare_number_is_recorded_as_kg_only_when_no_larger_unit_is_likelier(n, typical_kg):
    typical = typical_kg * 1000
    low, high = typical / USUAL_FACTOR, typical * USUAL_FACTOR
    found = parse_harvest(f"quế {n}", CATALOGUE, NOW, usual={QUE.id: typical})
    kg = n * 1000
    likelier = [kg * f for f in FACTORS if low <= kg * f <= high]
    if found.status == "ok":
        assert [i.amount for i in found.items] == [kg]
        assert kg >= low or not likelier  # near the usual, or no other unit would be
        return
    [question] = found.questions
    amounts = [o.amount for o in question.options]
    if question.reason == "no_unit":
        assert kg < low and amounts[-1] == kg and sorted(amounts[:-1]) == sorted(likelier)
        # the reading nearest the usual amount comes first
        nearness = [max(a, typical) / min(a, typical) for a in amounts[:-1]]
        assert nearness == sorted(nearness)
    else:  # far above the usual: asked as before
        assert question.reason == "over_usual" and amounts == [kg]


WEIGHED = [p for p in CATALOGUE if p.kind == "weight" and p.unit == "kg" and p.max_per_entry]


@given(n=st.integers(1, 999), index=st.integers(0, len(WEIGHED) - 1))
def test_without_a_usual_amount_the_products_range_decides(n, index):
    """A member with no history: a bare number far below what the product is delivered in
    (under its limit / NO_HISTORY_FLOOR) is asked whenever yến, tạ or tấn would read within
    the limit; otherwise it is the product's kg."""
    entry = WEIGHED[index]
    assert entry.max_per_entry is not None
    name = entry.aliases[0] if entry.aliases else entry.name
    found = parse_harvest(f"{name} {n}", CATALOGUE, NOW, usual={})
    kg, limit = n * 1000, entry.max_per_entry
    likelier = [kg * f for f in FACTORS if limit / NO_HISTORY_FLOOR <= kg * f <= limit]
    if kg >= limit / NO_HISTORY_FLOOR or not likelier:
        if kg <= limit:
            assert found.status == "ok" and [i.amount for i in found.items] == [kg], name
        return
    [question] = found.questions
    amounts = [o.amount for o in question.options]
    assert question.reason == "no_unit" and found.items == []
    assert amounts[-1] == kg and sorted(amounts[:-1]) == sorted(likelier)


def test_a_product_without_a_limit_keeps_a_bare_number_in_its_unit():
    # (another id: a product's unit and limit never change, and the reader's index is kept
    # per ids, names and aliases)
    catalogue = [q.model_copy(update={"max_per_entry": None, "id": 9001}) if q.id == QUE.id
                 else q for q in CATALOGUE]
    found = parse_harvest("quế 2", catalogue, NOW, usual={})
    assert found.status == "ok" and found.items[0].amount == 2000


def test_an_ordinary_bare_number_of_a_new_member_is_recorded():
    for text, grams in (("chè 30", 30_000), ("che 45 lo 2", 45_000), ("quế vỏ 80", 80_000)):
        found = parse_harvest(text, CATALOGUE, NOW, usual={})
        assert found.status == "ok" and found.items[0].amount == grams, text


def test_a_small_bare_number_of_a_new_member_offers_the_product_range_first():
    for text in ("quế 2", "que vo 3", "quế vỏ 2 lô 1", "lúa 6"):
        found = parse_harvest(text, CATALOGUE, NOW, usual={})
        [question] = found.questions
        amounts = [o.amount for o in question.options]
        assert question.reason == "no_unit" and amounts[0] == amounts[-1] * 100, text
