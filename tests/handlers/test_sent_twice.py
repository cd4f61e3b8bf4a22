"""The same delivery sent twice: asked, never counted twice without the member saying so.

A farmer who gets no answer (a slow network, the bot down for a while) types the same
message again, and both would be money owed. The entries of the member's last message,
read again within ten minutes of it being recorded (or sent before it was recorded) are
asked: one tap records the second delivery, "Không ghi" drops it.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.contract import Incoming
from storage import harvests
from tests.support import cooperative

REPEAT = "giống tin bạn vừa gửi"


async def _rows(core, member_ref="f0"):
    async with core.db.transaction() as tx:
        return await tx.tuples(
            "SELECT h.status, h.amount, h.plot FROM harvests h JOIN identities i"
            " ON i.member_id = h.member_id WHERE i.external_id = ? ORDER BY h.id",
            (member_ref,))


async def test_the_same_delivery_typed_again_is_asked_and_one_tap_decides(core, clock):
    made = await cooperative(core, ["Lò Thị Lan"])
    lan = made.members[0]
    [first] = await lan.say("chè 30kg lô 2")
    assert first.text.startswith("✅ Đã ghi")
    clock.advance(minutes=2)
    [again] = await lan.say("che 30 kg lo 2")  # typed differently, read the same
    assert REPEAT in again.text and "Mục này chưa được ghi" in again.text
    assert [[b.label for b in row] for row in again.buttons] == [
        ["Chè búp tươi · 30 kg · lô 2 · 21/11"], ["✖ Không ghi"]]
    assert await _rows(core) == (("recorded", 30_000, "lô 2"), ("pending", None, None))
    [dropped] = await lan.say(button=again.buttons[1][0].data)  # sent twice: not kept
    assert "Không ghi" in dropped.text or "không ghi" in dropped.text
    [third] = await lan.say("chè 30kg lô 2")  # a third time: still the same as the first
    assert REPEAT in third.text
    [kept] = await lan.say(button=third.buttons[0][0].data)  # another delivery after all
    assert kept.text.startswith("✅ Đã ghi")
    assert [r[:2] for r in await _rows(core)] == [
        ("recorded", 30_000), ("cancelled", None), ("recorded", 30_000)]


async def test_a_message_sent_before_the_first_was_answered_is_asked(core, clock):
    await cooperative(core, ["Lò Thị Lan"])
    # The bot was down: both were sent at 7:00 and 7:04 and are handled an hour later.
    sent = clock()
    clock.advance(hours=1)
    await _sent(core, "quế 2 tạ", sent, "late1")
    [again] = await _sent(core, "quế 2 tạ", sent + timedelta(minutes=4), "late2")
    assert REPEAT in again.text
    assert [r[0] for r in await _rows(core)] == ["recorded", "pending"]


async def _sent(core, text: str, at, ref: str):
    """Lan's message as sent at `at` (handled now)."""
    return await core.handle(Incoming(channel="console", user_ref="f0", message_ref=ref,
                                      sent_at=at, text=text, display_name="Lan"))


async def test_what_is_not_the_same_or_comes_later_is_recorded(core, clock):
    made = await cooperative(core, ["Lò Thị Lan", "Hà Văn Tư"])
    lan, tu = made.members
    await lan.say("chè 30kg")
    for text in ("chè 31kg", "chè 30kg lô 3", "chè 30kg hôm qua", "chè 30kg, quế 1 tạ"):
        [reply] = await lan.say(text)  # another amount, plot, day, or more in it
        assert reply.text.startswith("✅ Đã ghi"), text
    [other] = await tu.say("chè 30kg, quế 1 tạ")  # another member's is theirs
    assert other.text.startswith("✅ Đã ghi")
    clock.advance(minutes=11)
    [later] = await lan.say("chè 30kg, quế 1 tạ")  # the same, eleven minutes on
    assert later.text.startswith("✅ Đã ghi")
    twice = await lan.say("quế 1 tạ, chè 30kg")  # the same two entries, in another order
    assert [REPEAT in r.text for r in twice] == [True, True]  # each asked, both waiting


async def test_a_message_with_a_question_sent_again_asks_its_sure_entries_too(core, clock):
    """'chè 30kg, quế 300 tạ': the tea is recorded, the cinnamon asked. Sent again two
    minutes later (no answer came), the tea was recorded a second time, unasked."""
    lan = (await cooperative(core, ["Lò Thị Lan"])).members[0]
    first = await lan.say("chè 30kg, quế 300 tạ")
    assert first[0].text.startswith("✅ Đã ghi") and "quế 300 tạ" in first[1].text
    clock.advance(minutes=2)
    again = await lan.say("chè 30kg, quế 300 tạ")
    assert REPEAT in again[0].text and "Chè búp tươi · 30 kg" in again[0].buttons[0][0].label
    assert "quế 300 tạ" in again[1].text and REPEAT not in again[1].text  # as before
    assert [r[:2] for r in await _rows(core)] == [
        ("recorded", 30_000), ("pending", None), ("pending", None), ("pending", None)]


async def test_a_managers_entry_for_a_member_is_not_compared_with_the_members_own(core):
    made = await cooperative(core, ["Lò Thị Lan"])
    lan, boss = made.members[0], made.manager
    await lan.say("chè 30kg")
    await boss.say("/nhap Lan")
    replies = await boss.say("chè 30kg")
    assert all(REPEAT not in r.text for r in replies)
    async with core.db.transaction() as tx:
        mine = await harvests.recent_sent(tx, await _member_id(tx, "f0"),
                                          core.clock() - timedelta(minutes=10), 10)
    assert [e[2:4] for e in mine] == [(1, 30_000)]  # only what she sent herself


async def _member_id(tx, ref: str) -> int:
    return await tx.value("SELECT member_id FROM identities WHERE external_id = ?", (ref,))


SENDS = st.lists(st.tuples(st.sampled_from(["chè 30kg", "chè 31kg", "quế 2 tạ"]),
                           st.integers(0, 15), st.sampled_from(["none", "keep", "drop"])),
                 min_size=1, max_size=10)


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(SENDS)
def test_no_delivery_is_counted_twice_without_a_tap(sends):
    """Any sequence of deliveries, minutes apart, each question answered or not: a message
    reading as the last recorded one within ten minutes is recorded only by a tap."""
    import asyncio
    import tempfile
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from handlers.context import CoreConfig
    from handlers.core import Core
    from storage.db import Database
    from tests.sqlite_template import copy_migrated
    from tests.support import Clock

    async def play(folder: Path) -> None:
        db = await Database.open(await copy_migrated(folder / "htx.db"), checkpoint_every=None)
        try:
            clock = Clock()
            core = Core(db, CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi"),
                        clock)
            lan = (await cooperative(core, ["Lò Thị Lan"])).members[0]
            last: tuple[str, object] | None = None  # the model: last recorded text and when
            expected = []
            for text, minutes, tap in sends:
                clock.advance(minutes=minutes)
                [reply] = await lan.say(text)
                repeat = last is not None and last[0] == text and clock() - last[1] <= timedelta(
                    minutes=10)
                assert (REPEAT in reply.text) == repeat, (text, last)
                if not repeat:
                    expected.append(text)
                    last = (text, clock())
                elif tap != "none":
                    await lan.say(button=reply.buttons[0 if tap == "keep" else 1][0].data)
                    if tap == "keep":
                        expected.append(text)
                        last = (text, clock())  # the kept entry dates from its asking
            amounts = {"chè 30kg": 30_000, "chè 31kg": 31_000, "quế 2 tạ": 200_000}
            recorded = [r[1] for r in await _rows(core) if r[0] == "recorded"]
            assert recorded == [amounts[t] for t in expected]
        finally:
            await db.close()

    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(play(Path(folder)))
