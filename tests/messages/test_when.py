"""Days named relative to the send time (Saturday 21/11/2026, 09:30 in Hà Nội time)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from messages.when import local_today, read_day

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = date(2026, 11, 21)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


PAST = [
    ("hôm nay", TODAY),
    ("hom nay", TODAY),
    ("hnay", TODAY),
    ("bữa nay", TODAY),
    ("sáng nay", TODAY),
    ("chiều nay", TODAY),
    ("tối nay", TODAY),
    ("hôm qua", ago(1)),
    ("hom qua", ago(1)),
    ("hqua", ago(1)),
    ("bữa qua", ago(1)),
    ("tối qua", ago(1)),
    ("toi qua", ago(1)),
    ("chiều qua", ago(1)),
    ("sáng qua", ago(1)),
    ("đêm qua", ago(1)),
    ("tối hôm qua", ago(1)),
    ("hôm kia", ago(2)),
    ("hom kia", ago(2)),
    ("hôm kìa", ago(3)),
    ("3 hôm trước", ago(3)),
    ("hai ngày trước", ago(2)),
    ("20/11", ago(1)),
    ("20-11", ago(1)),
    ("20/11/2026", ago(1)),
    ("20/11/26", ago(1)),
    ("2026-11-20", ago(1)),
    ("ngày 20", ago(1)),
    ("ngay 20", ago(1)),
    ("ngày 20/11", ago(1)),
    ("ngày 20 tháng 11", ago(1)),
    ("20 tháng 11", ago(1)),
    ("mùng 5", date(2026, 11, 5)),
    ("20/11/2025", date(2025, 11, 20)),
    ("thứ hai", ago(5)),
    ("thu hai", ago(5)),
    ("thứ 2", ago(5)),
    ("t2", ago(5)),
    ("T2", ago(5)),
    ("thứ ba", ago(4)),
    ("t3", ago(4)),
    ("thứ tư", ago(3)),
    ("thu tu", ago(3)),
    ("thứ năm", ago(2)),
    ("thu nam", ago(2)),
    ("thứ sáu", ago(1)),
    ("thu sau", ago(1)),
    ("thứ bảy", TODAY),  # today is Saturday
    ("t7", TODAY),
    ("chủ nhật", ago(6)),
    ("chu nhat", ago(6)),
    ("cn", ago(6)),
    ("CN", ago(6)),
    ("thứ hai tuần trước", ago(12)),
    ("chủ nhật tuần trước", ago(6)),  # weeks run Monday to Sunday
    ("thứ bảy tuần trước", ago(7)),
    ("thứ hai tuần này", ago(5)),
    ("ngày 31", date(2026, 10, 31)),  # November has no 31st: last month's
]


@pytest.mark.parametrize(("text", "day"), PAST)
def test_days_in_the_past(text: str, day: date) -> None:
    reading = read_day(text, NOW)
    assert reading is not None, text
    assert (reading.day, reading.future, reading.vague) == (day, False, False)


@pytest.mark.parametrize(
    ("text", "day", "alternatives"),
    [
        ("ngày mai", TODAY + timedelta(1), ()),
        ("sáng mai", TODAY + timedelta(1), ()),
        ("25/11", date(2026, 11, 25), (date(2025, 11, 25),)),
        ("ngày 25", date(2026, 11, 25), (date(2026, 10, 25),)),
        ("1/1/2027", date(2027, 1, 1), ()),
        ("chủ nhật tuần này", TODAY + timedelta(1), ()),
    ],
)
def test_future_days_are_flagged_not_refused(text: str, day: date, alternatives: tuple) -> None:
    reading = read_day(text, NOW)
    assert reading is not None and reading.future
    assert (reading.day, reading.alternatives) == (day, alternatives)


def test_vague_days_offer_alternatives() -> None:
    other_day = read_day("hôm trước", NOW)
    assert other_day is not None and other_day.vague
    assert [other_day.day, *other_day.alternatives] == [ago(1), ago(2), ago(3)]
    last_week = read_day("tuần trước", NOW)
    assert last_week is not None and last_week.vague
    assert [last_week.day, *last_week.alternatives] == [ago(12 - n) for n in range(7)]


@pytest.mark.parametrize(
    "text",
    [
        "thu 2 ta che",  # "collect 2 tạ of tea", not Monday
        "thu ba chuc ky",
        "thu hoạch",
        "30 kg",
        "1/2 tạ",
        "30-40 kg",
        "chè",
        "",
        "tôi qua",  # "I come over"
        "năm nay",
    ],
)
def test_not_days(text: str) -> None:
    assert read_day(text, NOW) is None


@pytest.mark.parametrize("text", ["31/11", "30/2", "ngày 0", "45/13"])
def test_impossible_dates_read_as_none(text: str) -> None:
    assert read_day(text, NOW) is None


def test_today_is_the_local_day() -> None:
    late = datetime(2026, 11, 21, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert local_today(late) == TODAY
    assert read_day("hôm qua", late) == read_day("hôm qua", NOW)
