"""The delivery worker of Telegram: the shared engine (bot/channels/outbox_worker.py: batch
claims, prefetch, parking of busy chats, results settled many per transaction, urgent
warnings first) with Telegram's send call, its errors (429, 403, 400), its HTTP clients and
the sender's progress message, edited as the announcement goes out.

Per message the worker does as little as it can: the text and buttons of an announcement are
rendered once (not per recipient), the answer is read as plain JSON (no Message object), and
over real HTTP the requests go through a client of the worker's own (KeepAliveRequest, a
fraction of httpx's CPU a request; or small httpx pools, see use_pools), so replies to
farmers keep the channel's client to themselves.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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

from bot.channels.outbox_worker import OutboxWorker, default_batch, default_concurrency
from bot.channels.telegram.adapter import split_text
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.keepalive import KeepAliveRequest
from bot.rate import RateLimiter
from bot.settings import Settings
from storage import outbox
from storage.db import Database
from storage.outbox import Announcement, Claimed, Content, Outcome

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
__all__ = ["DeliveryWorker", "default_batch", "default_concurrency", "telegram_worker"]

# 400 answers that mean the person cannot be reached at all (like a 403), not a bad message.
_UNREACHABLE_400 = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")

POOL_SIZE = 16  # connections per pool of the worker's own HTTP clients


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]


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


class DeliveryWorker(OutboxWorker):
    """Sends pending Telegram deliveries by priority; owns the progress reports."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        texts: Texts,
        limiter: RateLimiter,
        *,
        channel: str = "telegram",
        paid_broadcast: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(db, texts, limiter, channel=channel, **options)
        self.bot = bot
        self.paid_broadcast = paid_broadcast
        self.retry_afters = 0  # 429 answers received
        # Who sends the deliveries: the channel's bot, or (use_pools) bots of our own.
        self._senders: list[Bot] = [bot]
        self._in_flight: list[int] = [0]  # requests in flight per sender
        self._own_requests: list[BaseRequest] = []
        self.client = "channel"

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

    async def start(self) -> None:
        for request in self._own_requests:
            await request.initialize()
        await super().start()

    async def stop(self, grace: float = 5.0) -> None:
        await super().stop(grace)
        for request in self._own_requests:
            await request.shutdown()

    # -- sending ------------------------------------------------------------------------------

    def _render_content(self, content: Content) -> _Rendered:
        return _Rendered.of(content)

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
            return self._blocked(row, f"403: {exc.message}")
        except BadRequest as exc:
            if any(p in exc.message.lower() for p in _UNREACHABLE_400):
                return self._blocked(row, f"400: {exc.message}")
            return self._failed(row, f"400: {exc.message}")
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
        try:
            rendered: _Rendered = await self._rendered_for(row)
        except BaseException:
            self.limiter.done(turn)
            raise
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
                    # PTB's public do_api_request answers plain JSON: a Message object would
                    # cost a fifth of a message's CPU, and the worker needs only its id. (Its
                    # reminder that send_message exists is silenced in adapter.py.)
                    result = await sender.do_api_request("sendMessage", api_kwargs=kwargs)
                finally:
                    self.limiter.done(turn)
        finally:
            self._in_flight[index] -= 1
        return str(result["message_id"])

    # -- progress for the sender --------------------------------------------------------------

    async def _show_progress(self, a: Announcement) -> None:
        text = await self._text(a, final=False)
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
        self._shown[a.id] = self._seen(a)

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
            await self._send_one(a.progress_chat or "", await self._text(a, final=True))
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
    return own_pools(DeliveryWorker(
        telegram.core.db, telegram.bot, telegram.core.texts, limiter,
        paid_broadcast=settings.telegram_paid_broadcast, **options,
    ), telegram, client)


def own_pools(worker: DeliveryWorker, telegram: TelegramChannel,
              client: str = "keepalive") -> DeliveryWorker:
    """Over real HTTP (not a test's transport), the worker's deliveries go through HTTP
    clients of its own (use_pools)."""
    if telegram.http_base_url is not None:
        worker.use_pools(telegram.bot.token, telegram.http_base_url, client)
    return worker
