"""Managers invite members from the chat: /moi [uses]."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import coop_zone
from handlers.orgs import member_org_name
from messages import format as fmt
from messages.commands import read_id
from storage import invites, orgs, state
from storage.db import Tx
from storage.models import Invite

BOT_USERNAME_FACT = "telegram.bot_username"
MAX_USES = 500
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # an alliance's codes, when no zone is given


def expiry(now: datetime, days: int, zone: ZoneInfo) -> datetime:
    """One rule for every code: issued on local day D for `days` days, it works until the end
    of local day D + days (its last valid day) and stops at the next local midnight."""
    last = now.astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)


def last_day(expires_at: datetime, zone: ZoneInfo) -> date:
    """The last local day on which a code works: what the chat and the CLI both show."""
    return (expires_at.astimezone(zone) - timedelta(microseconds=1)).date()


async def invite_zone(tx: Tx, invite: Invite, default: ZoneInfo) -> ZoneInfo:
    """The time zone a code's days are counted in: its cooperative's, else the default."""
    if invite.cooperative_id is not None:
        zone = await orgs.cooperative_timezone(tx, invite.cooperative_id)
        if zone is not None:
            return ZoneInfo(zone)
    return default


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
    zone = await coop_zone(ctx, member)
    invite = await invites.create_invite(
        ctx.tx, "member", ctx.now, cooperative_id=member.cooperative_id,
        max_uses=uses, created_by=member.id,
        expires_at=expiry(ctx.now, invites.DEFAULT_DAYS, zone),
    )
    await state.audit(
        ctx.tx, ctx.now, member.id, "invite", "invite", invite.code,
        after={"role": "member", "uses": uses},
    )
    org = await member_org_name(ctx.tx, member)
    date = fmt.day(last_day(invite.expires_at, zone), ctx.locale)
    link = deep_link(await state.get_fact(ctx.tx, BOT_USERNAME_FACT), invite.code)
    key = "invite.created" if link else "invite.created_nolink"
    return [Reply(text=ctx.texts(key, org=org, code=invite.code, uses=uses, date=date, link=link))]
