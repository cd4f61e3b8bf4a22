"""Operations for whoever installs the bot (the CLI): organisations, invites, member lists."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from handlers.catalogue import ensure_seeded
from handlers.invites import BOT_USERNAME_FACT, VIETNAM, deep_link, expiry, invite_zone, last_day
from messages.fold import fold
from storage import invites, members, orgs, state
from storage.db import Database, Tx
from storage.models import Alliance, Cooperative, Invite, Member, Role

# A cooperative's first member code is shared with the whole group, so it admits many.
FIRST_MEMBER_CODE_USES = 500


class NotFound(Exception):
    """An id or code given on the command line does not exist."""


class Refused(Exception):
    """A request that would make bad data (an empty or duplicate name): a one-line reason."""


def _name(name: str, what: str) -> str:
    """A name as stored: trimmed, never empty."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise Refused(f"the {what} needs a name")
    return cleaned


def _same(a: str, b: str) -> bool:
    """Names that read the same once folded (no diacritics, no case, single spaces)."""
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


class IssuedInvite(BaseModel):
    """An invite with its deep link, when the bot's username is known, and its last valid
    local day (the day /moi shows too)."""

    invite: Invite
    link: str | None
    last_day: date


class NewCooperative(BaseModel):
    """A created cooperative with its first two invites."""

    cooperative: Cooperative
    manager: IssuedInvite
    member: IssuedInvite


class NewAlliance(BaseModel):
    """A created alliance with its first staff invite."""

    alliance: Alliance
    staff: IssuedInvite


async def _issued(tx: Tx, invite: Invite, zone: ZoneInfo) -> IssuedInvite:
    username = await state.get_fact(tx, BOT_USERNAME_FACT)
    zone = await invite_zone(tx, invite, zone)
    return IssuedInvite(invite=invite, link=deep_link(username, invite.code),
                        last_day=last_day(invite.expires_at, zone))


async def create_cooperative(
    db: Database, name: str, province: str | None, alliance_id: int | None, timezone: str,
    now: datetime,
) -> NewCooperative:
    """Create a cooperative, a one-use manager code and a shared member code. Refused when
    the name is empty or another cooperative has the same name, diacritics aside (an
    alliance officer picks cooperatives by name)."""
    name = _name(name, "cooperative")
    async with db.transaction() as tx:
        if alliance_id is not None and await orgs.get_alliance(tx, alliance_id) is None:
            raise NotFound(f"alliance {alliance_id}")
        for other in await orgs.list_cooperatives(tx):
            if _same(other.name, name):
                raise Refused(f"cooperative {other.id} is already called {other.name!r}")
        coop = await orgs.add_cooperative(tx, name, province, alliance_id, timezone, now)
        await ensure_seeded(tx, coop.id, now)
        zone = ZoneInfo(timezone)
        until = expiry(now, invites.DEFAULT_DAYS, zone)
        manager = await invites.create_invite(tx, "manager", now, cooperative_id=coop.id,
                                              expires_at=until)
        member = await invites.create_invite(
            tx, "member", now, cooperative_id=coop.id, max_uses=FIRST_MEMBER_CODE_USES,
            expires_at=until,
        )
        await state.audit(tx, now, None, "create", "cooperative", coop.id, after={"name": name})
        return NewCooperative(cooperative=coop, manager=await _issued(tx, manager, zone),
                              member=await _issued(tx, member, zone))


async def create_alliance(
    db: Database, name: str, province: str | None, now: datetime, zone: ZoneInfo = VIETNAM
) -> NewAlliance:
    """Create an alliance and a one-use staff code (refused like cooperatives: empty or
    duplicate names)."""
    name = _name(name, "alliance")
    async with db.transaction() as tx:
        for other in await orgs.list_alliances(tx):
            if _same(other.name, name):
                raise Refused(f"alliance {other.id} is already called {other.name!r}")
        alliance = await orgs.add_alliance(tx, name, province, now)
        staff = await invites.create_invite(tx, "staff", now, alliance_id=alliance.id,
                                            expires_at=expiry(now, invites.DEFAULT_DAYS, zone))
        await state.audit(tx, now, None, "create", "alliance", alliance.id, after={"name": name})
        return NewAlliance(alliance=alliance, staff=await _issued(tx, staff, zone))


async def set_alliance(
    db: Database, cooperative_id: int, alliance_id: int, now: datetime
) -> Cooperative:
    """Put an existing cooperative into an alliance (or move it to another)."""
    async with db.transaction() as tx:
        before = await orgs.get_cooperative(tx, cooperative_id)
        if before is None:
            raise NotFound(f"cooperative {cooperative_id}")
        if await orgs.get_alliance(tx, alliance_id) is None:
            raise NotFound(f"alliance {alliance_id}")
        after = await orgs.set_alliance(tx, cooperative_id, alliance_id)
        assert after is not None
        await state.audit(tx, now, None, "set_alliance", "cooperative", cooperative_id,
                          before={"alliance_id": before.alliance_id},
                          after={"alliance_id": alliance_id})
        return after


async def issue_invite(
    db: Database, role: Role, now: datetime, cooperative_id: int | None = None,
    alliance_id: int | None = None, uses: int = 1, days: int = invites.DEFAULT_DAYS,
    zone: ZoneInfo = VIETNAM,
) -> IssuedInvite:
    """Issue an invite for an existing cooperative (member/manager) or alliance (staff)."""
    async with db.transaction() as tx:
        if role == "staff":
            if alliance_id is None or await orgs.get_alliance(tx, alliance_id) is None:
                raise NotFound(f"alliance {alliance_id}")
            cooperative_id = None
        else:
            if cooperative_id is None or await orgs.get_cooperative(tx, cooperative_id) is None:
                raise NotFound(f"cooperative {cooperative_id}")
            alliance_id = None
            coop_zone = await orgs.cooperative_timezone(tx, cooperative_id)
            zone = ZoneInfo(coop_zone) if coop_zone else zone
        invite = await invites.create_invite(
            tx, role, now, cooperative_id=cooperative_id, alliance_id=alliance_id,
            max_uses=uses, expires_at=expiry(now, days, zone),
        )
        await state.audit(tx, now, None, "invite", "invite", invite.code, after={"role": role})
        return await _issued(tx, invite, zone)


async def list_invites(
    db: Database, cooperative_id: int | None = None, zone: ZoneInfo = VIETNAM
) -> list[IssuedInvite]:
    """Invites, newest first, each with its last valid day in its cooperative's zone."""
    async with db.transaction() as tx:
        return [await _issued(tx, i, zone)
                for i in await invites.list_invites(tx, cooperative_id=cooperative_id)]


async def revoke_invite(db: Database, code: str, now: datetime) -> None:
    """Revoke a code so nobody else can join with it."""
    async with db.transaction() as tx:
        if not await invites.revoke_invite(tx, code):
            raise NotFound(f"invite {code.upper()}")
        await state.audit(tx, now, None, "revoke", "invite", code.upper())


async def list_cooperatives(db: Database) -> list[Cooperative]:
    """Every cooperative."""
    async with db.transaction() as tx:
        return await orgs.list_cooperatives(tx)


async def list_alliances(db: Database) -> list[Alliance]:
    """Every alliance."""
    async with db.transaction() as tx:
        return await orgs.list_alliances(tx)


async def cooperative_members(db: Database, cooperative_id: int) -> list[Member]:
    """A cooperative's members."""
    async with db.transaction() as tx:
        if await orgs.get_cooperative(tx, cooperative_id) is None:
            raise NotFound(f"cooperative {cooperative_id}")
        return await members.list_members(tx, cooperative_id)


async def has_cooperatives(db: Database) -> bool:
    """Whether any cooperative exists yet."""
    async with db.transaction() as tx:
        return await orgs.count_cooperatives(tx) > 0
