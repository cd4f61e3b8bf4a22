"""What counts as a typed answer to the interval question, and what is read as usual."""

from __future__ import annotations

import pytest

from messages.diary import UNKNOWN, read_interval_answer


@pytest.mark.parametrize(("typed", "read"), [
    ("14", 14), ("14 ngày", 14), ("14 ngay", 14), ("14ngày", 14), ("7 hôm", 7), (" 7. ", 7),
    ("0", 0), ("400", 400), ("không biết", UNKNOWN), ("khong biet", UNKNOWN),
    ("ko biet", UNKNOWN), ("Không biết.", UNKNOWN), ("chưa rõ", UNKNOWN),
    ("don't know", UNKNOWN),
])
def test_answers(typed, read):
    assert read_interval_answer(typed) == read


@pytest.mark.parametrize("typed", [
    "hái 30kg chè lô 3", "14 kg", "7,5", "7.5 ngày", "bón NPK 20kg", "không", "biết", "",
    "14 ngày lô 3", "/nhatky",
])
def test_not_answers(typed):
    assert read_interval_answer(typed) is None
