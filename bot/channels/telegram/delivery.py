"""The delivery worker of Telegram: the shared engine (bot/channels/outbox_worker.py) with
Telegram's send call, its errors (429, 403, 400), its limits and the sender's progress
message, edited as the announcement goes out.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.channels.outbox_worker import OutboxWorker, default_concurrency
from bot.channels.telegram.adapter import split_text
from bot.channels.telegram.channel import TelegramChannel
from bot.rate import RateLimiter
from bot.settings import Settings
from storage import outbox
from storage.db import Database
from storage.outbox import Announcement, Content, Delivery

if TYPE_CHECKING:
    from messages.i18n import Texts

log = logging.getLogger(__name__)
__all__ = ["DeliveryWorker", "default_concurrency", "telegram_worker"]

# 400 answers that mean the person cannot be reached at all (like a 403), not a bad message.
_UNREACHABLE_400 = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]


def _markup(content: Content) -> InlineKeyboardMarkup | None:
    if not content.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b["label"], callback_data=b["data"]) for b in row]
         for row in content.buttons]
    )


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
        return await self._sent(delivery, message_ref)

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
    telegram: TelegramChannel, settings: Settings, **options: Any
) -> DeliveryWorker:
    """The worker for the Telegram channel; the channel's replies count against its window."""
    limiter = RateLimiter(settings.max_rate)
    telegram.limiter = limiter
    return DeliveryWorker(
        telegram.core.db, telegram.bot, telegram.core.texts, limiter,
        paid_broadcast=settings.telegram_paid_broadcast, **options,
    )
