"""The catalogs agree with each other; numbers and money read the Vietnamese way."""

from __future__ import annotations

import random
import string
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from messages import catalog_en, catalog_vi
from messages import format as fmt
from messages.commands import MAX_ID, invite_code, parse_command, read_id
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


@pytest.mark.parametrize(
    ("value", "max_decimals", "vi", "en"),
    [
        (0, 2, "0", "0"),
        (-1, 2, "-1", "-1"),
        (999, 0, "999", "999"),
        (1000, 0, "1.000", "1,000"),
        (-1234567, 0, "-1.234.567", "-1,234,567"),
        (10**15, 0, "1.000.000.000.000.000", "1,000,000,000,000,000"),
        (2.5, 2, "2,5", "2.5"),
        (-0.125, 2, "-0,12", "-0.12"),  # half to even
        (Decimal("2.345"), 2, "2,34", "2.34"),
        (Decimal("2.355"), 2, "2,36", "2.36"),
        (Decimal("1000.001"), 3, "1.000,001", "1,000.001"),
        (Decimal("1000.001"), 2, "1.000", "1,000"),
        (Decimal("-0.0049"), 2, "0", "0"),  # never "-0": a person reads that as nothing
        (Decimal("-0.4"), 0, "0", "0"),
        (Decimal("1234.50"), 3, "1.234,5", "1,234.5"),  # no trailing zeros
    ],
)
def test_numbers_in_the_languages_the_bot_speaks(value, max_decimals, vi, en):
    assert fmt.number(value, "vi_VN", max_decimals) == vi
    assert fmt.number(value, "en_US", max_decimals) == en


def _read_back(shown: str, group: str, point: str) -> Decimal:
    return Decimal(shown.replace(group, "").replace(point, "."))


@pytest.mark.parametrize(("locale", "group", "point"), [("vi_VN", ".", ","), ("en_US", ",", ".")])
def test_numbers_read_back_as_the_rounded_value(locale, group, point):
    """Whatever the value, the text is grouped by threes and reads back as the value rounded."""
    generator = random.Random(20261123)
    values = [Decimal(generator.randint(-10**12, 10**12)).scaleb(-generator.randint(0, 6))
              for _ in range(2000)]
    for max_decimals in (0, 1, 2, 3):
        for value in values:
            shown = fmt.number(value, locale, max_decimals)
            rounded = value.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_EVEN)
            assert _read_back(shown, group, point) == rounded, (value, shown)
            whole = shown.lstrip("-").split(point)[0]
            assert all(len(part) == 3 for part in whole.split(group)[1:]), shown
            assert shown != "-0"


@pytest.mark.parametrize(
    ("text", "high", "low", "read"),
    [
        ("42", MAX_ID, 1, 42),
        ("0", MAX_ID, 1, None),
        ("0", 10, 0, 0),
        ("11", 10, 0, None),
        ("-3", MAX_ID, 1, None),
        ("4.2", MAX_ID, 1, None),
        ("²", MAX_ID, 1, None),  # str.isdigit() says yes; int() refuses it
        ("٣", MAX_ID, 1, None),
        (" 7", MAX_ID, 1, None),
        ("9223372036854775807", MAX_ID, 1, 2**63 - 1),
        ("9223372036854775808", MAX_ID, 1, None),  # SQLite's INTEGER ends here
        ("9" * 5000, MAX_ID, 1, None),
        ("", MAX_ID, 1, None),
        (None, MAX_ID, 1, None),
    ],
)
def test_read_id_takes_only_ids_a_row_can_have(text, high, low, read) -> None:
    assert read_id(text, high, low=low) == read


def test_a_clipped_quote_keeps_whole_words_and_says_it_was_cut():
    from messages.format import clipped

    assert clipped("chè 30kg", 80) == "chè 30kg"
    assert clipped("để em mang xuống điểm thu mua luôn ạ", 30) == "để em mang xuống điểm thu…"
    assert clipped("x" * 100, 10) == "x" * 9 + "…"  # no space: cut where it must
    for most in range(5, 60):
        text = "dạ hôm nay nhà em hái được 1 tạ 2 chè, để em mang xuống điểm ạ"
        assert len(clipped(text, most)) <= most
