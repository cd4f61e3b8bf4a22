"""Announcements to many members: the channel-neutral outbox API and its status report.

`enqueue` is what features call (the announcements feature, scheduled reminders): it writes
the announcement and one delivery per recipient in one transaction. The delivery worker of
each channel (bot/channels/telegram/delivery.py) sends them; the texts it shows the sender
come from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers import routing
from handlers.context import Ctx
from handlers.contract import Reply
from messages import format as fmt
from messages.i18n import Texts
from storage import outbox, reach
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
    fields: dict[str, str] | None = None,
    template_kind: str | None = None,
    urgent: bool = False,
) -> Announcement:
    """Queue `text` for every recipient (member ids) in one transaction, each routed to one
    channel by handlers/routing.py.

    Pass a Tx to make the queueing part of a bigger transaction (a confirmation button), or
    the Database to open one. `progress_to` is (channel, chat) of the sender, who then gets a
    progress message and a final summary. `buttons` (rows of label/data) go under the
    message each recipient gets, e.g. a training's RSVP. `fields` are the named values a
    ZNS template's parameters are filled from (htx, ngay, gio, noidung, tieude, diadiem,
    gia; `noidung` is the text when not given); `template_kind` picks the cooperative's
    template (bulletin, training, reminder, broadcast; the kind when not given). `urgent`
    (a warning) puts its deliveries before every other.
    """
    if isinstance(target, Database):
        async with target.transaction() as tx:
            return await enqueue(
                tx, kind, text, recipients, now, sender=sender, progress_to=progress_to,
                buttons=buttons, fields=fields, template_kind=template_kind, urgent=urgent,
            )
    named = {"noidung": text, **(fields or {})}
    which = template_kind or kind
    routes, _ = await plan(target, which, recipients, named, now)
    return await outbox.create_announcement(
        target,
        kind,
        text,
        routes,
        now,
        sender_id=sender.id if sender else None,
        cooperative_id=sender.cooperative_id if sender else None,
        alliance_id=sender.alliance_id if sender else None,
        progress_to=progress_to,
        buttons=buttons,
        fields=named,
        template_kind=which,
        urgent=urgent,
    )


async def plan(
    tx: Tx, template_kind: str, recipients: Iterable[int], fields: dict[str, str],
    now: datetime,
) -> tuple[list[reach.Route], routing.Misfit | None]:
    """Each recipient's route, and how the fields miss the template of a member that ZNS
    would have reached (None when they fit, or nobody needs ZNS)."""
    people = await reach.recipients(tx, list(recipients))
    templates = await reach.templates_for(
        tx, {p.cooperative_id for p in people if p.cooperative_id}, template_kind
    )
    routes, missed = [], None
    for p in people:
        r = routing.route(p, templates, fields, now)
        if r is None:
            continue
        routes.append(r)
        template = templates.get(p.cooperative_id or 0)
        if missed is None and r.reason == "window_misfit" and template is not None:
            missed = routing.misfit(template, fields)
    return routes, missed


async def member_wrote(tx: Tx, channel: str, user_ref: str, now: datetime) -> int:
    """The person wrote on `channel`: their window is open again, and the announcements of
    their cooperative's same local day that did not reach them for want of it go now.
    Returns how many deliveries were put back in the queue."""
    member_id = await reach.seen_on(tx, channel, user_ref, now)
    if member_id is None:
        return 0
    reopened = 0
    for delivery_id, made_at, zone in await reach.waiting_for_member(
        tx, member_id, now - timedelta(days=1)
    ):
        tz = ZoneInfo(zone) if zone else ZoneInfo("Asia/Ho_Chi_Minh")
        if made_at.astimezone(tz).date() != now.astimezone(tz).date():
            continue  # yesterday's news: not sent late
        reopened += await reach.reopen(tx, delivery_id, channel, user_ref, now)
    return reopened


Counts = list[tuple[str, str, str, int]]  # (channel, status, reason, count): reach.channel_counts


def _counts(texts: Texts, a: Announcement) -> dict[str, str]:
    done = a.sent + a.blocked + a.failed + a.unreached
    percent = 100 if a.total == 0 else done * 100 // a.total
    values = {"done": done, "total": a.total, "sent": a.sent, "blocked": a.blocked,
              "failed": a.failed, "pending": a.pending, "unreached": a.unreached}
    shown = {k: fmt.number(v, texts.locale, 0) for k, v in values.items()}
    return {**shown, "id": str(a.id), "percent": str(percent)}


def kind_name(texts: Texts, a: Announcement) -> str:
    """What the sender calls it: a reminder, a bulletin, an announcement, an urgent warning,
    a training notice."""
    return kind_text(texts, a.kind, a.template_kind, a.urgent)


def kind_text(texts: Texts, kind: str, template_kind: str | None, urgent: bool) -> str:
    """A training notice is sent as a broadcast (template "training"), named as what it is."""
    if urgent:
        return texts("outbox.kind.warning")
    return texts("outbox.kind.training" if template_kind == "training" else f"outbox.kind.{kind}")


def breakdown(texts: Texts, a: Announcement, counts: Counts) -> list[str]:
    """Lines under the counters: received per app, not reached per reason, waiting for the
    ZNS quota, and where to see who (when anyone was missed)."""
    lines = []
    sent: dict[str, int] = {}
    reasons: dict[str, int] = {}
    quota = 0
    for channel, status, why, n in counts:
        if status == "sent":
            sent[channel] = sent.get(channel, 0) + n
        elif status == "failed" and why and texts.has(f"outbox.reason.{why}"):
            reasons[why] = reasons.get(why, 0) + n
        elif status in ("pending", "sending") and why == "zns_quota":
            quota += n
    lines += _app_lines(texts, "outbox.by_channel", sent)
    lines += _reason_lines(texts, reasons)
    if quota:
        lines.append(texts("outbox.waiting_quota", count=fmt.number(quota, texts.locale, 0)))
    if a.blocked or a.failed or a.unreached or quota:
        lines.append(texts("outbox.see_list", id=a.id))
    return lines


def progress_text(texts: Texts, a: Announcement, counts: Counts | None = None) -> str:
    """The sender's progress message while an announcement goes out."""
    head = texts("outbox.progress", kind=kind_name(texts, a), **_counts(texts, a))
    return "\n".join([head, *breakdown(texts, a, counts or [])])


def summary_text(texts: Texts, a: Announcement, counts: Counts | None = None) -> str:
    """The final summary: sent (per app), blocked, failed, not reached and why."""
    head = texts("outbox.summary", kind=kind_name(texts, a), **_counts(texts, a))
    return "\n".join([head, *breakdown(texts, a, counts or [])])


async def report_text(tx: Tx, texts: Texts, a: Announcement, final: bool) -> str:
    """The progress (final=False) or summary text, with the per-app breakdown."""
    counts = await reach.channel_counts(tx, a.id)
    return (summary_text if final else progress_text)(texts, a, counts)


DETAIL_LINES = 30


def route_lines(texts: Texts, routes: list[reach.Route]) -> list[str]:
    """The preview's line of how many go by which app (only when not all by Telegram),
    and how many cannot be reached now and why."""
    by: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for r in routes:
        if r.status == "pending":
            by[r.channel] = by.get(r.channel, 0) + 1
        elif r.reason:
            reasons[r.reason] = reasons.get(r.reason, 0) + 1
    return _app_lines(texts, "broadcast.routes", by) + _reason_lines(texts, reasons)


def misfit_text(texts: Texts, missed: routing.Misfit, routes: list[reach.Route]) -> str:
    """Why a preview is refused: how many would need ZNS, and what of the template fails."""
    count = fmt.number(sum(r.reason == "window_misfit" for r in routes), texts.locale, 0)
    key = "broadcast.zns_missing" if missed.missing else "broadcast.zns_too_long"
    return texts(key, count=count, param=missed.param, field=missed.field, most=missed.most,
                 length=missed.length)


def channel_name(texts: Texts, channel: str) -> str:
    """The app's name as people say it (Telegram, Zalo, tin ZNS)."""
    key = f"outbox.channel.{channel}"
    return texts(key) if texts.has(key) else channel


def _app_lines(texts: Texts, key: str, by: dict[str, int]) -> list[str]:
    """One line of counts per app, shown only when not everything went by Telegram."""
    if not any(c != "telegram" for c in by):
        return []
    items = [texts("outbox.by_channel_item", channel=channel_name(texts, c),
                   count=fmt.number(n, texts.locale, 0)) for c, n in sorted(by.items())]
    return [texts(key, lines=" · ".join(items))]


def _reason_lines(texts: Texts, reasons: dict[str, int]) -> list[str]:
    """How many were not reached, then how many for each reason."""
    if not reasons:
        return []
    total = fmt.number(sum(reasons.values()), texts.locale, 0)
    return [texts("outbox.unreached", count=total)] + [
        texts("outbox.reason_count", count=fmt.number(n, texts.locale, 0),
              reason=texts(f"outbox.reason.{why}")) for why, n in reasons.items()]


def outcome_text(texts: Texts, status: str, reason: str | None, last_error: str | None) -> str:
    """One delivery's outcome in words: received, blocked, failed, why not reached, waiting."""
    if status == "failed" and reason and texts.has(f"outbox.reason.{reason}"):
        return texts(f"outbox.reason.{reason}")
    if status in ("blocked", "failed", "sent"):
        return texts(f"outbox.why.{status}")
    return texts("outbox.why.quota" if last_error == "zns_quota" else "outbox.why.pending")


def _why(texts: Texts, row: reach.Unreached) -> str:
    return outcome_text(texts, row.status, row.reason, row.last_error)


async def on_detail(ctx: Ctx, number: int) -> list[Reply]:
    """/thongbao trangthai N: who announcement N did not reach (yet), and why."""
    member = ctx.member
    assert member is not None
    a = await outbox.get_announcement(ctx.tx, number)
    mine = a is not None and (
        (member.cooperative_id is not None and a.cooperative_id == member.cooperative_id)
        or (member.alliance_id is not None and a.alliance_id == member.alliance_id))
    if a is None or not mine:
        return [Reply(text=ctx.texts("outbox.detail.unknown", id=number))]
    rows = await reach.unreached(ctx.tx, a.id)
    counts = _counts(ctx.texts, a)
    if not rows:
        return [Reply(text=ctx.texts("outbox.detail.all", kind=kind_name(ctx.texts, a), **counts))]
    lines = [ctx.texts("outbox.detail.header", kind=kind_name(ctx.texts, a),
                       count=fmt.number(len(rows), ctx.locale, 0), **counts)]
    lines += [ctx.texts("outbox.detail.line", name=r.name,
                        channel=channel_name(ctx.texts, r.channel),
                        why=_why(ctx.texts, r)) for r in rows[:DETAIL_LINES]]
    if len(rows) > DETAIL_LINES:
        lines.append(ctx.texts("outbox.detail.more",
                               count=fmt.number(len(rows) - DETAIL_LINES, ctx.locale, 0)))
    return [Reply(text="\n".join(lines))]


async def on_status(ctx: Ctx, number: int | None = None) -> list[Reply]:
    """/thongbao trangthai [N]: the status of my organisation's recent announcements, or who
    announcement N did not reach and why."""
    if number is not None:
        return await on_detail(ctx, number)
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


async def out_of_window(tx: Tx, delivery_id: int, now: datetime, error: str) -> bool:
    """Zalo refused a delivery for its window (-230): the member's Zalo 'last seen' is too
    old after all; the delivery moves to ZNS when that route exists, else it is not reached
    with the reason. True when this settled its announcement."""
    found = await reach.delivery_member(tx, delivery_id)
    if found is None:
        return False
    member_id, external_id, which, fields = found
    await reach.forget_seen(tx, "zalo", external_id)
    people = await reach.recipients(tx, [member_id])
    if not people:
        return await outbox.mark_unreached(tx, delivery_id, now, "window_no_phone", error)
    templates = await reach.templates_for(tx, [people[0].cooperative_id or 0], which)
    zns, why = routing.zns_route(people[0], templates, fields)
    if zns is not None:
        await outbox.move_to(tx, delivery_id, zns.channel, zns.external_id, now, error[:500])
        return False
    return await outbox.mark_unreached(tx, delivery_id, now, why, error[:500])


async def report_text_for(db: Database, texts: Texts, announcement_id: int) -> str:
    """The sender's summary (or progress, while it goes out) of one announcement."""
    async with db.transaction() as tx:
        a = await outbox.get_announcement(tx, announcement_id)
        assert a is not None
        return await report_text(tx, texts, a, final=a.status == "done")
