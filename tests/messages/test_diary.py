"""The diary reader on a table of farmer messages: read right, asked, or refused with why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from messages.diary import InputEntry, parse_diary
from messages.fold import fold
from messages.input_seed import DEFAULT_INPUTS
from tests.messages.diary_cases import OUTCOMES, READ

TODAY = date(2026, 11, 23)  # a Monday
INPUTS = [InputEntry(id=n, name=str(e["name"]), aliases=list(e.get("aliases", [])),  # type: ignore[arg-type]
                     kind=e["kind"], interval_days=7 if e["kind"] == "pesticide" else None)
          for n, e in enumerate(DEFAULT_INPUTS, start=1)]
INPUTS = [i if i.name not in ("Sherpa 25EC", "Confidor 100SL") else
          i.model_copy(update={"interval_days": None}) for i in INPUTS]
KNOWN = {i.name for i in INPUTS}


def _folded_cases():
    cases = []
    for text, activity, name, dose, plot, ago, note in READ:
        typed_name = name if name in KNOWN or name is None else fold(name)
        cases.append((fold(text), activity, typed_name,
                      fold(dose) if dose else None, fold(plot) if plot else None, ago,
                      fold(note) if note else None))
    return cases


FOLDED = _folded_cases()


def _check(text, activity, name, dose, plot, ago, note, folded=False):
    parse = parse_diary(text, INPUTS, TODAY)
    assert parse.status == "ok", (text, parse)
    r = parse.reading
    shown = {
        "activity": r.activity, "input": r.input_name,
        "dose": fold(r.dose) if folded and r.dose else r.dose,
        "plot": fold(r.plot) if folded and r.plot else r.plot,
        "day": r.day, "note": fold(r.note) if folded and r.note else r.note,
    }
    assert shown == {"activity": activity, "input": name, "dose": dose, "plot": plot,
                     "day": TODAY - timedelta(days=ago), "note": note}, text


@pytest.mark.parametrize("case", READ, ids=[c[0] for c in READ])
def test_messages_with_diacritics_are_read(case):
    _check(*case)


@pytest.mark.parametrize("case", FOLDED, ids=[c[0] for c in FOLDED])
def test_the_same_messages_without_diacritics_are_read_the_same(case):
    _check(*case, folded=True)


@pytest.mark.parametrize(("text", "outcome"), OUTCOMES, ids=[t[:40] or "empty"
                                                            for t, _ in OUTCOMES])
def test_unsure_or_broken_messages_are_asked_or_refused(text, outcome):
    parse = parse_diary(text, INPUTS, TODAY)
    if outcome in ("ask", "not_diary"):
        assert parse.status == ("ask_interval" if outcome == "ask" else "not_diary"), parse
    else:
        assert (parse.status, parse.problem) == ("invalid", outcome), parse
    if outcome == "ask":
        assert parse.reading is not None and parse.reading.interval_days is None


def test_the_set_is_big_enough():
    assert len(READ) + len(FOLDED) + len(OUTCOMES) >= 150
