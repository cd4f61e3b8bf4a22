"""KeepAliveRequest, the worker's lean HTTP client, against the fake Bot API over real HTTP:
answers and Telegram's errors read as PTB reads them, connections kept and replaced."""

from __future__ import annotations

import pytest
from telegram import Bot, InputFile
from telegram.error import Forbidden, NetworkError, RetryAfter

from bot.channels.telegram.keepalive import KeepAliveRequest
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def running():
    fake = FakeTelegram()
    with FakeBotAPIServer(fake) as server:
        request = KeepAliveRequest(pool_size=4)
        bot = Bot(fake.token, base_url=server.url, request=request)
        await request.initialize()
        try:
            yield fake, bot, request
        finally:
            await request.shutdown()


async def test_messages_go_out_on_one_kept_connection(running):
    fake, bot, request = running
    markup = {"inline_keyboard": [[{"text": "✅ Tham gia", "callback_data": "rsvp:1:yes"}]]}
    for n in range(5):
        result = await bot._post("sendMessage", {"chat_id": 42, "text": f"Giá chè {n} đ/kg",
                                                 "reply_markup": markup})
        assert result["text"] == f"Giá chè {n} đ/kg"
    assert request._open == 1  # one connection, kept alive for all five
    sent = fake.sent_messages(42)
    assert [m["text"] for m in sent] == [f"Giá chè {n} đ/kg" for n in range(5)]
    assert sent[0]["reply_markup"] == markup
    message = await bot.send_message(42, "Lũ quét: rời khỏi sườn đồi ⚠️")  # PTB's own method
    assert message.text == "Lũ quét: rời khỏi sườn đồi ⚠️"


async def test_telegrams_errors_come_back_as_ptb_raises_them(running):
    fake, bot, _ = running
    fake.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(42, "tin")
    assert flood.value.retry_after in (3, 3.0) or flood.value.retry_after.total_seconds() == 3
    fake.set_chat_state(43, "blocked")
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(43, "tin")
    assert (await bot.send_message(42, "lại")).text == "lại"  # the connection still serves


async def test_a_connection_that_dies_is_a_network_error_and_the_next_call_gets_a_new_one(
    running,
):
    fake, bot, request = running
    await bot.send_message(42, "một")
    fake.drop_next("sendMessage")  # the server hangs up without an answer
    with pytest.raises(NetworkError):
        await bot.send_message(42, "hai")
    assert (await bot.send_message(42, "ba")).text == "ba"
    assert request._open == 1
    assert [m["text"] for m in fake.sent_messages(42)] == ["một", "ba"]


async def test_uploads_go_through_httpx(running):
    fake, bot, _ = running
    await bot.send_document(42, InputFile(b"a,b\n1,2\n", filename="so-lieu.csv"))
    [upload] = fake.uploads(42)
    assert upload.filename == "so-lieu.csv" and upload.content == b"a,b\n1,2\n"
