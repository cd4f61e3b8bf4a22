"""The catalogs agree with each other; numbers and money read the Vietnamese way."""

from __future__ import annotations

import random
import string
from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import parse_pattern

from messages import catalog_en, catalog_vi
from messages import format as fmt
from messages.commands import invite_code, parse_command
from messages.i18n import Texts


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_english_catalog_has_the_same_keys_and_placeholders():
    assert catalog_vi.TEXTS.keys() == catalog_en.TEXTS.keys()
    for key, template in catalog_vi.TEXTS.items():
        assert _fields(template) == _fields(catalog_en.TEXTS[key]), key


def test_texts_fill_templates_in_each_language():
    assert "Lan" in Texts("vi")("join.joined", name="Lan", org="HTX", role="thành viên")
    assert Texts("en").role("manager") == "manager"
    assert Texts("vi").role("staff") == "cán bộ Liên minh HTX"


@pytest.mark.parametrize(
    ("grams", "shown"),
    [(30_000, "30 kg"), (1_234_500, "1.234,5 kg"), (25_500, "25,5 kg"), (500, "500 g"),
     (1_000_001, "1.000,001 kg"), (0, "0 g")],
)
def test_weights(grams, shown):
    assert fmt.weight(grams) == shown


@pytest.mark.parametrize(("dong", "shown"), [(25_000, "25.000 đ"), (2_500_000, "2.500.000 đ"),
                                              (0, "0 đ")])
def test_money(dong, shown):
    assert fmt.money(dong) == shown


def test_numbers_and_days():
    assert fmt.number(Decimal("1234.5")) == "1.234,5"
    assert fmt.number(Decimal("1234.5"), "en_US") == "1,234.5"
    assert fmt.day(date(2026, 11, 1)) == "01/11/2026"
    assert fmt.short_day(date(2026, 11, 21)) == "21/11"


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [("/start ABC123", "start", "ABC123"), ("/START@htx_bot  abc123 ", "start", "abc123"),
     ("/toi", "toi", ""), ("/moi 5", "moi", "5")],
)
def test_commands(text, name, args):
    command = parse_command(text)
    assert command is not None and (command.name, command.args) == (name, args)


@pytest.mark.parametrize("text", ["hái 30kg chè", "", None, "/", "/ start", "a/b"])
def test_not_commands(text):
    assert parse_command(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("K7PM3X", "K7PM3X"), (" k7pm3x ", "K7PM3X"), ("k7p-m3x", "K7PM3X"), ("K7P M3X", "K7PM3X")],
)
def test_invite_codes(text, code):
    assert invite_code(text) == code


@pytest.mark.parametrize("text", ["chè 30kg", "K7PM3", "K7PM3XX", "", None, "xin chào bạn"])
def test_not_invite_codes(text):
    assert invite_code(text) is None


@pytest.mark.parametrize("locale", ["vi_VN", "en_US", "de_CH"])
def test_numbers_are_written_as_babel_writes_them(locale):
    generator = random.Random(20261123)
    values: list[int | float | Decimal] = [0, 1, -1, 999, 1000, -1234567, 10**15, 2.5, -0.125]
    edges = ("0.5", "2.345", "2.355", "-2.5", "1000.001", "0.0049", "-0.0049", "-0.4")
    values += [Decimal(t) for t in edges]
    values += [generator.randint(-10**9, 10**9) for _ in range(200)]
    values += [Decimal(generator.randint(-10**9, 10**9)).scaleb(-generator.randint(0, 5))
               for _ in range(400)]
    values += [generator.uniform(-1e6, 1e6) for _ in range(100)]
    for max_decimals in (0, 1, 2, 3):
        pattern = parse_pattern("#,##0" + ("." + "#" * max_decimals if max_decimals else ""))
        for value in values:
            babel = pattern.apply(value, locale)
            if babel.lstrip("-") == "0":
                babel = "0"  # Babel writes "-0" for -0.4; a person reads that as nothing: 0
            assert fmt.number(value, locale, max_decimals) == babel, value
