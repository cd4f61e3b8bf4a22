"""A rule for every message: a harvest said to be still to come is never recordable, not at
once and not by one tap. Hypothesis takes messages the reader records for sure (the case
set's own) and puts a word of the future before or after them, with or without diacritics."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from messages.harvest import parse_harvest
from tests.messages.harvest_cases import CASES, CATALOGUE, NOW

# messages recorded at once, without asking (no "?", "!" or "-" part in what they expect)
SURE = [m for m, expected in CASES
        if not any(p.strip()[:1] in "?!-" for p in expected.split(" ; "))]
FUTURE = ["mai", "Mai", "ngày mai", "ngay mai", "sáng mai", "chiều mai", "tối mai", "mai kia",
          "ngày kia", "ngày mốt", "bữa mốt", "tuần sau", "tuan sau", "tuần tới", "tháng sau",
          "thang toi", "năm sau", "sẽ", "se", "sắp", "em sẽ"]


def test_there_are_enough_sure_messages_to_draw_from() -> None:
    assert len(SURE) >= 100


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.sampled_from(SURE), st.sampled_from(FUTURE), st.sampled_from(["start", "end"]))
def test_a_harvest_still_to_come_is_never_recordable(message, future, where) -> None:
    text = f"{future} {message}" if where == "start" else f"{message} {future}"
    found = parse_harvest(text, CATALOGUE, NOW)
    assert found.status in ("not_harvest", "invalid"), (text, found)
    assert not found.items and not found.questions, (text, found)


def test_a_product_named_with_mai_is_no_tomorrow() -> None:
    from messages.products import ProductEntry

    catalogue = [*CATALOGUE, ProductEntry(id=201, name="hoa mai", unit="cành", kind="count",
                                          max_per_entry=5000)]
    found = parse_harvest("hoa mai 30", catalogue, NOW)
    assert found.status == "ok" and [i.product_name for i in found.items] == ["hoa mai"]
    assert parse_harvest("mai giao hoa mai 30", catalogue, NOW).problem == "future"
