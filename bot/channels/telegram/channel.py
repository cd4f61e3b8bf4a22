"""The Telegram channel: a PTB Application fed by our own long polling through the inbox.

PTB's `run_polling` confirms updates to Telegram (the next getUpdates offset) before its
handlers run, so a crash there loses them. Here every batch is written to the inbox and
handled in one transaction, then confirmed by the next getUpdates, while PTB dispatches the
updates one by one and the replies go out; unfinished rows are redone at start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Iterator

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, ExtBot, TypeHandler
from telegram.request import BaseRequest

from bot.channels.telegram.adapter import ALLOWED_UPDATES
from bot.channels.telegram.reading import Read, read_batch, read_update
from bot.channels.telegram.replies import ReplySender, seconds
from bot.channels.telegram.updates import KeptUpdates
from bot.channels.telegram.webhook import TelegramWebhook
from bot.intake import Batch, Intake, LocalIntake, Parts
from bot.rate import RateLimiter
from handlers.contract import Incoming, Reply
from handlers.core import Core
from handlers.invites import BOT_USERNAME_FACT
from handlers.router import joins
from storage import members, state

log = logging.getLogger(__name__)

PEEK_EVERY = 0.5  # seconds a batch may take to store before new taps are looked for
_ANSWERED_KEPT = 10_000


class TelegramChannel:
    """Owns the Application, the polling task and the recovery of unfinished updates."""

    def __init__(
        self,
        core: Core,
        token: str,
        base_url: str,
        poll_timeout: int = 25,
        request: BaseRequest | None = None,
        updates_request: BaseRequest | None = None,
        intake: Intake | None = None,
    ) -> None:
        self.core = core
        # The Bot API's base URL when PTB talks HTTP itself (None: a given transport), for
        # the delivery worker's own connection pools.
        self.http_base_url = base_url if request is None else None
        self.intake: Intake = intake or LocalIntake(core)
        self.poll_timeout = poll_timeout
        builder: ApplicationBuilder = (
            Application.builder()
            .token(token)
            .base_url(base_url)
            .base_file_url(file_url_for(base_url))
            .updater(None)
        )
        self._updates_request = KeptUpdates(updates_request or request)
        if request is not None:
            builder = builder.request(request)
        self.app = builder.get_updates_request(self._updates_request).build()
        self.app.add_handler(TypeHandler(Update, self.on_update))
        self.app.add_error_handler(self.on_error)
        self._poller: asyncio.Task[None] | None = None
        # Updates stored, not handled (found so at start, or their handling failed): on_update
        # handles these messages without storing them again.
        self._stored: dict[int, Incoming] = {}
        # update_ids the poller stored and handled with their batch: the message and the
        # replies to send (None: handled before). on_update delivers them without a trip to
        # the database.
        self._ready: dict[int, tuple[Incoming, list[Reply] | None]] = {}
        self._stopping = False
        self._flushing: asyncio.Task[None] | None = None
        self._flush_again = False
        self._answering: set[asyncio.Task[None]] = set()
        # Queues each batch for PTB once handled, in the order the batches were polled.
        self._handing: asyncio.Task[None] | None = None
        # Set by the wiring when a delivery worker runs: replies count against its window.
        self.limiter: RateLimiter | None = None
        self.replies = ReplySender(self)
        # Callback queries answered (by id, the latest few thousand): each is answered once.
        self._answered: OrderedDict[str, None] = OrderedDict()
        # Set by the wiring in webhook mode (several processes): Telegram POSTs the updates.
        self.webhook: TelegramWebhook | None = None

    @property
    def bot(self) -> ExtBot:
        """The PTB bot."""
        return self.app.bot

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deliver the replies of an update (storing and processing it once, if the poller
        has not), then show a new menu if the person's role may have changed."""
        uid = update.update_id
        ready = self._ready.pop(uid, None)
        if ready is not None:
            incoming, replies = ready
        else:
            if uid in self._stored:
                incoming: Incoming | None = self._stored.pop(uid)
            else:  # fed directly (a webhook, a test): store it first, as polling would have
                read = read_update(update)
                self._answer_query(read)
                if (incoming := read.incoming) is not None:
                    await self.core.receive(incoming, read.payload)
            if incoming is None:
                self._flush_when_idle()  # the burst may end here: the others' marks still go
                return
            replies = await self.core.process(incoming)
        if not incoming.user_ref:
            self._flush_when_idle()
            return  # not for the core (a group chat), or no chat to answer
        if replies is None:  # handled before: a redelivered update
            if self.replies.delivered(incoming.message_ref):
                self._flush_when_idle()
                return  # this process sends (or sent) them
            replies = await self.core.stored_replies(incoming)
            if replies is None:
                self._flush_when_idle()
                return  # answered already
        await self.deliver(int(incoming.user_ref), incoming, replies)
        self._flush_when_idle()
        if joins(incoming.text):  # a role may have changed: show that role's menu
            await self.refresh_menu(incoming.user_ref)

    def answer_query(self, read: Read) -> None:
        """Answer the tap an update carries, at once (the webhook's first step)."""
        self._answer_query(read)

    def hand_over(
        self, update: Update, incoming: Incoming | None, replies: list[Reply] | None
    ) -> None:
        """Queue an update stored and handled elsewhere (a webhook request) for PTB, which
        sends its replies (None: handled before; sent from the inbox if still unsent)."""
        if incoming is not None:
            self._ready[update.update_id] = (incoming, replies)
        self.app.update_queue.put_nowait(update)

    async def queue_stored(self, incoming: Incoming, payload: dict[str, object]) -> None:
        """Queue a message stored but never handled, for PTB to handle and answer."""
        try:
            update = Update.de_json(payload, self.bot)
        except Exception:  # stored unreadable: the core answers it from the Incoming
            update = None
        if update is None:
            update = Update(_update_id(incoming, payload))
        self._stored[update.update_id] = incoming
        await self.app.update_queue.put(update)

    def _answer_query(self, read: Read) -> None:
        """Stop the button's spinner now, whatever comes of the tap: the person waits on it.
        A tap the core will not see (an inline message, a group) is told so."""
        if read.query_id is None or read.query_id in self._answered:
            return
        self._answered[read.query_id] = None
        while len(self._answered) > _ANSWERED_KEPT:
            self._answered.popitem(last=False)
        text = self.core.texts("button.not_yours") if read.incoming is None else None
        task = asyncio.create_task(self._answer(read.query_id, text), name="answer-query")
        self._answering.add(task)
        task.add_done_callback(self._answering.discard)

    async def _answer(self, query_id: str, text: str | None) -> None:
        try:
            await self.bot.answer_callback_query(query_id, text=text)
        except TelegramError as exc:  # too old, or not a query Telegram knows
            log.info("could not answer callback query %s: %s", query_id, exc)

    def flush_soon(self) -> None:
        """Write the 'replied' marks in the background, once the database is free: the
        poller may be handling the next batch, which need not wait for this."""
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush_all(), name="flush-replied")
            self._flushing.add_done_callback(_log_failure)
        else:  # marks noted after the running flush took its own: once more after it
            self._flush_again = True

    async def _flush_all(self) -> None:
        self._flush_again = True
        while self._flush_again:
            self._flush_again = False
            await self.intake.flush_replied()

    def _flush_when_idle(self) -> None:
        """Write the 'replied' marks once nothing more is queued. Else they go with the next
        transaction: the next update's; or, while a batch is still being handled, the next
        batch's, or this flush once it is all delivered. Marks left unwritten would have the
        resend job send those replies again."""
        if self.app.update_queue.empty() and (self._handing is None or self._handing.done()):
            self.flush_soon()

    async def deliver(self, chat_id: int, incoming: Incoming, replies: list[Reply]) -> bool:
        """Send the replies, then note that they went out (the caller has it written);
        False when they wait for Telegram to work again (they go out by themselves)."""
        return await self.replies.deliver(chat_id, incoming, replies)

    async def flush_replied(self) -> None:
        """Write the 'replied' marks noted so far."""
        await self.intake.flush_replied()

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log errors outside the core (sending, mostly) with the update id."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("error on update %s", update_id, exc_info=context.error)

    async def start(self) -> None:
        """Connect, announce the command menu, redo unfinished work, start polling."""
        await self.intake.start()
        await self.app.initialize()
        username = self.bot.username
        async with self.core.db.transaction() as tx:
            await state.set_fact(tx, BOT_USERNAME_FACT, username)
        if self.webhook is None:
            await self.bot.delete_webhook()
        await self.set_menus()
        await self.app.start()
        if self.webhook is not None:  # several processes: what others left is claimed
            await self.webhook.start()
            return
        await self.recover()
        self._poller = asyncio.create_task(self.poll_forever(), name="telegram-poller")

    async def stop(self) -> None:
        """Stop polling, finish what is queued, disconnect."""
        self._stopping = True  # a cancel racing with a poll's answer can be lost; the flag is not
        if self.webhook is not None:
            await self.webhook.stop()
        await self.replies.stop()
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        if self._handing is not None:  # batches stored and being handled: deliver them
            await asyncio.wait([self._handing])
        if self.app.running:
            await self.app.stop()
        if self._flushing is not None:
            with contextlib.suppress(Exception):  # logged; what it held is still noted
                await self._flushing
        await self.intake.stop()
        if self.webhook is not None:  # what is still unanswered goes to the others now
            await self.webhook.release()
        await self.app.shutdown()

    async def recover(self) -> None:
        """Queue updates stored but never processed; resend replies never confirmed sent."""
        for incoming, payload in await self.core.unprocessed("telegram"):
            await self.queue_stored(incoming, payload)
        for incoming, replies in await self.core.unreplied("telegram"):
            if incoming.user_ref:
                await self.deliver(int(incoming.user_ref), incoming, replies)
        await self.intake.flush_replied()

    async def poll_once(self, offset: int | None, wait: int) -> int | None:
        """Fetch one batch and have it stored; once handled, it is queued for delivery.
        Return the next offset (which confirms the batch to Telegram)."""
        try:
            updates: tuple[Update, ...] | None = await self.bot.get_updates(
                offset=offset, timeout=wait, allowed_updates=ALLOWED_UPDATES
            )
        except TelegramError:
            self._updates_request.take()
            raise
        except Exception as exc:  # one update PTB cannot parse fails its whole batch
            log.warning("could not parse a batch of updates (%s); reading them one by one", exc)
            updates = None
        sent = self._updates_request.take()
        if updates is None and not sent:
            raise RuntimeError("getUpdates answered something that is not a batch of updates")
        self.replies.telegram_works()
        reads = read_batch(updates, sent, self.bot)
        if not reads:
            return offset
        for read in reads:
            self._answer_query(read)
        batch = [(r.update, r.incoming) for r in reads if r.incoming is not None]
        parts = await self._stored_while_peeking(
            offset, [(r.incoming, r.payload) for r in reads if r.incoming is not None]
        )
        others = [r.update for r in reads if r.incoming is None]
        previous = self._handing
        if all(f.done() for _, f in parts) and (previous is None or previous.done()):
            for part, answers in self._split(batch, parts):
                self._queue_part(part, answers)
            self._queue_others(others)
        else:  # being handled in the handling process: this poller fetches the next batch
            self._handing = asyncio.create_task(
                self._queue_when_handled(previous, others, batch, parts), name="hand-over"
            )
        return max(r.update.update_id for r in reads) + 1

    async def _stored_while_peeking(self, offset: int | None, batch: Batch) -> Parts:
        """Have the batch stored; while that takes long (a locked database), look at what
        else has come every half second, only to answer its taps: the next poll fetches
        the same updates again, since this batch is not confirmed yet."""
        storing = asyncio.ensure_future(self.intake.take_in(batch))
        try:
            await self._peek_until(storing, offset)
        except asyncio.CancelledError:
            storing.cancel()
            raise
        return storing.result()

    async def _peek_until(self, storing: asyncio.Future[Parts], offset: int | None) -> None:
        while not (await asyncio.wait([storing], timeout=PEEK_EVERY))[0]:
            try:
                waiting = await self.bot.get_updates(
                    offset=offset, timeout=0, allowed_updates=ALLOWED_UPDATES
                )
            except Exception as exc:  # a peek only: the real poll will see to it
                log.info("could not look for taps while storing a batch: %s", exc)
                continue
            finally:
                self._updates_request.take()
            for update in waiting:
                if update.callback_query is not None:
                    self._answer_query(read_update(update))

    async def _queue_when_handled(
        self,
        previous: asyncio.Task[None] | None,
        others: list[Update],
        batch: list[tuple[Update, Incoming]],
        parts: Parts,
    ) -> None:
        """Queue each part of a batch as soon as it is handled, after the earlier batches."""
        if previous is not None:
            await asyncio.wait([previous])
        for part, answers in self._split(batch, parts):
            await asyncio.wait([answers])
            self._queue_part(part, answers)
        self._queue_others(others)

    @staticmethod
    def _split(
        batch: list[tuple[Update, Incoming]], parts: Parts
    ) -> Iterator[tuple[list[tuple[Update, Incoming]], asyncio.Future[list[list[Reply] | None]]]]:
        start = 0
        for size, answers in parts:
            yield batch[start : start + size], answers
            start += size

    def _queue_part(
        self,
        part: list[tuple[Update, Incoming]],
        answers: asyncio.Future[list[list[Reply] | None]],
    ) -> None:
        """Hand handled updates to PTB with their replies; if their handling failed, on_update
        handles them here instead, as it does the updates found unhandled at start."""
        try:
            handled = answers.result()
        except Exception as exc:
            log.error("%d messages were stored, not handled (%s); handling them here",
                      len(part), exc)
            self._stored.update((update.update_id, incoming) for update, incoming in part)
        else:
            for (update, incoming), replies in zip(part, handled, strict=True):
                self._ready[update.update_id] = (incoming, replies)
        for update, _ in part:
            self.app.update_queue.put_nowait(update)

    def _queue_others(self, others: list[Update]) -> None:
        """The updates the core does not take (group chats, say): PTB only logs them."""
        for update in others:
            self.app.update_queue.put_nowait(update)

    async def poll_forever(self) -> None:
        """Long-poll until cancelled, riding out network trouble and flood limits."""
        offset: int | None = None
        delay = 1.0
        while not self._stopping:
            try:
                offset = await self.poll_once(offset, self.poll_timeout)
                delay = 1.0
            except RetryAfter as exc:
                await asyncio.sleep(seconds(exc.retry_after))
            except (InvalidToken, Forbidden):
                log.critical("Telegram refused the token; polling stops")
                raise
            except Exception as exc:  # the network, or the database refused the batch
                if isinstance(exc, NetworkError):
                    log.warning("getUpdates failed (%s); retrying in %.0fs", exc, delay)
                else:  # the batch was not confirmed: it is fetched again
                    log.exception("polling failed; retrying in %.0fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def set_menus(self) -> None:
        """Set the Vietnamese command menu: one for everyone, a longer one per manager chat."""
        default = await self.core.menu("telegram", "")
        await self.bot.set_my_commands([BotCommand(c, d) for c, d in default])
        async with self.core.db.transaction() as tx:
            managers = await members.identities_of_role(tx, "telegram", "manager")
        for user_ref in managers:
            await self.refresh_menu(user_ref)

    async def refresh_menu(self, user_ref: str) -> None:
        """Give one chat the menu of its role."""
        commands = await self.core.menu("telegram", user_ref)
        try:
            await self.bot.set_my_commands(
                [BotCommand(c, d) for c, d in commands], scope=BotCommandScopeChat(int(user_ref))
            )
        except TelegramError as exc:
            log.info("could not set the menu of %s: %s", user_ref, exc)


def file_url_for(base_url: str) -> str:
    """The file download URL that goes with a Bot API URL (…/bot -> …/file/bot)."""
    head = base_url.rstrip("/")
    if head.endswith("/bot"):
        return head[: -len("bot")] + "file/bot"
    return head + "/file/bot"


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("could not write the 'replied' marks", exc_info=task.exception())


def _update_id(incoming: Incoming, payload: dict[str, object]) -> int:
    """The update_id of a stored update PTB cannot read again."""
    found = payload.get("update_id")
    if isinstance(found, int):
        return found
    tail = incoming.message_ref.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0
