"""The delivery worker: sends the outbox to Telegram under its limits, and reports progress.

One dispatcher loop takes a turn from the rate limiter, claims the most urgent due delivery
(marking it `sending` in its own transaction) and hands it to a send task; at most
`concurrency` send tasks run at once, and a task frees its slot only after the result is
committed. So at any moment at most `concurrency` rows are `sending`: those are the only
messages a SIGKILL can leave in doubt, and a restart sends them again (nobody is skipped;
at most `concurrency` people may get one message twice).
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.channels.telegram.adapter import split_text
from bot.channels.telegram.channel import TelegramChannel
from bot.rate import RateLimiter
from bot.settings import Settings
from handlers import outbox as announcements
from handlers.core import utc_now
from storage import outbox
from storage.db import Database
from storage.outbox import Announcement, Content, Delivery

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
T = TypeVar("T")

# 400 answers that mean the person cannot be reached at all (like a 403), not a bad message.
_UNREACHABLE_400 = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")


def default_concurrency(rate: int) -> int:
    """Send tasks needed to keep `rate` going with up to half a second per request."""
    return max(4, math.ceil(rate * 0.5))


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


def _markup(content: Content) -> InlineKeyboardMarkup | None:
    if not content.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b["label"], callback_data=b["data"]) for b in row]
         for row in content.buttons]
    )


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
        self.max_attempts, self.backoff, self.max_backoff = max_attempts, backoff, max_backoff
        self.progress_every, self.idle = progress_every, idle
        self.clock = clock
        self.released_at_start = 0  # rows left `sending` by the previous process
        self.retry_afters = 0  # 429 answers received
        self._slots = asyncio.Semaphore(self.concurrency)
        self._sending: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._report_now = asyncio.Event()
        self._shown: dict[int, tuple[int, int, int]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Send again what was in flight at the last stop, then start sending and reporting."""
        self.released_at_start = await self._tx(outbox.release_in_flight, self.channel)
        if self.released_at_start:
            log.warning(
                "%d deliveries were in flight when the bot last stopped; sending them again",
                self.released_at_start,
            )
        self._tasks = [
            asyncio.create_task(self._dispatch_forever(), name="outbox-dispatch"),
            asyncio.create_task(self._report_forever(), name="outbox-progress"),
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
            await _cancel(late)
        if self._sending:
            _, late = await asyncio.wait(set(self._sending), timeout=grace)
            await _cancel(late)  # left `sending`: the next start sends them again
        self._tasks = []

    def describe(self) -> str:
        """The worker's sizes, for logs and benchmarks."""
        return f"concurrency {self.concurrency}"

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
                    await _wait_for(self._wake, self.idle)
                continue
            task = asyncio.create_task(self._send_and_record(*claimed))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _claim(self) -> tuple[Delivery, Content] | None:
        try:
            claimed = await self._tx(
                outbox.claim_next, self.channel, self.clock(), self.limiter.busy_chats()
            )
        except Exception:
            log.exception("claiming a delivery failed")
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
        try:
            message_ref = await self._send(delivery.external_id, content)
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            self.retry_afters += 1
            self.limiter.pause(seconds)
            log.warning("Telegram asked to wait %.0fs (429); sending paused", seconds)
            return await self._retry(delivery, seconds, f"429: {exc.message}", count=False)
        except Forbidden as exc:
            return await self._blocked(delivery, f"403: {exc.message}")
        except BadRequest as exc:
            if any(part in exc.message.lower() for part in _UNREACHABLE_400):
                return await self._blocked(delivery, f"400: {exc.message}")
            return await self._failed(delivery, f"400: {exc.message}")
        except InvalidToken as exc:
            log.critical("Telegram refused the token; the outbox waits")
            self.limiter.pause(60)
            return await self._retry(delivery, 60, f"token: {exc.message}", count=False)
        except (NetworkError, TelegramError) as exc:
            return await self._transient(delivery, f"{type(exc).__name__}: {exc.message}")
        return await self._tx(outbox.mark_sent, delivery.id, self.clock(), message_ref)

    async def _send(self, external_id: str, content: Content) -> str:
        """Send the text (in pieces if it is long, buttons under the last); the id of the last
        message sent."""
        pieces = split_text(content.text)
        markup = _markup(content)
        message = None
        for index, piece in enumerate(pieces):
            if index:  # the next piece to the same chat keeps the 1 s spacing of a chat
                await asyncio.sleep(self.limiter.per_chat_interval)
            turn = await self.limiter.acquire()
            try:
                message = await self.bot.send_message(
                    _chat_id(external_id),
                    piece,
                    reply_markup=markup if index == len(pieces) - 1 else None,
                    allow_paid_broadcast=True if self.paid_broadcast else None,
                )
            finally:
                self.limiter.done(turn)
        assert message is not None
        return str(message.message_id)

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
    telegram: TelegramChannel, settings: Settings, **options: Any
) -> DeliveryWorker:
    """The worker for the Telegram channel; the channel's replies count against its window."""
    limiter = RateLimiter(settings.max_rate)
    telegram.limiter = limiter
    return DeliveryWorker(
        telegram.core.db, telegram.bot, telegram.core.texts, limiter,
        paid_broadcast=settings.telegram_paid_broadcast, **options,
    )
