"""Times stored as text: fixed-width UTC, whatever zone and whichever call came before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from storage.db import from_db_time, to_db_time

HANOI = timezone(timedelta(hours=7))


def test_the_same_moment_in_another_zone_is_the_same_text():
    moment = datetime(2026, 12, 2, 7, 30, tzinfo=HANOI)
    assert to_db_time(moment) == "2026-12-02T00:30:00.000000Z"
    assert to_db_time(moment.astimezone(UTC)) == "2026-12-02T00:30:00.000000Z"


@given(
    st.lists(
        st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
            timezones=st.sampled_from([UTC, HANOI, timezone(timedelta(hours=-5))]),
        ),
        min_size=1, max_size=6,
    )
)
def test_every_moment_reads_back_as_itself_whatever_came_before(moments):
    # to_db_time keeps the last text it made for reuse: each call must still give its own
    # moment, called again with the same object or with another, in any order.
    for moment in moments + moments[::-1]:
        text = to_db_time(moment)
        assert from_db_time(text) == moment
        assert len(text) == 27 and text.endswith("Z")
