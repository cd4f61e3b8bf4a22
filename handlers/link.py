"""/lienket: one person on two apps. The app they joined on gives a one-time code; sent with
/lienket on the other app, it adds that app's identity to the same member, so entries,
reports and role are the same on both."""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.orgs import member_org_name
from messages.commands import invite_code
from storage import links, members, state

LINK_VALID_FOR = timedelta(minutes=15)
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "console": "terminal"}


async def on_link(ctx: Ctx, args: str) -> list[Reply]:
    """Without a code: give one (joined) or explain (stranger). With one: link this app."""
    texts, member = ctx.texts, ctx.member
    if not args.strip():
        if member is None:
            return [Reply(text=texts("link.how"))]
        code = await links.create_code(ctx.tx, member.id, ctx.now, LINK_VALID_FOR)
        minutes = int(LINK_VALID_FOR.total_seconds() // 60)
        return [Reply(text=texts("link.code", code=code, minutes=minutes))]
    code = invite_code(args) or args.strip()[:20]
    if member is not None:
        org = await member_org_name(ctx.tx, member)
        return [Reply(text=texts("link.already_member", org=org))]
    target = await links.member_of_code(ctx.tx, code, ctx.now)
    if target is None:
        return [Reply(text=texts("link.bad_code", code=code))]
    channel = ctx.incoming.channel
    if await links.has_identity(ctx.tx, target, channel):
        return [Reply(text=texts("link.channel_taken", app=CHANNEL_NAMES[channel]))]
    await links.use_code(ctx.tx, code, ctx.now)
    await members.link_identity(ctx.tx, channel, ctx.incoming.user_ref, target, ctx.now)
    await state.audit(ctx.tx, ctx.now, target, "link", "member", target,
                      after={"channel": channel, "external_id": ctx.incoming.user_ref})
    linked = await members.get_member(ctx.tx, target)
    assert linked is not None
    org = await member_org_name(ctx.tx, linked)
    return [Reply(text=texts("link.linked", name=linked.display_name, org=org,
                             role=texts(f"role.{linked.role}")))]
