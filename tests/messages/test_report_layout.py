"""The pieces of the files managers get: per-cell number formats, file names, chart labels."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from matplotlib import pyplot as plt

from messages.chart import PALETTE, Series, colour, daily_figure
from messages.i18n import Texts
from messages.workbook import amount_format, file_slug


@pytest.mark.parametrize(("value", "expected"), [
    (1200, "#,##0"), (Decimal("1200"), "#,##0"), (Decimal("1200.000"), "#,##0"),
    (Decimal("12.5"), "#,##0.0"), (Decimal("1.25"), "#,##0.00"), (0.125, "#,##0.000"),
    (Decimal("2E+3"), "#,##0"), (None, "General"), ("", "General"),
])
def test_a_quantity_gets_exactly_the_decimals_it_has(value, expected):
    assert amount_format(value) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Lò Thị Lan", "lo-thi-lan"), ("Nguyễn Văn Đức", "nguyen-van-duc"),
    ("  Hoa (tổ 2) ", "hoa-to-2"), ("Ê-đê H'Hen", "e-de-h-hen"), ("🌿", "-"),
])
def test_a_file_name_is_the_folded_name(name, expected):
    assert file_slug(name) == expected


@pytest.mark.parametrize("count", [1, 7, 30])
def test_each_day_is_labelled_once(count):
    last = date(2026, 11, 21)
    days = [last - timedelta(days=count - 1 - n) for n in range(count)]
    series = [Series("Chè búp tươi", 0, [float(n % 3) * 10 for n in range(count)]),
              Series("Quế vỏ", 2, [5.0] * count)]
    figure = daily_figure(Texts("vi"), "HTX", days, series, "kg")
    try:
        [axes] = figure.axes
        labels = [t.get_text() for t in axes.get_xticklabels()]
        if count == 1:  # one day: a bar per product, named under it
            assert labels == ["Chè búp tươi", "Quế vỏ"]
        else:
            assert labels == [f"{d.day:02d}/{d.month:02d}" for d in days]
            assert len(set(labels)) == count
            legend = [t.get_text() for t in axes.get_legend().get_texts()]
            assert legend == ["Chè búp tươi", "Quế vỏ"]
        colours = {tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in axes.patches}
        assert len(colours) == 2
    finally:
        plt.close(figure)


def test_a_key_always_has_the_same_colour():
    assert colour(2) == colour(2) == PALETTE[2]
    assert colour(len(PALETTE) + 1) == PALETTE[1]
    assert len(set(PALETTE)) == len(PALETTE)
