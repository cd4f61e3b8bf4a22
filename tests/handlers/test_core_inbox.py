"""The core over the durable inbox: store first, handle once, resend unconfirmed replies."""

from __future__ import annotations

import json
import sqlite3

import asyncpg
import pytest

from handlers import admin
from handlers.contract import Incoming
from handlers.core import replies_of
from storage import inbox, members
from tests.support import refuse_writes


def _incoming(core, ref: str, text: str, user: str = "lan") -> Incoming:
    return Incoming(channel="telegram", user_ref=user, message_ref=ref, sent_at=core.clock(),
                    text=text, display_name=user)


async def test_received_but_unprocessed_messages_are_offered_again(core):
    made = await admin.create_cooperative(core.db, "HTX A", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    stored = _incoming(core, "1:10", made.member.invite.code)
    assert await core.receive(stored, {"update_id": 10})
    assert not await core.receive(stored, {"update_id": 10})  # stored once
    pending = await core.unprocessed("telegram")
    assert [(i.message_ref, p) for i, p in pending] == [("1:10", {"update_id": 10})]
    replies = await core.process(pending[0][0])
    assert replies and "Chào mừng" in replies[0].text
    assert await core.process(stored) is None
    assert await core.unprocessed("telegram") == []


async def test_replies_stay_pending_until_marked_sent(core, clock):
    first = _incoming(core, "1:11", "xin chào")
    replies = await core.handle(first)
    assert [(i.message_ref, r) for i, r in await core.unreplied("telegram")] == [("1:11", replies)]
    assert await core.unreplied("telegram", older_than=clock()) == []  # just handled: in flight
    clock.advance(seconds=90)
    assert len(await core.unreplied("telegram", older_than=clock())) == 1
    await core.mark_replied(first)
    assert await core.unreplied("telegram") == []
    async with core.db.transaction() as tx:
        assert await inbox.count_by_status(tx) == {"replied": 1}


async def test_a_batch_is_stored_and_handled_once_within_and_across_batches(core):
    batch = [(_incoming(core, f"1:{n}", "chào"), {"update_id": n}) for n in (1, 2, 2, 3)]
    answers = await core.take_in(batch)
    assert [a is not None for a in answers] == [True, True, False, True]  # 1:2 came twice
    assert answers[0] and answers[0][0].text == core.texts("welcome.stranger")
    assert await core.take_in(batch[:2]) == [None, None]  # Telegram sent them again
    assert await core.unprocessed("telegram") == []
    assert await _statuses(core) == {"1:1": "done", "1:2": "done", "1:3": "done"}
    assert await core.take_in([]) == []


async def test_a_failing_message_is_undone_alone_and_its_batch_is_kept(core):
    made = await admin.create_cooperative(core.db, "HTX A", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    # the disk refuses the harvest of message 1:3 only
    await refuse_writes(core.db, "BEFORE INSERT ON harvests", "NEW.message_ref = '1:3'")
    texts = [made.member.invite.code, "chè 30kg", "chè 31kg", "chè 32kg"]
    answers = await core.take_in(
        [(_incoming(core, f"1:{n}", text), {"update_id": n}) for n, text in enumerate(texts, 1)]
    )
    assert [a[0].text == core.texts("error.apology") for a in answers if a] == [
        False, False, True, False
    ]
    assert await _statuses(core) == {"1:1": "done", "1:2": "done", "1:3": "failed", "1:4": "done"}
    async with core.db.transaction() as tx:
        rows = await tx.tuples("SELECT message_ref, amount FROM harvests ORDER BY id")
        failed = await inbox.get(tx, "telegram", "1:3")
    assert rows == (("1:2", 30_000), ("1:4", 32_000))
    assert failed is not None and failed.error and "disk trouble" in failed.error


async def test_a_batch_that_cannot_be_stored_keeps_nothing_and_keeps_the_noted_replies(core):
    first = _incoming(core, "1:1", "xin chào")
    await core.take_in([(first, {"update_id": 1})])
    core.note_replied(first)
    # the disk refuses the next message's inbox row
    await refuse_writes(core.db, "BEFORE INSERT ON inbox", "NEW.message_ref = '1:3'")
    batch = [(_incoming(core, f"1:{n}", "xin chào"), {"update_id": n}) for n in (2, 3)]
    with pytest.raises((sqlite3.IntegrityError, asyncpg.PostgresError), match="disk trouble"):
        await core.take_in(batch)
    assert await _statuses(core) == {"1:1": "done"}  # 1:2 rolled back with its batch
    await core.flush_replied()  # the note was not lost with the batch
    assert await _statuses(core) == {"1:1": "replied"}


async def test_two_channels_do_not_share_identities(core):
    made = await admin.create_cooperative(core.db, "HTX A", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    await core.handle(_incoming(core, "1:1", made.member.invite.code, user="42"))
    async with core.db.transaction() as tx:
        assert await members.find_by_identity(tx, "telegram", "42") is not None
        assert await members.find_by_identity(tx, "console", "42") is None


async def test_menu_depends_on_role(core):
    made = await admin.create_cooperative(core.db, "HTX A", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    await core.handle(_incoming(core, "1:1", made.manager.invite.code, user="7"))
    stranger = [c for c, _ in await core.menu("telegram", "999")]
    manager = [c for c, _ in await core.menu("telegram", "7")]
    assert "moi" not in stranger and "start" in stranger
    assert "moi" in manager and "toi" in manager
    assert all(d for _, d in await core.menu("telegram", "7"))


async def _statuses(core) -> dict[str, str]:
    async with core.db.transaction() as tx:
        rows = await tx.all("SELECT message_ref, status FROM inbox ORDER BY id")
    return {r["message_ref"]: r["status"] for r in rows}


async def test_a_noted_reply_is_written_by_the_next_transaction_even_after_a_failure(core):
    first, second, third = (_incoming(core, f"1:{n}", "xin chào") for n in (11, 12, 13))
    for incoming in (first, second, third):
        await core.receive(incoming)
    assert await core.process(first)
    core.note_replied(first)
    assert (await _statuses(core))["1:11"] == "done"  # noted, not yet written
    assert await core.process(second)
    assert await _statuses(core) == {"1:11": "replied", "1:12": "done", "1:13": "received"}

    core.note_replied(second)
    # the disk refuses the third message's 'done'
    await refuse_writes(core.db, "BEFORE UPDATE OF status ON inbox",
                        "NEW.message_ref = '1:13' AND NEW.status = 'done'")
    apology = await core.process(third)
    assert apology and apology[0].text == core.texts("error.apology")
    # the failed transaction took the note down with it; it is still pending, not lost
    assert await _statuses(core) == {"1:11": "replied", "1:12": "done", "1:13": "failed"}
    await core.flush_replied()
    assert (await _statuses(core))["1:12"] == "replied"
    await core.flush_replied()  # nothing left: no statement, no change
    assert (await _statuses(core))["1:12"] == "replied"


async def test_the_handling_process_gets_the_replies_as_stored(core):
    # bot.intake_child sends each message's replies as the JSON text of its inbox row
    batch = [(_incoming(core, f"2:{n}", "chào"), {"update_id": n}) for n in (1, 2)]
    fresh = await core.store_batch(batch)
    stored = await core.handle_batch_stored(batch, fresh)
    assert [replies_of(s)[0].text for s in stored if s] == [core.texts("welcome.stranger")] * 2
    async with core.db.transaction() as tx:
        rows = [await inbox.get(tx, "telegram", f"2:{n}") for n in (1, 2)]
    assert [json.loads(s) for s in stored if s] == [r.replies for r in rows if r]
    assert await core.handle_batch_stored(batch, [False, False]) == [None, None]  # done before
