"""Members and the channel identities that point to them."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, from_db_time, to_db_time
from storage.models import Member, Role


def _member(row: dict) -> Member:
    return Member(
        **{**row, "active": bool(row["active"]), "created_at": from_db_time(row["created_at"]),
           "announcements_off": bool(row.get("announcements_off", 0))}
    )


async def add_member(
    tx: Tx,
    display_name: str,
    role: Role,
    now: datetime,
    cooperative_id: int | None = None,
    alliance_id: int | None = None,
    phone: str | None = None,
) -> Member:
    """Create a member (or a staff person when role is 'staff')."""
    row = await tx.one(
        "INSERT INTO members (display_name, phone, role, cooperative_id, alliance_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
        (display_name, phone, role, cooperative_id, alliance_id, to_db_time(now)),
    )
    assert row is not None
    return _member(row)


async def get_member(tx: Tx, member_id: int) -> Member | None:
    """One member by id."""
    row = await tx.one("SELECT * FROM members WHERE id = ?", (member_id,))
    return _member(row) if row else None


async def find_by_identity(tx: Tx, channel: str, external_id: str) -> Member | None:
    """The member behind a channel's user id, if they have joined."""
    row = await tx.one(
        "SELECT m.*, i.reachable FROM identities i JOIN members m ON m.id = i.member_id"
        " WHERE i.channel = ? AND i.external_id = ?",
        (channel, external_id),
    )
    return _member(row) if row else None


async def link_identity(
    tx: Tx, channel: str, external_id: str, member_id: int, now: datetime
) -> None:
    """Point a channel's user id at a member."""
    await tx.execute(
        "INSERT INTO identities (channel, external_id, member_id, created_at) VALUES (?, ?, ?, ?)",
        (channel, external_id, member_id, to_db_time(now)),
    )


async def set_role(tx: Tx, member_id: int, role: Role) -> None:
    """Change a member's role within their cooperative."""
    await tx.execute("UPDATE members SET role = ? WHERE id = ?", (role, member_id))


async def list_members(tx: Tx, cooperative_id: int) -> list[Member]:
    """A cooperative's members, managers first, then by name."""
    rows = await tx.all(
        "SELECT * FROM members WHERE cooperative_id = ?"
        " ORDER BY role = 'manager' DESC, display_name, id",
        (cooperative_id,),
    )
    return [_member(r) for r in rows]


async def identities_of_role(tx: Tx, channel: str, role: Role) -> list[str]:
    """External ids on one channel of every active member with a role (for command menus)."""
    rows = await tx.all(
        "SELECT i.external_id FROM identities i JOIN members m ON m.id = i.member_id"
        " WHERE i.channel = ? AND m.role = ? AND m.active = 1",
        (channel, role),
    )
    return [r["external_id"] for r in rows]


async def set_announcements_off(tx: Tx, member_id: int, off: bool) -> bool:
    """Turn bulletins and broadcasts off or on for a member; True when that changed."""
    changed = await tx.execute(
        "UPDATE members SET announcements_off = ? WHERE id = ? AND announcements_off <> ?",
        (int(off), member_id, int(off)),
    )
    return changed == 1


async def set_phone(tx: Tx, member_id: int, phone: str) -> None:
    """Store the member's phone number (ZNS's form, 84xxxxxxxxx)."""
    await tx.execute("UPDATE members SET phone = ? WHERE id = ?", (phone, member_id))
