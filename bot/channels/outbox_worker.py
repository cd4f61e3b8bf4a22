"""The delivery engine every channel's worker shares: claim -> send -> settle, and reports.

One dispatcher loop claims the most urgent due delivery of its channel (marking it `sending`
in its own transaction) and hands it to a send task; at most `concurrency` send tasks run at
once, and a task frees its slot only after the result is committed. So at any moment at most
`concurrency` rows of a channel are `sending`: those are the only messages a SIGKILL can
leave in doubt, and a restart sends them again (nobody is skipped; at most `concurrency`
people per channel may get one message twice).

Each channel has its own worker, its own rate limiter and its own pauses, so a 429 on
Telegram or a -32 storm on Zalo slows only that channel. A channel supplies `_deliver` (send
one delivery and commit its outcome) and, if its senders may be on it, `_show_progress` and
`_summarise`.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.rate import RateLimiter
from handlers import outbox as announcements
from handlers.core import utc_now
from storage import outbox
from storage.db import Database
from storage.outbox import Announcement, Content, Delivery

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
T = TypeVar("T")


def default_concurrency(rate: int) -> int:
    """Send tasks needed to keep `rate` going with up to half a second per request."""
    return max(4, math.ceil(rate * 0.5))


async def wait_for(event: asyncio.Event, seconds: float) -> None:
    """Wait until the event is set or the time is up.

    Not asyncio.timeout: on Python 3.11 its cancellation can outlive the block when the
    event fires at the deadline, and land in the next await (a transaction).
    """
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter}, timeout=seconds)
    finally:
        waiter.cancel()


async def cancel_all(tasks: set[asyncio.Task[None]]) -> None:
    """Cancel the tasks and wait until they are gone."""
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class OutboxWorker:
    """Sends pending deliveries of one channel by priority; reports to senders on it."""

    def __init__(
        self,
        db: Database,
        texts: Texts,
        limiter: RateLimiter,
        *,
        channel: str,
        concurrency: int | None = None,
        max_attempts: int = 5,
        backoff: float = 2.0,
        max_backoff: float = 600.0,
        progress_every: float = 5.0,
        idle: float = 1.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db, self.texts, self.limiter = db, texts, limiter
        self.channel = channel
        self.concurrency = concurrency or default_concurrency(limiter.budget)
        self.max_attempts, self.backoff, self.max_backoff = max_attempts, backoff, max_backoff
        self.progress_every, self.idle = progress_every, idle
        self.clock = clock
        self.released_at_start = 0  # rows left `sending` by the previous process
        self._slots = asyncio.Semaphore(self.concurrency)
        self._sending: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._report_now = asyncio.Event()
        self._shown: dict[int, tuple[int, int, int, int]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Send again what was in flight at the last stop, then start sending and reporting."""
        self.released_at_start = await self._tx(outbox.release_in_flight, self.channel)
        if self.released_at_start:
            log.warning(
                "%d %s deliveries were in flight when the bot last stopped; sending them again",
                self.released_at_start, self.channel,
            )
        self._tasks = [
            asyncio.create_task(self._dispatch_forever(), name=f"outbox-{self.channel}"),
            asyncio.create_task(self._report_forever(), name=f"progress-{self.channel}"),
        ]

    async def stop(self, grace: float = 5.0) -> None:
        """Stop claiming; let sends in flight finish and record their results (up to grace).

        The loops stop at their next waiting point rather than by cancellation, and every
        transaction of the worker is shielded, so a stop never leaves one half done.
        """
        self._stopping = True
        self._wake.set()
        self._report_now.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=grace)
            await cancel_all(late)
        if self._sending:
            _, late = await asyncio.wait(set(self._sending), timeout=grace)
            await cancel_all(late)  # left `sending`: the next start sends them again
        self._tasks = []

    def wake(self) -> None:
        """Something was queued: look now instead of at the next idle check."""
        self._wake.set()

    async def _tx(self, work: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run one repository call in its own transaction, shielded from cancellation.

        A cancellation arriving between BEGIN and COMMIT would otherwise leave the shared
        connection inside a transaction that nobody ends.
        """

        async def run() -> T:
            async with self.db.transaction() as tx:
                return await work(tx, *args)

        return await asyncio.shield(run())

    # -- sending ----------------------------------------------------------------------------

    async def _dispatch_forever(self) -> None:
        while not self._stopping:
            await self._slots.acquire()
            if self._stopping:
                self._slots.release()
                return
            try:
                claimed = await self._claim()
            except BaseException:
                self._slots.release()
                raise
            if claimed is None:
                self._slots.release()
                self._wake.clear()
                if not self._stopping:
                    await wait_for(self._wake, self._idle_wait())
                continue
            task = asyncio.create_task(self._send_and_record(*claimed))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    def _idle_wait(self) -> float:
        """How long to wait when nothing is due (a pause makes it longer)."""
        return max(self.idle, self.limiter.paused_for)

    async def _claim(self) -> tuple[Delivery, Content] | None:
        if self.limiter.paused_for > 0:
            return None  # paused (429, -32): claim nothing rather than hold rows `sending`
        try:
            claimed = await self._tx(
                outbox.claim_next, self.channel, self.clock(), self.limiter.busy_chats()
            )
        except Exception:
            log.exception("claiming a %s delivery failed", self.channel)
            claimed = None
        if claimed is None:
            return None
        self.limiter.mark_chat(claimed[0].external_id)
        return claimed

    async def _send_and_record(self, delivery: Delivery, content: Content) -> None:
        try:
            finished = await self._deliver(delivery, content)
            if finished:
                self._report_now.set()
        except Exception:
            log.exception("recording delivery %s failed; it is sent again on restart", delivery.id)
        finally:
            self._slots.release()

    async def _deliver(self, delivery: Delivery, content: Content) -> bool:
        """Send one delivery and commit what happened; True when its announcement is done."""
        raise NotImplementedError

    async def _sent(self, delivery: Delivery, message_ref: str | None) -> bool:
        return await self._tx(outbox.mark_sent, delivery.id, self.clock(), message_ref)

    async def _retry(self, delivery: Delivery, seconds: float, error: str, count: bool) -> bool:
        when = self.clock() + timedelta(seconds=seconds)
        await self._tx(outbox.retry_later, delivery.id, when, error, count)
        return False

    async def _transient(self, delivery: Delivery, error: str) -> bool:
        if delivery.attempts >= self.max_attempts:
            log.warning("delivery %s failed after %d attempts: %s", delivery.id,
                        delivery.attempts, error)
            return await self._failed(delivery, error)
        delay = min(self.backoff * 2 ** (delivery.attempts - 1), self.max_backoff)
        return await self._retry(delivery, delay, error, count=True)

    async def _blocked(self, delivery: Delivery, error: str) -> bool:
        return await self._tx(outbox.mark_blocked, delivery.id, self.clock(), error[:500])

    async def _failed(self, delivery: Delivery, error: str) -> bool:
        return await self._tx(outbox.mark_failed, delivery.id, self.clock(), error[:500])

    async def _unreached(self, delivery: Delivery, reason: str, error: str) -> bool:
        return await self._tx(outbox.mark_unreached, delivery.id, self.clock(), reason,
                              error[:500])

    # -- progress for the sender --------------------------------------------------------------

    async def _report_forever(self) -> None:
        while not self._stopping:
            try:
                await self.report_once()
            except Exception:
                log.exception("reporting outbox progress failed")
            self._report_now.clear()
            if not self._stopping:  # (stop may have set the event just before the clear)
                await wait_for(self._report_now, self.progress_every)

    async def report_once(self) -> None:
        """Show each running announcement's progress; send summaries of finished ones."""
        open_ = await self._tx(outbox.open_with_progress, self.channel)
        for a in open_:
            if a.status == "done":
                await self._summarise(a)
            elif self._shown.get(a.id) != self._seen(a) or not a.progress_message:
                await self._show_progress(a)

    @staticmethod
    def _seen(a: Announcement) -> tuple[int, int, int, int]:
        return (a.sent, a.blocked, a.failed, a.unreached)

    async def _text(self, a: Announcement, final: bool) -> str:
        return await self._tx(announcements.report_text, self.texts, a, final)

    async def _show_progress(self, a: Announcement) -> None:
        """Show the sender how far it is (channels that cannot edit show nothing)."""
        self._shown[a.id] = self._seen(a)

    async def _summarise(self, a: Announcement) -> None:
        """Send the sender the final summary, then mark it reported."""
        await self._tx(outbox.mark_reported, a.id, self.clock())
        self._shown.pop(a.id, None)
