"""Urgent warnings (/canhbao <text>: preview, then confirm): a storm or a flash flood.

A warning is a broadcast marked urgent: its deliveries go before every other queued delivery
(a running broadcast waits for it), and it reaches members who turned announcements off too,
since it is about their safety. The preview says both.
"""

from __future__ import annotations

from handlers import draft
from handlers.context import Ctx
from handlers.contract import Reply
from messages import format as fmt
from storage import outbox
from storage.models import Member

DRAFT_STATE = "warning_draft"
KIND = draft.DraftKind(texts="warning", state=DRAFT_STATE, button="cb", audit="warning",
                       urgent=True)


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
    people, opted_out = await audience(ctx, sender)
    # "gửi cả tới 0 người đã tắt thông báo" said nothing: the clause only when there are some
    also_off = ctx.texts("warning.also_off", off=fmt.number(opted_out, ctx.locale, 0)) if (
        opted_out) else ""
    return await draft.preview(ctx, KIND, text, people, also_off=also_off)


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """cb:send queues the warning for everyone, ahead of all else (once); cb:cancel drops it."""

    async def everyone(sender: Member) -> list[int]:
        return (await audience(ctx, sender))[0]

    return await draft.confirm(ctx, KIND, data, everyone)
