"""When a training is: a day and an hour, both in the future."""

from __future__ import annotations

from datetime import date

import pytest

from messages.trainings import parse_training_command, read_when

TRAINING_TODAY = date(2026, 12, 20)  # a Sunday


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("20/12 8:00", date(2026, 12, 20), "08:00"),
        ("8h sáng thứ bảy", date(2026, 12, 26), "08:00"),
        ("thu 7 8h", date(2026, 12, 26), "08:00"),
        ("14 giờ ngày 25/12", date(2026, 12, 25), "14:00"),
        ("2h chiều mai", date(2026, 12, 21), "14:00"),
        ("mai 8h30", date(2026, 12, 21), "08:30"),
        ("sáng mai 7h", date(2026, 12, 21), "07:00"),
        ("5/1 8h", date(2027, 1, 5), "08:00"),  # January, typed in December
        ("chủ nhật 9h", date(2026, 12, 20), "09:00"),
    ],
)
def test_training_times_are_read_as_the_coming_ones(text, day, at):
    when = read_when(text, TRAINING_TODAY)
    assert when.problem is None
    assert (when.day, f"{when.at:%H:%M}") == (day, at)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("8h", "no_day"), ("20/12", "no_time"), ("1/11 8h", "past_day"), ("", "no_day")],
)
def test_training_times_without_a_day_or_an_hour_are_refused(text, problem):
    assert read_when(text, TRAINING_TODAY).problem == problem


@pytest.mark.parametrize(
    ("args", "action", "training_id", "form"),
    [("", "list", None, []), ("moi", "new", None, []), ("mới A | b | c", "new", None,
      ["A", "b", "c"]), ("3", "show", 3, []), ("#12", "show", 12, []),
     ("linh tinh", "list", None, [])],
)
def test_training_commands(args, action, training_id, form):
    command = parse_training_command(args)
    assert (command.action, command.training_id, command.form) == (action, training_id, form)
