"""Prices as managers type them, and the bulletin-time setting."""

from __future__ import annotations

from datetime import date

import pytest

from messages.outbox import announce_action, read_bulletin_time
from messages.prices import is_price_text, read_price

TODAY = date(2026, 11, 23)  # a Monday

# text -> (product text, đồng, unit name or None, first day or None)
READ = [
    ("chè 25000", ("chè", 25_000, None, None)),
    ("chè 25.000", ("chè", 25_000, None, None)),
    ("chè 25.000đ", ("chè", 25_000, None, None)),
    ("chè 25.000 đồng/kg", ("chè", 25_000, "kg", None)),
    ("giá chè búp 25k", ("chè búp", 25_000, None, None)),
    ("gia che bup 25k", ("che bup", 25_000, None, None)),
    ("GIÁ CHÈ BÚP 25K", ("chè búp", 25_000, None, None)),
    ("giá thu mua chè búp 25 nghìn", ("chè búp", 25_000, None, None)),
    ("che bup 25 ngan mot can", ("che bup", 25_000, "kg", None)),
    ("chè 25k/kg", ("chè", 25_000, "kg", None)),
    ("chè 25k một ký", ("chè", 25_000, "kg", None)),
    ("chè 25k5", ("chè", 25_500, None, None)),
    ("chè 25,5k", ("chè", 25_500, None, None)),
    ("quế 2tr5/tạ", ("quế", 2_500_000, "tạ", None)),
    ("que 2tr5/ta", ("que", 2_500_000, "tạ", None)),
    ("quế 2,5tr/tạ", ("quế", 2_500_000, "tạ", None)),
    ("quế 2 triệu rưỡi một tạ", ("quế", 2_500_000, "tạ", None)),
    ("quế 2.500.000đ/tạ", ("quế", 2_500_000, "tạ", None)),
    ("na 15k/quả", ("na", 15_000, "quả", None)),
    ("chè 26k từ mai", ("chè", 26_000, None, date(2026, 11, 24))),
    ("chè 26k tu ngay mai", ("chè", 26_000, None, date(2026, 11, 24))),
    ("chè 26k từ 25/11", ("chè", 26_000, None, date(2026, 11, 25))),
    ("chè 26k áp dụng từ thứ tư", ("chè", 26_000, None, date(2026, 11, 25))),
    ("chè búp tươi 27.000 từ hôm nay", ("chè búp tươi", 27_000, None, TODAY)),
    ("chè 27k hôm nay", ("chè", 27_000, None, TODAY)),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[t for t, _ in READ])
def test_prices_are_read_exactly(text, expected):
    reading = read_price(text, TODAY)
    assert reading.problem is None
    name, dong, unit, start = expected
    assert (reading.product_text, reading.dong) == (name, dong)
    assert (reading.unit.name if reading.unit else None) == unit
    assert reading.start == start


PROBLEMS = [
    ("chè 25", "too_low"),  # 25 đ is surely 25k without its k: asked, never recorded
    ("chè 300", "too_low"),
    ("giá chè", "no_price"),
    ("giá 25k", "no_product"),
    ("chè 25,5", "bad_number"),  # 25,5 đồng is no price
    ("chè 1.2.3", "bad_number"),
    ("chè 5000tr", "too_high"),
    ("", "no_product"),
    # a day after the price without "từ": what it cost that day, or a price from then on?
    ("chè 26k hôm qua", "unclear"),  # was set from yesterday, repricing its deliveries
    ("chè 26k 25/11", "unclear"),
    ("chè 26k mai", "unclear"),
]


@pytest.mark.parametrize(("text", "problem"), PROBLEMS, ids=[t or "empty" for t, _ in PROBLEMS])
def test_doubtful_prices_are_refused_with_a_reason(text, problem):
    reading = read_price(text, TODAY)
    assert reading.problem == problem
    assert reading.dong is None


def test_a_price_without_its_k_suggests_the_price_with_it():
    assert read_price("chè 25", TODAY).suggestion == 25_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [("giá chè 25k", True), ("Gia che", True), ("GIÁ", True), ("hái 30kg chè", False),
     ("gia đình", True), (None, False), ("", False)],
)
def test_price_messages_start_with_gia(text, expected):
    assert is_price_text(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("giobantin 5:30", (5, 30)), ("giờ bản tin 5h30", (5, 30)), ("gio ban tin 6", (6, 0)),
     ("bản tin 05:15", (5, 15)), ("giờ gửi bản tin 6 giờ 15", (6, 15)), ("giobantin 5h", (5, 0)),
     ("giobantin 25:00", None), ("giobantin 6:75", None), ("giobantin", None),
     ("ngonngu en", "not_bulletin")],
)
def test_bulletin_time(text, expected):
    assert read_bulletin_time(text) == expected


@pytest.mark.parametrize(
    ("args", "action"),
    [("trangthai", "status"), ("trạng thái", "status"), ("", "usage"), ("  ", "usage"),
     ("Họp xã viên 8h sáng mai", "send")],
)
def test_announce_actions(args, action):
    assert announce_action(args) == action

