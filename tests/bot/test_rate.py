"""The delivery worker's limiter, on a clock the test owns."""

from __future__ import annotations

import pytest

from bot.rate import RateLimiter, default_reserve


class Time:
    """A monotonic clock whose sleep just moves it."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def _in_any_window(times: list[float], window: float = 1.0) -> int:
    return max(sum(1 for t in times if start - window < t <= start) for start in times)


@pytest.fixture
def time_() -> Time:
    return Time()


async def test_the_worker_keeps_under_the_limit_minus_the_reserve(time_):
    limiter = RateLimiter(30, clock=time_, sleep=time_.sleep)
    assert limiter.budget == 28 and default_reserve(30) == 2 and default_reserve(1000) == 70
    sent = []
    for _ in range(280):
        await limiter.acquire()
        sent.append(time_.now)
    assert _in_any_window(sent) <= 28
    assert 9.5 <= sent[-1] - sent[0] <= 10.1  # 280 messages at 28 per second


async def test_interactive_replies_take_turns_from_the_worker(time_):
    limiter = RateLimiter(10, reserve=0, clock=time_, sleep=time_.sleep)
    for _ in range(5):
        limiter.note_interactive(42)
    assert limiter.busy_chats() == ["42"]  # the worker leaves this chat alone for a second
    sent = []
    for _ in range(10):
        await limiter.acquire()
        sent.append(time_.now)
    everything = [100.0] * 5 + sent
    assert _in_any_window(everything) <= 10  # replies and worker together stay under 10/s
    assert limiter.busy_chats() == []


async def test_a_429_pause_holds_the_worker(time_):
    limiter = RateLimiter(30, clock=time_, sleep=time_.sleep)
    await limiter.acquire()
    limiter.pause(7)
    assert limiter.paused_for == pytest.approx(7)
    start = time_.now
    await limiter.acquire()
    assert time_.now - start >= 7
