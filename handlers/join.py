"""Joining with an invite code: /start CODE, or a message that is just the code."""

from __future__ import annotations

from handlers import join_limit
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.invites import invite_zone, last_day
from handlers.orgs import member_org_name, org_name
from messages import format as fmt
from messages.commands import invite_code
from storage import invites, members, state
from storage.models import Invite, Member


async def on_start(ctx: Ctx, args: str) -> list[Reply]:
    """Join with the code after /start, or greet."""
    code = invite_code(args)
    if code:
        return await join_with_code(ctx, code)
    if args:
        return [Reply(text=ctx.texts("join.not_found", code=args.strip()[:20]))]
    if ctx.member is None:
        return [Reply(text=ctx.texts("welcome.stranger"))]
    org = await member_org_name(ctx.tx, ctx.member)
    return [Reply(text=ctx.texts("join.missing_code", org=org))]


async def join_with_code(ctx: Ctx, code: str) -> list[Reply]:
    """Use an invite: join, be promoted, or be told why not."""
    texts = ctx.texts
    paused = await join_limit.pause(ctx)
    if paused is not None:
        return [paused]
    invite = await invites.get_invite(ctx.tx, code)
    if invite is None:
        await join_limit.note_wrong(ctx)
        return [Reply(text=texts("join.not_found", code=code))]
    problem = invite.problem(ctx.now)
    if problem is not None:
        await join_limit.note_wrong(ctx)
    if problem == "expired":
        zone = await invite_zone(ctx.tx, invite, ctx.config.timezone)
        date = fmt.day(last_day(invite.expires_at, zone), ctx.locale)
        return [Reply(text=texts("join.expired", code=code, date=date))]
    if problem is not None:
        return [Reply(text=texts(f"join.{problem}", code=code))]
    target = await org_name(ctx.tx, invite.cooperative_id, invite.alliance_id)
    if ctx.member is not None:
        return await _existing_member(ctx, ctx.member, invite, target)
    if not await invites.use_invite(ctx.tx, invite.code):
        return [Reply(text=texts("join.used_up", code=code))]
    name = ctx.incoming.display_name.strip() or ctx.incoming.user_ref
    member = await members.add_member(
        ctx.tx,
        display_name=name[:100],
        role=invite.role,
        now=ctx.now,
        cooperative_id=invite.cooperative_id,
        alliance_id=invite.alliance_id,
    )
    await members.link_identity(
        ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, member.id, ctx.now
    )
    await state.audit(
        ctx.tx, ctx.now, member.id, "join", "member", member.id,
        after={"invite": invite.code, "role": invite.role, "channel": ctx.incoming.channel},
    )
    return [Reply(text=texts("join.joined", name=name, org=target, role=texts.role(invite.role)))]


async def _existing_member(ctx: Ctx, member: Member, invite: Invite, target: str) -> list[Reply]:
    """A person who already belongs somewhere used a code."""
    texts = ctx.texts
    same_place = (
        member.cooperative_id == invite.cooperative_id
        and member.alliance_id == invite.alliance_id
    )
    if not same_place:
        current = await member_org_name(ctx.tx, member)
        return [
            Reply(text=texts("join.other_org", current=current, code=invite.code, other=target))
        ]
    if invite.role == "manager" and member.role == "member":
        if not await invites.use_invite(ctx.tx, invite.code):
            return [Reply(text=texts("join.used_up", code=invite.code))]
        await members.set_role(ctx.tx, member.id, "manager")
        await state.audit(
            ctx.tx, ctx.now, member.id, "promote", "member", member.id,
            before={"role": member.role}, after={"role": "manager", "invite": invite.code},
        )
        return [Reply(text=texts("join.promoted", org=target, role=texts.role("manager")))]
    return [Reply(text=texts("join.already", org=target, role=texts.role(member.role)))]
