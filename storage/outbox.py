"""The outbox: announcements, one delivery row per recipient, and reachability of chats."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time
from storage.reach import Route

Kind = Literal["reminder", "bulletin", "broadcast"]
DeliveryStatus = Literal["pending", "sending", "sent", "blocked", "failed"]

# Lower goes first: a training reminder must not wait behind a province-wide broadcast, and
# an urgent warning (/canhbao) goes before everything.
PRIORITY: dict[str, int] = {"reminder": 0, "bulletin": 1, "broadcast": 2}
URGENT = -1
UNREACHABLE = "unreachable"  # last_error of a delivery skipped because the chat was known dead


class Announcement(BaseModel):
    """One message to many members, with its delivery counters."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: Kind
    priority: int
    cooperative_id: int | None
    alliance_id: int | None
    sender_id: int | None
    text: str
    status: Literal["sending", "done"]
    total: int
    sent: int
    blocked: int
    failed: int
    progress_channel: str | None
    progress_chat: str | None
    progress_message: str | None
    created_at: datetime
    finished_at: datetime | None
    reported_at: datetime | None
    buttons: str | None = None  # JSON, see Content
    unreached: int = 0  # not reachable now (no app in reach), with a reason per delivery
    fields: str | None = None  # JSON: the named fields a ZNS template is filled from
    template_kind: str | None = None  # which ZNS template it uses (None: its kind)
    urgent: bool = False  # a warning (/canhbao): priority URGENT, reaches opted-out members

    @property
    def pending(self) -> int:
        """Deliveries not settled yet (waiting, in flight or waiting for a retry)."""
        return self.total - self.sent - self.blocked - self.failed - self.unreached


class Content(BaseModel):
    """What a delivery sends: the announcement's text and its buttons (rows of label/data)."""

    model_config = ConfigDict(frozen=True)

    text: str
    buttons: list[list[dict[str, str]]] = []


class Claimed(NamedTuple):
    """A delivery claimed by claim_batch: what the worker needs to send it, and no more."""

    id: int
    announcement_id: int
    external_id: str
    priority: int
    attempts: int  # counting this one


class Outcome(NamedTuple):
    """What became of one claimed delivery, for settle_batch.

    status `pending` puts it back, due at `when` (`count_attempt`: whether this try counts
    towards giving up; a flood wait or a chat still busy does not). `unreached` is a final
    `failed` counted as not reached, with its `reason` (ZNS: bad phone, refuses...).
    `settled`: the worker already committed the row itself (Zalo's window moved it to ZNS,
    say); settle_batch leaves it alone."""

    delivery_id: int
    status: Literal["sent", "blocked", "failed", "pending", "unreached", "settled"]
    error: str | None = None
    message_ref: str | None = None
    when: datetime | None = None
    count_attempt: bool = True
    reason: str | None = None


class Delivery(BaseModel):
    """One recipient of one announcement on one channel."""

    model_config = ConfigDict(frozen=True)

    id: int
    announcement_id: int
    member_id: int
    channel: str
    external_id: str
    priority: int
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    message_ref: str | None
    sent_at: datetime | None
    reason: str | None = None  # why not reached (status failed), or 'late'


_TIMES = ("created_at", "finished_at", "reported_at", "next_attempt_at", "sent_at")


def _decode(row: dict) -> dict:
    return {k: (from_db_time(v) if k in _TIMES and v else v) for k, v in row.items()}


def _announcement(row: dict) -> Announcement:
    return Announcement(**_decode(row))


def _delivery(row: dict) -> Delivery:
    return Delivery(**_decode(row))


async def create_announcement(
    tx: Tx,
    kind: Kind,
    text: str,
    routes: Iterable[Route],
    now: datetime,
    *,
    sender_id: int | None = None,
    cooperative_id: int | None = None,
    alliance_id: int | None = None,
    progress_to: tuple[str, str] | None = None,
    buttons: list[list[dict[str, str]]] | None = None,
    fields: dict[str, str] | None = None,
    template_kind: str | None = None,
    urgent: bool = False,
) -> Announcement:
    """Write an announcement and one delivery per routed recipient (in the caller's
    transaction). Routes come from handlers/routing.py: `pending` on one channel, `blocked`
    (every chat known dead) or `failed` with a reason (not reachable now); the last two are
    counted at once, so the summary includes them without a useless request. An urgent one
    (a warning) gets priority URGENT: its deliveries go before all others.
    """
    priority = URGENT if urgent else PRIORITY[kind]
    stamp = to_db_time(now)
    channel, chat = progress_to if progress_to else (None, None)
    row = await tx.one(
        "INSERT INTO announcements (kind, priority, cooperative_id, alliance_id, sender_id, text,"
        " progress_channel, progress_chat, created_at, buttons, fields, template_kind,"
        " urgent)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (kind, priority, cooperative_id, alliance_id, sender_id, text, channel, chat, stamp,
         json.dumps(buttons, ensure_ascii=False) if buttons else None,
         json.dumps(fields, ensure_ascii=False) if fields else None, template_kind,
         int(urgent)),
    )
    assert row is not None
    announcement_id = row["id"]
    await tx.execute_many(
        "INSERT INTO deliveries (announcement_id, member_id, channel, external_id, priority,"
        " status, next_attempt_at, last_error, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (announcement_id, member_id) DO NOTHING",
        [(announcement_id, r.member_id, r.channel, r.external_id, priority, r.status, stamp,
          r.last_error, r.reason) for r in {r.member_id: r for r in routes}.values()],
    )
    await tx.execute(
        "UPDATE announcements SET"
        " total = (SELECT COUNT(*) FROM deliveries WHERE announcement_id = :id),"
        " blocked = (SELECT COUNT(*) FROM deliveries WHERE announcement_id = :id"
        "            AND status = 'blocked'),"
        " unreached = (SELECT COUNT(*) FROM deliveries WHERE announcement_id = :id"
        "            AND status = 'failed' AND reason IS NOT NULL)"
        " WHERE id = :id",
        {"id": announcement_id},
    )
    await _finish_if_settled(tx, announcement_id, now)
    found = await get_announcement(tx, announcement_id)
    assert found is not None
    return found


async def cooperative_member_ids(
    tx: Tx, cooperative_id: int, *, opted_out_too: bool = False
) -> list[int]:
    """Active members (and managers) of a cooperative; without those who turned
    announcements off unless `opted_out_too` (reminders of a training they accepted)."""
    rows = await tx.all(
        "SELECT id FROM members WHERE cooperative_id = ? AND active = 1"
        " AND (? = 1 OR announcements_off = 0) ORDER BY id",
        (cooperative_id, int(opted_out_too)),
    )
    return [r["id"] for r in rows]


async def alliance_member_ids(
    tx: Tx, alliance_id: int, *, opted_out_too: bool = False
) -> list[int]:
    """Active members of every cooperative of an alliance (opt-out as above)."""
    rows = await tx.all(
        "SELECT m.id FROM members m JOIN cooperatives c ON c.id = m.cooperative_id"
        " WHERE c.alliance_id = ? AND m.active = 1 AND (? = 1 OR m.announcements_off = 0)"
        " ORDER BY m.id",
        (alliance_id, int(opted_out_too)),
    )
    return [r["id"] for r in rows]


async def get_announcement(tx: Tx, announcement_id: int) -> Announcement | None:
    """One announcement by id."""
    row = await tx.one("SELECT * FROM announcements WHERE id = ?", (announcement_id,))
    return _announcement(row) if row else None


async def recent_announcements(
    tx: Tx, *, cooperative_id: int | None = None, alliance_id: int | None = None, limit: int = 5
) -> list[Announcement]:
    """The newest announcements of a cooperative or an alliance, newest first."""
    rows = await tx.all(
        "SELECT * FROM announcements WHERE (cooperative_id = ? OR alliance_id = ?)"
        " ORDER BY id DESC LIMIT ?",
        (cooperative_id, alliance_id, limit),
    )
    return [_announcement(r) for r in rows]


async def deliveries_of(tx: Tx, announcement_id: int) -> list[Delivery]:
    """Every delivery of an announcement, by id (for reports and tests)."""
    rows = await tx.all(
        "SELECT * FROM deliveries WHERE announcement_id = ? ORDER BY id", (announcement_id,)
    )
    return [_delivery(r) for r in rows]


# -- the delivery worker's side -----------------------------------------------------------


async def release_in_flight(tx: Tx, channel: str) -> int:
    """Put back to pending the rows a dead process left `sending`; return how many.

    Whether Telegram got those requests is unknown; sending again may duplicate them, and
    skipping may lose them. Nobody may be skipped, so they go again.
    """
    return await tx.execute(
        "UPDATE deliveries SET status = 'pending' WHERE channel = ? AND status = 'sending'",
        (channel,),
    )


async def claim_next(
    tx: Tx, channel: str, now: datetime, busy_chats: Sequence[str] = ()
) -> tuple[Delivery, Content] | None:
    """Mark the most urgent due delivery `sending` and return it with what to send.

    Priority first, then age. Chats in `busy_chats` (sent to within the last second) wait.
    """
    busy = list(busy_chats)
    skip = f" AND external_id NOT IN ({marks(busy)})" if busy else ""
    row = await tx.one(
        "UPDATE deliveries SET status = 'sending', attempts = attempts + 1 WHERE id = ("
        " SELECT id FROM deliveries WHERE channel = ? AND status = 'pending'"
        f" AND next_attempt_at <= ?{skip} ORDER BY priority, id LIMIT 1"
        ") AND status = 'pending' RETURNING *",  # (PostgreSQL: a row another process
        # claimed first is checked again after the wait, and left alone)
        (channel, to_db_time(now), *busy),
    )
    if row is None:
        return None
    found = await tx.one(
        "SELECT text, buttons FROM announcements WHERE id = ?", (row["announcement_id"],)
    )
    assert found is not None
    buttons = json.loads(found["buttons"]) if found["buttons"] else []
    return _delivery(row), Content(text=found["text"], buttons=buttons)


async def claim_batch(
    tx: Tx, channel: str, limit: int, now: datetime
) -> tuple[list[Claimed], dict[int, Content]]:
    """Mark up to `limit` due deliveries `sending`, most urgent first (priority, then age),
    and return them with the content of each announcement among them (read once).

    One statement claims the lot (WITH picked AS (SELECT ... LIMIT n) UPDATE ... WHERE id IN
    picked RETURNING), on SQLite and PostgreSQL, where the pick takes FOR UPDATE SKIP LOCKED.
    Per-chat spacing is the caller's: a claimed row whose chat is busy waits in its memory
    (parked), or goes back with settle_batch (status `pending`, not counted as an attempt).
    """
    # PostgreSQL: two processes claiming at once take different rows (SKIP LOCKED), and a row
    # another process claimed between the pick and the update is checked again (the outer
    # `status = 'pending'`) and left alone. The pick is a materialised CTE there: as a plain
    # `IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may run the subquery more
    # than once and claim more than n rows. SQLite's write lock makes claims one at a time.
    pg = tx.dialect == "postgresql"
    rows = await tx.tuples(
        f"WITH picked AS {'MATERIALIZED ' if pg else ''}("
        " SELECT id FROM deliveries WHERE channel = ? AND status = 'pending'"
        " AND next_attempt_at <= ? ORDER BY priority, id LIMIT ?"
        f"{' FOR UPDATE SKIP LOCKED' if pg else ''})"
        " UPDATE deliveries SET status = 'sending', attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM picked) AND status = 'pending'"
        " RETURNING id, announcement_id, external_id, priority, attempts",
        (channel, to_db_time(now), limit),
    )
    claimed = sorted((Claimed(*row) for row in rows), key=lambda c: (c.priority, c.id))
    contents: dict[int, Content] = {}
    if claimed:
        ids = sorted({c.announcement_id for c in claimed})
        for a_id, text, buttons in await tx.tuples(
            f"SELECT id, text, buttons FROM announcements WHERE id IN ({marks(ids)})", ids
        ):
            contents[a_id] = Content(text=text, buttons=json.loads(buttons) if buttons else [])
    return claimed, contents


_COUNTERS = {"sent": "sent", "blocked": "blocked", "failed": "failed", "unreached": "unreached"}


async def settle_batch(tx: Tx, outcomes: Sequence[Outcome], now: datetime) -> set[int]:
    """Record what became of many claimed deliveries in one transaction; return the
    announcements this finished.

    Only rows still `sending` change (a second report of the same row changes nothing), and
    each announcement's counters grow by exactly the rows that changed. Blocked chats are
    marked unreachable; sent messages with buttons are kept in `bot_messages` (their
    recipients may tap them).
    """
    first: dict[int, Outcome] = {}
    for o in outcomes:
        first.setdefault(o.delivery_id, o)  # one outcome per row, whatever the caller did
    outcomes = list(first.values())
    if not outcomes:
        return set()
    ids = [o.delivery_id for o in outcomes]
    owners: dict[int, tuple[int, str, str]] = {}
    for start in range(0, len(ids), 500):  # SQLite's default limit of parameters is high, but
        part = ids[start:start + 500]  # PostgreSQL drivers and old SQLite builds are not
        for d_id, a_id, chan, chat in await tx.tuples(
            "SELECT id, announcement_id, channel, external_id FROM deliveries"
            f" WHERE id IN ({marks(part)}) AND status = 'sending'", part
        ):
            owners[d_id] = (a_id, chan, chat)
    live = [o for o in outcomes if o.delivery_id in owners]
    stamp = to_db_time(now)
    back = [o for o in live if o.status == "pending"]
    if back:
        await tx.execute_many(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = ?,"
            " attempts = attempts - ? WHERE id = ? AND status = 'sending'",
            [(to_db_time(o.when or now), o.error, 0 if o.count_attempt else 1, o.delivery_id)
             for o in back],
        )
    final = [o for o in live if o.status not in ("pending", "settled")]
    if not final:
        return set()
    sent_with_ref = [o for o in final if o.status == "sent" and o.message_ref is not None]
    if sent_with_ref:
        await tx.execute_many(
            "INSERT INTO bot_messages (channel, user_ref, message_ref)"
            " SELECT d.channel, d.external_id, ? FROM deliveries d"
            " JOIN announcements a ON a.id = d.announcement_id"
            " WHERE d.id = ? AND a.buttons IS NOT NULL ON CONFLICT DO NOTHING",
            [(o.message_ref, o.delivery_id) for o in sent_with_ref],
        )
    await tx.execute_many(
        "UPDATE deliveries SET status = ?, last_error = ?, message_ref = ?, sent_at = ?,"
        " reason = COALESCE(?, reason) WHERE id = ? AND status = 'sending'",
        [("failed" if o.status == "unreached" else o.status, o.error, o.message_ref,
          stamp if o.status == "sent" else None,
          o.reason if o.status == "unreached" else None, o.delivery_id) for o in final],
    )
    for o in final:
        if o.status == "blocked":
            _, chan, chat = owners[o.delivery_id]
            await set_reachable(tx, chan, chat, False)
    counts: dict[int, dict[str, int]] = {}
    for o in final:
        per = counts.setdefault(owners[o.delivery_id][0],
                                {"sent": 0, "blocked": 0, "failed": 0, "unreached": 0})
        per[_COUNTERS[o.status]] += 1
    finished = set()
    for a_id, per in sorted(counts.items()):
        await tx.execute(
            "UPDATE announcements SET sent = sent + ?, blocked = blocked + ?,"
            " failed = failed + ?, unreached = unreached + ? WHERE id = ?",
            (per["sent"], per["blocked"], per["failed"], per["unreached"], a_id),
        )
        if await _finish_if_settled(tx, a_id, now):
            finished.add(a_id)
    return finished


async def next_due_at(tx: Tx, channel: str) -> datetime | None:
    """When the earliest pending delivery becomes due (None: nothing pending)."""
    value = await tx.value(
        "SELECT MIN(next_attempt_at) FROM deliveries WHERE channel = ? AND status = 'pending'",
        (channel,),
    )
    return from_db_time(value) if value else None


async def _settle(
    tx: Tx, delivery_id: int, status: str, counter: str, now: datetime,
    error: str | None = None, message_ref: str | None = None, reason: str | None = None,
) -> bool:
    """Move a `sending` row to a final status and count it; True when the announcement ends.
    A `reason` is kept (not reached); a delivery sent late keeps its 'late'."""
    row = await tx.one(
        "UPDATE deliveries SET status = ?, last_error = ?, message_ref = ?, sent_at = ?,"
        " reason = COALESCE(?, reason) WHERE id = ? AND status = 'sending'"
        " RETURNING announcement_id",
        (status, error, message_ref, to_db_time(now) if status == "sent" else None, reason,
         delivery_id),
    )
    if row is None:
        return False
    await tx.execute(
        f"UPDATE announcements SET {counter} = {counter} + 1 WHERE id = ?",
        (row["announcement_id"],),
    )
    return await _finish_if_settled(tx, row["announcement_id"], now)


async def _finish_if_settled(tx: Tx, announcement_id: int, now: datetime) -> bool:
    changed = await tx.execute(
        "UPDATE announcements SET status = 'done', finished_at = ?"
        " WHERE id = ? AND status = 'sending' AND sent + blocked + failed + unreached >= total",
        (to_db_time(now), announcement_id),
    )
    return changed == 1


async def mark_sent(tx: Tx, delivery_id: int, now: datetime, message_ref: str | None) -> bool:
    """The channel took the message; True when this settled the whole announcement.
    A message with buttons is kept in `bot_messages`: its recipient may tap them."""
    if message_ref is not None:
        await tx.execute(
            "INSERT INTO bot_messages (channel, user_ref, message_ref)"
            " SELECT d.channel, d.external_id, ? FROM deliveries d"
            " JOIN announcements a ON a.id = d.announcement_id"
            " WHERE d.id = ? AND a.buttons IS NOT NULL ON CONFLICT DO NOTHING",
            (message_ref, delivery_id),
        )
    return await _settle(tx, delivery_id, "sent", "sent", now, message_ref=message_ref)


async def mark_blocked(tx: Tx, delivery_id: int, now: datetime, error: str) -> bool:
    """The chat refuses us (blocked, deactivated, not found): never retried; chat unreachable."""
    row = await tx.one(
        "SELECT channel, external_id FROM deliveries WHERE id = ?", (delivery_id,)
    )
    if row is not None:
        await set_reachable(tx, row["channel"], row["external_id"], False)
    return await _settle(tx, delivery_id, "blocked", "blocked", now, error=error)


async def mark_failed(tx: Tx, delivery_id: int, now: datetime, error: str) -> bool:
    """Give up on a delivery, keeping the reason."""
    return await _settle(tx, delivery_id, "failed", "failed", now, error=error)


async def mark_unreached(
    tx: Tx, delivery_id: int, now: datetime, reason: str, error: str | None = None
) -> bool:
    """Nobody can be reached on any app now (the reason says why): counted as not reached."""
    return await _settle(tx, delivery_id, "failed", "unreached", now, error=error, reason=reason)


async def move_to(
    tx: Tx, delivery_id: int, channel: str, external_id: str, now: datetime, error: str
) -> None:
    """Hand a `sending` delivery to another channel (Zalo outside its window -> ZNS), due now."""
    await tx.execute(
        "UPDATE deliveries SET status = 'pending', channel = ?, external_id = ?, attempts = 0,"
        " next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'",
        (channel, external_id, to_db_time(now), error, delivery_id),
    )


async def retry_later(
    tx: Tx, delivery_id: int, when: datetime, error: str, count_attempt: bool = True
) -> None:
    """Put a `sending` row back to pending, due at `when`.

    A flood wait (429) is not the message's fault: it does not count as an attempt.
    """
    await tx.execute(
        "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = ?,"
        " attempts = attempts - ? WHERE id = ? AND status = 'sending'",
        (to_db_time(when), error, 0 if count_attempt else 1, delivery_id),
    )


async def set_reachable(tx: Tx, channel: str, external_id: str, reachable: bool) -> bool:
    """Record whether a chat can be written to; True when that changed."""
    changed = await tx.execute(
        "UPDATE identities SET reachable = ? WHERE channel = ? AND external_id = ?"
        " AND reachable <> ?",
        (int(reachable), channel, external_id, int(reachable)),
    )
    return changed == 1


async def is_reachable(tx: Tx, channel: str, external_id: str) -> bool | None:
    """Whether a chat can be written to (None: no such identity)."""
    value = await tx.value(
        "SELECT reachable FROM identities WHERE channel = ? AND external_id = ?",
        (channel, external_id),
    )
    return None if value is None else bool(value)


# -- the sender's progress message ----------------------------------------------------------


async def open_with_progress(tx: Tx, channel: str) -> list[Announcement]:
    """Announcements whose sender still expects progress or the final summary on a channel."""
    rows = await tx.all(
        "SELECT * FROM announcements WHERE progress_channel = ? AND progress_chat IS NOT NULL"
        " AND reported_at IS NULL ORDER BY id",
        (channel,),
    )
    return [_announcement(r) for r in rows]


async def set_progress_message(tx: Tx, announcement_id: int, message_ref: str) -> None:
    """Remember the sender's progress message, to edit it later."""
    await tx.execute(
        "UPDATE announcements SET progress_message = ? WHERE id = ?",
        (message_ref, announcement_id),
    )


async def mark_reported(tx: Tx, announcement_id: int, now: datetime) -> None:
    """The final summary reached the sender (or cannot): stop reporting."""
    await tx.execute(
        "UPDATE announcements SET reported_at = ? WHERE id = ?",
        (to_db_time(now), announcement_id),
    )
