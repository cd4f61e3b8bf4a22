"""A period sent on its own is a question about it ("hôm kia", "tháng trước"), or asked back
when the bot cannot read it ("tuần trước nữa"); anything else in the message keeps it from
being one. Sent on Monday 23/11/2026."""

from __future__ import annotations

from datetime import date

import pytest

from messages.intent import classify
from messages.periods import question_period, read_bare_period

TODAY = date(2026, 11, 23)

PERIODS = [
    ("hôm kia", "21/11-21/11"),
    ("hom kia", "21/11-21/11"),
    ("hkia", "21/11-21/11"),
    ("hôm qua", "22/11-22/11"),
    ("hqua", "22/11-22/11"),
    ("tháng trước", "01/10-31/10"),
    ("thang truoc", "01/10-31/10"),
    ("tuần trước", "16/11-22/11"),
    ("còn tuần trước?", "16/11-22/11"),
    ("thế hôm kia thì sao ạ", "21/11-21/11"),
    ("cho xem tháng này", "01/11-23/11"),
    ("tháng 10", "01/10-31/10"),
    ("20/11", "20/11-20/11"),
    ("1/11-15/11", "01/11-15/11"),
    ("từ 1/11 đến nay", "01/11-23/11"),
    ("30 ngày", "25/10-23/11"),
    ("thứ hai tuần trước", "16/11-16/11"),
    ("t7", "21/11-21/11"),
    # a period named that the bot cannot read: asked back, never another period's answer
    ("tuần trước nữa", "asks"),
    ("tuan truoc nua", "asks"),
    ("tháng trước nữa", "asks"),
    ("năm nay", "asks"),
    ("ngày mai", "asks"),
    ("tuần sau", "asks"),  # no figures yet for a week to come
]

NOT_PERIODS = ["mai", "qua", "tối", "sang", "nấm", "30-40", "30 40", "- -", "chè",
               "hôm qua 30kg chè", "hôm qua hái chè", "quả", "cảm ơn", "dạ"]


@pytest.mark.parametrize(("text", "period"), PERIODS, ids=[t for t, _ in PERIODS])
def test_a_period_on_its_own_is_a_question_about_it(text, period) -> None:
    found = read_bare_period(text, TODAY)
    assert found is not None and classify(text, TODAY).kind == "period"
    if period == "asks":
        assert found.period is None and question_period(text, TODAY) is None
        return
    assert found.period is not None
    assert f"{found.period.first:%d/%m}-{found.period.last:%d/%m}" == period
    assert question_period(text, TODAY) == found.period


@pytest.mark.parametrize("text", NOT_PERIODS)
def test_other_short_messages_are_no_bare_period(text) -> None:
    assert read_bare_period(text, TODAY) is None
    assert classify(text, TODAY).kind != "period"
