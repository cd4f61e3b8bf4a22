"""Free broadcasts (/thongbao <text>: preview, then confirm) and members' opt-out."""

from __future__ import annotations

from handlers import outbox as announcements
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.orgs import member_org_name
from messages import format as fmt
from messages.outbox import announce_action, status_number
from storage import members, outbox, state
from storage.models import Member

DRAFT_STATE = "broadcast_draft"
MAX_TEXT = 3500  # room for the header within Telegram's 4096 characters


async def audience(ctx: Ctx, sender: Member) -> list[int]:
    """Who a sender's broadcast reaches: their cooperative, or their alliance's cooperatives,
    without the sender and without members who turned announcements off."""
    if sender.cooperative_id is not None:
        ids = await outbox.cooperative_member_ids(ctx.tx, sender.cooperative_id)
    elif sender.alliance_id is not None:
        ids = await outbox.alliance_member_ids(ctx.tx, sender.alliance_id)
    else:
        ids = []
    return [i for i in ids if i != sender.id]


async def on_announce(ctx: Ctx, args: str) -> list[Reply]:
    """/thongbao <text>: a broadcast to preview; /thongbao trangthai: recent ones."""
    action = announce_action(args)
    if action == "status":
        return await announcements.on_status(ctx, status_number(args))
    if action == "usage":
        return [Reply(text=ctx.texts("outbox.usage"))]
    return await on_draft(ctx, args.strip())


async def on_draft(ctx: Ctx, text: str) -> list[Reply]:
    """Show what would be sent and to how many people, with confirm and cancel buttons."""
    sender = ctx.member
    assert sender is not None
    if len(text) > MAX_TEXT:
        return [Reply(text=ctx.texts("broadcast.too_long", length=len(text), most=MAX_TEXT))]
    people = await audience(ctx, sender)
    if not people:
        return [Reply(text=ctx.texts("broadcast.nobody"))]
    org = await member_org_name(ctx.tx, sender)
    body = ctx.texts("broadcast.body", org=org, text=text)
    fields = {"htx": org, "noidung": text}
    routes, missed = await announcements.plan(ctx.tx, "broadcast", people, fields, ctx.now)
    if missed is not None:  # refused before anything is queued: the sender can fix it
        return [Reply(text=announcements.misfit_text(ctx.texts, missed, routes))]
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, DRAFT_STATE,
                          {"text": body, "fields": fields}, ctx.now)
    count = fmt.number(len(people), ctx.locale, 0)
    return [Reply(
        text="\n".join([ctx.texts("broadcast.preview", count=count, body=body),
                        *announcements.route_lines(ctx.texts, routes)]),
        buttons=[[Button(label=ctx.texts("broadcast.button.send"), data="tb:send"),
                  Button(label=ctx.texts("broadcast.button.cancel"), data="tb:cancel")]],
    )]


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """tb:send queues the draft for everyone (once); tb:cancel drops it."""
    sender = ctx.member
    assert sender is not None
    channel, user = ctx.incoming.channel, ctx.incoming.user_ref
    draft = await state.get_state(ctx.tx, channel, user)
    if draft is None or draft.kind != DRAFT_STATE:
        return [Reply(text=ctx.texts("broadcast.expired"), edit_of=ctx.incoming.button_of)]
    await state.clear_state(ctx.tx, channel, user)
    if data != "tb:send":
        return [Reply(text=ctx.texts("broadcast.cancelled"), edit_of=ctx.incoming.button_of)]
    people = await audience(ctx, sender)
    queued = await announcements.enqueue(ctx.tx, "broadcast", draft.data["text"], people,
                                         ctx.now, sender=sender, progress_to=(channel, user),
                                         fields=draft.data.get("fields"))
    await state.audit(ctx.tx, ctx.now, sender.id, "broadcast", "announcement", queued.id,
                      after={"total": queued.total})
    count = fmt.number(queued.total, ctx.locale, 0)
    return [Reply(text=ctx.texts("broadcast.queued", id=queued.id, count=count),
                  edit_of=ctx.incoming.button_of)]


async def on_off(ctx: Ctx, args: str) -> list[Reply]:
    """/tatthongbao: no more bulletins or broadcasts (training reminders still come)."""
    assert ctx.member is not None
    await members.set_announcements_off(ctx.tx, ctx.member.id, True)
    return [Reply(text=ctx.texts("optout.off"))]


async def on_on(ctx: Ctx, args: str) -> list[Reply]:
    """/batthongbao: bulletins and broadcasts again."""
    assert ctx.member is not None
    await members.set_announcements_off(ctx.tx, ctx.member.id, False)
    return [Reply(text=ctx.texts("optout.on"))]
