"""Announcements end to end on Telegram: a manager's confirmed broadcast and the morning
price bulletin reach every member through the real channel and the delivery worker."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

import pytest

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import DeliveryWorker
from bot.rate import RateLimiter
from bot.scheduler import queue_bulletins
from handlers import admin
from handlers.core import Core
from storage import outbox
from tests.fake_telegram import FakeRequest, FakeTelegram

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BOSS, FIRST, PEOPLE = 7_000_000, 7_000_001, 6
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram(rate_limit=30, per_chat_limit=1)  # Telegram's limits, with 429s


@pytest.fixture
async def running(core: Core, fake: FakeTelegram) -> AsyncIterator[DeliveryWorker]:
    channel = TelegramChannel(core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
                              request=FakeRequest(fake), updates_request=FakeRequest(fake))
    limiter = RateLimiter(30)
    channel.limiter = limiter
    worker = DeliveryWorker(core.db, channel.bot, core.texts, limiter, idle=0.05,
                            progress_every=0.5, clock=core.clock)
    await channel.start()
    await worker.start()
    yield worker
    await worker.stop()
    await channel.stop()


async def _join(core: Core, fake: FakeTelegram) -> None:
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", "Yên Bái", None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    fake.push_update(fake.text_update(BOSS, f"/start {made.manager.invite.code}"))
    await fake.until_calls("sendMessage", 1, chat_id=BOSS, ok=True, within=10)
    for n in range(PEOPLE):
        fake.push_update(fake.text_update(FIRST + n, f"/start {made.member.invite.code}"))
    for n in range(PEOPLE):
        await fake.until_calls("sendMessage", 1, chat_id=FIRST + n, ok=True, within=10)


async def _received(fake: FakeTelegram, needle: str, within: float = 15) -> list[int]:
    deadline = time.monotonic() + within
    while True:
        got = [FIRST + n for n in range(PEOPLE)
               if any(needle in t for t in fake.sent_texts(FIRST + n))]
        if len(got) == PEOPLE or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.05)


async def test_a_confirmed_broadcast_reaches_every_member_once(core, fake, running):
    await _join(core, fake)
    fake.push_update(fake.text_update(BOSS, "/thongbao Họp xã viên 8h sáng Chủ nhật"))
    await fake.until_calls("sendMessage", 2, chat_id=BOSS, ok=True, within=10)
    preview = fake.sent_messages(BOSS)[-1]
    assert preview["text"].startswith(f"Xem trước thông báo sẽ gửi tới {PEOPLE} người:")
    send = preview["reply_markup"]["inline_keyboard"][0][0]
    fake.push_update(fake.callback_update(BOSS, preview, send["callback_data"]))
    fake.push_update(fake.callback_update(BOSS, preview, send["callback_data"]))  # a double tap
    assert await _received(fake, "Họp xã viên 8h sáng Chủ nhật") == [
        FIRST + n for n in range(PEOPLE)]
    for n in range(PEOPLE):
        assert sum("Họp xã viên" in t for t in fake.sent_texts(FIRST + n)) == 1
    deadline = time.monotonic() + 10
    while not any("Đã gửi xong thông báo chung #1" in t for t in fake.sent_texts(BOSS)):
        assert time.monotonic() < deadline, fake.sent_texts(BOSS)
        await asyncio.sleep(0.05)
    async with core.db.transaction() as tx:
        assert [a.id for a in await outbox.recent_announcements(tx, cooperative_id=1)] == [1]


async def test_the_morning_bulletin_goes_out_through_the_worker(core, fake, running, clock):
    await _join(core, fake)
    fake.push_update(fake.text_update(BOSS, "/gia chè búp 25k"))
    await fake.until_calls("sendMessage", 2, chat_id=BOSS, ok=True, within=10)
    # Telegram dates the price message now, so the price starts today: the next morning's
    # bulletin carries it
    tomorrow = datetime.now(HANOI).date() + timedelta(days=1)
    clock.now = datetime.combine(tomorrow, dtime(6, 5), HANOI).astimezone(UTC)
    assert await queue_bulletins(core, running, timedelta(hours=3)) == 1
    assert await queue_bulletins(core, running, timedelta(hours=3)) == 0  # the next tick
    got = await _received(fake, "• Chè búp tươi: 25.000 đ/kg")
    assert got == [FIRST + n for n in range(PEOPLE)]
    assert not any("giá thu mua ngày" in t for t in fake.sent_texts(BOSS))  # members only


async def test_a_training_notice_carries_rsvp_buttons_that_members_tap(core, fake, running):
    await _join(core, fake)
    soon = (datetime.now(HANOI) + timedelta(days=20)).strftime("%d/%m")  # Telegram's clock
    fake.push_update(fake.text_update(
        BOSS, f"/taphuan moi Kỹ thuật hái chè | {soon} 8h | Sân HTX | Mang kéo"))
    await fake.until_calls("sendMessage", 2, chat_id=BOSS, ok=True, within=10)
    preview = fake.sent_messages(BOSS)[-1]
    create = preview["reply_markup"]["inline_keyboard"][0][0]
    fake.push_update(fake.callback_update(BOSS, preview, create["callback_data"]))
    assert await _received(fake, "📚 Tập huấn: Kỹ thuật hái chè") == [
        FIRST + n for n in range(PEOPLE)]
    notice = next(m for m in fake.sent_messages(FIRST) if "Kỹ thuật hái chè" in m["text"])
    labels = [b["text"] for row in notice["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["✅ Tham gia", "❌ Không tham gia"]
    yes = notice["reply_markup"]["inline_keyboard"][0][0]
    fake.push_update(fake.callback_update(FIRST, notice, yes["callback_data"]))
    deadline = time.monotonic() + 10
    while not any(t.startswith("✅ Đã ghi: bạn tham gia") for t in fake.sent_texts(FIRST)):
        assert time.monotonic() < deadline, fake.sent_texts(FIRST)
        await asyncio.sleep(0.05)
    async with core.db.transaction() as tx:
        answers = await tx.all("SELECT member_id, answer FROM rsvps")
    assert [a["answer"] for a in answers] == ["yes"]
