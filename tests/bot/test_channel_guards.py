"""What one person (or a forger, or a bad network) sends never stops the others: a real PTB
Application over the offline fake Bot API, on a real SQLite file."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import AsyncIterator

import psycopg
import pytest
from telegram import Update

from bot.channels.telegram.adapter import to_incoming
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.reading import read_update
from handlers import admin
from handlers.core import Core
from storage import inbox, members
from tests.fake_telegram import FakeRequest, FakeTelegram

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

LAN, MINH, STAFF = 5560001, 5560002, 5560003
NOT_YOURS = "Nút này không còn dùng được nữa"
UNREADABLE = "Mình chưa đọc được tin nhắn này, bạn gửi lại giúp nhé."


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def channel(core: Core, fake: FakeTelegram) -> AsyncIterator[TelegramChannel]:
    running = TelegramChannel(
        core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
        request=FakeRequest(fake), updates_request=FakeRequest(fake),
    )
    await running.start()
    yield running
    await running.stop()


@pytest.fixture
async def coop(core: Core) -> admin.NewCooperative:
    return await admin.create_cooperative(
        core.db, "HTX Chè Phình Hồ", "Yên Bái", None, "Asia/Ho_Chi_Minh", core.clock()
    )


async def _replies(fake: FakeTelegram, chat: int, count: int = 1) -> list[str]:
    await fake.until_calls("sendMessage", count, chat_id=chat, ok=True, within=10)
    return fake.sent_texts(chat)


async def _inbox(core: Core, ref: str):
    async with core.db.transaction() as tx:
        return await inbox.get(tx, "telegram", ref)


async def test_a_person_without_a_first_name_is_heard_and_so_is_everyone_after(
    channel, fake, coop, core
):
    fake.push_update(fake.text_update(LAN, coop.member.invite.code, first_name=""))
    fake.push_update(fake.text_update(MINH, coop.member.invite.code, first_name="Minh"))
    assert "Chào mừng" in (await _replies(fake, LAN))[0]
    assert "Chào mừng Minh" in (await _replies(fake, MINH))[0]
    fake.push_update(fake.text_update(LAN, "chè 30kg"))
    fake.push_update(fake.text_update(MINH, "chè 20kg"))
    assert "Chè búp tươi · 30 kg" in (await _replies(fake, LAN, 2))[-1]
    assert "Chè búp tươi · 20 kg" in (await _replies(fake, MINH, 2))[-1]
    async with core.db.transaction() as tx:
        lan = await members.find_by_identity(tx, "telegram", str(LAN))
    assert lan is not None and lan.display_name == str(LAN)  # no name: the id stands in


async def test_updates_python_telegram_bot_cannot_parse_are_stored_answered_and_confirmed(
    channel, fake, coop, core, caplog
):
    nameless = fake.text_update(LAN, "chè 30kg")
    del nameless["message"]["from"]["first_name"]  # PTB: User() missing first_name
    no_chat = fake.text_update(MINH, "chè 20kg")
    no_chat["message"]["chat"] = "somewhere"  # no chat to answer
    fake.push_update(nameless)
    fake.push_update(no_chat)
    for person in (LAN, MINH):  # and ordinary messages after them, in the same batch
        fake.push_update(fake.text_update(person, coop.member.invite.code))
    assert (await _replies(fake, LAN, 2)) == [UNREADABLE, (await _replies(fake, LAN, 2))[1]]
    assert "Chào mừng" in (await _replies(fake, LAN, 2))[1]
    assert ["Chào mừng" in t for t in await _replies(fake, MINH)] == [True]
    fake.push_update(fake.text_update(MINH, "chè 20kg"))
    assert "Chè búp tươi · 20 kg" in (await _replies(fake, MINH, 2))[-1]
    assert fake.pending_updates() == []  # every one of them confirmed
    for update in (nameless, no_chat):
        row = await _inbox(core, f"update:{update['update_id']}")
        assert row is not None and row.status == "failed"
        assert row.error is not None and row.error.startswith("unreadable: TypeError")
    assert len(fake.calls("sendMessage", chat_id=MINH)) == 2  # nothing for the chatless one
    logged = [r.getMessage() for r in caplog.records if r.name == "bot.channels.telegram.reading"]
    assert [m.split(":")[0] for m in logged] == [
        f"telegram update {u['update_id']} cannot be read" for u in (nameless, no_chat)]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no CRITICAL batch


def test_an_update_whose_text_cannot_be_stored_is_read_as_unreadable():
    raw = {"update_id": 77, "message": {
        "message_id": 5, "date": 1_763_000_000, "text": "ch\ud800 30kg",
        "chat": {"id": LAN, "type": "private", "first_name": "Lan"},
        "from": {"id": LAN, "is_bot": False, "first_name": "Lan"}}}
    update = Update.de_json(raw, None)
    assert to_incoming(update) is not None  # PTB and pydantic take it, the inbox could not
    read = read_update(update, raw)
    assert read.incoming is not None and read.incoming.user_ref == str(LAN)
    assert read.incoming.unreadable and "surrogates" in read.incoming.unreadable
    assert read.incoming.message_ref == "update:77"
    assert isinstance(read.payload["unread"], str) and read.payload["unread"].isascii()


async def test_every_tap_is_answered_within_a_second_even_while_the_database_is_locked(
    channel, fake, coop, core
):
    fake.push_update(fake.text_update(LAN, coop.member.invite.code))
    await _replies(fake, LAN)
    welcome = fake.sent_messages(LAN)[0]
    fake.push_update(fake.text_update(MINH, "xin chào"))
    await _replies(fake, MINH)
    held, release = threading.Event(), threading.Event()

    def hold_lock() -> None:  # another connection, as a backup tool would hold it
        if core.db.dialect == "postgresql":  # a migration or a dump holding the inbox
            with psycopg.connect(core.db.url) as pg:
                pg.execute("LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE")
                held.set()
                release.wait(10)
                pg.rollback()
            return
        conn = sqlite3.connect(core.db.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(10)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        held.wait(5)
        fake.push_update(fake.text_update(LAN, "/toi"))  # its batch waits for the lock
        await asyncio.sleep(1.5)
        taps = [
            fake.inline_callback_update(LAN, "hv:undo:1"),  # no message: an inline message
            fake.callback_update(LAN, welcome, "hv:undo:999"),  # stale: nothing to act on
            fake.callback_update(MINH, welcome, "tb:send"),  # forged: someone else's message
            fake.callback_update(LAN, welcome, "zz:\x00garbage"),  # unknown data
        ]
        started = time.monotonic()
        for tap in taps:
            fake.push_update(tap)
        await fake.until_calls("answerCallbackQuery", len(taps), ok=True, within=5)
        answered = time.monotonic() - started
    finally:
        release.set()
        await asyncio.to_thread(holder.join)
    assert answered < 1.0, answered
    assert set(fake.answered_callbacks) == {t["callback_query"]["id"] for t in taps}
    inline = fake.answered_callbacks[taps[0]["callback_query"]["id"]]
    assert NOT_YOURS in inline["text"]  # the core never sees it: the spinner says why
    await _replies(fake, LAN, 4)  # /toi, then the stale and the unknown taps' sentences
    assert "mã mời" in (await _replies(fake, MINH, 2))[-1]  # a stranger: how to join
    assert fake.calls("editMessageText") == []


async def test_a_forged_tap_on_a_managers_preview_neither_edits_nor_sends(
    channel, fake, coop, core, clock
):
    other = await admin.create_alliance(core.db, "Liên minh HTX Lào Cai", None, clock())
    fake.push_update(fake.text_update(LAN, coop.manager.invite.code))
    fake.push_update(fake.text_update(MINH, coop.member.invite.code))
    fake.push_update(fake.text_update(STAFF, other.staff.invite.code))
    for person in (LAN, MINH, STAFF):
        await _replies(fake, person)
    fake.push_update(fake.text_update(LAN, "/thongbao Mai thu chè từ 6 giờ"))
    fake.push_update(fake.text_update(STAFF, "/thongbao Tập huấn ngày mai"))  # a draft too
    await _replies(fake, LAN, 2)
    await _replies(fake, STAFF, 2)
    preview = fake.sent_messages(LAN)[-1]
    # The staff member's client forges a tap naming the manager's preview; then one naming
    # a message id of their own chat that the bot did not send them with buttons.
    fake.push_update(fake.callback_update(STAFF, preview, "tb:send"))
    own = fake.sent_messages(STAFF)[0]
    fake.push_update(fake.callback_update(STAFF, own, "tb:send"))
    texts = await _replies(fake, STAFF, 4)
    assert all(NOT_YOURS in t for t in texts[2:])
    assert fake.calls("editMessageText") == []
    assert fake.message(LAN, preview["message_id"])["reply_markup"] == preview["reply_markup"]
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM announcements") == 0
    fake.push_update(fake.callback_update(LAN, preview, "tb:send"))  # the manager's own tap
    await fake.until_calls("editMessageText", 1, chat_id=LAN, ok=True, within=10)
    assert fake.message(LAN, preview["message_id"])["text"] != preview["text"]
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM announcements") == 1


async def test_a_redelivered_update_handled_elsewhere_is_answered_at_once(
    channel, fake, coop, core
):
    update = fake.text_update(LAN, coop.member.invite.code)
    incoming = to_incoming(Update.de_json(update, channel.bot))
    assert incoming is not None
    # Another process took it in and died before replying; Telegram delivers it again.
    [replies] = await core.take_in([(incoming, update)])
    assert replies and "Chào mừng" in replies[0].text
    started = time.monotonic()
    fake.push_update(update)
    texts = await _replies(fake, LAN)
    assert time.monotonic() - started < 2.0  # not the resend job's minute
    assert texts == [replies[0].text]
    fake.push_update(dict(update))  # and again: this time it was answered
    fake.push_update(fake.text_update(LAN, "/toi"))
    assert len(await _replies(fake, LAN, 2)) == 2
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, coop.cooperative.id)) == 1
