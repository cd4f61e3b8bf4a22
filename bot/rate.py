"""Telegram's sending limits as the delivery worker keeps them.

Telegram allows a bot about 30 messages per second in total and about 1 per second to one
chat; above that it answers 429 with retry_after. The worker keeps a log of every message
answered in the last second — its own and the interactive replies the channel notes — plus
its requests still in flight, and sends only while that window holds fewer than `budget` =
max_rate - reserve messages, evenly spaced.
The reserve is room for replies to farmers: they never wait for the worker, and the worker
slows down for them instead of the other way round.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[object]]


def default_reserve(max_rate: int) -> int:
    """Room kept for interactive replies: 2 of 30 per second, about 7% of higher rates."""
    return max(1, round(max_rate * 0.07)) if max_rate > 1 else 0


class RateLimiter:
    """A sliding one-second window over all sends, even spacing, per-chat spacing, pauses."""

    def __init__(
        self,
        max_rate: int,
        reserve: int | None = None,
        *,
        per_chat_interval: float = 1.1,  # Telegram's 1 s, with a margin for latency
        window: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.max_rate = max_rate
        self.reserve = default_reserve(max_rate) if reserve is None else reserve
        self.budget = max(1, max_rate - self.reserve)
        self.window = window
        self.spacing = window / self.budget
        self.catch_up = max(2 * self.spacing, 0.05 * window)  # see acquire
        self.per_chat_interval = per_chat_interval
        self._clock, self._sleep = clock, sleep
        self._log: deque[float] = deque()  # when each answered message of the window came back
        self._flying = 0  # turns taken whose answer has not come (each counts in the window)
        self._last = -float("inf")  # the worker's last turn, as scheduled
        self._chats: dict[str, float] = {}  # chat -> when it was last sent to
        self._paused_until = 0.0
        self._prune_at = 1024  # mark_chat prunes _chats when it grows past this
        # Turns answered and their total time from turn to answer: each message holds its
        # place in the window that much longer than a second, so the steady rate is
        # budget / (1 + mean seconds) - the price of never counting less than Telegram.
        self.answered = 0
        self.answer_seconds = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said 429 retry_after: the worker sends nothing for that long."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    @property
    def paused_for(self) -> float:
        """Seconds left of a 429 pause (0 when not paused)."""
        return max(0.0, self._paused_until - self._clock())

    def note_interactive(self, chat: str | int) -> None:
        """A reply went to a person: it counts against the window and its chat's spacing."""
        now = self._clock()
        self._log.append(now)
        self._chats[str(chat)] = now

    def mark_chat(self, chat: str | int) -> None:
        """The worker is about to send to this chat."""
        self._chats[str(chat)] = self._clock()
        if len(self._chats) > self._prune_at:  # forget chats free again, now and then
            self.busy_chats()
            self._prune_at = max(1024, 2 * len(self._chats))

    def now(self) -> float:
        """The limiter's clock."""
        return self._clock()

    def chat_free_at(self, chat: str | int) -> float | None:
        """When (on the limiter's clock) this chat may be sent to again; None: it may now.
        A dictionary lookup: the worker asks for every message, so the log of chats is pruned
        only now and then (mark_chat)."""
        at = self._chats.get(str(chat))
        if at is None:
            return None
        free = at + self.per_chat_interval
        return free if free > self._clock() else None

    def busy_chats(self) -> list[str]:
        """Chats sent to within the per-chat interval: the worker leaves them for now."""
        edge = self._clock() - self.per_chat_interval
        for chat in [c for c, at in self._chats.items() if at <= edge]:
            del self._chats[chat]
        return list(self._chats)

    def _wait(self, now: float) -> float:
        edge = now - self.window
        while self._log and self._log[0] <= edge:
            self._log.popleft()
        waits = [self._paused_until - now, self._last + self.spacing - now]
        # The window holds the answered messages of the last second and every request still
        # in flight, however old: to take a turn, `leave` answered ones must expire first.
        leave = len(self._log) + self._flying - self.budget + 1
        if leave > len(self._log):  # only answers can make room: look again shortly
            waits.append(self.spacing)
        elif leave > 0:
            waits.append(self._log[leave - 1] + self.window - now)
        return max(waits)

    async def acquire(self) -> float:
        """Wait for the worker's next turn to send one message, and take it (see `done`)."""
        async with self._lock:
            while (wait := self._wait(self._clock())) > 0:
                await self._sleep(wait)
            now = self._clock()
            self._flying += 1
            # Keep to the schedule rather than to the moment we woke (timers run late, claims
            # take time); late turns may catch up - up to 50 ms of them at high rates, where a
            # process the machine set aside for a few ms would otherwise lose those turns for
            # good - and the window check above
            # still caps every second at `budget`.
            self._last = max(self._last + self.spacing, now - self.catch_up)
            return now

    def done(self, turn: float) -> None:
        """The answer to the message sent at `turn` arrived (or the request failed): it
        counts from now on for a second, instead of as in flight. Every acquire needs one.

        Telegram counts a message when it arrives, which is somewhere between our turn and
        its answer; counting it while in flight (however long that takes) and then from the
        answer keeps our window a superset of Telegram's, however late a request leaves or
        its answer comes (a busy event loop, a slow network, a stalled server).
        """
        now = self._clock()
        self.answered += 1
        self.answer_seconds += now - turn
        self._flying = max(0, self._flying - 1)
        self._log.append(now)

