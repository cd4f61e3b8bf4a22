"""TELEGRAM_MAX_RATE and TELEGRAM_PAID_BROADCAST, and how the worker uses them."""

from __future__ import annotations

import pytest

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.delivery import default_batch, default_concurrency, telegram_worker
from bot.settings import SettingsError, load_settings
from tests.fake_telegram import FakeRequest, FakeTelegram

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def test_rate_defaults_to_telegrams_limits():
    assert load_settings({}).max_rate == 30
    assert load_settings({"telegram_paid_broadcast": "true"}).max_rate == 1000
    assert load_settings({"telegram_max_rate": "12"}).max_rate == 12
    paid = load_settings({"telegram_paid_broadcast": "1", "telegram_max_rate": "300"})
    assert paid.max_rate == 300


@pytest.mark.parametrize(
    ("values", "message"),
    [({"telegram_max_rate": "100"},
      "TELEGRAM_MAX_RATE: at most 30 messages per second (1000 with TELEGRAM_PAID_BROADCAST=true)"),
     ({"telegram_max_rate": "1001", "telegram_paid_broadcast": "true"},
      "TELEGRAM_MAX_RATE: at most 1000 messages per second"),
     ({"telegram_max_rate": "0"}, "TELEGRAM_MAX_RATE: Input should be greater than or equal to 1")],
)
def test_bad_rates_are_refused_naming_the_variable(values, message):
    with pytest.raises(SettingsError) as error:
        load_settings(values)
    assert str(error.value) == message


async def test_paid_broadcasts_send_with_allow_paid_broadcast(core, db, clock):
    from tests.bot.test_delivery import _people, _queue, _until_done

    fake = FakeTelegram()
    channel = TelegramChannel(core, fake.token, "https://api.telegram.org/bot",
                              request=FakeRequest(fake), updates_request=FakeRequest(fake))
    settings = load_settings({"telegram_paid_broadcast": "true"})
    worker = telegram_worker(channel, settings, idle=0.02)
    assert channel.limiter is worker.limiter and worker.limiter.budget == 930
    assert worker.concurrency == default_concurrency(930) == 186  # 0.2 s of sending at 930/s
    assert worker.batch == default_batch(930) == 47  # 50 ms of sending
    await channel.app.initialize()
    _, ids = await _people(db, clock, 3)
    a = await _queue(db, clock, "broadcast", "tin", ids)
    await worker.start()
    try:
        await _until_done(db, a.id)
    finally:
        await worker.stop()
        await channel.app.shutdown()
    calls = fake.calls("sendMessage", ok=True)
    assert len(calls) == 3 and all(c.params.get("allow_paid_broadcast") is True for c in calls)
