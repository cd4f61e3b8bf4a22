"""Who am I, and what can I do: /toi and /help."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.orgs import member_org_name


async def on_me(ctx: Ctx, args: str) -> list[Reply]:
    """Show my name, my cooperative (or alliance) and my role."""
    member = ctx.member
    assert member is not None  # the routing table admits joined people only
    org = await member_org_name(ctx.tx, member)
    text = ctx.texts("profile", name=member.display_name, org=org, role=ctx.texts.role(member.role))
    if not member.active:
        text += "\n" + ctx.texts("profile.inactive")
    return [Reply(text=text)]


async def on_help(ctx: Ctx, args: str) -> list[Reply]:
    """Show what this person can do, with examples, for their role."""
    if ctx.member is None:
        return [Reply(text=ctx.texts("welcome.stranger"))]
    org = await member_org_name(ctx.tx, ctx.member)
    role = ctx.member.role
    return [Reply(text=ctx.texts(f"help.{role}", org=org, role=ctx.texts.role(role)))]
