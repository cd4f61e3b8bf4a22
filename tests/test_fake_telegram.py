"""The fake Bot API, driven through real python-telegram-bot objects, in-process and over HTTP."""

from __future__ import annotations

import asyncio
import os
import threading
import time
import warnings

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fake_telegram import (
    FakeBotAPIServer,
    FakeRequest,
    FakeTelegram,
    command_entities,
    fake_application_builder,
    fake_bot,
)
from tests.fake_telegram.server import parse_body

# PTB 22 itself reads RetryAfter.retry_after as an int when building the error, and warns.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

FARMER = 5551001
OTHER_FARMER = 5551002
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Đồng ý", callback_data="yes")]])


def seconds(owner: object, attribute: str = "retry_after") -> float:
    """A PTB time period (int or timedelta, depending on PTB_TIMEDELTA) in seconds."""
    with warnings.catch_warnings():  # PTB 22 warns on reading these as int
        warnings.simplefilter("ignore")
        value = getattr(owner, attribute)
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def bot(fake: FakeTelegram):
    async with fake_bot(fake) as connected:
        yield connected


@pytest.fixture
def server(fake: FakeTelegram):
    with FakeBotAPIServer(fake) as running:
        yield running


@pytest.fixture
async def http_bot(fake: FakeTelegram, server: FakeBotAPIServer):
    async with Bot(fake.token, base_url=server.url, base_file_url=server.file_url) as connected:
        yield connected


# -- in-process, through FakeRequest ------------------------------------------------------------


async def test_get_me_identifies_the_fake_bot(fake: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (fake.bot_id, "htx_test_bot", True)
    assert me.can_join_groups is True
    assert bot.username == "htx_test_bot"  # initialize() called getMe as well
    assert [c.status for c in fake.calls("getMe")] == [200, 200]


async def test_messages_get_per_chat_ids_and_edits_follow_telegram_rules(
    fake: FakeTelegram, bot: Bot
) -> None:
    # PTB drops the "Bad Request: " prefix and capitalizes the rest: "Message is not modified".
    first = await bot.send_message(FARMER, "Giá lúa hôm nay", reply_markup=KEYBOARD)
    second = await bot.send_message(FARMER, "Lịch phun thuốc")
    elsewhere = await bot.send_message(OTHER_FARMER, "Chào bạn")
    assert (first.message_id, second.message_id, elsewhere.message_id) == (1, 2, 1)
    assert first.from_user.id == fake.bot_id and first.chat.id == FARMER
    assert first.reply_markup == KEYBOARD and second.reply_markup is None

    edited = await bot.edit_message_text(
        "Giá lúa: 7.200đ/kg", chat_id=FARMER, message_id=1, reply_markup=KEYBOARD
    )
    assert edited.text == "Giá lúa: 7.200đ/kg" and edited.edit_date is not None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Giá lúa: 7.200đ/kg", chat_id=FARMER, message_id=1, reply_markup=KEYBOARD
        )
    # Same text without reply_markup is a change: Telegram drops the keyboard.
    await bot.edit_message_text("Giá lúa: 7.200đ/kg", chat_id=FARMER, message_id=1)
    assert "reply_markup" not in fake.message(FARMER, 1)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("?", chat_id=FARMER, message_id=99)
    assert fake.sent_texts(FARMER) == ["Giá lúa hôm nay", "Lịch phun thuốc"]
    assert fake.last_message(FARMER)["text"] == "Lịch phun thuốc"


async def test_send_validates_like_telegram(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(FARMER, "a" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(FARMER, "  ")
    strict = FakeTelegram(strict_chats=True)
    async with fake_bot(strict) as strict_bot:
        with pytest.raises(BadRequest, match="Chat not found"):
            await strict_bot.send_message(FARMER, "Chào")
        strict.push_update(strict.text_update(FARMER, "xin chào"))
        assert (await strict_bot.send_message(FARMER, "Chào")).chat.first_name == "Nông dân"


async def test_offset_confirms_updates_for_good(fake: FakeTelegram, bot: Bot) -> None:
    pushed = [fake.push_update(fake.text_update(FARMER, f"tin {n}")) for n in range(3)]
    ids = [u["update_id"] for u in pushed]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    # An offset below an already confirmed update does not bring it back.
    assert [u.update_id for u in await bot.get_updates(offset=ids[0])] == ids[1:]
    assert [u.update_id for u in await bot.get_updates(limit=1)] == ids[1:2]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert fake.pending_updates() == []


async def test_types_not_asked_for_are_never_delivered(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(FARMER, "Chọn", reply_markup=KEYBOARD)
    assert await bot.get_updates(allowed_updates=["message"]) == ()  # Telegram remembers it
    kinds = ["message", "callback_query"] * 3
    pushed = [
        fake.push_update(
            fake.text_update(FARMER, f"tin {n}") if kind == "message"
            else fake.callback_update(FARMER, sent.message_id, "yes")
        )
        for n, kind in enumerate(kinds)
    ]
    wanted = [u["update_id"] for u in pushed if "message" in u]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == wanted[:2]
    assert [u["update_id"] for u in fake.pending_updates()] == wanted
    assert [u.update_id for u in await bot.get_updates(offset=wanted[1] + 1)] == wanted[2:]


async def test_long_poll_returns_as_soon_as_an_update_arrives(fake: FakeTelegram, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()  # really waiting, yet the event loop runs
    fake.push_update(fake.text_update(FARMER, "có ai không?"))
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message.text == "có ai không?"
    assert time.monotonic() - started < 2


async def test_long_poll_without_updates_waits_out_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert 0.25 < time.monotonic() - started < 2


async def test_a_second_poller_ends_the_first_with_conflict(fake: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 2)
    fake.push_update(fake.text_update(FARMER, "ok"))
    assert len(await asyncio.wait_for(second, 2)) == 1


async def test_webhook_blocks_polling_until_deleted(fake: FakeTelegram, bot: Bot) -> None:
    fake.push_update(fake.text_update(FARMER, "cũ"))
    await bot.set_webhook("https://example.invalid/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert (await bot.get_webhook_info()).pending_update_count == 1
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_chat_states_fail_like_telegram(fake: FakeTelegram, bot: Bot) -> None:
    fake.block_chat(FARMER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(FARMER, "Chào")
    fake.deactivate_user(FARMER)
    with pytest.raises(Forbidden, match="user is deactivated"):
        await bot.send_chat_action(FARMER, "typing")
    fake.forget_chat(FARMER)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(FARMER, "Chào")
    fake.restore_chat(FARMER)
    assert (await bot.send_message(FARMER, "Chào")).message_id == 1
    assert [c.status for c in fake.calls(chat_id=FARMER)] == [403, 403, 400, 200]
    # the cheap count agrees with the recorded calls, and forgets with them
    assert (fake.answered("sendMessage"), fake.answered("sendMessage", ok=False)) == (1, 2)
    assert fake.answered("sendChatAction", ok=False) == 1
    fake.clear_calls()
    assert fake.answered("sendMessage") == 0 == len(fake.calls())


async def test_forced_errors_hit_the_next_calls_only(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendMessage", 429, retry_after=7)
    fake.fail_next("sendMessage", 500)
    fake.fail_next("sendMessage", 502)
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(FARMER, "1")
    assert seconds(flood.value) == 7
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(FARMER, "2")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(FARMER, "3")
    await bot.get_me()  # other methods are untouched
    assert (await bot.send_message(FARMER, "4")).text == "4"
    assert [c.status for c in fake.calls("sendMessage")] == [429, 500, 502, 200]
    assert fake.calls("sendMessage")[0].response["parameters"] == {"retry_after": 7}


async def test_dropped_connection_times_out_and_may_still_have_been_delivered(
    fake: FakeTelegram, bot: Bot
) -> None:
    fake.drop_next("sendMessage")
    fake.drop_next("sendMessage", processed=True)
    with pytest.raises(TimedOut):
        await bot.send_message(FARMER, "lost")
    with pytest.raises(TimedOut):
        await bot.send_message(FARMER, "delivered anyway")
    assert fake.last_message(FARMER)["text"] == "delivered anyway"


async def test_flood_control_with_a_controlled_clock() -> None:
    now = [1000.0]
    fake = FakeTelegram(rate_limit=2, per_chat_limit=1, clock=lambda: now[0])
    async with fake_bot(fake) as bot:
        await bot.send_message(FARMER, "1")
        now[0] += 0.4
        with pytest.raises(RetryAfter) as per_chat:  # second message to one chat within 1s
            await bot.send_message(FARMER, "2")
        assert seconds(per_chat.value) == 1
        await bot.send_message(OTHER_FARMER, "3")
        with pytest.raises(RetryAfter):  # 2 sends in the last second overall: the cap
            await bot.send_message(42, "4")
        await bot.send_chat_action(42, "typing")  # not a send: never limited
        now[0] += 0.7  # the first send left the window, the one to OTHER_FARMER has not
        await bot.send_message(FARMER, "5")
        with pytest.raises(RetryAfter):
            await bot.send_message(42, "6")
        now[0] += 1.0
        await bot.send_message(42, "7")
    assert fake.sent_texts() == ["1", "3", "5", "7"]
    assert fake.calls("sendMessage", ok=False)[0].error == "Too Many Requests: retry after 1"


async def test_document_upload_is_recorded_and_downloadable(fake: FakeTelegram, bot: Bot) -> None:
    content = os.urandom(4096) + b"\r\n--boundary\r\n"
    sent = await bot.send_document(
        FARMER, InputFile(content, filename="báo_cáo.pdf"), caption="Báo cáo vụ mùa"
    )
    upload = fake.uploads(FARMER)[0]
    assert (upload.filename, upload.content, upload.mimetype) == (
        "báo_cáo.pdf",
        content,
        "application/pdf",
    )
    assert sent.document.file_size == len(content) and sent.caption == "Báo cáo vụ mùa"
    assert fake.sent_texts(FARMER) == ["Báo cáo vụ mùa"]
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content
    again = await bot.send_document(OTHER_FARMER, sent.document.file_id)  # resend by file_id
    assert again.document.file_name == "báo_cáo.pdf"
    with pytest.raises(BadRequest, match="Can't use file of type document as photo"):
        await bot.send_photo(FARMER, sent.document.file_id)


async def test_wrong_token_is_unauthorized(fake: FakeTelegram) -> None:
    wrong = Bot("987654321:AAHwrong-token-but-well-formed_000", request=FakeRequest(fake))
    with pytest.raises(InvalidToken, match="Unauthorized"):
        await wrong.get_me()
    malformed = Bot("not-a-token", request=FakeRequest(fake))
    with pytest.raises(InvalidToken, match="Not Found"):
        await malformed.get_me()
    assert [c.status for c in fake.calls("getMe")] == [401, 404]


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": FARMER})


async def test_commands_menu_per_scope(fake: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("gia", "Giá lúa")])
    scope = BotCommandScopeChat(FARMER)
    await bot.set_my_commands([BotCommand("duyet", "Duyệt thành viên")], scope=scope)
    assert [c.command for c in await bot.get_my_commands()] == ["start", "gia"]
    assert [c.command for c in await bot.get_my_commands(scope=scope)] == ["duyet"]
    await bot.delete_my_commands(scope=scope)
    assert fake.commands({"type": "chat", "chat_id": FARMER}) == []
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Giá", "có dấu")])


async def test_builders_make_updates_ptb_understands(fake: FakeTelegram, bot: Bot) -> None:
    text = fake.text_update(FARMER, "🌾 /gia lua", first_name="Lan", last_name="Trần")
    command = Update.de_json(text, bot).message
    assert command.entities[0].offset == 3  # UTF-16 units: the emoji counts twice
    assert command.parse_entities() == {command.entities[0]: "/gia"}
    assert command.from_user.full_name == "Lan Trần" and command.chat.type == "private"
    edited = Update.de_json(fake.edited_update(text, "/gia ngo"), bot).edited_message
    assert (edited.message_id, edited.text) == (command.message_id, "/gia ngo")
    assert edited.edit_date is not None
    sticker = Update.de_json(fake.sticker_update(FARMER), bot).message.sticker
    voice = Update.de_json(fake.voice_update(FARMER, duration=5), bot).message.voice
    photo = Update.de_json(fake.photo_update(FARMER, caption="Lá bị vàng"), bot).message
    where = Update.de_json(fake.location_update(FARMER, 10.03, 105.78), bot).message.location
    assert sticker.emoji == "👍" and seconds(voice, "duration") == 5
    assert photo.caption == "Lá bị vàng" and photo.photo[-1].width > photo.photo[0].width
    assert (where.latitude, where.longitude) == (10.03, 105.78)
    photo_file = await bot.get_file(photo.photo[-1].file_id)
    assert bytes(await photo_file.download_as_bytearray()) == fake.file_content(
        photo.photo[-1].file_id
    )
    assert command_entities("xin /start@htx_test_bot nhé") == [
        {"type": "bot_command", "offset": 4, "length": 19}
    ]
    ids = [text["update_id"], *(fake.text_update(FARMER, "x")["update_id"] for _ in range(2))]
    assert ids == sorted(set(ids))


async def test_application_handles_injected_command_and_button(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Chào {context.args[0]}!", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("Đã ghi nhận")
        await update.callback_query.edit_message_text(f"Bạn chọn: {update.callback_query.data}")

    app = fake_application_builder(fake).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        await app.process_update(Update.de_json(fake.text_update(FARMER, "/start Lan"), app.bot))
        greeting = fake.last_message(FARMER)
        press = fake.callback_update(FARMER, greeting, "yes")
        await app.process_update(Update.de_json(press, app.bot))
    assert fake.sent_texts(FARMER) == ["Chào Lan!"]
    assert greeting["message_id"] == 2  # the user's /start was message 1 of the chat
    assert fake.message(FARMER, 2)["text"] == "Bạn chọn: yes"
    assert fake.answered_callbacks[press["callback_query"]["id"]]["text"] == "Đã ghi nhận"


async def test_application_polling_end_to_end(fake: FakeTelegram) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("pong")

    app = fake_application_builder(fake).build()
    app.add_handler(CommandHandler("ping", echo))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=10, poll_interval=0)
        fake.push_update(fake.text_update(FARMER, "/ping"))
        await fake.until_calls("sendMessage", chat_id=FARMER, within=5)
        started = time.monotonic()
        await app.updater.stop()  # cancels the waiting long poll at once
        await app.stop()
    assert time.monotonic() - started < 2
    assert fake.sent_texts(FARMER) == ["pong"]
    assert fake.pending_updates() == []  # the shutdown poll confirmed it
    assert fake.calls("deleteWebhook", ok=True)


# -- over real HTTP, through FakeBotAPIServer -------------------------------------------------


async def test_http_round_trip(fake: FakeTelegram, http_bot: Bot) -> None:
    assert http_bot.username == "htx_test_bot"
    sent = await http_bot.send_message(FARMER, "123", reply_markup=KEYBOARD)
    assert sent.text == "123"  # a numeric-looking text stays text on the wire
    assert fake.calls("sendMessage")[0].params == {
        "chat_id": FARMER,
        "text": "123",
        "reply_markup": KEYBOARD.to_dict(),
    }
    await http_bot.edit_message_text("456", chat_id=FARMER, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await http_bot.edit_message_text("456", chat_id=FARMER, message_id=sent.message_id)
    fake.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as flood:
        await http_bot.send_message(FARMER, "again")
    assert seconds(flood.value) == 3
    fake.block_chat(FARMER)
    with pytest.raises(Forbidden, match="blocked"):
        await http_bot.send_message(FARMER, "again")


async def test_http_long_poll_and_offsets(fake: FakeTelegram, http_bot: Bot) -> None:
    first = fake.push_update(fake.text_update(FARMER, "một"))
    assert [u.update_id for u in await http_bot.get_updates(timeout=5)] == [first["update_id"]]
    poll = asyncio.create_task(http_bot.get_updates(offset=first["update_id"] + 1, timeout=10))
    await asyncio.sleep(0.2)
    assert not poll.done()
    # Pushed from another thread, as a test driving a bot process would.
    threading.Thread(target=fake.push_update, args=(fake.voice_update(FARMER),)).start()
    updates = await asyncio.wait_for(poll, 3)
    assert updates[0].message.voice is not None
    assert [c.params.get("offset") for c in fake.calls("getUpdates")] == [
        None,
        first["update_id"] + 1,
    ]


async def test_http_document_upload_keeps_bytes(fake: FakeTelegram, http_bot: Bot) -> None:
    content = bytes(range(256)) * 8 + b"\r\n\r\n--"
    sent = await http_bot.send_document(
        FARMER, InputFile(content, filename="sổ tay.xlsx"), caption="Sổ tay"
    )
    upload = fake.uploads()[0]
    assert (upload.field, upload.filename, upload.content) == ("document", "sổ tay.xlsx", content)
    assert sent.document.file_name == "sổ tay.xlsx"
    file = await http_bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content


async def test_http_wrong_token_and_dropped_connection(
    fake: FakeTelegram, server: FakeBotAPIServer
) -> None:
    async with Bot(fake.token, base_url=server.url) as good:
        fake.drop_next("sendMessage")
        with pytest.raises(NetworkError):
            await good.send_message(FARMER, "lost")
        assert (await good.send_message(FARMER, "ok")).text == "ok"  # connection pool recovers
    wrong = Bot("987654321:AAHwrong-token-but-well-formed_000", base_url=server.url)
    with pytest.raises(InvalidToken, match="Unauthorized"):
        await wrong.get_me()
    await wrong.shutdown()
    assert fake.calls("getMe")[-1].status == 401


def test_stopping_the_server_releases_a_waiting_poll(fake: FakeTelegram) -> None:
    server = FakeBotAPIServer(fake).start()
    result: list[object] = []
    poller = threading.Thread(
        target=lambda: result.append(fake.request(fake.token, "getUpdates", {"timeout": 30}))
    )
    poller.start()
    time.sleep(0.1)
    started = time.monotonic()
    server.stop()
    poller.join(5)
    assert result and result[0].body == {"ok": True, "result": []}
    assert time.monotonic() - started < 2


def test_wait_for_calls_wakes_on_a_call_from_another_thread(fake: FakeTelegram) -> None:
    def bot_process() -> None:
        time.sleep(0.1)
        fake.request(fake.token, "sendMessage", {"chat_id": FARMER, "text": "xong"})

    threading.Thread(target=bot_process).start()
    [call] = fake.wait_for_calls("sendmessage", chat_id=FARMER, within=5)
    assert call.ok and call.result["text"] == "xong"
    with pytest.raises(TimeoutError, match="fewer than 2 sendmessage calls"):
        fake.wait_for_calls("sendmessage", 2, within=0.1)


def test_form_fields_decode_like_the_bot_api() -> None:
    params, files = parse_body(
        "application/x-www-form-urlencoded",
        b"chat_id=42&text=true&disable_notification=true&reply_markup=%7B%22a%22%3A1%7D&x=%5B",
    )
    assert params == {
        "chat_id": 42,
        "text": "true",
        "disable_notification": True,
        "reply_markup": {"a": 1},
        "x": "[",
    }
    assert files == {}
