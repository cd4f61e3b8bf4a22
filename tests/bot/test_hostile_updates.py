"""Odd updates through the real Telegram channel leave the others' bookkeeping whole."""

from __future__ import annotations

import asyncio

import pytest

from handlers.contract import Incoming
from handlers.core import Core
from storage import inbox

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def _statuses(core: Core) -> dict[str, int]:
    async with core.db.transaction() as tx:
        return await inbox.count_by_status(tx)


async def test_replies_are_marked_sent_when_an_ignored_update_ends_the_burst(channel, fake, core):
    # Left 'done', the resend job would send these replies a second time a minute later.
    for user in range(5550001, 5550006):
        fake.push_update(fake.text_update(user, "xin chào"))
    group = fake.text_update(5550009, "chè 30kg")
    group["message"]["chat"] = {"id": -1001234, "type": "supergroup", "title": "HTX"}
    fake.push_update(group)
    await fake.until_calls("sendMessage", 5, ok=True, within=10)
    for _ in range(100):
        if await _statuses(core) == {"replied": 5}:
            break
        await asyncio.sleep(0.02)
    assert await _statuses(core) == {"replied": 5}


async def test_marks_noted_while_a_flush_runs_are_written_by_the_next(channel, core, clock):
    sent = [Incoming(channel="telegram", user_ref="5550001", message_ref=f"5550001:{n}",
                     sent_at=clock(), text="xin chào") for n in (1, 2)]
    for incoming in sent:
        await core.handle(incoming)
    assert await _statuses(core) == {"done": 2}
    async with core.db.transaction():  # the database is busy: the flush waits, holding mark 1
        channel.intake.note_replied(sent[0])
        channel.flush_soon()
        await asyncio.sleep(0.05)
        channel.intake.note_replied(sent[1])  # delivered meanwhile; the burst ends here
        channel.flush_soon()
    assert channel._flushing is not None
    await channel._flushing
    assert await _statuses(core) == {"replied": 2}
