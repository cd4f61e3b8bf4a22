"""When a name a manager typed (/saoke Lan, /nhatky Lan) names several members, the bot offers
them as buttons; a tap answers the command for the one chosen. What was typed after the name
(a period, a plot) waits in the conversation state. Button data: "<prefix>:<member id>"."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Button, Reply
from messages.commands import read_id
from storage import members, state
from storage.models import Member

PICK_STATE = "name_pick"
MAX_BUTTONS = 40


async def offer(ctx: Ctx, prefix: str, name: str, found: list[Member], rest: str) -> Reply:
    """Ask which of these members the typed name means, one button each."""
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, PICK_STATE,
                          {"prefix": prefix, "rest": rest}, ctx.now)
    buttons = [[Button(label=m.display_name, data=f"{prefix}:{m.id}")]
               for m in found[:MAX_BUTTONS]]
    return Reply(text=ctx.texts("names.which", name=name), buttons=buttons)


async def picked(ctx: Ctx, data: str) -> tuple[Member, str] | Reply:
    """The member a tap chose, with what was typed after the name; a Reply when the question
    is no longer open or the member is not of the manager's cooperative."""
    prefix, _, ref = data.partition(":")
    member_id = read_id(ref)
    target = await members.get_member(ctx.tx, member_id) if member_id is not None else None
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    assert ctx.member is not None
    if (target is None or target.cooperative_id != ctx.member.cooperative_id
            or pending is None or pending.kind != PICK_STATE
            or pending.data.get("prefix") != prefix):
        return Reply(text=ctx.texts("names.expired"))
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    return target, str(pending.data.get("rest", ""))
