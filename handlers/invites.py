"""Managers invite members from the chat: /moi [uses]."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.orgs import member_org_name
from messages import format as fmt
from messages.commands import read_id
from storage import invites, state

BOT_USERNAME_FACT = "telegram.bot_username"
MAX_USES = 500


def deep_link(bot_username: str | None, code: str) -> str | None:
    """The t.me link that opens the bot with the code, when the bot's username is known."""
    return f"https://t.me/{bot_username}?start={code}" if bot_username else None


async def on_invite(ctx: Ctx, args: str) -> list[Reply]:
    """Create a member invite code for my cooperative, with its deep link."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    typed = args.strip()
    uses = read_id(typed, MAX_USES) if typed.isdigit() else 1
    if uses is None:
        return [Reply(text=ctx.texts("invite.bad_uses", most=MAX_USES))]
    invite = await invites.create_invite(
        ctx.tx, "member", ctx.now, cooperative_id=member.cooperative_id,
        max_uses=uses, created_by=member.id,
    )
    await state.audit(
        ctx.tx, ctx.now, member.id, "invite", "invite", invite.code,
        after={"role": "member", "uses": uses},
    )
    org = await member_org_name(ctx.tx, member)
    date = fmt.day(invite.expires_at.astimezone(ctx.config.timezone), ctx.locale)
    link = deep_link(await state.get_fact(ctx.tx, BOT_USERNAME_FACT), invite.code)
    key = "invite.created" if link else "invite.created_nolink"
    return [Reply(text=ctx.texts(key, org=org, code=invite.code, uses=uses, date=date, link=link))]
