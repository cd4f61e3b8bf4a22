"""The core's single entry point: store what came in, handle it once, hand back replies."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter

from handlers.context import CoreConfig, Ctx
from handlers.contract import Incoming, Reply
from handlers.registry import menu_for
from handlers.router import route
from messages.i18n import Texts
from storage import bot_messages, inbox, members, outbox
from storage.db import Database, Tx, Work

log = logging.getLogger(__name__)

# A note that a message's replies went out: (channel, message_ref), or with the person's
# ref and the ids of the messages with buttons sent to them, (channel, message_ref,
# user_ref, sent_refs), which `bot_messages` keeps so that a button is checked against them.
Mark = tuple[str, ...] | tuple[str, str, str, tuple[str, ...]]

Clock = Callable[[], datetime]
T = TypeVar("T")


class _OneFailed(Exception):
    """A message of a batch handled without a savepoint each failed (its error is the
    cause): the whole transaction is to be undone and the batch handled again."""


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


class Core:
    """Channel-neutral processing over the durable inbox.

    A channel calls `receive` before it confirms an update to its platform, then `process`.
    Effects and the inbox row's `done` mark commit together, so a crash either leaves the row
    `received` (processed again at start-up) or `done` with its replies stored (sent again).
    """

    def __init__(self, db: Database, config: CoreConfig, clock: Clock = utc_now) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.texts = Texts(config.language)  # type: ignore[arg-type]
        # Messages whose replies were sent but whose rows still say `done`: the next
        # transaction writes them, so a busy channel spends no trip of its own on them.
        self._replied: list[Mark] = []

    async def receive(
        self,
        incoming: Incoming,
        payload: dict[str, Any] | None = None,
        claim: inbox.Claim | None = None,
    ) -> bool:
        """Store an incoming message durably; False when it was stored before. `claim`:
        held by this process (several processes, see `take_in`)."""
        async with self.db.statement() as tx:
            return await self._store(tx, incoming, payload or {}, self.clock(), claim)

    async def take_in(
        self, batch: list[tuple[Incoming, dict[str, Any]]], claim: inbox.Claim | None = None
    ) -> list[list[Reply] | None]:
        """Store a polling batch and handle each message, all in one transaction.

        One commit for the batch instead of one per message (and one trip to the database
        thread): a busy channel's cost. An error undoes that message alone (see
        `_each_undone_alone`), which is answered with an apology as `process` would. The result
        is each message's replies, None where it was handled before (a redelivery).
        If the transaction fails, nothing of the batch was stored: poll it again.
        `claim`: the rows are stored held by this process (several processes on one
        database), so that no other sends their replies unless this one dies.
        """
        if not batch:
            return []

        async def store_and_handle(tx: Tx, alone: bool) -> list[list[Reply] | None]:
            fresh = await self._store_all(tx, batch, claim)
            return [replies for replies, _ in await self._handle_all(tx, batch, fresh, alone)]

        return await self._each_undone_alone(len(batch), store_and_handle)

    async def store_batch(self, batch: list[tuple[Incoming, dict[str, Any]]]) -> list[bool]:
        """The first half of `take_in` in a transaction of its own: store the batch (and the
        noted 'replied' marks); whether each message is new. Once this commits the batch may
        be confirmed to the platform, while `handle_batch` works on it."""
        return await self._with_marks(lambda tx: self._store_all(tx, batch))

    async def handle_batch(
        self, batch: list[tuple[Incoming, dict[str, Any]]], fresh: list[bool]
    ) -> list[list[Reply] | None]:
        """The second half of `take_in`, for a batch `store_batch` has just stored: `fresh`
        is what it returned, and nothing else may handle these messages in between."""
        handled = await self._each_undone_alone(
            len(batch), lambda tx, alone: self._handle_all(tx, batch, fresh, alone)
        )
        return [replies for replies, _ in handled]

    async def handle_batch_stored(
        self, batch: list[tuple[Incoming, dict[str, Any]]], fresh: list[bool]
    ) -> list[str | None]:
        """`handle_batch`, each message's replies as the JSON text stored with them (None:
        handled before): what the handling process sends back, encoded once, not twice."""
        handled = await self._each_undone_alone(
            len(batch), lambda tx, alone: self._handle_all(tx, batch, fresh, alone)
        )
        return [stored for _, stored in handled]

    async def _each_undone_alone(
        self, count: int, work: Callable[[Tx, bool], Awaitable[T]]
    ) -> T:
        """Run `work(tx, alone)` over `count` messages in one transaction with the noted
        marks, so that a message that fails is undone alone (see `_handle_all`).

        Almost no message fails, and a savepoint a message cost a twentieth of the handling
        process's time (two statements, and a copy of each page the message changes, kept
        to undo it): so the batch is first handled without them (alone=False), and only
        when one of its messages fails is all of it undone and handled again, each message
        in a savepoint of its own (alone=True). Handling touches nothing but the
        transaction, so the first try leaves no trace but its log line."""
        if count > 1:
            try:
                return await self._with_marks(lambda tx: work(tx, False))
            except _OneFailed as failed:
                log.info("a message of a batch failed (%s): handling each alone",
                         failed.__cause__.__class__.__name__)
        return await self._with_marks(lambda tx: work(tx, True))

    async def _with_marks(self, work: Work[T]) -> T:
        """Run `work` in one transaction that also writes the noted 'replied' marks."""
        taken = self.take_noted_replied()

        async def with_marks(tx: Tx) -> T:
            if taken:
                await _write_marks(tx, taken)
            return await work(tx)

        try:
            return await self.db.run(with_marks)
        except BaseException:
            self._replied = taken + self._replied  # rolled back: still to be written
            raise

    async def _store_all(
        self,
        tx: Tx,
        batch: list[tuple[Incoming, dict[str, Any]]],
        claim: inbox.Claim | None = None,
    ) -> list[bool]:
        now = self.clock()
        return [await self._store(tx, incoming, payload, now, claim) for incoming, payload in batch]

    async def _handle_all(
        self,
        tx: Tx,
        batch: list[tuple[Incoming, dict[str, Any]]],
        fresh: list[bool],
        alone: bool = True,
    ) -> list[tuple[list[Reply] | None, str | None]]:
        """Each message's replies (None: handled before), and the JSON text stored with them.
        `alone`: each message in a savepoint, a failing one undone and answered with an
        apology; else a failing one raises `_OneFailed` (the caller undoes the batch)."""
        if not alone:
            try:
                return [
                    await self._handle_in(tx, incoming, [], new)
                    for (incoming, _), new in zip(batch, fresh, strict=True)
                ]
            except Exception as exc:
                raise _OneFailed from exc
        answers: list[tuple[list[Reply] | None, str | None]] = []
        for (incoming, _), new in zip(batch, fresh, strict=True):
            try:
                async with tx.savepoint():
                    answers.append(await self._handle_in(tx, incoming, [], new))
            except Exception as exc:
                self._log_failure(incoming)
                apology = await self._failed(tx, incoming, exc)
                answers.append((apology, _json(apology)))
        return answers

    @staticmethod
    async def _store(
        tx: Tx,
        incoming: Incoming,
        payload: dict[str, Any],
        now: datetime,
        claim: inbox.Claim | None = None,
    ) -> bool:
        return await inbox.store(
            tx,
            incoming.channel,
            incoming.message_ref,
            payload,
            incoming.model_dump_json(),
            now,
            claim,
        )

    async def process(self, incoming: Incoming) -> list[Reply] | None:
        """Handle a stored message once; None when it was already handled."""
        taken, self._replied = self._replied, []
        try:
            return await self.db.run(lambda tx: self._process_in(tx, incoming, taken))
        except Exception as exc:
            self._replied = taken + self._replied  # rolled back: still to be written
            self._log_failure(incoming)
            async with self.db.transaction() as tx:
                return await self._failed(tx, incoming, exc)

    async def _process_in(
        self, tx: Tx, incoming: Incoming, replied: list[Mark], fresh: bool = False
    ) -> list[Reply] | None:
        """The transaction of `process`: route the message and mark its inbox row done
        (and mark `replied` the rows whose replies went out since the last transaction).
        `fresh`: this transaction has just stored the row, so it is not handled yet."""
        return (await self._handle_in(tx, incoming, replied, fresh))[0]

    async def _handle_in(
        self, tx: Tx, incoming: Incoming, replied: list[Mark], fresh: bool = False
    ) -> tuple[list[Reply] | None, str | None]:
        """`_process_in`, with the replies also as the JSON text stored with the row."""
        if replied:
            await _write_marks(tx, replied)
        if not fresh:
            status = await inbox.status(tx, incoming.channel, incoming.message_ref)
            if status != "received":
                return None, None
        now = self.clock()
        if incoming.unreadable is not None:
            return await self._unreadable(tx, incoming, now)
        member = await members.find_by_identity(tx, incoming.channel, incoming.user_ref)
        if member is not None and member.reachable is False:  # writing again reopens
            await outbox.set_reachable(tx, incoming.channel, incoming.user_ref, True)
        ctx = Ctx(tx, incoming, member, self.texts, now, self.config)
        replies = await route(ctx)
        stored = _json(replies)
        await inbox.finish(tx, incoming.channel, incoming.message_ref, stored, now)
        return replies, stored

    async def _unreadable(
        self, tx: Tx, incoming: Incoming, now: datetime
    ) -> tuple[list[Reply], str]:
        """An update its channel could not read: keep the reason, ask for it again."""
        log.warning("unreadable %s update %s from %r: %s", incoming.channel,
                    incoming.message_ref, incoming.user_ref, incoming.unreadable)
        replies = [Reply(text=self.texts("unreadable"))] if incoming.user_ref else []
        stored = _json(replies)
        await inbox.finish(tx, incoming.channel, incoming.message_ref, stored, now,
                           error=f"unreadable: {incoming.unreadable}"[:2000])
        return replies, stored

    @staticmethod
    def _log_failure(incoming: Incoming) -> None:
        log.exception("handler failed on %s message %s", incoming.channel, incoming.message_ref)

    async def _failed(self, tx: Tx, incoming: Incoming, exc: Exception) -> list[Reply]:
        """Record the failure (its effects were rolled back); the apology to send."""
        apology = [Reply(text=self.texts("error.apology"))]
        await inbox.finish(
            tx,
            incoming.channel,
            incoming.message_ref,
            _json(apology),
            self.clock(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return apology

    async def handle(
        self, incoming: Incoming, payload: dict[str, Any] | None = None
    ) -> list[Reply]:
        """Receive and process in one call (for channels with nothing to confirm)."""
        await self.receive(incoming, payload)
        return await self.process(incoming) or []

    def note_replied(self, incoming: Incoming, sent: tuple[str, ...] = ()) -> None:
        """Note that the replies reached the person (`sent`: the channel's ids of those
        that carry buttons); written by the next transaction.

        Until then a crash leaves the row `done` and its replies are sent again at start,
        as they would be if the crash came just before the reply was marked sent.
        """
        self._replied.append(mark_of(incoming, sent))

    def note_replied_refs(self, refs: list[Mark]) -> None:
        """`note_replied` for marks noted elsewhere (see `Mark`)."""
        self._replied.extend(refs)

    def take_noted_replied(self) -> list[Mark]:
        """Hand over the marks noted and not written yet; they are no longer noted here."""
        taken, self._replied = self._replied, []
        return taken

    async def flush_replied(self) -> None:
        """Write the noted replies now (nothing else is coming to carry them)."""
        if self._replied:
            await self._with_marks(_nothing)

    async def mark_replied(self, incoming: Incoming) -> None:
        """Record that the replies reached the person, now."""
        self.note_replied(incoming)
        await self.flush_replied()

    async def stored_replies(self, incoming: Incoming) -> list[Reply] | None:
        """The replies to a message handled before whose replies may not have gone out
        (a redelivered update): None when it is not handled yet, or was answered."""
        async with self.db.transaction() as tx:
            row = await inbox.get(tx, incoming.channel, incoming.message_ref)
        return _replies(row.replies) if row is not None and row.status == "done" else None

    async def unprocessed(self, channel: str) -> list[tuple[Incoming, dict[str, Any]]]:
        """Messages stored but never handled (a crash came between): handle them first."""
        async with self.db.transaction() as tx:
            rows = await inbox.unfinished(tx, channel)
        return [
            (Incoming.model_validate(r.incoming), r.payload) for r in rows if r.status == "received"
        ]

    async def unreplied(
        self, channel: str, older_than: datetime | None = None, held_by: str | None = None
    ) -> list[tuple[Incoming, list[Reply]]]:
        """Messages handled whose replies may not have been sent: send them again.

        `older_than` leaves alone rows handled recently, whose replies may be on their way;
        `held_by` (several processes): only the rows this process holds (the others' are
        theirs, or are taken over when their process dies).
        """
        async with self.db.transaction() as tx:
            rows = await inbox.unfinished(tx, channel)
        return [
            (Incoming.model_validate(r.incoming), _replies(r.replies))
            for r in rows
            if r.status == "done"
            and (older_than is None or (r.done_at is not None and r.done_at < older_than))
            and (held_by is None or r.claimed_by == held_by)
        ]

    async def claim_unfinished(
        self, channel: str, claim: inbox.Claim, limit: int = 100
    ) -> tuple[list[tuple[Incoming, dict[str, Any]]], list[tuple[Incoming, list[Reply]]]]:
        """Take over the unfinished rows nobody holds (their process died): the messages to
        handle, and the messages handled whose replies may not have gone out."""
        async with self.db.transaction() as tx:
            rows = await inbox.claim(tx, channel, claim, self.clock(), limit)
        received = [(Incoming.model_validate(r.incoming), r.payload)
                    for r in rows if r.status == "received"]
        done = [(Incoming.model_validate(r.incoming), _replies(r.replies))
                for r in rows if r.status == "done"]
        return received, done

    async def release_claims(self, holder_prefix: str, keep: str = "") -> int:
        """Let go of the unfinished rows of the processes so named (but `keep`): a clean stop
        hands its rows to the others at once; a restart takes back its predecessor's."""
        async with self.db.statement() as tx:
            return await inbox.release(tx, holder_prefix, keep)

    async def renew_claims(self, claim: inbox.Claim) -> int:
        """Extend this process's hold on its unfinished rows; how many it holds."""
        async with self.db.statement() as tx:
            return await inbox.renew(tx, claim)

    async def menu(self, channel: str, user_ref: str) -> list[tuple[str, str]]:
        """The (command, description) menu this person should see."""
        async with self.db.transaction() as tx:
            member = await members.find_by_identity(tx, channel, user_ref)
        role = member.role if member else None
        return [(name, self.texts(f"menu.{name}")) for name in menu_for(role)]


def mark_of(incoming: Incoming, sent: tuple[str, ...] = ()) -> Mark:
    """The note that a message's replies went out (see `Mark`)."""
    if not sent:
        return (incoming.channel, incoming.message_ref)
    return (incoming.channel, incoming.message_ref, incoming.user_ref, tuple(sent))


async def _write_marks(tx: Tx, marks: list[Mark]) -> None:
    await inbox.mark_many_replied(tx, [(m[0], m[1]) for m in marks])
    owned = [(m[0], m[2], ref) for m in marks if len(m) == 4 for ref in m[3]]
    if owned:
        await bot_messages.record(tx, owned)


async def _nothing(tx: Tx) -> None:
    """No work: the transaction of `flush_replied` only writes the marks."""


_REPLIES = TypeAdapter(list[Reply])


def _json(replies: list[Reply]) -> str:
    """Replies as the JSON text the inbox keeps."""
    return _REPLIES.dump_json(replies).decode()


def replies_of(stored: str) -> list[Reply]:
    """Replies from the JSON text `_json` made (the inbox's, or the handling process's)."""
    return _REPLIES.validate_json(stored)


def _replies(stored: list[dict[str, Any]] | None) -> list[Reply]:
    return [Reply.model_validate(x) for x in stored or []]
