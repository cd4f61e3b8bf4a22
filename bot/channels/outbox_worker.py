"""The delivery engine every channel's worker shares: claim -> send -> settle, and reports.

The dispatcher claims due deliveries of its channel in batches (one transaction claims up to
`batch` rows, most urgent first, marking them `sending`; the next batch is claimed while the
current one is half sent), takes a turn from the channel's rate limiter for each and hands
it to a send task; the results are written by one writer, many to a transaction, and every
transaction is one trip to SQLite's thread. Every claimed row holds one of `concurrency`
slots until its result is committed, so at any moment at most `concurrency` rows of a
channel are `sending` (claimed and waiting for a turn, in flight, or with a result not yet
written): those are the only messages a SIGKILL can leave in doubt, and a restart sends them
again (nobody is skipped; at most `concurrency` people per channel may get one message
twice). A claimed row whose chat had a message less than the per-chat interval ago waits in
memory (parked) instead of blocking the rest. An urgent warning (/canhbao, priority -1)
queued while a broadcast runs waits at most for the rows claimed ahead of it: about one
batch, 50 ms of sending; the broadcast goes on after it.

Each channel has its own worker, its own rate limiter and its own pauses, so a 429 on
Telegram or a -32 storm on Zalo slows only that channel. A channel supplies `_deliver` (send
one claimed row in its turn and say what happened, as an Outcome), may render an
announcement once for all its recipients (`_render_content`), and, if its senders may be on
it, `_show_progress` and `_summarise`.
"""

from __future__ import annotations

import asyncio
import heapq
import json
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.rate import RateLimiter
from handlers import outbox as announcements
from handlers.core import utc_now
from storage import outbox
from storage.db import Database, Tx
from storage.outbox import Announcement, Claimed, Content, Outcome

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
T = TypeVar("T")
CHAT_BUSY_RETRY = 0.02  # seconds before a row whose chat has a message on its way is tried again


def default_concurrency(rate: int) -> int:
    """Deliveries in flight at most: `rate` kept up with 0.2 s per request (a Bot API
    request from a server near Telegram's takes 0.05-0.2 s)."""
    return max(4, math.ceil(rate * 0.2))


def default_batch(rate: int) -> int:
    """Deliveries claimed per transaction: about 50 ms of sending."""
    return max(1, math.ceil(rate / 20))


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
        batch: int | None = None,
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
        self.batch = min(batch or default_batch(limiter.budget), self.concurrency)
        self.max_attempts, self.backoff, self.max_backoff = max_attempts, backoff, max_backoff
        self.progress_every, self.idle = progress_every, idle
        self.clock = clock
        self.released_at_start = 0  # rows left `sending` by the previous process
        # Network errors and timeouts: whether the channel took such a message is unknown,
        # so it is sent again (a duplicate if it had); the benchmark reports them.
        self.network_errors = 0
        self._held = 0  # claimed rows whose result is not committed yet (<= concurrency)
        self._freed = asyncio.Event()
        self._claimed: deque[Claimed] = deque()
        # Claimed rows whose chat had a message less than the per-chat interval ago, by when
        # it is free: (free at, on the limiter's clock; priority; id; row). They keep slots.
        self._parked: list[tuple[float, int, int, Claimed]] = []
        # Chats with a message on its way: a second one waits for its answer, so one person
        # gets their messages in the order claimed (a warning before the broadcast it
        # overtook), also where the channel has no per-chat spacing (Zalo, ZNS).
        self._chats_sending: set[str] = set()
        self._rendered: dict[int, Any] = {}  # announcement -> as this channel sends it
        self._outcomes: list[Outcome] = []
        self._outcome_ready = asyncio.Event()
        self._sending: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._report_now = asyncio.Event()
        self._shown: dict[int, tuple[int, int, int, int]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._writer: asyncio.Task[None] | None = None
        self._prefetch: asyncio.Task[bool] | None = None
        self._stopping = self._closing = False

    def describe(self) -> str:
        """The worker's sizes, for logs and benchmarks."""
        return f"{self.channel}: batch {self.batch}, concurrency {self.concurrency}"

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Send again what was in flight at the last stop, then start sending and reporting."""
        self.released_at_start = await self._tx(outbox.release_in_flight, self.channel)
        if self.released_at_start:
            log.warning(
                "%d %s deliveries were in flight when the bot last stopped; sending them again",
                self.released_at_start, self.channel,
            )
        self._stopping = self._closing = False
        self._writer = asyncio.create_task(self._write_forever(), name=f"results-{self.channel}")
        self._tasks = [
            asyncio.create_task(self._dispatch_forever(), name=f"outbox-{self.channel}"),
            asyncio.create_task(self._report_forever(), name=f"progress-{self.channel}"),
        ]

    async def stop(self, grace: float = 5.0) -> None:
        """Stop claiming; let sends in flight finish and record their results (up to grace).

        The loops stop at their next waiting point rather than by cancellation, and every
        transaction of the worker is shielded, so a stop never leaves one half done. Rows
        claimed and not sent yet go back to the queue as they were.
        """
        self._stopping = True
        self._wake.set()
        self._report_now.set()
        self._freed.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=grace)
            await cancel_all(late)
        if self._prefetch is not None:  # its transaction is shielded: let it end
            await asyncio.wait({self._prefetch}, timeout=grace)
        while self._claimed:
            self._put_back(self._claimed.popleft())
        while self._parked:
            self._put_back(heapq.heappop(self._parked)[3])
        if self._sending:
            _, late = await asyncio.wait(set(self._sending), timeout=grace)
            await cancel_all(late)  # left `sending`: the next start sends them again
        self._closing = True
        self._outcome_ready.set()
        if self._writer is not None:
            _, late = await asyncio.wait({self._writer}, timeout=grace)
            await cancel_all(late)
        self._tasks, self._writer = [], None

    def wake(self) -> None:
        """Something was queued: look now instead of at the next idle check."""
        self._wake.set()

    async def _tx(self, work: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run one repository call as one transaction, shielded from cancellation.

        A cancellation arriving between BEGIN and COMMIT would otherwise leave the shared
        connection inside a transaction that nobody ends. Database.run makes the whole
        transaction one trip to SQLite's thread.
        """

        async def run() -> T:
            return await self.db.run(lambda tx: work(tx, *args))

        return await asyncio.shield(run())

    # -- claiming -----------------------------------------------------------------------------

    async def _dispatch_forever(self) -> None:
        clock = self.limiter.now
        while not self._stopping:
            self._prefetch_if_low()
            row = self._next_row(clock())
            if row is None:
                if self._prefetch is not None:
                    await asyncio.wait({self._prefetch})
                elif self._held < self.concurrency:
                    await self._refill(self._parked_wait(clock()))
                else:  # every slot is taken: wait for a result, or a parked row's time
                    self._freed.clear()
                    await wait_for(self._freed, self._parked_wait(clock()))
                continue
            free_at = self.limiter.chat_free_at(row.external_id)
            if free_at is None and row.external_id in self._chats_sending:
                free_at = clock() + CHAT_BUSY_RETRY  # their previous message is on its way
            if free_at is not None:  # this person got a message less than a second ago
                heapq.heappush(self._parked, (free_at, row.priority, row.id, row))
                continue
            turn = await self.limiter.acquire()
            if self._stopping:
                self.limiter.done(turn)
                self._put_back(row)
                return
            self.limiter.mark_chat(row.external_id)
            self._chats_sending.add(row.external_id)
            task = asyncio.create_task(self._send_and_record(row, turn))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
            await asyncio.sleep(0)  # let the request leave before the next turn is taken

    def _next_row(self, now: float) -> Claimed | None:
        """A parked row whose chat is free again, else the next claimed row, else None."""
        if self._parked and self._parked[0][0] <= now:
            return heapq.heappop(self._parked)[3]
        return self._claimed.popleft() if self._claimed else None

    def _parked_wait(self, now: float) -> float:
        """How long the dispatcher may wait idle: until the first parked row's time."""
        if not self._parked:
            return self.idle
        return min(self.idle, max(0.001, self._parked[0][0] - now))

    def _prefetch_if_low(self) -> None:
        """While sending, claim the next batch before this one runs out, so that the
        dispatcher never waits for a transaction (rows stay in the order claimed)."""
        if (self._prefetch is None and self._claimed and len(self._claimed) <= self.batch // 2
                and self._held + self.batch <= self.concurrency):
            self._prefetch = asyncio.create_task(self._refill(0.0),
                                                 name=f"prefetch-{self.channel}")
            self._prefetch.add_done_callback(self._prefetched)

    def _prefetched(self, task: asyncio.Task[bool]) -> None:
        self._prefetch = None

    async def _refill(self, idle: float) -> bool:
        """Claim the next batch (as many as free slots allow); False when none came (after
        waiting up to `idle` for something to be queued). While the channel is paused (429,
        -32) nothing is claimed: rows wait `pending`, not held `sending`."""
        paused = self.limiter.paused_for
        if paused > 0:
            if idle > 0 and not self._stopping:
                self._wake.clear()
                await wait_for(self._wake, min(paused, max(idle, 0.05)))
            return False
        limit = min(self.batch, self.concurrency - self._held)
        try:
            claimed, contents = await self._tx(
                outbox.claim_batch, self.channel, limit, self.clock()
            )
        except Exception:
            log.exception("claiming %s deliveries failed", self.channel)
            claimed, contents = [], {}
        if not claimed:
            if idle > 0:
                self._wake.clear()
                if not self._stopping:
                    await wait_for(self._wake, idle)
            return False
        self._held += len(claimed)
        if len(self._rendered) > 256:
            self._rendered.clear()
        for a_id, content in contents.items():
            if a_id not in self._rendered:
                self._rendered[a_id] = self._render_content(content)
        self._claimed.extend(claimed)
        return True

    def _put_back(self, row: Claimed) -> None:
        """Return a claimed row to the queue unsent (not an attempt)."""
        self._record(Outcome(row.id, "pending", when=self.clock(), count_attempt=False))

    # -- sending ------------------------------------------------------------------------------

    def _render_content(self, content: Content) -> Any:
        """An announcement as this channel sends it, made once for all its recipients."""
        return content

    async def _rendered_for(self, row: Claimed) -> Any:
        """The rendered announcement of a claimed row (read again if the cache dropped it)."""
        rendered = self._rendered.get(row.announcement_id)
        if rendered is None:
            async def read(tx: Tx) -> Content:
                found = await outbox.get_announcement(tx, row.announcement_id)
                assert found is not None
                buttons = json.loads(found.buttons) if found.buttons else []
                return Content(text=found.text, buttons=buttons)

            content = await self._tx(read)
            rendered = self._rendered[row.announcement_id] = self._render_content(content)
        return rendered

    async def _send_and_record(self, row: Claimed, turn: float) -> None:
        try:
            outcome = await self._deliver(row, turn)
        except Exception as exc:  # a bug of ours, not the channel's answer: try again later
            log.exception("sending delivery %s failed", row.id)
            outcome = self._transient(row, f"{type(exc).__name__}: {exc}")
        finally:
            self._chats_sending.discard(row.external_id)
        self._record(outcome)

    async def _deliver(self, row: Claimed, turn: float) -> Outcome:
        """Send one claimed row in its turn (the channel must call limiter.done(turn) when
        the answer comes, or the request fails); what happened."""
        raise NotImplementedError

    def _record(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        self._outcome_ready.set()

    async def _write_forever(self) -> None:
        """Commit results as they come, all that came meanwhile in one transaction; only
        then free their slots."""
        while True:
            if not self._outcomes:
                if self._closing:
                    return
                self._outcome_ready.clear()
                await self._outcome_ready.wait()
                continue
            done, self._outcomes = self._outcomes, []
            try:
                finished = await self._tx(outbox.settle_batch, done, self.clock())
            except Exception:
                log.exception("recording %d deliveries failed; they are sent again on restart",
                              len(done))
                finished = set()
            self._held -= len(done)
            self._freed.set()
            if finished:
                self._report_now.set()

    # -- outcomes -----------------------------------------------------------------------------

    def _later(self, row: Claimed, seconds: float, error: str, count: bool) -> Outcome:
        when = self.clock() + timedelta(seconds=seconds)
        return Outcome(row.id, "pending", error=error, when=when, count_attempt=count)

    def _transient(self, row: Claimed, error: str) -> Outcome:
        self.network_errors += 1
        if self.network_errors % 100 == 1:  # a network outage must not flood the log
            log.warning("%s delivery %s: %s; tried again later (%d such errors so far)",
                        self.channel, row.id, error, self.network_errors)
        if row.attempts >= self.max_attempts:
            log.warning("delivery %s failed after %d attempts: %s", row.id, row.attempts, error)
            return Outcome(row.id, "failed", error[:500])
        delay = min(self.backoff * 2 ** (row.attempts - 1), self.max_backoff)
        return self._later(row, delay, error, count=True)

    @staticmethod
    def _blocked(row: Claimed, error: str) -> Outcome:
        return Outcome(row.id, "blocked", error[:500])

    @staticmethod
    def _failed(row: Claimed, error: str) -> Outcome:
        return Outcome(row.id, "failed", error[:500])

    @staticmethod
    def _unreached(row: Claimed, reason: str, error: str) -> Outcome:
        return Outcome(row.id, "unreached", error[:500], reason=reason)

    def _settled(self, row: Claimed, finished: bool) -> Outcome:
        """The channel committed the row itself (moved it, say): only its slot is freed."""
        if finished:
            self._report_now.set()
        return Outcome(row.id, "settled")

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
