"""The delivery worker: sends the outbox to Telegram under its limits, and reports progress.

The dispatcher claims due deliveries in batches (one transaction claims up to `batch` rows,
most urgent first, marking them `sending`), takes a turn from the rate limiter for each and
hands it to a send task; the results are written by one writer, many to a transaction. Every
claimed row holds one of `concurrency` slots until its result is committed, so at any moment
at most `concurrency` rows are `sending` (claimed and waiting for a turn, in flight, or with
a result not yet written): those are the only messages a SIGKILL can leave in doubt, and a
restart sends them again (nobody is skipped; at most `concurrency` people may get one message
twice). A warning (/canhbao) queued while a broadcast runs waits at most for the claimed
rows ahead of it: one batch, about 50 ms of sending.

Per message the worker does as little as it can: the text and buttons of an announcement are
rendered once (not per recipient), the answer is read as plain JSON (no Message object), and
over real HTTP the requests go through a client of the worker's own (KeepAliveRequest, a
fraction of httpx's CPU a request; or small httpx pools, see use_pools), so replies to
farmers keep the channel's client to themselves.
"""

from __future__ import annotations

import asyncio
import heapq
import json
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Bot, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.channels.telegram.adapter import split_text
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.keepalive import KeepAliveRequest
from bot.rate import RateLimiter
from bot.settings import Settings
from handlers import outbox as announcements
from handlers.core import utc_now
from storage import outbox
from storage.db import Database
from storage.outbox import Announcement, Claimed, Content, Outcome

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
T = TypeVar("T")


# 400 answers that mean the person cannot be reached at all (like a 403), not a bad message.
_UNREACHABLE_400 = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")

POOL_SIZE = 16  # connections per pool of the worker's own HTTP clients


def default_concurrency(rate: int) -> int:
    """Deliveries in flight at most: `rate` kept up with 0.2 s per request (a Bot API
    request from a server near Telegram's takes 0.05-0.2 s)."""
    return max(4, math.ceil(rate * 0.2))


def default_batch(rate: int) -> int:
    """Deliveries claimed per transaction: about 50 ms of sending."""
    return max(1, math.ceil(rate / 20))


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]


async def _wait_for(event: asyncio.Event, seconds: float) -> None:
    """Wait until the event is set or the time is up.

    Not asyncio.timeout: on Python 3.11 its cancellation can outlive the block when the
    event fires at the deadline, and land in the next await (a transaction).
    """
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter}, timeout=seconds)
    finally:
        waiter.cancel()


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@dataclass(frozen=True)
class _Rendered:
    """An announcement as sent: its pieces and its keyboard (under the last piece)."""

    pieces: list[str]
    markup: dict[str, Any] | None

    @classmethod
    def of(cls, content: Content) -> _Rendered:
        markup = None
        if content.buttons:
            keyboard = [[{"text": b["label"], "callback_data": b["data"]} for b in row]
                        for row in content.buttons]
            markup = {"inline_keyboard": keyboard}
        return cls(split_text(content.text), markup)


def _chat_id(external_id: str) -> int | str:
    return int(external_id) if external_id.lstrip("-").isdigit() else external_id


class DeliveryWorker:
    """Sends pending deliveries of one channel by priority; owns the progress reports."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        texts: Texts,
        limiter: RateLimiter,
        *,
        channel: str = "telegram",
        paid_broadcast: bool = False,
        concurrency: int | None = None,
        batch: int | None = None,
        max_attempts: int = 5,
        backoff: float = 2.0,
        max_backoff: float = 600.0,
        progress_every: float = 5.0,
        idle: float = 1.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db, self.bot, self.texts, self.limiter = db, bot, texts, limiter
        self.channel = channel
        self.paid_broadcast = paid_broadcast
        self.concurrency = concurrency or default_concurrency(limiter.budget)
        self.batch = min(batch or default_batch(limiter.budget), self.concurrency)
        self.max_attempts, self.backoff, self.max_backoff = max_attempts, backoff, max_backoff
        self.progress_every, self.idle = progress_every, idle
        self.clock = clock
        self.released_at_start = 0  # rows left `sending` by the previous process
        self.retry_afters = 0  # 429 answers received
        # Network errors and timeouts: whether Telegram took such a message is unknown, so
        # it is sent again (a duplicate if it had); the benchmark reports them.
        self.network_errors = 0
        # Who sends the deliveries: the channel's bot, or (use_pools) bots of our own.
        self._senders: list[Bot] = [bot]
        self._in_flight: list[int] = [0]  # requests in flight per sender
        self._own_requests: list[BaseRequest] = []
        self.client = "channel"
        self._held = 0  # claimed rows whose result is not committed yet (<= concurrency)
        self._freed = asyncio.Event()
        self._claimed: deque[Claimed] = deque()
        # Claimed rows whose chat had a message less than a second ago, by when it is free:
        # (free at, on the limiter's clock; priority; id; row). They keep their slots.
        self._parked: list[tuple[float, int, int, Claimed]] = []
        self._rendered: dict[int, _Rendered] = {}
        self._outcomes: list[Outcome] = []
        self._outcome_ready = asyncio.Event()
        self._sending: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._report_now = asyncio.Event()
        self._shown: dict[int, tuple[int, int, int]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._writer: asyncio.Task[None] | None = None
        self._prefetch: asyncio.Task[bool] | None = None
        self._stopping = self._closing = False

    def use_pools(
        self, token: str, base_url: str, client: str = "keepalive", pool_size: int = POOL_SIZE
    ) -> None:
        """Send deliveries through HTTP clients of the worker's own, with `concurrency`
        connections in all, so that replies to farmers keep the channel's client to themselves.

        `keepalive` (the default): one KeepAliveRequest, whose requests cost a fraction of
        httpx's CPU. `httpx`: HTTPXRequests of `pool_size` connections each, every request on
        the least busy (httpcore checks every connection of a pool for each request, so
        several small pools cost less than one big one).
        """
        if client == "keepalive":
            requests: list[BaseRequest] = [KeepAliveRequest(pool_size=self.concurrency)]
        else:
            count = max(1, math.ceil(self.concurrency / pool_size))
            size = math.ceil(self.concurrency / count)
            requests = [HTTPXRequest(connection_pool_size=size, pool_timeout=30.0)
                        for _ in range(count)]
        self._own_requests = requests
        self._senders = [Bot(token, base_url=base_url, request=r) for r in requests]
        self._in_flight = [0] * len(requests)
        self.client = client

    def describe(self) -> str:
        """The worker's sizes, for logs and benchmarks."""
        pools = len(self._own_requests)
        return (f"batch {self.batch}, concurrency {self.concurrency}, "
                + (f"{self.client} client ({pools} pools)" if pools
                   else "the channel's HTTP client"))

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Send again what was in flight at the last stop, then start sending and reporting."""
        for request in self._own_requests:
            await request.initialize()
        self.released_at_start = await self._tx(outbox.release_in_flight, self.channel)
        if self.released_at_start:
            log.warning(
                "%d deliveries were in flight when the bot last stopped; sending them again",
                self.released_at_start,
            )
        self._stopping = self._closing = False
        self._writer = asyncio.create_task(self._write_forever(), name="outbox-results")
        self._tasks = [
            asyncio.create_task(self._dispatch_forever(), name="outbox-dispatch"),
            asyncio.create_task(self._report_forever(), name="outbox-progress"),
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
            await _cancel(late)
        if self._prefetch is not None:  # its transaction is shielded: let it end
            await asyncio.wait({self._prefetch}, timeout=grace)
        while self._claimed:
            self._put_back(self._claimed.popleft())
        while self._parked:
            self._put_back(heapq.heappop(self._parked)[3])
        if self._sending:
            _, late = await asyncio.wait(set(self._sending), timeout=grace)
            await _cancel(late)  # left `sending`: the next start sends them again
        self._closing = True
        self._outcome_ready.set()
        if self._writer is not None:
            _, late = await asyncio.wait({self._writer}, timeout=grace)
            await _cancel(late)
        self._tasks, self._writer = [], None
        for request in self._own_requests:
            await request.shutdown()

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
                    await _wait_for(self._freed, self._parked_wait(clock()))
                continue
            free_at = self.limiter.chat_free_at(row.external_id)
            if free_at is not None:  # this person got a message less than a second ago
                heapq.heappush(self._parked, (free_at, row.priority, row.id, row))
                continue
            turn = await self.limiter.acquire()
            if self._stopping:
                self.limiter.done(turn)
                self._put_back(row)
                return
            self.limiter.mark_chat(row.external_id)
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
            self._prefetch = asyncio.create_task(self._refill(0.0), name="outbox-prefetch")
            self._prefetch.add_done_callback(self._prefetched)

    def _prefetched(self, task: asyncio.Task[bool]) -> None:
        self._prefetch = None

    async def _refill(self, idle: float) -> bool:
        """Claim the next batch (as many as free slots allow); False when none came (after
        waiting up to `idle` for something to be queued)."""
        limit = min(self.batch, self.concurrency - self._held)
        try:
            claimed, contents = await self._tx(
                outbox.claim_batch, self.channel, limit, self.clock()
            )
        except Exception:
            log.exception("claiming deliveries failed")
            claimed, contents = [], {}
        if not claimed:
            if idle > 0:
                self._wake.clear()
                if not self._stopping:
                    await _wait_for(self._wake, idle)
            return False
        self._held += len(claimed)
        if len(self._rendered) > 256:
            self._rendered.clear()
        for a_id, content in contents.items():
            if a_id not in self._rendered:
                self._rendered[a_id] = _Rendered.of(content)
        self._claimed.extend(claimed)
        return True

    def _put_back(self, row: Claimed) -> None:
        """Return a claimed row to the queue unsent (not an attempt)."""
        self._record(Outcome(row.id, "pending", when=self.clock(), count_attempt=False))

    # -- sending ------------------------------------------------------------------------------

    async def _send_and_record(self, row: Claimed, turn: float) -> None:
        try:
            outcome = await self._deliver(row, turn)
        except Exception as exc:  # a bug of ours, not Telegram's answer: try again later
            log.exception("sending delivery %s failed", row.id)
            outcome = self._transient(row, f"{type(exc).__name__}: {exc}")
        self._record(outcome)

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

    async def _deliver(self, row: Claimed, turn: float) -> Outcome:
        """Send one delivery (its turn taken); what happened."""
        try:
            message_ref = await self._send(row, turn)
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            self.retry_afters += 1
            self.limiter.pause(seconds)
            log.warning("Telegram asked to wait %.0fs (429); sending paused", seconds)
            return self._later(row, seconds, f"429: {exc.message}", count=False)
        except Forbidden as exc:
            return Outcome(row.id, "blocked", f"403: {exc.message}"[:500])
        except BadRequest as exc:
            status = ("blocked" if any(p in exc.message.lower() for p in _UNREACHABLE_400)
                      else "failed")
            return Outcome(row.id, status, f"400: {exc.message}"[:500])
        except InvalidToken as exc:
            log.critical("Telegram refused the token; the outbox waits")
            self.limiter.pause(60)
            return self._later(row, 60, f"token: {exc.message}", count=False)
        except (NetworkError, TelegramError) as exc:
            return self._transient(row, f"{type(exc).__name__}: {exc.message}")
        return Outcome(row.id, "sent", message_ref=message_ref)

    async def _send(self, row: Claimed, turn: float) -> str:
        """Send the text (in pieces if it is long, buttons under the last); the id of the last
        message sent."""
        rendered = self._rendered.get(row.announcement_id)
        if rendered is None:  # dropped from the cache meanwhile
            rendered = self._rendered[row.announcement_id] = await self._render(row)
        index = min(range(len(self._senders)), key=self._in_flight.__getitem__)
        sender = self._senders[index]
        chat = _chat_id(row.external_id)
        last = len(rendered.pieces) - 1
        result: Any = None
        self._in_flight[index] += 1
        try:
            for n, piece in enumerate(rendered.pieces):
                if n:  # the next piece to the same chat keeps the 1 s spacing of a chat
                    await asyncio.sleep(self.limiter.per_chat_interval)
                    turn = await self.limiter.acquire()
                kwargs: dict[str, Any] = {"chat_id": chat, "text": piece}
                if n == last and rendered.markup is not None:
                    kwargs["reply_markup"] = rendered.markup
                if self.paid_broadcast:
                    kwargs["allow_paid_broadcast"] = True
                try:
                    # Bot._post (what send_message calls) answers plain JSON: a Message object
                    # would cost a fifth of a message's CPU, and the worker needs only its id.
                    # (do_api_request, the public road to it, warns for every sendMessage.)
                    result = await sender._post("sendMessage", kwargs)
                finally:
                    self.limiter.done(turn)
        finally:
            self._in_flight[index] -= 1
        return str(result["message_id"])

    async def _render(self, row: Claimed) -> _Rendered:
        async def read(tx: Any) -> Content:
            found = await outbox.get_announcement(tx, row.announcement_id)
            assert found is not None
            buttons = json.loads(found.buttons) if found.buttons else []
            return Content(text=found.text, buttons=buttons)

        return _Rendered.of(await self.db.run(read))

    def _later(self, row: Claimed, seconds: float, error: str, count: bool) -> Outcome:
        when = self.clock() + timedelta(seconds=seconds)
        return Outcome(row.id, "pending", error=error, when=when, count_attempt=count)

    def _transient(self, row: Claimed, error: str) -> Outcome:
        self.network_errors += 1
        if self.network_errors % 100 == 1:  # a network outage must not flood the log
            log.warning("delivery %s: %s; tried again later (%d such errors so far)",
                        row.id, error, self.network_errors)
        if row.attempts >= self.max_attempts:
            log.warning("delivery %s failed after %d attempts: %s", row.id, row.attempts, error)
            return Outcome(row.id, "failed", error[:500])
        delay = min(self.backoff * 2 ** (row.attempts - 1), self.max_backoff)
        return self._later(row, delay, error, count=True)

    # -- progress for the sender --------------------------------------------------------------

    async def _report_forever(self) -> None:
        while not self._stopping:
            try:
                await self.report_once()
            except Exception:
                log.exception("reporting outbox progress failed")
            self._report_now.clear()
            if not self._stopping:  # (stop may have set the event just before the clear)
                await _wait_for(self._report_now, self.progress_every)

    async def report_once(self) -> None:
        """Edit each running announcement's progress message; send summaries of finished ones."""
        open_ = await self._tx(outbox.open_with_progress, self.channel)
        for a in open_:
            if a.status == "done":
                await self._summarise(a)
            elif self._shown.get(a.id) != (a.sent, a.blocked, a.failed) or not a.progress_message:
                await self._show_progress(a)

    async def _show_progress(self, a: Announcement) -> None:
        text = announcements.progress_text(self.texts, a)
        try:
            if a.progress_message is None:
                message = await self._send_one(a.progress_chat or "", text)
                await self._tx(outbox.set_progress_message, a.id, str(message.message_id))
            else:
                await self.bot.edit_message_text(
                    text, chat_id=_chat_id(a.progress_chat or ""),
                    message_id=int(a.progress_message),
                )
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                log.info("progress of announcement %s not shown: %s", a.id, exc.message)
        except TelegramError as exc:
            log.info("progress of announcement %s not shown: %s", a.id, exc.message)
            return
        self._shown[a.id] = (a.sent, a.blocked, a.failed)

    async def _send_one(self, chat: str, text: str) -> Message:
        """Send the sender a message in the worker's turn (it counts against the same limit)."""
        turn = await self.limiter.acquire()
        self.limiter.mark_chat(chat)
        try:
            return await self.bot.send_message(_chat_id(chat), text)
        finally:
            self.limiter.done(turn)

    async def _summarise(self, a: Announcement) -> None:
        if a.progress_message is not None:
            await self._show_progress(a)  # the progress message ends at 100 %
        try:
            await self._send_one(a.progress_chat or "", announcements.summary_text(self.texts, a))
        except (Forbidden, BadRequest) as exc:
            log.info("summary of announcement %s not delivered: %s", a.id, exc.message)
        except TelegramError as exc:  # a flood wait or the network: try at the next report
            log.info("summary of announcement %s delayed: %s", a.id, exc.message)
            return
        await self._tx(outbox.mark_reported, a.id, self.clock())
        self._shown.pop(a.id, None)


def telegram_worker(
    telegram: TelegramChannel, settings: Settings, client: str = "keepalive", **options: Any
) -> DeliveryWorker:
    """The worker for the Telegram channel; the channel's replies count against its window.
    Over real HTTP its deliveries go through connection pools of their own (use_pools)."""
    limiter = RateLimiter(settings.max_rate)
    telegram.limiter = limiter
    worker = DeliveryWorker(
        telegram.core.db, telegram.bot, telegram.core.texts, limiter,
        paid_broadcast=settings.telegram_paid_broadcast, **options,
    )
    if telegram.http_base_url is not None:  # real HTTP (not a test's transport): own pools
        worker.use_pools(telegram.bot.token, telegram.http_base_url, client)
    return worker
