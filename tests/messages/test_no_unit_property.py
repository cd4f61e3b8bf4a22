"""A number typed without a unit: never recorded in kg when the member's usual amount says
it was likely meant in yến, tạ or tấn."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from messages.harvest import parse_harvest
from messages.harvest_items import USUAL_FACTOR
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


def test_without_a_usual_amount_a_bare_number_is_the_products_unit():
    found = parse_harvest("quế 2", CATALOGUE, NOW, usual={})
    assert found.status == "ok" and found.items[0].amount == 2000
