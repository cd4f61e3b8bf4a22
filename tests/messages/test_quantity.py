"""Numbers and units the Vietnamese way, read exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from messages.quantity import parse_number, parse_quantity, to_base, unit_named


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("30", ["30"]),
        ("25,5", ["25.5"]),
        ("25.5", ["25.5"]),
        ("1,2", ["1.2"]),
        ("1.200", ["1.2", "1200"]),  # thousands dot or decimal point: both
        ("1,500", ["1.5", "1500"]),
        ("0,500", ["0.5"]),  # no thousands group starts with 0
        ("10.500", ["10.5", "10500"]),
        ("1.2345", ["1.2345"]),
        ("1.200.000", ["1200000"]),
        ("1,200,000", ["1200000"]),
        ("1.200,5", ["1200.5"]),
        ("1,200.5", ["1200.5"]),
        ("1.2.3", []),
        ("1.200,5,3", []),
        ("12.34.567", []),
        ("abc", []),
    ],
)
def test_parse_number(text: str, readings: list[str]) -> None:
    assert parse_number(text) == [Decimal(r) for r in readings]


# text -> (readings in the typed unit, unit name or None, base units per reading)
QUANTITIES = [
    ("30", (["30"], None, None)),
    ("25,5 kg", (["25.5"], "kg", [25500])),
    ("25.5kg", (["25.5"], "kg", [25500])),
    ("1.200 kg", (["1.2", "1200"], "kg", [1200, 1_200_000])),
    ("1,2 tạ", (["1.2"], "tạ", [120_000])),
    ("2 yến rưỡi", (["2.5"], "yến", [25_000])),
    ("1 tấn 2", (["1.2"], "tấn", [1_200_000])),
    ("1 tấn 250", (["1.250"], "tấn", [1_250_000])),
    ("3 tạ 50", (["3.50"], "tạ", [350_000])),
    ("3 tạ 5", (["3.5"], "tạ", [350_000])),
    ("1 tạ rưỡi", (["1.5"], "tạ", [150_000])),
    ("2kg3", (["2.3"], "kg", [2300])),
    ("2 ký 3 lạng", (["23"], "lạng", [2300])),
    ("1 tạ 2 yến", (["12"], "yến", [120_000])),
    ("3 tạ 50 ký", (["350"], "kg", [350_000])),
    ("ba chục ký", (["30"], "kg", [30_000])),
    ("3 chục kg", (["30"], "kg", [30_000])),
    ("mười lăm", (["15"], None, None)),
    ("hai mươi", (["20"], None, None)),
    ("hai mươi mốt", (["21"], None, None)),
    ("hai lăm ký", (["25"], "kg", [25_000])),
    ("năm chục", (["50"], None, None)),
    ("một trăm", (["100"], None, None)),
    ("một trăm linh năm ký", (["105"], "kg", [105_000])),
    ("ba trăm năm", (["350"], None, None)),
    ("trăm rưỡi ký", (["150"], "kg", [150_000])),
    ("hai nghìn", (["2000"], None, None)),
    ("nửa tạ", (["0.5"], "tạ", [50_000])),
    ("nửa ký", (["0.5"], "kg", [500])),
    ("năm", (["5"], None, None)),
    ("500g", (["500"], "g", [500])),
    ("5 lạng", (["5"], "lạng", [500])),
    ("2 lít rưỡi", (["2.5"], "lít", [2500])),
    ("5l", (["5"], "lít", [5000])),
    ("300 ml", (["300"], "ml", [300])),
    ("50 quả", (["50"], "quả", [50])),
    ("50 trái", (["50"], "quả", [50])),
    ("3 buồng", (["3"], "buồng", [3])),
    ("1/2 tạ", (["0.5"], "tạ", [50_000])),
    ("30 cân", (["30"], "kg", [30_000])),
    ("30 ky", (["30"], "kg", [30_000])),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_parse_quantity(text: str, expected: tuple) -> None:
    readings, unit_name, base = expected
    found = parse_quantity(text)
    assert found is not None and found.what == "amount"
    assert list(found.values) == [Decimal(r) for r in readings]
    assert (found.unit.name if found.unit else None) == unit_name
    if found.unit is not None:
        assert [to_base(v, found.unit) for v in found.values] == base


@pytest.mark.parametrize(
    ("text", "what"),
    [("25k", "money"), ("25.000đ", "money"), ("25 nghìn đồng", "money"),
     ("25 nghìn/kg", "money"), ("2 triệu", "money"), ("7h", "time"), ("7h30", "time"),
     ("6g30", "time"), ("7 giờ", "time")],
)
def test_money_and_times_are_not_amounts(text: str, what: str) -> None:
    found = parse_quantity(text)
    assert found is not None and found.what == what


@pytest.mark.parametrize(
    "text",
    ["hai", "nam", "ba", "hái", "nấm", "bà", "nữa", "nửa", "tầm 30", "chè", "", "năm nay"],
)
def test_words_that_are_not_numbers_here(text: str) -> None:
    found = parse_quantity(text)
    assert found is None or found.start > 0  # "tầm 30": the amount is the 30, not "tầm"


def test_ranges_negatives_and_ambiguity_are_kept() -> None:
    ranged = parse_quantity("30-40 kg")
    assert ranged is not None and ranged.range and not ranged.ambiguous
    assert ranged.values == (Decimal(30), Decimal(40))
    negative = parse_quantity("-5 kg")
    assert negative is not None and negative.negative
    ambiguous = parse_quantity("1.500")
    assert ambiguous is not None and ambiguous.ambiguous and ambiguous.unit is None


def test_a_number_before_a_bigger_unit_starts_the_next_amount() -> None:
    first = parse_quantity("30kg 2 tạ")
    assert first is not None and first.values == (Decimal(30),) and first.end == 2


def test_to_base_refuses_fractions_of_a_base_unit() -> None:
    gram = unit_named("g")
    kg = unit_named("kg")
    assert gram is not None and kg is not None
    assert to_base(Decimal("1.5"), gram) is None
    assert to_base(Decimal("1.2345"), kg) is None
    assert to_base(Decimal("1.234"), kg) == 1234
    assert isinstance(to_base(Decimal("2.5"), kg), int)


@pytest.mark.parametrize(
    ("name", "factor", "kind"),
    [("kg", 1000, "weight"), ("tạ", 100_000, "weight"), ("tấn", 1_000_000, "weight"),
     ("yến", 10_000, "weight"), ("lạng", 100, "weight"), ("g", 1, "weight"),
     ("lít", 1000, "volume"), ("ml", 1, "volume"), ("quả", 1, "count"), ("bó", 1, "count")],
)
def test_unit_named(name: str, factor: int, kind: str) -> None:
    unit = unit_named(name)
    assert unit is not None and (unit.factor, unit.kind) == (factor, kind)


@pytest.mark.parametrize(
    "text", ["1000000000 kg", "1.000.000.000 kg", "99999999999999999999999999999999 tấn",
             "-5000000000 g", "1000000000"])
def test_a_billion_or_more_is_too_big_and_has_no_reading(text: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.too_big and quantity.values == ()


def test_just_under_a_billion_is_read() -> None:
    quantity = parse_quantity("999.999.999 g")
    assert quantity is not None and not quantity.too_big
    assert quantity.values == (Decimal(999999999),)
