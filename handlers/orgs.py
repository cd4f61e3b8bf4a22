"""Names of the place a person belongs to, shared by several features."""

from __future__ import annotations

from storage import orgs
from storage.db import Tx
from storage.models import Member


async def org_name(tx: Tx, cooperative_id: int | None, alliance_id: int | None) -> str:
    """The cooperative's name, else the alliance's, else an empty string."""
    if cooperative_id is not None:
        coop = await orgs.get_cooperative(tx, cooperative_id)
        return coop.name if coop else ""
    if alliance_id is not None:
        alliance = await orgs.get_alliance(tx, alliance_id)
        return alliance.name if alliance else ""
    return ""


async def member_org_name(tx: Tx, member: Member) -> str:
    """Where this member belongs."""
    return await org_name(tx, member.cooperative_id, member.alliance_id)
