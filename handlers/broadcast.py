"""Free broadcasts (/thongbao <text>: preview, then confirm) and members' opt-out."""

from __future__ import annotations

from handlers import draft
from handlers import outbox as announcements
from handlers.context import Ctx
from handlers.contract import Reply
from messages.outbox import announce_action, status_number
from storage import members, outbox
from storage.models import Member

DRAFT_STATE = "broadcast_draft"
KIND = draft.DraftKind(texts="broadcast", state=DRAFT_STATE, button="tb", audit="broadcast")


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
    assert ctx.member is not None
    return await draft.preview(ctx, KIND, text, await audience(ctx, ctx.member))


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """tb:send queues the draft for everyone (once); tb:cancel drops it."""
    return await draft.confirm(ctx, KIND, data, lambda sender: audience(ctx, sender))


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
