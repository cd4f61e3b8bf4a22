"""The Zalo OA channel: store each signed event before answering 200, handle it after.

Zalo wants its 200 within about 2 seconds and sends an event again when it does not get it.
So the webhook only verifies, stores the event in the inbox (a retry with the same msg_id
stores nothing) and answers; one worker handles the stored events in order and sends the
replies. Events stored but not handled, or handled but not answered, when the process
stopped are redone at start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import httpx

from bot.channels.zalo import api as zalo_api
from bot.channels.zalo.api import NotSetUp, ZaloApi, ZaloError
from bot.channels.zalo.events import FOLLOW_TEXT, Refused, button_ref, to_event, verify
from bot.channels.zalo.render import fill_upload, render
from bot.rate import RateLimiter
from handlers import outbox as announcements
from handlers.contract import Incoming, Reply
from handlers.core import Core
from handlers.router import joins
from storage import bot_messages, inbox, outbox, state
from storage.inbox import Claim

log = logging.getLogger(__name__)

# The numbered options of the last replies are kept under this channel name in the
# conversation state, beside (not in place of) the person's pending conversation.
OPTIONS = "zalo.options"
RATE_RETRIES = 3
DELIVERY_RETRIES = 3  # network trouble: tries after the first, 1 s, 2 s, 4 s apart


class ZaloChannel:
    """Owns the webhook's receive step, the handling worker and the sending of replies."""

    def __init__(
        self,
        core: Core,
        api: ZaloApi,
        app_id: str,
        oa_secret_key: str,
        claims: Callable[[], Claim] | None = None,
        lease: float = 30.0,
    ) -> None:
        self.core = core
        # Several processes (Telegram's webhook mode): events are stored held by this
        # process, and what a dead process held is taken over (see telegram/webhook.py).
        self._claims = claims
        self._lease = lease
        self._sweeper: asyncio.Task[None] | None = None
        self.api = api
        self.app_id = app_id
        self.oa_secret_key = oa_secret_key
        self._queue: asyncio.Queue[tuple[Incoming, dict[str, Any]]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        # Who has numbered options stored: only they need them cleared by the next answer.
        self._with_options: set[str] = set()
        # Called when a person's writing put announcements they missed back in the queue
        # (the Zalo delivery worker's wake).
        self.on_reopened: Callable[[], None] | None = None
        # The Zalo delivery worker's limiter: replies count against its window, so the
        # worker leaves them room (set by zalo_workers).
        self.limiter: RateLimiter | None = None

    async def receive(self, body: bytes, signature: str | None) -> int:
        """The webhook's work: the HTTP status to answer Zalo with."""
        try:
            payload = verify(body, signature, self.app_id, self.oa_secret_key)
        except Refused as exc:
            log.warning("Zalo webhook refused: %s", exc)
            return 401
        event = to_event(payload)
        if event.incoming is None:
            return 200  # receipts and events we do not handle: nothing to store
        try:
            claim = self._claims() if self._claims is not None else None
            fresh = await self.core.receive(event.incoming, payload, claim)
        except Exception:  # not stored: Zalo must send it again
            log.exception("could not store Zalo event %s", event.incoming.message_ref)
            return 503
        if fresh:
            self._queue.put_nowait((event.incoming, payload))
        return 200

    async def start(self) -> None:
        """Queue what was stored and not handled, resend what was not sent, then work.
        Raises NotSetUp when no token was ever stored (`htx-bot zalo setup` first)."""
        try:
            await self.api.access_token()  # refreshed now if it expired while we were down
        except (ZaloError, httpx.HTTPError) as exc:  # Zalo unreachable: later calls retry
            log.warning("could not check the Zalo token at start: %r", exc)
        async with self.core.db.transaction() as tx:
            self._with_options = set(await state.holders(tx, OPTIONS))
        if self._claims is not None:  # several processes: only what nobody holds
            await self.sweep()
            self._sweeper = asyncio.create_task(self._sweep_forever(), name="zalo-sweeper")
        else:
            for incoming, payload in await self.core.unprocessed("zalo"):
                self._queue.put_nowait((incoming, payload))
            for incoming, replies in await self.core.unreplied("zalo"):
                await self._answer(incoming, replies)
        self._worker = asyncio.create_task(self._work_forever(), name="zalo-worker")

    async def sweep(self) -> int:
        """Take over the Zalo events a dead process left: handle or answer them."""
        assert self._claims is not None
        received, done = await self.core.claim_unfinished("zalo", self._claims())
        for incoming, payload in received:
            self._queue.put_nowait((incoming, payload))
        for incoming, replies in done:
            await self._answer(incoming, replies)
        if received or done:
            log.warning("took over %d Zalo events another process left unfinished",
                        len(received) + len(done))
        return len(received) + len(done)

    async def _sweep_forever(self) -> None:
        while True:  # (this process's claims are renewed by the Telegram webhook's sweep)
            await asyncio.sleep(self._lease / 3)
            try:
                await self.sweep()
            except Exception:
                log.exception("taking over Zalo events failed")

    async def stop(self) -> None:
        """Stop the worker (what it has not handled stays stored for the next start)."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        with contextlib.suppress(Exception):  # logged; unwritten marks mean a resend at start
            await self.core.flush_replied()
        await self.api.close()

    async def idle(self) -> None:
        """Wait until every queued event is handled (tests, benchmarks)."""
        await self._queue.join()

    async def _work_forever(self) -> None:
        while True:
            incoming, payload = await self._queue.get()
            try:
                await self.handle(incoming, payload)
            except Exception:  # one event must never block the others
                log.exception("Zalo event %s failed", incoming.message_ref)
            finally:
                self._queue.task_done()

    async def handle(self, incoming: Incoming, payload: dict[str, Any]) -> None:
        """Handle one stored event and send its replies."""
        if payload.get("event_name") == "unfollow":
            await self._unfollow(incoming)
            return
        await self._seen(incoming)
        incoming = await self._typed_option(incoming)
        incoming = await self._named(incoming)
        replies = await self.core.process(incoming)
        if replies is not None:
            await self._answer(incoming, replies)

    async def _answer(self, incoming: Incoming, replies: list[Reply]) -> None:
        """Deliver, then record it. If Zalo stays unreachable, the row stays `done` and its
        replies are sent at the next start (a piece may then arrive twice, never none)."""
        for attempt in range(DELIVERY_RETRIES + 1):
            try:
                await self.deliver(incoming.user_ref, replies)
                break
            except (httpx.HTTPError, ZaloError) as exc:
                if attempt == DELIVERY_RETRIES:
                    raise
                log.warning("reply to %s not sent (%r); trying again", incoming.message_ref, exc)
                await asyncio.sleep(2**attempt)
        # The 'replied' mark rides with the next event's transaction; written now only
        # when nothing else is waiting (a crash before it means one resend at start).
        self.core.note_replied(incoming)
        if self._queue.empty():
            await self.core.flush_replied()

    async def _typed_option(self, incoming: Incoming) -> Incoming:
        """A typed number that names one of the last numbered options is that button."""
        typed = (incoming.text or "").strip().rstrip(".")
        if not typed.isdigit():
            return incoming
        async with self.core.db.transaction() as tx:
            remembered = await state.get_state(tx, OPTIONS, incoming.user_ref)
        options = remembered.data.get("options", {}) if remembered else {}
        if typed not in options:
            return incoming
        data = options[typed]
        return incoming.model_copy(
            update={"text": None, "button": data, "button_of": button_ref(data)}
        )

    async def _named(self, incoming: Incoming) -> Incoming:
        """A message that may make the person a member carries their Zalo name, which the
        member list shows (events have only the id; without a name the id is used)."""
        if incoming.display_name or incoming.text == FOLLOW_TEXT or not joins(incoming.text):
            return incoming
        try:
            name = await self.api.display_name(incoming.user_ref)
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            log.info("no Zalo profile for %s: %s", incoming.user_ref, exc)
            return incoming
        return incoming.model_copy(update={"display_name": name[:100]}) if name else incoming

    async def _seen(self, incoming: Incoming) -> None:
        """The person wrote: their window opens, and the same day's announcements that missed
        them for want of it are queued again."""
        try:
            async with self.core.db.transaction() as tx:
                reopened = await announcements.member_wrote(
                    tx, "zalo", incoming.user_ref, incoming.sent_at)
        except Exception:  # the message itself matters more: handle it anyway
            log.exception("could not note that %s wrote", incoming.user_ref)
            return
        if reopened and self.on_reopened is not None:
            self.on_reopened()

    async def _unfollow(self, incoming: Incoming) -> None:
        """Mark the person unreachable on Zalo; nothing is sent to someone who left."""
        now = self.core.clock()
        async with self.core.db.transaction() as tx:
            await outbox.set_reachable(tx, "zalo", incoming.user_ref, False)
            await inbox.finish(tx, "zalo", incoming.message_ref, "[]", now)
            await inbox.mark_many_replied(tx, [("zalo", incoming.message_ref)])

    async def deliver(self, user_id: str, replies: list[Reply]) -> None:
        """Send replies in order; stop at the first refusal that concerns the person."""
        try:
            await self.send_replies(user_id, replies)
        except ZaloError as exc:
            if exc.code in zalo_api.TRANSIENT:
                raise
            if exc.code in zalo_api.GONE:
                await self._gone(user_id, exc)
            elif exc.code in zalo_api.WINDOW:
                log.info("Zalo user %s is outside the reply window: %s", user_id, exc)
            else:
                log.error("Zalo refused a reply to %s: %s", user_id, exc)

    async def send_replies(
        self, user_id: str, replies: list[Reply], rate_retries: int = RATE_RETRIES,
        interactive: bool = True,
    ) -> str | None:
        """Send replies in order, remembering their buttons and numbered options; raise the
        first ZaloError (after `rate_retries` waits on -32); the id of the last message.
        `interactive` replies are noted in the delivery worker's limiter."""
        rendered = render(replies, self.core.texts("zalo.options"),
                          self.core.texts("zalo.options_typed"))
        offered = [("zalo", user_id, button_ref(b.data))
                   for reply in replies for row in reply.buttons for b in row]
        if offered or rendered.options or user_id in self._with_options:
            async with self.core.db.transaction() as tx:  # before sending: "1" finds them
                await bot_messages.record(tx, offered)  # a tap acts only on what was offered
                if rendered.options:
                    data = {"options": rendered.options}
                    await state.set_state(tx, OPTIONS, user_id, "options", data, self.core.clock())
                else:
                    await state.clear_state(tx, OPTIONS, user_id)
            if rendered.options:
                self._with_options.add(user_id)
            else:
                self._with_options.discard(user_id)
        last = None
        for step in rendered.steps:
            message = step.message
            if step.upload is not None:
                kind, attachment = step.upload
                message = fill_upload(message, kind, await self.api.upload(kind, attachment))
            if interactive and self.limiter is not None:
                self.limiter.note_interactive(user_id)
            last = await self._send(user_id, message, rate_retries)
        return last

    async def _send(self, user_id: str, message: dict[str, Any], rate_retries: int) -> str | None:
        for attempt in range(rate_retries + 1):
            try:
                answer = await self.api.send(user_id, message)
                found = (answer.get("data") or {}).get("message_id")
                return str(found) if found else None
            except ZaloError as exc:
                if exc.code != zalo_api.RATE_LIMITED or attempt == rate_retries:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        return None

    async def _gone(self, user_id: str, exc: ZaloError) -> None:
        log.info("Zalo user %s cannot be written to (%s); marked unreachable", user_id, exc)
        async with self.core.db.transaction() as tx:
            await outbox.set_reachable(tx, "zalo", user_id, False)
