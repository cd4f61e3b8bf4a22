"""Fixtures the Telegram tests share: the offline fake Bot API and our channel polling it.

A test file may define its own `fake` or `channel` (another timeout, another intake): pytest
takes the file's own over these."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.telegram.channel import TelegramChannel
from handlers.core import Core
from tests.fake_telegram import FakeRequest, FakeTelegram


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def channel(core: Core, fake: FakeTelegram) -> AsyncIterator[TelegramChannel]:
    running = TelegramChannel(core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
                              request=FakeRequest(fake), updates_request=FakeRequest(fake))
    await running.start()
    yield running
    await running.stop()
