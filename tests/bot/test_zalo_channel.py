"""The Zalo channel in one process: signed events through `receive` (the webhook's work),
handled by the worker, answered through the fake OA over loopback HTTP."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.channels.zalo.api import ZaloApi
from bot.channels.zalo.channel import ZaloChannel
from handlers import admin
from storage import diary, members, outbox
from tests.fake_zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo, FakeZaloServer
from tests.support import Person

LAN = "8101000000000000001"


@pytest.fixture
def server() -> Iterator[FakeZaloServer]:
    with FakeZaloServer(FakeZalo()) as running:
        yield running


@pytest.fixture
async def channel(core, server) -> AsyncIterator[ZaloChannel]:
    api = ZaloApi(core.db, APP_ID, APP_SECRET, server.url, server.url, core.clock)
    await api.setup("refresh-0")
    zalo = ZaloChannel(core, api, APP_ID, OA_SECRET_KEY)
    await zalo.start()
    yield zalo
    await zalo.stop()


async def _post(channel: ZaloChannel, fake: FakeZalo, event: dict[str, Any]) -> int:
    body = fake.body_of(event)
    status = await channel.receive(body, fake.sign(body, event["timestamp"]))
    await channel.idle()
    return status


@pytest.fixture
async def lan(core, channel, server) -> str:
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    assert await _post(channel, server.fake, server.fake.text_event(LAN, made.member.invite.code))
    assert "thành viên" in server.fake.texts_to(LAN)[-1]
    return LAN


async def test_a_typed_number_picks_an_option_beyond_the_template_buttons(core, channel,
                                                                          server, lan):
    fake = server.fake
    for n in range(1, 8):
        await _post(channel, fake, fake.text_event(lan, f"/lo them Lô {n}"))
    await _post(channel, fake, fake.message_event("user_send_location", lan, {"attachments": [
        {"type": "location", "payload": {"coordinates": {"latitude": "21.59",
                                                         "longitude": "105.84"}}}]}))
    asked = fake.sent_to(lan)[-1]
    assert [b["title"] for b in asked.buttons] == [f"lô {n}" for n in range(1, 6)]
    assert "1. lô 6\n2. lô 7" in asked.text and "gõ số" in asked.text.lower()
    await _post(channel, fake, fake.text_event(lan, "2"))  # "2" is lô 7
    assert "lô 7" in fake.texts_to(lan)[-1].lower()
    async with core.db.transaction() as tx:
        member = await members.find_by_identity(tx, "zalo", lan)
        assert member is not None
        located = {p.name: p.latitude for p in await diary.plots_of(tx, member.id)}
    assert located["lô 7"] == pytest.approx(21.59)
    assert [name for name, lat in located.items() if lat is not None] == ["lô 7"]
    # The options were for that question only: "2" now is just a message again.
    await _post(channel, fake, fake.text_event(lan, "2"))
    assert "lô 7" not in fake.texts_to(lan)[-1].lower()


async def test_a_tapped_template_button_reaches_the_core_as_a_button(core, channel, server,
                                                                     lan):
    fake = server.fake
    await _post(channel, fake, fake.text_event(lan, "/lo them Lô 1"))
    await _post(channel, fake, fake.text_event(lan, "/lo them Lô 2"))
    await _post(channel, fake, fake.message_event("user_send_location", lan, {
        "location": {"latitude": 21.5, "longitude": 105.8}}))
    await _post(channel, fake, fake.tap_event(lan, "lô 2"))
    assert "lô 2" in fake.texts_to(lan)[-1].lower()


async def test_a_typed_payload_of_a_button_never_offered_to_the_person_does_nothing(
    core, channel, server, lan
):
    """A button's payload comes back as text the person could type; someone who types
    another person's button (here: undo of Lan's harvest) is refused, and the entry stays."""
    fake = server.fake
    await _post(channel, fake, fake.text_event(lan, "chè 30kg"))
    undo = next(b["payload"] for s in reversed(fake.sent_to(lan)) for b in s.buttons
                if b["title"] == core.texts("harvest.button.undo"))
    other = "8101000000000000077"
    made = await admin.create_cooperative(core.db, "HTX Khác", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    await _post(channel, fake, fake.text_event(other, made.member.invite.code))
    await _post(channel, fake, fake.text_event(other, str(undo)))
    assert fake.texts_to(other)[-1] == core.texts("button.not_yours")
    async with core.db.transaction() as tx:
        statuses = await tx.all("SELECT status FROM harvests")
    assert [r["status"] for r in statuses] == ["recorded"]
    await _post(channel, fake, fake.tap_event(lan, core.texts("harvest.button.undo")))
    async with core.db.transaction() as tx:  # Lan's own tap still works
        statuses = await tx.all("SELECT status FROM harvests")
    assert [r["status"] for r in statuses] == ["cancelled"]


async def test_a_sticker_gets_the_same_answer_as_on_telegram(core, channel, server, lan):
    fake = server.fake
    await _post(channel, fake, fake.message_event("user_send_sticker", lan, {"attachments": [
        {"type": "sticker", "payload": {"id": "abc", "url": "https://sticker/abc"}}]}))
    expected = core.texts("unsupported", kind=core.texts("unsupported.sticker"))
    assert fake.texts_to(lan)[-1] == expected


async def test_unfollow_marks_the_person_unreachable_and_writing_again_reopens(core, channel,
                                                                               server, lan):
    fake = server.fake
    before = len(fake.sent)
    assert await _post(channel, fake, fake.unfollow_event(lan)) == 200
    assert len(fake.sent) == before  # nothing is sent to someone who left
    async with core.db.transaction() as tx:
        assert await outbox.is_reachable(tx, "zalo", lan) is False
    await _post(channel, fake, fake.follow_event(lan))
    async with core.db.transaction() as tx:
        assert await outbox.is_reachable(tx, "zalo", lan) is True
    assert len(fake.sent) == before + 1  # a follower who is a member is told so


async def test_a_blocked_person_is_marked_and_the_next_event_still_goes_through(
    core, channel, server, lan
):
    fake = server.fake
    fake.fail_next("send", -217)
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    async with core.db.transaction() as tx:
        assert await outbox.is_reachable(tx, "zalo", lan) is False
    fake.fail_next("send", -32)  # rate limited once: sent again after a pause
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    assert "HTX Chè Tân Cương" in fake.texts_to(lan)[-1]
    assert [code for path, code in fake.calls if path.endswith("/cs")][-2:] == [-32, 0]


async def test_a_proxy_error_is_retried_and_the_reply_still_arrives(core, channel, server, lan):
    fake = server.fake
    fake.fail_next("send", 502)
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    assert "HTX Chè Tân Cương" in fake.texts_to(lan)[-1]
    assert [code for path, code in fake.calls if path.endswith("/cs")][-2:] == [502, 0]
    async with core.db.transaction() as tx:
        statuses = await tx.all("SELECT DISTINCT status FROM inbox")
    assert [row["status"] for row in statuses] == ["replied"]


async def test_a_retried_event_is_stored_once_and_answered_once(core, channel, server, lan):
    fake = server.fake
    event = fake.text_event(lan, "hái 30kg chè lô 3")
    before = len(fake.sent)
    assert await _post(channel, fake, event) == 200
    assert await _post(channel, fake, event) == 200
    assert len(fake.sent) == before + 1
    async with core.db.transaction() as tx:
        count = await tx.value("SELECT COUNT(*) FROM harvests")
    assert count == 1


async def test_a_forged_event_is_refused_and_nothing_is_stored(core, channel, server):
    fake = server.fake
    event = fake.text_event(LAN, "hái 30kg chè")
    body = fake.body_of(event)
    assert await channel.receive(body, fake.sign(body, event["timestamp"], "guess")) == 401
    assert await channel.receive(body, None) == 401
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM inbox") == 0


async def test_the_chart_is_uploaded_as_an_image_and_sent_after_its_text(core, channel,
                                                                         server, lan):
    fake = server.fake
    boss = "8101000000000000009"
    made = await admin.create_cooperative(core.db, "HTX Quế Văn Yên", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    await _post(channel, fake, fake.text_event(boss, made.manager.invite.code))
    await _post(channel, fake, fake.text_event(boss, "quế 30kg"))  # an empty chart is a sentence
    await _post(channel, fake, fake.text_event(boss, "/bieudo"))
    image = fake.sent_to(boss)[-1].message["attachment"]["payload"]
    assert image["template_type"] == "media"
    [element] = image["elements"]
    name, content = fake.uploads[element["attachment_id"]]
    assert name.endswith(".png") and content.startswith(b"\x89PNG")
    assert fake.sent_to(boss)[-2].text  # the chart's caption came first


async def test_a_member_linked_on_both_apps_logs_on_zalo_and_sees_it_on_telegram(
    core, channel, server, clock
):
    clock.now = datetime.now(UTC)  # the fake stamps events with the real time
    fake = server.fake
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    on_telegram = Person(core, "7001", "Lan", channel="telegram")
    await on_telegram.say(made.member.invite.code)
    found = re.search(r"/lienket (\w{6})", await on_telegram.text("/lienket"))
    assert found
    await _post(channel, fake, fake.text_event(LAN, f"/lienket {found.group(1)}"))
    assert "Đã liên kết" in fake.texts_to(LAN)[-1]
    await _post(channel, fake, fake.text_event(LAN, "hái 30kg chè lô 3"))
    assert "Chè búp tươi · 30 kg · lô 3" in fake.texts_to(LAN)[-1]
    assert "Chè búp tươi · 30 kg · lô 3" in await on_telegram.text("/homnay")


async def test_out_of_window_and_bad_parameters_drop_that_reply_and_nothing_else(
    core, channel, server, lan
):
    fake = server.fake
    before = len(fake.sent_to(lan))
    fake.fail_next("send", -230)
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    fake.fail_next("send", -201)
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    assert len(fake.sent_to(lan)) == before  # both refused by Zalo
    await _post(channel, fake, fake.text_event(lan, "/toi"))
    assert len(fake.sent_to(lan)) == before + 1
    async with core.db.transaction() as tx:
        assert await outbox.is_reachable(tx, "zalo", lan) is True  # not the person's doing
        statuses = await tx.all("SELECT DISTINCT status FROM inbox")
    assert [row["status"] for row in statuses] == ["replied"]


async def test_several_processes_a_dead_process_s_event_is_taken_over_once(
    core, clock, server, database_url
):
    """Process a stores an event (claimed) and dies before handling it; process b, on its
    own connection, leaves it while a's claim runs, then takes it over and answers it once."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from handlers.context import CoreConfig
    from handlers.core import Core
    from storage.db import open_database
    from storage.inbox import Claim

    fake = server.fake
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    api = ZaloApi(core.db, APP_ID, APP_SECRET, server.url, server.url, core.clock)
    await api.setup("refresh-0")
    lease = timedelta(seconds=30)
    dying = ZaloChannel(core, api, APP_ID, OA_SECRET_KEY,
                        claims=lambda: Claim("a", clock() + lease), lease=30)
    event = fake.text_event(LAN, made.member.invite.code)
    body = fake.body_of(event)
    assert await dying.receive(body, fake.sign(body, event["timestamp"])) == 200  # not started
    await dying.api.close()  # a dies here: its worker never ran

    other_db = await open_database(database_url)
    other = Core(other_db, CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi"), clock)
    b_api = ZaloApi(other_db, APP_ID, APP_SECRET, server.url, server.url, clock)
    b = ZaloChannel(other, b_api, APP_ID, OA_SECRET_KEY,
                    claims=lambda: Claim("b", clock() + lease), lease=30)
    try:
        await b.start()
        await b.idle()
        assert fake.texts_to(LAN) == []  # a's claim still runs
        clock.advance(seconds=31)
        assert await b.sweep() == 1
        await b.idle()
        assert await b.sweep() == 0
        texts = fake.texts_to(LAN)
        assert len(texts) == 1 and "thành viên" in texts[0]
        async with other_db.transaction() as tx:
            row = await tx.one("SELECT status, claimed_by FROM inbox WHERE channel = 'zalo'")
        assert row == {"status": "replied", "claimed_by": "b"}
    finally:
        await b.stop()
        await other_db.close()


async def _zalo_sprays(core) -> list[tuple[str, int | None]]:
    async with core.db.transaction() as tx:
        rows = await tx.all("SELECT status, interval_days FROM diary_entries ORDER BY id")
    return [(r["status"], r["interval_days"]) for r in rows]


async def test_a_typed_number_after_the_interval_question_is_days_not_an_option(
    core, channel, server, lan
):
    """The interval's options are quantities: the ones beyond the template are listed with
    bullets, not numbers, and a typed "1" is 1 day (it once picked "1. 14 ngày")."""
    fake = server.fake
    await _post(channel, fake, fake.text_event(lan, "xit bassa 2 binh lo 3"))
    asked = fake.sent_to(lan)[-1]
    assert [b["title"] for b in asked.buttons] == ["1 ngày", "3 ngày", "5 ngày", "7 ngày",
                                                   "10 ngày"]
    assert "• 14 ngày\n• 21 ngày\n• Không biết" in asked.text
    assert "1. 14 ngày" not in asked.text and "gõ 14 là 14 ngày" in asked.text
    await _post(channel, fake, fake.text_event(lan, "1"))
    assert "Cách ly 1 ngày" in fake.texts_to(lan)[-1]
    assert await _zalo_sprays(core) == [("recorded", 1)]
    # an option shown only as a bullet is typed in words; a template button is still tapped
    await _post(channel, fake, fake.text_event(lan, "xit bassa 1 binh lo 2"))
    await _post(channel, fake, fake.text_event(lan, "ko biet"))
    assert "Chưa rõ thời gian cách ly" in fake.texts_to(lan)[-1]
    await _post(channel, fake, fake.text_event(lan, "xit bassa 3 binh lo 1"))
    await _post(channel, fake, fake.tap_event(lan, "5 ngày"))
    assert await _zalo_sprays(core) == [("recorded", 1), ("recorded", None), ("recorded", 5)]
