"""Work one process does at a time, among several on one database: the outbox sender and
the queueing of scheduled bulletins and reminders.

A `Lease` keeps trying to take a named lease (storage/leases.py) every third of its length;
the process that holds it runs the work (`on_gain`) and renews it; a process that cannot
renew it (another took it over after it stalled) stops the work (`on_lose`). A process that
dies stops renewing, and another takes over after the lease runs out; one that stops
cleanly gives the lease up, so another takes over at its next try.

So the outbox is sent by one process: its rate limiter holds the bot's rate, and the other
processes publish the replies they send (`SendNotes`), which that limiter counts as well.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.rate import RateLimiter
from handlers.core import Clock
from storage import leases
from storage.db import Database

log = logging.getLogger(__name__)

OUTBOX = "telegram-outbox"  # the lease of the outbox sender and the scheduled queueing


class Lease:
    """Hold a named lease while this process lives, running `on_gain`/`on_lose` as it comes
    and goes."""

    def __init__(
        self,
        db: Database,
        name: str,
        holder: str,
        seconds: float,
        clock: Clock,
        on_gain: Callable[[], Awaitable[None]],
        on_lose: Callable[[], Awaitable[None]],
    ) -> None:
        self.db, self.name, self.holder, self.seconds = db, name, holder, seconds
        self.clock = clock
        self.on_gain, self.on_lose = on_gain, on_lose
        self.held = False
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Try now, then every third of the lease."""
        await self.try_once()
        self._task = asyncio.create_task(self._forever(), name=f"lease-{self.name}")

    async def stop(self) -> None:
        """Stop the work and give the lease up, so another process takes it at once."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.held:
            self.held = False
            await self.on_lose()
            with contextlib.suppress(Exception):  # it runs out by itself anyway
                async with self.db.transaction() as tx:
                    await leases.give_up(tx, self.name, self.holder)

    async def _forever(self) -> None:
        while True:
            await asyncio.sleep(self.seconds / 3)
            try:
                await self.try_once()
            except Exception:  # the database is away: what we hold runs out by itself
                log.exception("renewing the lease %s failed", self.name)

    async def try_once(self) -> bool:
        """Take or renew the lease; start or stop the work as that changes. Whether held."""
        now = self.clock()
        try:
            async with self.db.transaction() as tx:
                got = await leases.take(
                    tx, self.name, self.holder, now, now + timedelta(seconds=self.seconds)
                )
        except Exception:
            got = False
            if not self.held:
                raise
            log.exception("could not renew the lease %s; letting it go", self.name)
        if got and not self.held:
            self.held = True
            log.info("this process now holds %s", self.name)
            await self.on_gain()
        elif not got and self.held:
            self.held = False
            log.warning("lost the lease %s to another process; stopping its work", self.name)
            await self.on_lose()
        return self.held


class SharedRateLimiter(RateLimiter):
    """A RateLimiter that also counts the replies other processes sent (`note_remote`), and
    keeps its own replies of the last second for them (`recent`).

    The others' replies arrive here late (published and read every 0.1 s, and later when a
    busy machine delays a process): while they write at r a second, the sender keeps r × lag
    more turns free for the replies it has not heard of yet, so that the bot's total stays
    under the limit. `lag` is 0.6 s: twice what an idle machine shows, since 0.3 s let a
    31st message through in a second while the whole test suite ran.
    """

    def __init__(self, max_rate: int, lag: float = 0.6, **options: object) -> None:
        super().__init__(max_rate, **options)  # type: ignore[arg-type]
        self.lag = lag
        self._recent: deque[tuple[float, str]] = deque()  # (unix time, chat) of our replies
        self._seen: set[tuple[float, str]] = set()
        self._remote: deque[float] = deque()  # when the others' replies went out (monotonic)

    def unheard(self, now: float) -> int:
        """Turns kept free for the others' replies not heard of yet."""
        while self._remote and self._remote[0] <= now - self.window:
            self._remote.popleft()
        return math.ceil(len(self._remote) / self.window * self.lag)

    def _wait(self, now: float) -> float:
        keep = self.unheard(now)
        if not keep:
            return super()._wait(now)
        budget = self.budget
        self.budget = max(1, budget - keep)
        try:
            return super()._wait(now)
        finally:
            self.budget = budget

    def note_interactive(self, chat: str | int) -> None:
        super().note_interactive(chat)
        now = time.time()
        self._recent.append((now, str(chat)))
        while self._recent and self._recent[0][0] < now - self.window:
            self._recent.popleft()

    def recent(self) -> list[tuple[float, str]]:
        """This process's replies of the last second: (unix time, chat)."""
        edge = time.time() - self.window
        return [(at, chat) for at, chat in self._recent if at >= edge]

    def note_remote(self, sends: list[tuple[float, str]]) -> None:
        """Count another process's replies (unix time, chat) at the moments they went out."""
        now_unix, now = time.time(), self._clock()
        edge = now - self.window
        for at, chat in sends:
            when = now - (now_unix - at)
            if (at, chat) in self._seen or when <= edge:
                continue
            self._seen.add((at, chat))
            bisect.insort(self._log, when)  # the window stays in time order
            bisect.insort(self._remote, when)
            self._chats[chat] = max(self._chats.get(chat, when), when)
        if len(self._seen) > 10_000:
            self._seen = {s for s in self._seen if s[0] >= now_unix - 2 * self.window}


class SendNotes:
    """Every `every` seconds, publish this process's recent replies; the lease holder also
    reads the others' into its limiter."""

    def __init__(
        self,
        db: Database,
        holder: str,
        limiter: SharedRateLimiter,
        clock: Clock,
        reads: Callable[[], bool],
        every: float = 0.1,
    ) -> None:
        self.db, self.holder, self.limiter, self.clock = db, holder, limiter, clock
        self.reads, self.every = reads, every
        self._task: asyncio.Task[None] | None = None
        self._published: tuple[float, str] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._forever(), name="send-notes")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with contextlib.suppress(Exception):
            async with self.db.transaction() as tx:
                await leases.forget_sends(tx, self.holder)

    async def _forever(self) -> None:
        while True:
            try:
                await self.once()
            except Exception:
                log.exception("sharing the count of sent messages failed")
            await asyncio.sleep(self.every)

    async def once(self) -> None:
        """Publish what changed; read the others' when this process sends the outbox."""
        mine = self.limiter.recent()
        last = mine[-1] if mine else None
        if last != self._published:
            async with self.db.transaction() as tx:
                await leases.note_sends(tx, self.holder, self.clock(), mine)
            self._published = last
        if self.reads():
            since = self.clock() - timedelta(seconds=2 * self.limiter.window)
            async with self.db.transaction() as tx:
                others = await leases.others_sends(tx, self.holder, since)
            self.limiter.note_remote(others)
