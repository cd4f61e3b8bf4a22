"""The Zalo API client against the fake OA over HTTP: tokens rotate, are stored at once,
are refreshed before expiry and after -216, and a spent refresh token is never sent."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.channels.zalo.api import NotSetUp, ZaloApi, ZaloError
from handlers.contract import Attachment
from storage import zalo as tokens_db
from tests.fake_zalo import APP_ID, APP_SECRET, FakeZalo, FakeZaloServer


@pytest.fixture
def server() -> Iterator[FakeZaloServer]:
    with FakeZaloServer(FakeZalo()) as running:
        yield running


@pytest.fixture
async def api(db, clock, server) -> AsyncIterator[ZaloApi]:
    client = ZaloApi(db, APP_ID, APP_SECRET, server.url, server.url, clock)
    yield client
    await client.close()


async def _stored(db) -> tokens_db.ZaloTokens | None:
    async with db.transaction() as tx:
        return await tokens_db.get_tokens(tx)


async def test_setup_stores_the_rotated_pair_and_the_console_token_is_spent(api, db, server):
    fake = server.fake
    fake.text_event("u1", "hi")  # the person wrote: the window is open
    await api.setup("refresh-0")
    stored = await _stored(db)
    assert stored is not None and stored.refresh_token == fake.refresh_token != "refresh-0"
    await api.send("u1", {"text": "Xin chào"})
    assert fake.texts_to("u1") == ["Xin chào"]
    with pytest.raises(ZaloError) as refused:  # the console's token worked once
        await api.setup("refresh-0")
    assert refused.value.code == -14014
    assert (await _stored(db)).refresh_token == fake.refresh_token  # kept the good one


async def test_an_expired_token_is_refreshed_once_and_the_message_still_goes(api, db, server):
    fake = server.fake
    fake.text_event("u1", "hi")
    await api.setup("refresh-0")
    fake.expire_access_tokens()
    await api.send("u1", {"text": "Đã ghi"})
    assert fake.texts_to("u1") == ["Đã ghi"]
    assert [code for path, code in fake.calls if path.endswith("/message/cs")] == [-216, 0]
    received = fake.refresh_tokens_received
    assert received == ["refresh-0", received[1]] and len(set(received)) == 2  # no reuse
    assert (await _stored(db)).refresh_token == fake.refresh_token


async def test_the_token_is_refreshed_before_it_expires(api, db, server, clock):
    fake = server.fake
    fake.text_event("u1", "hi")
    await api.setup("refresh-0")
    clock.advance(hours=24, minutes=1)  # 25 h tokens are renewed an hour ahead
    await api.send("u1", {"text": "Giá chè hôm nay"})
    assert len(fake.refresh_tokens_received) == 2
    assert [code for path, code in fake.calls if path.endswith("/message/cs")] == [0]


async def test_concurrent_calls_after_expiry_refresh_once(api, server):
    fake = server.fake
    fake.text_event("u1", "hi")
    await api.setup("refresh-0")
    fake.expire_access_tokens()
    await asyncio.gather(*(api.send("u1", {"text": f"tin {n}"}) for n in range(4)))
    assert sorted(fake.texts_to("u1")) == [f"tin {n}" for n in range(4)]
    assert len(fake.refresh_tokens_received) == 2  # setup, then one refresh for all four


async def test_upload_then_errors_are_raised_with_their_code(api, server):
    fake = server.fake
    await api.setup("refresh-0")
    token = await api.upload("file", Attachment(filename="a.xlsx", content=b"PK"))
    assert fake.uploads[token] == ("a.xlsx", b"PK")
    with pytest.raises(ZaloError) as not_follower:  # u9 never wrote to the OA
        await api.send("u9", {"text": "x"})
    assert not_follower.value.code == -213
    fake.text_event("u1", "hi")
    fake.fail_next("send", -32)
    with pytest.raises(ZaloError) as limited:
        await api.send("u1", {"text": "x"})
    assert limited.value.code == -32


async def test_before_setup_the_channel_says_so(api):
    with pytest.raises(NotSetUp):
        await api.send("u1", {"text": "x"})
