"""Announcements to many members: the channel-neutral outbox API and its status report.

`enqueue` is what features call (the announcements feature, scheduled reminders): it writes
the announcement and one delivery per recipient in one transaction. The delivery worker of
each channel (bot/channels/telegram/delivery.py) sends them; the texts it shows the sender
come from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from handlers.context import Ctx
from handlers.contract import Reply
from messages import format as fmt
from messages.i18n import Texts
from storage import outbox
from storage.db import Database, Tx
from storage.models import Member
from storage.outbox import Announcement, Kind

RECENT = 5


async def enqueue(
    target: Database | Tx,
    kind: Kind,
    text: str,
    recipients: Iterable[int],
    now: datetime,
    *,
    sender: Member | None = None,
    progress_to: tuple[str, str] | None = None,
    buttons: list[list[dict[str, str]]] | None = None,
    urgent: bool = False,
) -> Announcement:
    """Queue `text` for every recipient (member ids) in one transaction.

    Pass a Tx to make the queueing part of a bigger transaction (a confirmation button), or
    the Database to open one. `progress_to` is (channel, chat) of the sender, who then gets a
    progress message and a final summary. `buttons` (rows of label/data) go under the
    message each recipient gets, e.g. a training's RSVP. `urgent` (a warning) puts its
    deliveries before every other.
    """
    if isinstance(target, Database):
        async with target.transaction() as tx:
            return await enqueue(
                tx, kind, text, recipients, now, sender=sender, progress_to=progress_to,
                buttons=buttons, urgent=urgent,
            )
    return await outbox.create_announcement(
        target,
        kind,
        text,
        recipients,
        now,
        sender_id=sender.id if sender else None,
        cooperative_id=sender.cooperative_id if sender else None,
        alliance_id=sender.alliance_id if sender else None,
        progress_to=progress_to,
        buttons=buttons,
        urgent=urgent,
    )


def _counts(texts: Texts, a: Announcement) -> dict[str, str]:
    done = a.sent + a.blocked + a.failed
    percent = 100 if a.total == 0 else done * 100 // a.total
    values = {"done": done, "total": a.total, "sent": a.sent, "blocked": a.blocked,
              "failed": a.failed, "pending": a.pending}
    shown = {k: fmt.number(v, texts.locale, 0) for k, v in values.items()}
    return {**shown, "id": str(a.id), "percent": str(percent)}


def kind_name(texts: Texts, a: Announcement) -> str:
    """What the sender calls it: a reminder, a bulletin, an announcement, an urgent warning."""
    return texts("outbox.kind.warning" if a.urgent else f"outbox.kind.{a.kind}")


def progress_text(texts: Texts, a: Announcement) -> str:
    """The sender's progress message while an announcement goes out."""
    return texts("outbox.progress", kind=kind_name(texts, a), **_counts(texts, a))


def summary_text(texts: Texts, a: Announcement) -> str:
    """The final summary: sent, blocked and failed."""
    return texts("outbox.summary", kind=kind_name(texts, a), **_counts(texts, a))


async def on_status(ctx: Ctx) -> list[Reply]:
    """/thongbao trangthai: the status of my organisation's recent announcements."""
    member = ctx.member
    assert member is not None  # the routing table admits joined people only
    recent = await outbox.recent_announcements(
        ctx.tx, cooperative_id=member.cooperative_id, alliance_id=member.alliance_id, limit=RECENT
    )
    if not recent:
        return [Reply(text=ctx.texts("outbox.status.none"))]
    lines = [ctx.texts("outbox.status.header")]
    for a in recent:
        local = a.created_at.astimezone(ctx.config.timezone)
        lines.append(
            ctx.texts(
                "outbox.status.line",
                kind=kind_name(ctx.texts, a),
                state=ctx.texts(f"outbox.state.{a.status}"),
                day=fmt.short_day(local, ctx.locale),
                time=f"{local:%H:%M}",
                **_counts(ctx.texts, a),
            )
        )
    return [Reply(text="\n".join(lines))]
