"""The delivery worker's limiter, on a clock the test owns."""

from __future__ import annotations

import asyncio

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
        await asyncio.sleep(0)  # let other tasks run, as a real sleep would


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
        limiter.done(await limiter.acquire())  # answered at once
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
        limiter.done(await limiter.acquire())
        sent.append(time_.now)
    everything = [100.0] * 5 + sent
    assert _in_any_window(everything) <= 10  # replies and worker together stay under 10/s
    assert limiter.busy_chats() == []


async def test_a_429_pause_holds_the_worker(time_):
    limiter = RateLimiter(30, clock=time_, sleep=time_.sleep)
    limiter.done(await limiter.acquire())
    limiter.pause(7)
    assert limiter.paused_for == pytest.approx(7)
    start = time_.now
    await limiter.acquire()
    assert time_.now - start >= 7


async def test_a_late_worker_catches_up_50_ms_of_turns_and_never_exceeds_the_window(time_):
    limiter = RateLimiter(1000, clock=time_, sleep=time_.sleep)  # budget 930
    sent = []
    for n in range(2000):
        if n == 500:
            time_.now += 0.04  # the process was set aside for 40 ms
        sent.append(await limiter.acquire())
        limiter.done(sent[-1])
    assert _in_any_window(sent) <= 930
    after = [t for t in sent if sent[500] <= t < sent[500] + 1e-9]
    assert len(after) >= 30  # the 40 ms of turns were not lost: sent at once
    assert 2000 / 930 - 0.1 <= sent[-1] - sent[0] <= 2000 / 930 + 0.01  # 930 a second


async def test_a_chat_is_free_again_a_little_over_a_second_after_its_message(time_):
    limiter = RateLimiter(30, clock=time_, sleep=time_.sleep)
    assert limiter.chat_free_at(42) is None
    limiter.mark_chat(42)
    assert limiter.chat_free_at("42") == pytest.approx(101.1)
    time_.now += 1.2
    assert limiter.chat_free_at(42) is None


async def test_requests_in_flight_count_however_long_their_answer_takes(time_):
    limiter = RateLimiter(10, reserve=0, clock=time_, sleep=time_.sleep)
    turns = [await limiter.acquire() for _ in range(10)]  # a stalled server: no answers
    time_.now += 5  # long after a second, they still count: no eleventh turn
    waiting = asyncio.ensure_future(limiter.acquire())
    for _ in range(20):
        await asyncio.sleep(0)
    assert not waiting.done()
    for turn in turns:  # the answers come: each counts for a second from now
        limiter.done(turn)
    answered = time_.now
    await waiting
    assert time_.now >= answered + 1.0
