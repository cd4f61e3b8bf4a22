"""The routing rule: every recipient gets at most one route, chosen in the written order;
a property test over any mix of apps, windows, phones and templates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.routing import ZALO_WINDOW, misfit, route
from storage.reach import Identity, Recipient, TemplateParam, ZnsTemplate

NOW = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)
TEMPLATE = ZnsTemplate(cooperative_id=1, kind="broadcast", template_id="555",
                       params=(TemplateParam(param="noi_dung", field="noidung", max=40),))

identities = st.lists(st.builds(
    Identity,
    channel=st.sampled_from(["telegram", "zalo"]),
    external_id=st.text("0123456789", min_size=1, max_size=4),
    reachable=st.booleans(),
    last_seen_at=st.one_of(st.none(), st.integers(0, 400).map(lambda h: NOW - timedelta(hours=h))),
), max_size=3, unique_by=lambda i: i.channel)


@settings(max_examples=400, deadline=None)
@given(identities, st.one_of(st.none(), st.just("84912345678")), st.booleans(),
       st.integers(1, 60))
def test_one_route_in_the_written_order(idents, phone, has_template, length):
    person = Recipient(member_id=7, cooperative_id=1, phone=phone, identities=tuple(idents))
    templates = {1: TEMPLATE} if has_template else {}
    fields = {"noidung": "x" * length}
    got = route(person, templates, fields, NOW)
    live = {i.channel: i for i in idents if i.reachable}
    zalo = live.get("zalo")
    in_window = zalo is not None and zalo.last_seen_at is not None and \
        NOW - zalo.last_seen_at <= ZALO_WINDOW
    fits = has_template and length <= 40
    if "telegram" in live:
        expected = ("telegram", live["telegram"].external_id, "pending", None)
    elif in_window:
        expected = ("zalo", zalo.external_id, "pending", None)
    elif idents and not live:
        expected = (idents[0].channel, idents[0].external_id, "blocked", None)
    elif phone and fits:
        expected = ("zns", phone, "pending", None)
    elif zalo is not None:
        why = ("window_no_phone" if not phone else "window_no_template" if not has_template
               else "window_misfit")
        expected = ("zalo", zalo.external_id, "failed", why)
    else:
        expected = None
    shown = None if got is None else (got.channel, got.external_id, got.status, got.reason)
    assert shown == expected
    assert got is None or got.member_id == 7


def test_a_missing_field_and_a_long_one_are_named():
    assert misfit(TEMPLATE, {}) is not None and misfit(TEMPLATE, {}).missing
    too_long = misfit(TEMPLATE, {"noidung": "x" * 41})
    assert too_long is not None and (too_long.length, too_long.most) == (41, 40)
    assert misfit(TEMPLATE, {"noidung": "ok"}) is None
