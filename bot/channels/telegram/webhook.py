"""Telegram's webhook mode: several `htx-bot run` processes on one database.

Telegram allows one getUpdates poller per bot, so with several processes Telegram POSTs
each update to a public URL that a proxy hands to any process. A request is answered 200
only after its update is stored and handled (one transaction, with the other requests that
arrived meanwhile: a group commit); the replies go out after the answer. A request without
the right secret is refused (401 without one, 403 with a wrong one); one the database
refused is answered 503, so Telegram sends it again.

Each stored row is held by its process (`claimed_by`) until `claimed_until`, renewed every
third of the lease while the process lives. A process that dies stops renewing: after the
lease, any other process takes its unfinished rows over (a sweep every third of the lease,
`FOR UPDATE SKIP LOCKED` on PostgreSQL), handles the ones never handled and sends the
replies of the handled ones. Handling checks the row's status under a lock, so a message is
recorded once whoever takes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.channels.telegram.adapter import ALLOWED_UPDATES
from bot.channels.telegram.reading import read_batch
from handlers.contract import Incoming, Reply
from storage.inbox import Claim

if TYPE_CHECKING:
    from bot.channels.telegram.channel import TelegramChannel

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
Pending = tuple[Incoming, dict[str, Any], "asyncio.Future[list[Reply] | None]"]


def process_name(address: str = "") -> str:
    """A name for this process that no other process, here or elsewhere, shares: the
    machine, the address its web server listens on, its pid and a random part."""
    return f"{socket.gethostname()}:{address}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def slot_of(holder: str) -> str:
    """The part of a process's name a restart on the same machine and address shares."""
    host, address, _ = holder.split(":", 2) if holder.count(":") >= 2 else (holder, "", "")
    return f"{host}:{address}:"


class TelegramWebhook:
    """Takes Telegram's webhook requests for a channel, and the work of processes that died."""

    def __init__(
        self,
        channel: TelegramChannel,
        url: str,
        secret: str,
        lease: float = 30.0,
        holder: str | None = None,
        max_connections: int = 40,
        address: str = "",
    ) -> None:
        self.channel = channel
        self.url, self._secret = url, secret.encode()
        self.lease = lease
        self.holder = holder or process_name(address)
        self._ready = asyncio.Event()  # requests that come before start() wait for it
        self.started = False  # the webhook is set: Telegram delivers here
        self.max_connections = max_connections
        self._pending: list[Pending] = []
        self._committing: asyncio.Task[None] | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self.taken_over = 0  # rows of dead processes this one took over
        self.commits = 0  # transactions that stored and handled webhook updates
        self.updates = 0  # updates those transactions held
        self.commit_seconds = 0.0  # wall time spent in them (waiting for the database too)

    def stats(self) -> dict[str, Any]:
        """What this process took in (for /health, and the scale benchmark)."""
        return {
            "holder": self.holder,
            "started": self.started,
            "commits": self.commits,
            "updates": self.updates,
            "commit_seconds": round(self.commit_seconds, 4),
            "taken_over": self.taken_over,
        }

    def claim(self) -> Claim:
        """This process's hold on what it stores or takes now."""
        return Claim(self.holder, self.channel.core.clock() + timedelta(seconds=self.lease))

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Take back what this process's predecessor on the same address left (it is gone:
        the address is ours now), take over what dead processes left, then ask Telegram
        to deliver here."""
        if slot_of(self.holder).split(":")[1]:
            back = await self.channel.core.release_claims(slot_of(self.holder), self.holder)
            if back:
                log.info("%d messages the previous process here left unfinished", back)
        self._ready.set()
        await self.sweep()
        await self.channel.bot.set_webhook(
            self.url,
            secret_token=self._secret.decode(),
            allowed_updates=ALLOWED_UPDATES,
            max_connections=self.max_connections,
        )
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="webhook-sweeper")
        self.started = True

    async def stop(self) -> None:
        """Stop sweeping (the webhook stays set: the other processes go on receiving), and
        finish the group commit in progress."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        if self._committing is not None:
            with contextlib.suppress(Exception):
                await self._committing

    async def release(self) -> None:
        """Hand what this process still holds to the others (the end of a clean stop)."""
        with contextlib.suppress(Exception):  # it runs out by itself anyway
            await self.channel.core.release_claims(self.holder)

    # -- one request ------------------------------------------------------------------------

    def authorised(self, given: str | None) -> int | None:
        """None when the request carries the secret; else the status to refuse it with."""
        if given is None:
            return 401
        if not hmac.compare_digest(given.encode(), self._secret):
            return 403
        return None

    async def receive(self, body: bytes, secret: str | None) -> tuple[int, Any]:
        """The webhook's work: the status to answer, and what to do once answered (hand
        the update to PTB, which sends the replies), or None."""
        refused = self.authorised(secret)
        if refused is None:
            await self._ready.wait()
        if refused is not None:
            log.warning("Telegram webhook refused: %s secret token",
                        "no" if refused == 401 else "a wrong")
            return refused, None
        try:
            raw = json.loads(body)
        except ValueError:
            raw = None
        if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
            log.warning("Telegram webhook: not an update (%d bytes); ignored", len(body))
            return 200, None  # nothing Telegram could send again would be better
        read = read_batch(None, {raw["update_id"]: raw}, self.channel.bot)[0]
        self.channel.answer_query(read)
        if read.incoming is None:  # not for the core (a group chat): PTB only logs it
            return 200, lambda: self.channel.hand_over(read.update, None, None)
        try:
            replies = await self._stored_and_handled(read.incoming, read.payload)
        except Exception:
            log.exception("could not store Telegram update %s; Telegram sends it again",
                          read.update.update_id)
            return 503, None
        incoming = read.incoming
        return 200, lambda: self.channel.hand_over(read.update, incoming, replies)

    async def _stored_and_handled(
        self, incoming: Incoming, payload: dict[str, Any]
    ) -> list[Reply] | None:
        """Store and handle the update with the others waiting: one transaction for all."""
        done: asyncio.Future[list[Reply] | None] = asyncio.get_running_loop().create_future()
        self._pending.append((incoming, payload, done))
        if self._committing is None or self._committing.done():
            self._committing = asyncio.create_task(self._commit_all(), name="webhook-commit")
        return await done

    async def _commit_all(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            began = time.perf_counter()
            try:
                answers = await self.channel.core.take_in(
                    [(incoming, payload) for incoming, payload, _ in batch], self.claim()
                )
            except Exception as exc:
                for *_, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                continue
            self.commits += 1
            self.updates += len(batch)
            self.commit_seconds += time.perf_counter() - began
            for (*_, done), replies in zip(batch, answers, strict=True):
                if not done.done():
                    done.set_result(replies)

    # -- what other processes left ----------------------------------------------------------

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                await self.sweep()
            except Exception:  # the next sweep tries again; nothing is lost meanwhile
                log.exception("renewing or taking over inbox claims failed")

    async def sweep(self) -> int:
        """Renew this process's claims; take over rows nobody holds any more (a process
        died): handle those never handled, send the replies of the others. How many."""
        core = self.channel.core
        await core.renew_claims(self.claim())
        received, done = await core.claim_unfinished("telegram", self.claim())
        for incoming, payload in received:
            await self.channel.queue_stored(incoming, payload)
        for incoming, replies in done:
            if incoming.user_ref and not self.channel.replies.holds(incoming.message_ref):
                await self.channel.deliver(int(incoming.user_ref), incoming, replies)
        taken = len(received) + len(done)
        if taken:
            self.taken_over += taken
            log.warning("took over %d messages another process left unfinished", taken)
            await self.channel.flush_replied()
        return taken
