"""The Telegram channel: a real PTB Application over the offline fake Bot API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from telegram import Update

from bot.channels.telegram.adapter import to_incoming
from bot.channels.telegram.channel import TelegramChannel, file_url_for
from bot.scheduler import resend_stale_replies
from handlers import admin
from handlers.core import Core
from handlers.registry import menu_for
from storage import inbox, members
from tests.fake_telegram import FakeRequest, FakeTelegram
from tests.support import sqlite_only

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

LAN, MINH = 5550001, 5550002


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


def _channel(core: Core, fake: FakeTelegram) -> TelegramChannel:
    return TelegramChannel(
        core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
        request=FakeRequest(fake), updates_request=FakeRequest(fake),
    )


@pytest.fixture
async def channel(core: Core, fake: FakeTelegram) -> AsyncIterator[TelegramChannel]:
    running = _channel(core, fake)
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


async def test_start_with_code_joins_and_the_reply_names_coop_and_role(channel, fake, coop, core):
    fake.push_update(fake.text_update(LAN, f"/start {coop.member.invite.code}",
                                      first_name="Lan", last_name="Lò Thị"))
    [text] = await _replies(fake, LAN)
    assert "HTX Chè Phình Hồ" in text and "thành viên" in text
    async with core.db.transaction() as tx:
        member = await members.find_by_identity(tx, "telegram", str(LAN))
        statuses = await inbox.count_by_status(tx)
    assert member is not None and member.display_name == "Lan Lò Thị"
    assert statuses == {"replied": 1}


async def test_profile_and_refusals_over_telegram(channel, fake, coop, core, clock):
    revoked = await admin.issue_invite(core.db, "member", clock(), coop.cooperative.id)
    await admin.revoke_invite(core.db, revoked.invite.code, clock())
    fake.push_update(fake.text_update(MINH, f"/start {revoked.invite.code}"))
    assert "thu hồi" in (await _replies(fake, MINH))[-1]
    fake.push_update(fake.text_update(LAN, coop.manager.invite.code, first_name="Lan"))
    await _replies(fake, LAN)
    fake.push_update(fake.text_update(LAN, "/toi"))
    profile = (await _replies(fake, LAN, 2))[-1]
    assert "Lan" in profile and "HTX Chè Phình Hồ" in profile and "quản lý" in profile


async def test_menus_are_vietnamese_and_managers_get_their_own(channel, fake, coop):
    default = fake.commands()
    assert {c["command"] for c in default} == {"start", "help"}  # what a stranger can do
    assert any("Hướng dẫn" in c["description"] for c in default)
    fake.push_update(fake.text_update(LAN, coop.manager.invite.code))
    fake.push_update(fake.text_update(MINH, coop.member.invite.code))
    await _replies(fake, LAN)
    await _replies(fake, MINH)
    await fake.until_calls("setMyCommands", 3, within=10)
    manager = {c["command"] for c in fake.commands(scope={"type": "chat", "chat_id": LAN})}
    member = {c["command"] for c in fake.commands(scope={"type": "chat", "chat_id": MINH})}
    assert manager == set(menu_for("manager")) and member == set(menu_for("member"))
    assert "moi" in manager and "moi" not in member and "toi" in member


async def test_a_redelivered_update_is_processed_once(channel, fake, coop, core):
    update = fake.text_update(LAN, coop.member.invite.code)
    fake.push_update(update)
    await _replies(fake, LAN)
    fake.push_update(dict(update))  # Telegram sends the same update again
    fake.push_update(fake.text_update(LAN, "/toi"))
    texts = await _replies(fake, LAN, 2)
    assert len(texts) == 2 and "Vai trò" in texts[1]
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, coop.cooperative.id)) == 1


async def test_a_polled_update_is_stored_as_telegram_sent_it(channel, fake, coop, core):
    update = fake.text_update(LAN, coop.member.invite.code, first_name="Lan")
    update["message"]["x_not_in_ptb_yet"] = {"kept": [1, "hai"]}  # a field of a newer Bot API
    fake.push_update(update)
    await _replies(fake, LAN)
    async with core.db.transaction() as tx:
        stored = await inbox.get(tx, "telegram", f"{LAN}:{update['message']['message_id']}")
    assert stored is not None and stored.payload == update


async def test_stickers_voice_and_buttons_get_answers(channel, fake, coop):
    fake.push_update(fake.text_update(LAN, coop.member.invite.code))
    await _replies(fake, LAN)
    fake.push_update(fake.sticker_update(LAN))
    fake.push_update(fake.voice_update(LAN))
    texts = await _replies(fake, LAN, 3)
    assert "nhãn dán" in texts[1] and "tin nhắn thoại" in texts[2]
    message = fake.sent_messages(LAN)[0]
    fake.push_update(fake.callback_update(LAN, message, "old:button"))
    await fake.until_calls("answerCallbackQuery", 1, within=10)
    assert len(await _replies(fake, LAN, 4)) == 4


async def test_a_stranger_gets_the_welcome_for_any_update(channel, fake):
    fake.push_update(fake.text_update(MINH, "hái 30kg chè"))
    fake.push_update(fake.location_update(MINH, 21.59, 105.84))
    texts = await _replies(fake, MINH, 2)
    assert all("mã mời" in t for t in texts)


async def test_a_user_who_blocked_the_bot_does_not_stop_the_others(channel, fake, coop, core):
    fake.block_chat(MINH)
    fake.push_update(fake.text_update(MINH, "xin chào"))
    fake.push_update(fake.text_update(LAN, coop.member.invite.code))
    assert "Chào mừng" in (await _replies(fake, LAN))[0]
    assert [c.status for c in fake.calls("sendMessage", chat_id=MINH)] == [403]
    async with core.db.transaction() as tx:
        assert await inbox.count_by_status(tx) == {"replied": 2}


async def test_a_polled_batch_handled_but_never_answered_is_answered_once_after_a_crash(
    core, fake, coop
):
    first = _channel(core, fake)
    await first.app.initialize()
    for user in range(6000, 6005):  # five people join; the process dies before replying
        fake.push_update(fake.text_update(user, coop.member.invite.code))
    offset = await first.poll_once(None, 0)  # stored and handled in one transaction
    assert offset is not None
    await first.bot.get_updates(offset=offset, timeout=0)  # the next poll confirms the batch
    await first.app.shutdown()  # then the process dies: never started, nothing sent
    assert fake.pending_updates() == [] and fake.calls("sendMessage") == []
    async with core.db.transaction() as tx:
        assert await inbox.count_by_status(tx) == {"done": 5}

    second = _channel(core, fake)
    await second.start()
    try:
        for user in range(6000, 6005):
            assert "Chào mừng" in (await _replies(fake, user))[0]
    finally:
        await second.stop()
    assert len(fake.calls("sendMessage")) == 5  # each answered once
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, coop.cooperative.id)) == 5
        assert await inbox.count_by_status(tx) == {"replied": 5}


async def test_updates_stored_but_not_processed_are_processed_once_after_a_crash(
    core, fake, coop
):
    first = _channel(core, fake)
    await first.app.initialize()
    for user in range(6000, 6005):  # fed directly (not polled): stored, then the process dies
        update = Update.de_json(fake.text_update(user, coop.member.invite.code), first.bot)
        incoming = to_incoming(update)
        assert incoming is not None
        assert await core.receive(incoming, update.to_dict())
    await first.app.shutdown()
    async with core.db.transaction() as tx:
        assert await inbox.count_by_status(tx) == {"received": 5}

    second = _channel(core, fake)
    await second.start()
    try:
        for user in range(6000, 6005):
            assert len(await _replies(fake, user)) == 1
    finally:
        await second.stop()
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, coop.cooperative.id)) == 5
        assert await inbox.count_by_status(tx) == {"replied": 5}


async def test_replies_lost_to_an_outage_go_out_as_soon_as_telegram_works_again(
    channel, fake, coop, core, clock
):
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=10_000)  # until healed
    fake.push_update(fake.text_update(LAN, coop.member.invite.code))
    fake.push_update(fake.text_update(MINH, "xin chào"))
    await fake.until_calls("sendMessage", 4, within=10)  # each tried, then tried again
    assert fake.sent_texts(LAN) == [] and fake.sent_texts(MINH) == []
    fake.heal("sendMessage")
    healed = time.monotonic()
    await fake.until_calls("sendMessage", 1, chat_id=LAN, ok=True, within=10)
    await fake.until_calls("sendMessage", 1, chat_id=MINH, ok=True, within=10)
    assert time.monotonic() - healed < 2.0  # not the minute of the resend job
    assert "Chào mừng" in fake.sent_texts(LAN)[0] and len(fake.sent_texts(LAN)) == 1
    clock.advance(minutes=2)
    assert await resend_stale_replies(channel) == 0  # nothing left for the job
    assert len(fake.sent_texts(LAN)) == 1 and len(fake.sent_texts(MINH)) == 1


async def test_long_replies_are_split_for_telegram(channel, fake, core):
    from bot.channels.telegram.adapter import send_reply
    from handlers.contract import Reply

    text = "\n".join(f"dòng {n}: " + "chè " * 40 for n in range(60))
    await send_reply(channel.bot, LAN, Reply(text=text))
    sent = fake.sent_texts(LAN)
    assert len(sent) > 1 and all(len(s) <= 4096 for s in sent)
    assert "\n".join(sent) == text


def test_file_url_follows_the_api_url():
    assert file_url_for("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url_for("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"


async def test_a_harvest_question_is_answered_by_a_tap_that_edits_the_question(
    channel, fake, coop, core
):
    fake.push_update(fake.text_update(LAN, coop.member.invite.code))
    await _replies(fake, LAN)
    fake.push_update(fake.text_update(LAN, "chè 1.500"))
    await _replies(fake, LAN, 2)
    question = fake.sent_messages(LAN)[-1]
    labels = [b["text"] for row in question["reply_markup"]["inline_keyboard"] for b in row]
    assert any("1.500 kg" in label for label in labels)
    [choice] = [b for row in question["reply_markup"]["inline_keyboard"] for b in row
                if "1.500 kg" in b["text"]]
    fake.push_update(fake.callback_update(LAN, question, choice["callback_data"]))
    await fake.until_calls("editMessageText", 1, chat_id=LAN, ok=True, within=10)
    edited = fake.message(LAN, question["message_id"])
    assert "Đã ghi" in edited["text"] and "1.500 kg" in edited["text"]
    async with core.db.transaction() as tx:
        amounts = await tx.all("SELECT amount, status FROM harvests")
    assert amounts == [{"amount": 1_500_000, "status": "recorded"}]


async def test_a_busy_channel_spends_one_database_trip_per_polled_batch(core, fake, coop):
    """The poller stores and handles a batch in one trip; the 'replied' marks ride on the
    next batch's transaction, or are written once when the queue runs dry."""
    sqlite_only(core.db, "counts the hops to aiosqlite's thread")
    connection = type(core.db._conn)  # aiosqlite's Connection: count its thread hops
    hop = connection._execute
    sent = 0

    async def trips_for(texts: list[str]) -> int:
        nonlocal sent
        for text in texts:
            fake.push_update(fake.text_update(LAN, text))
        trips = []

        async def counted(self, fn, *args, **kwargs):
            trips.append(fn)
            return await hop(self, fn, *args, **kwargs)

        connection._execute = counted
        try:
            running = _channel(core, fake)
            await running.start()
            sent += len(texts)
            await _replies(fake, LAN, sent)
            await running.stop()
        finally:
            connection._execute = hop
        return len(trips)

    await trips_for([coop.member.invite.code])  # the join, and everything's first use
    ten = await trips_for([f"chè {20 + n}kg" for n in range(10)])
    twenty = await trips_for([f"chè {30 + n}kg" for n in range(20)])
    assert twenty == ten, (ten, twenty)  # ten more messages, not one more trip
    async with core.db.transaction() as tx:
        assert await inbox.count_by_status(tx) == {"replied": 31}  # the join and 30
        amounts = [r["amount"] for r in await tx.all("SELECT amount FROM harvests ORDER BY id")]
    assert amounts == [n * 1000 for n in [*range(20, 30), *range(30, 50)]]


async def test_with_several_processes_the_resend_job_sends_only_this_process_s_rows(
    core, fake, clock
):
    """Rows handled and never confirmed sent: this process's own ('a') are sent again after a
    minute; those another live process holds ('b') are its to send."""
    from datetime import timedelta

    from handlers.contract import Incoming, Reply
    from handlers.core import _json
    from storage.inbox import Claim

    channel = _channel(core, fake)
    await channel.app.initialize()
    try:
        for chat, holder in ((LAN, "a"), (MINH, "b")):
            incoming = Incoming(channel="telegram", user_ref=str(chat),
                                message_ref=f"{chat}:1", sent_at=clock(), text="xin chào")
            async with core.db.transaction() as tx:
                await inbox.store(tx, "telegram", incoming.message_ref, {},
                                  incoming.model_dump_json(), clock(),
                                  Claim(holder, clock() + timedelta(hours=1)))
                await inbox.finish(tx, "telegram", incoming.message_ref,
                                   _json([Reply(text=f"chào {chat}")]), clock())
        clock.advance(minutes=2)
        assert await resend_stale_replies(channel, "a") == 1
        assert fake.sent_texts(LAN) == [f"chào {LAN}"] and fake.sent_texts(MINH) == []
        async with core.db.transaction() as tx:
            assert await inbox.status(tx, "telegram", f"{LAN}:1") == "replied"
            assert await inbox.status(tx, "telegram", f"{MINH}:1") == "done"
    finally:
        await channel.app.shutdown()
