"""Urgent warnings (/canhbao <text>: preview, then confirm): a storm or a flash flood.

A warning is a broadcast marked urgent: its deliveries go before every other queued delivery
(a running broadcast waits for it), and it reaches members who turned announcements off too,
since it is about their safety. The preview says both.
"""

from __future__ import annotations

from handlers import outbox as announcements
from handlers.broadcast import MAX_TEXT
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.orgs import member_org_name
from messages import format as fmt
from storage import outbox, state
from storage.models import Member

DRAFT_STATE = "warning_draft"


async def audience(ctx: Ctx, sender: Member) -> tuple[list[int], int]:
    """Who a sender's warning reaches (their cooperative, or their alliance's cooperatives,
    opted-out members included, without the sender), and how many of them opted out."""
    if sender.cooperative_id is not None:
        every = await outbox.cooperative_member_ids(ctx.tx, sender.cooperative_id,
                                                    opted_out_too=True)
        willing = await outbox.cooperative_member_ids(ctx.tx, sender.cooperative_id)
    elif sender.alliance_id is not None:
        every = await outbox.alliance_member_ids(ctx.tx, sender.alliance_id, opted_out_too=True)
        willing = await outbox.alliance_member_ids(ctx.tx, sender.alliance_id)
    else:
        every = willing = []
    people = [i for i in every if i != sender.id]
    return people, len(people) - len([i for i in willing if i != sender.id])


async def on_warning(ctx: Ctx, args: str) -> list[Reply]:
    """/canhbao <text>: show the warning, who it reaches, and the Gửi / Huỷ buttons."""
    sender = ctx.member
    assert sender is not None  # the routing table admits organisers only
    text = args.strip()
    if not text:
        return [Reply(text=ctx.texts("warning.usage"))]
    if len(text) > MAX_TEXT:
        return [Reply(text=ctx.texts("broadcast.too_long", length=len(text), most=MAX_TEXT))]
    people, opted_out = await audience(ctx, sender)
    if not people:
        return [Reply(text=ctx.texts("warning.nobody"))]
    org = await member_org_name(ctx.tx, sender)
    body = ctx.texts("warning.body", org=org, text=text)
    # Routed like /thongbao (Telegram, Zalo, ZNS outside Zalo's window): a text that does
    # not fit the cooperative's ZNS template is refused here, before anything is queued.
    fields = {"htx": org, "noidung": text}
    routes, missed = await announcements.plan(ctx.tx, "broadcast", people, fields, ctx.now)
    if missed is not None:
        return [Reply(text=announcements.misfit_text(ctx.texts, missed, routes))]
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, DRAFT_STATE,
                          {"text": body, "fields": fields}, ctx.now)
    preview = ctx.texts("warning.preview", count=fmt.number(len(people), ctx.locale, 0),
                        off=fmt.number(opted_out, ctx.locale, 0), body=body)
    return [Reply(
        text="\n".join([preview, *announcements.route_lines(ctx.texts, routes)]),
        buttons=[[Button(label=ctx.texts("warning.button.send"), data="cb:send"),
                  Button(label=ctx.texts("broadcast.button.cancel"), data="cb:cancel")]],
    )]


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """cb:send queues the warning for everyone, ahead of all else (once); cb:cancel drops it."""
    sender = ctx.member
    assert sender is not None
    channel, user = ctx.incoming.channel, ctx.incoming.user_ref
    draft = await state.get_state(ctx.tx, channel, user)
    if draft is None or draft.kind != DRAFT_STATE:
        return [Reply(text=ctx.texts("warning.expired"), edit_of=ctx.incoming.button_of)]
    await state.clear_state(ctx.tx, channel, user)
    if data != "cb:send":
        return [Reply(text=ctx.texts("warning.cancelled"), edit_of=ctx.incoming.button_of)]
    people, _ = await audience(ctx, sender)
    queued = await announcements.enqueue(ctx.tx, "broadcast", draft.data["text"], people,
                                         ctx.now, sender=sender, progress_to=(channel, user),
                                         fields=draft.data.get("fields"), urgent=True)
    await state.audit(ctx.tx, ctx.now, sender.id, "warning", "announcement", queued.id,
                      after={"total": queued.total})
    count = fmt.number(queued.total, ctx.locale, 0)
    return [Reply(text=ctx.texts("warning.queued", id=queued.id, count=count),
                  edit_of=ctx.incoming.button_of)]
