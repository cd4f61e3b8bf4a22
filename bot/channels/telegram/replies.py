"""Sending the replies to a person's message, at once, and again as soon as Telegram can.

A reply that meets a network error or a server error waits here, in memory, and goes out as
soon as Telegram answers again (a getUpdates or another send that works), or after a
short backoff (0.5 s doubling to 5 s) if nothing else shows it: not on the minute of the
resend job, which remains for what a crash left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.channels.telegram.adapter import send_reply
from handlers.contract import Incoming, Reply

if TYPE_CHECKING:
    from bot.channels.telegram.channel import TelegramChannel

log = logging.getLogger(__name__)

_REMEMBERED = 10_000  # message refs delivered by this process, to skip a redelivery's copy
_FIRST_WAIT, _LONGEST_WAIT = 0.5, 5.0


class ReplySender:
    """Delivers replies for a channel; holds back and retries what the network refused."""

    def __init__(self, channel: TelegramChannel) -> None:
        self._channel = channel
        # message_ref -> (chat, message, replies still to send, ids with buttons sent so far)
        self._held: dict[str, tuple[int, Incoming, list[Reply], tuple[str, ...]]] = {}
        self._delivered: OrderedDict[str, None] = OrderedDict()
        self._working = asyncio.Event()
        self._retrying: asyncio.Task[None] | None = None

    def holds(self, message_ref: str) -> bool:
        """Whether the replies to this message wait for the network."""
        return message_ref in self._held

    def delivered(self, message_ref: str) -> bool:
        """Whether this process has sent (or is sending) the replies to this message."""
        return message_ref in self._delivered

    def telegram_works(self) -> None:
        """Telegram just answered a request: send what waits now."""
        if self._held:
            self._working.set()

    async def deliver(self, chat_id: int, incoming: Incoming, replies: list[Reply]) -> bool:
        """Send the replies, then note that they went out; False if they wait for the
        network (they go out by themselves once it is back)."""
        self._delivered[incoming.message_ref] = None
        while len(self._delivered) > _REMEMBERED:
            self._delivered.popitem(last=False)
        return await self._send(chat_id, incoming, replies, ())

    async def _send(
        self, chat_id: int, incoming: Incoming, replies: list[Reply], sent: tuple[str, ...]
    ) -> bool:
        for index, reply in enumerate(replies):
            try:
                ref = await self._send_one(chat_id, reply)
            except Forbidden:
                log.info("chat %s blocked the bot; reply to %s dropped", chat_id,
                         incoming.message_ref)
                break
            except TelegramError as exc:  # the network, a 5xx, a second flood wait
                log.warning("reply to %s held back (%s)", incoming.message_ref, exc)
                self._hold(chat_id, incoming, replies[index:], sent)
                return False
            if ref is not None:
                sent = (*sent, ref)
        self._channel.intake.note_replied(incoming, sent)
        self.telegram_works()
        return True

    async def _send_one(self, chat_id: int, reply: Reply) -> str | None:
        limiter = self._channel.limiter
        if limiter is not None:
            limiter.note_interactive(chat_id)
        try:
            try:
                return await send_reply(self._channel.bot, chat_id, reply)
            except RetryAfter as exc:  # mostly the 1/s of a chat the outbox just wrote to
                await asyncio.sleep(seconds(exc.retry_after))
                return await send_reply(self._channel.bot, chat_id, reply)
        except BadRequest as exc:
            if reply.edit_of is None:  # asking again would be refused again
                log.warning("Telegram refused a reply to chat %s: %s", chat_id, exc.message)
                return None
            # The message to edit is gone or too old: say it in a new message instead.
            log.info("could not edit message %s in chat %s (%s); sending anew",
                     reply.edit_of, chat_id, exc.message)
            return await self._send_one(chat_id, reply.model_copy(update={"edit_of": None}))

    def _hold(
        self, chat_id: int, incoming: Incoming, replies: list[Reply], sent: tuple[str, ...]
    ) -> None:
        self._held[incoming.message_ref] = (chat_id, incoming, replies, sent)
        if self._retrying is None or self._retrying.done():
            self._retrying = asyncio.create_task(self._retry(), name="held-replies")

    async def _retry(self) -> None:
        """Send the held replies, oldest first, as soon as Telegram works again."""
        wait = _FIRST_WAIT
        while self._held:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._working.wait(), wait)
            self._working.clear()
            for ref in list(self._held):
                chat_id, incoming, replies, sent = self._held.pop(ref)
                if not await self._send(chat_id, incoming, replies, sent):
                    wait = min(wait * 2, _LONGEST_WAIT)
                    break
            else:
                wait = _FIRST_WAIT
        self._channel.flush_soon()

    async def stop(self) -> None:
        """Stop retrying: what is still held is `done` in the inbox, sent again at start."""
        if self._retrying is not None:
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying


def seconds(retry_after: object) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB settings."""
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]
