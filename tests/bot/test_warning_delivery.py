"""Urgent warnings in the delivery worker: before everything queued, a running broadcast
paused for them, started by a manager's real /canhbao and tap on the real PTB Application."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import DeliveryWorker
from bot.rate import RateLimiter
from handlers import outbox as announcements
from handlers.core import Core
from storage import outbox
from tests.bot.test_delivery import SENDER, _people, _queue, _until_done, _worker
from tests.fake_telegram import FakeRequest, FakeTelegram, fake_bot

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

WARNING = "Lũ quét đêm nay, rời khỏi sườn đồi"


async def test_a_warning_goes_before_reminders_bulletins_and_broadcasts(db, clock):
    fake = FakeTelegram()
    bot = fake_bot(fake)
    await bot.initialize()
    _, ids = await _people(db, clock, 3)
    queued = [await _queue(db, clock, kind, kind, ids)
              for kind in ("broadcast", "bulletin", "reminder")]
    warning = await announcements.enqueue(db, "broadcast", "⚠️ lũ", ids, clock(), urgent=True)
    worker = _worker(db, bot)
    await worker.start()
    try:
        for a in [*queued, warning]:
            await _until_done(db, a.id)
    finally:
        await worker.stop()
        await bot.shutdown()
    texts = [c.params["text"] for c in fake.calls("sendMessage", ok=True)]
    assert texts == ["⚠️ lũ"] * 3 + ["reminder"] * 3 + ["bulletin"] * 3 + ["broadcast"] * 3


async def _sent_count(db, announcement_id: int) -> int:
    async with db.transaction() as tx:
        found = await outbox.get_announcement(tx, announcement_id)
    assert found is not None
    return found.sent


async def _until(read, done, within: float = 20):
    """Read until `done(value)`; the value."""
    deadline = time.monotonic() + within
    while True:
        value = await read()
        if done(value):
            return value
        assert time.monotonic() < deadline, value
        await asyncio.sleep(0.01)


async def _latest(db) -> int:
    async with db.transaction() as tx:
        return (await outbox.recent_announcements(tx, cooperative_id=1, limit=1))[0].id


async def test_a_running_broadcast_pauses_for_a_warning_tapped_on_telegram(db, clock,
                                                                          core: Core):
    fake = FakeTelegram(rate_limit=200, per_chat_limit=1)
    channel = TelegramChannel(core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
                              request=FakeRequest(fake), updates_request=FakeRequest(fake))
    limiter = RateLimiter(200)
    channel.limiter = limiter
    worker = DeliveryWorker(db, channel.bot, core.texts, limiter, idle=0.05,
                            progress_every=0.3, clock=core.clock)
    boss, ids = await _people(db, clock, 400)  # 2 s of sending at 186 a second
    broadcast = await _queue(db, clock, "broadcast", "Thông báo chung", ids, boss)
    await channel.start()
    await worker.start()
    try:
        await _until(lambda: _sent_count(db, broadcast.id), lambda sent: sent >= 60)
        fake.push_update(fake.text_update(SENDER, f"/canhbao {WARNING}"))
        preview = None
        while preview is None:
            await asyncio.sleep(0.01)
            preview = next((m for m in reversed(fake.sent_messages(SENDER))
                            if "Xem trước cảnh báo khẩn" in m.get("text", "")), None)
        assert "tới 400 người" in preview["text"]
        send = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        tapped = time.monotonic()
        fake.push_update(fake.callback_update(SENDER, preview, send))
        latest = await _until(lambda: _latest(db), lambda found: found != broadcast.id)
        warning = await _until_done(db, latest, within=20)
        assert await _sent_count(db, broadcast.id) < 400  # it was still running
        done = await _until_done(db, broadcast.id, within=20)
    finally:
        await worker.stop()
        await channel.stop()
    assert warning.urgent and warning.sent == 400 and done.sent == 400
    calls = fake.calls("sendMessage", ok=True)
    warned = [c for c in calls if WARNING in c.params["text"] and c.params["chat_id"] != SENDER]
    others = [c for c in calls if c.params["text"].endswith("Thông báo chung")]
    assert sorted(int(c.params["chat_id"]) for c in warned) == sorted(
        int(c.params["chat_id"]) for c in others)  # everyone once, each
    first, last = warned[0].at, warned[-1].at
    warned_at = {int(c.params["chat_id"]): c.at for c in warned}
    # While the warning goes out, the broadcast reaches nobody who has not had it yet.
    assert [c for c in others if first < c.at < last
            and warned_at[int(c.params["chat_id"])] > c.at] == []
    assert last - tapped < 5  # 400 people at 186 a second, after the tap is handled
    assert any("cảnh báo khẩn #2" in t for t in fake.sent_texts(SENDER))  # progress/summary
