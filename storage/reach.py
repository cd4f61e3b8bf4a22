"""What routing an announcement needs to know about its recipients, ZNS templates and quota,
and who was not reached and why.

The rule itself (which channel each member gets) is channel-neutral policy and lives in
handlers/routing.py; this module only reads and writes the facts it needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from storage.db import Tx, from_db_time, marks, to_db_time

TemplateKind = str  # bulletin | training | reminder | broadcast


class Identity(BaseModel):
    """One chat identity of a member, as routing sees it."""

    model_config = ConfigDict(frozen=True)

    channel: str
    external_id: str
    reachable: bool
    last_seen_at: datetime | None


class Recipient(BaseModel):
    """A member with their identities, phone and cooperative."""

    model_config = ConfigDict(frozen=True)

    member_id: int
    cooperative_id: int | None
    phone: str | None
    identities: tuple[Identity, ...] = ()


class TemplateParam(BaseModel):
    """One parameter of a ZNS template: filled from our `field`, at most `max` characters."""

    model_config = ConfigDict(frozen=True)

    param: str
    field: str
    max: int


class ZnsTemplate(BaseModel):
    """An approved ZNS template a manager registered for one kind of announcement."""

    model_config = ConfigDict(frozen=True)

    cooperative_id: int
    kind: TemplateKind
    template_id: str
    params: tuple[TemplateParam, ...]


class Route(BaseModel):
    """Where one recipient's delivery goes: a channel and chat, or not reached and why."""

    model_config = ConfigDict(frozen=True)

    member_id: int
    channel: str
    external_id: str
    status: str = "pending"  # pending | blocked | failed (not reached: reason is set)
    reason: str | None = None
    last_error: str | None = None


class ZnsJob(BaseModel):
    """What the ZNS worker needs for one claimed delivery."""

    model_config = ConfigDict(frozen=True)

    cooperative_id: int
    timezone: str
    daily_quota: int
    template: ZnsTemplate | None
    fields: dict[str, str]


class Unreached(BaseModel):
    """One member an announcement did not reach (yet), with the reason code."""

    model_config = ConfigDict(frozen=True)

    member_id: int
    name: str
    channel: str
    status: str
    reason: str | None
    last_error: str | None


class Outcome(BaseModel):
    """One member's outcome of one announcement: a row of the /baocao sheet."""

    model_config = ConfigDict(frozen=True)

    announcement_id: int
    kind: str
    urgent: bool = False  # a /canhbao warning
    template_kind: str | None = None  # "training": a training notice (kind broadcast)
    text: str = ""
    created_at: datetime
    name: str
    channel: str
    status: str
    reason: str | None
    last_error: str | None
    sent_at: datetime | None


async def recipients(tx: Tx, member_ids: Sequence[int]) -> list[Recipient]:
    """Each member (in the order given, once) with their identities."""
    ids = list(dict.fromkeys(member_ids))
    found: dict[int, Recipient] = {}
    idents: dict[int, list[Identity]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = await tx.all(
            f"SELECT id, cooperative_id, phone FROM members WHERE id IN ({marks(chunk)})", chunk
        )
        for r in rows:
            found[r["id"]] = Recipient(member_id=r["id"], cooperative_id=r["cooperative_id"],
                                       phone=r["phone"])
        rows = await tx.all(
            "SELECT member_id, channel, external_id, reachable, last_seen_at FROM identities"
            f" WHERE member_id IN ({marks(chunk)}) ORDER BY created_at", chunk,
        )
        for r in rows:
            seen = from_db_time(r["last_seen_at"]) if r["last_seen_at"] else None
            idents.setdefault(r["member_id"], []).append(Identity(
                channel=r["channel"], external_id=r["external_id"],
                reachable=bool(r["reachable"]), last_seen_at=seen))
    return [found[i].model_copy(update={"identities": tuple(idents.get(i, ()))})
            for i in ids if i in found]


def _template(row: dict) -> ZnsTemplate:
    params = tuple(TemplateParam(**p) for p in json.loads(row["params"]))
    return ZnsTemplate(cooperative_id=row["cooperative_id"], kind=row["kind"],
                       template_id=row["template_id"], params=params)


async def templates_for(
    tx: Tx, cooperative_ids: Iterable[int], kind: TemplateKind
) -> dict[int, ZnsTemplate]:
    """The template of `kind` of each cooperative that has one and a ZNS quota above 0."""
    ids = sorted(set(cooperative_ids))
    if not ids:
        return {}
    rows = await tx.all(
        "SELECT t.* FROM zns_templates t JOIN cooperatives c ON c.id = t.cooperative_id"
        f" WHERE t.kind = ? AND c.zns_daily_quota > 0 AND t.cooperative_id IN ({marks(ids)})",
        (kind, *ids),
    )
    return {r["cooperative_id"]: _template(r) for r in rows}


async def list_templates(tx: Tx, cooperative_id: int) -> list[ZnsTemplate]:
    """A cooperative's templates, by kind."""
    rows = await tx.all(
        "SELECT * FROM zns_templates WHERE cooperative_id = ? ORDER BY kind", (cooperative_id,)
    )
    return [_template(r) for r in rows]


async def save_template(
    tx: Tx, template: ZnsTemplate, member_id: int | None, now: datetime
) -> None:
    """Register (or replace) the cooperative's template for its kind."""
    params = json.dumps([p.model_dump() for p in template.params], ensure_ascii=False)
    await tx.execute(
        "INSERT INTO zns_templates (cooperative_id, kind, template_id, params, created_by,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cooperative_id, kind) DO UPDATE"
        " SET template_id = excluded.template_id, params = excluded.params,"
        " created_by = excluded.created_by, created_at = excluded.created_at",
        (template.cooperative_id, template.kind, template.template_id, params, member_id,
         to_db_time(now)),
    )


async def remove_template(tx: Tx, cooperative_id: int, kind: TemplateKind) -> bool:
    """Forget a template; True when there was one."""
    return await tx.execute(
        "DELETE FROM zns_templates WHERE cooperative_id = ? AND kind = ?", (cooperative_id, kind)
    ) == 1


async def daily_quota(tx: Tx, cooperative_id: int) -> int:
    """ZNS messages the cooperative allows a day (0: none)."""
    value = await tx.value(
        "SELECT zns_daily_quota FROM cooperatives WHERE id = ?", (cooperative_id,)
    )
    return int(value or 0)


async def set_daily_quota(tx: Tx, cooperative_id: int, quota: int) -> None:
    """Set the cooperative's daily ZNS budget."""
    await tx.execute(
        "UPDATE cooperatives SET zns_daily_quota = ? WHERE id = ?", (quota, cooperative_id)
    )


async def used_on(tx: Tx, cooperative_id: int, day: date) -> int:
    """ZNS messages taken from the cooperative's budget of `day`."""
    value = await tx.value(
        "SELECT used FROM zns_usage WHERE cooperative_id = ? AND day = ?",
        (cooperative_id, day.isoformat()),
    )
    return int(value or 0)


async def take_quota(tx: Tx, cooperative_id: int, day: date, quota: int) -> bool:
    """Take one unit of the day's budget; False when it is spent."""
    await tx.execute(
        "INSERT INTO zns_usage (cooperative_id, day, used) VALUES (?, ?, 0)"
        " ON CONFLICT (cooperative_id, day) DO NOTHING",
        (cooperative_id, day.isoformat()),
    )
    return await tx.execute(
        "UPDATE zns_usage SET used = used + 1 WHERE cooperative_id = ? AND day = ? AND used < ?",
        (cooperative_id, day.isoformat(), quota),
    ) == 1


async def give_back_quota(tx: Tx, cooperative_id: int, day: date) -> None:
    """Return a unit: Zalo refused the message, nothing was paid."""
    await tx.execute(
        "UPDATE zns_usage SET used = used - 1 WHERE cooperative_id = ? AND day = ? AND used > 0",
        (cooperative_id, day.isoformat()),
    )


async def zns_job(tx: Tx, delivery_id: int) -> ZnsJob | None:
    """The cooperative, quota, template and fields of a ZNS delivery."""
    row = await tx.one(
        "SELECT m.cooperative_id, c.timezone, c.zns_daily_quota, a.fields,"
        " COALESCE(a.template_kind, a.kind) AS kind"
        " FROM deliveries d JOIN members m ON m.id = d.member_id"
        " JOIN cooperatives c ON c.id = m.cooperative_id"
        " JOIN announcements a ON a.id = d.announcement_id WHERE d.id = ?",
        (delivery_id,),
    )
    if row is None:
        return None
    found = await tx.one(
        "SELECT * FROM zns_templates WHERE cooperative_id = ? AND kind = ?",
        (row["cooperative_id"], row["kind"]),
    )
    return ZnsJob(
        cooperative_id=row["cooperative_id"], timezone=row["timezone"],
        daily_quota=row["zns_daily_quota"], template=_template(found) if found else None,
        fields=json.loads(row["fields"]) if row["fields"] else {},
    )


async def unreached(tx: Tx, announcement_id: int) -> list[Unreached]:
    """Members not reached (blocked, failed, not reachable now) or still waiting, by name."""
    rows = await tx.all(
        "SELECT d.member_id, m.display_name AS name, d.channel, d.status, d.reason,"
        " d.last_error FROM deliveries d JOIN members m ON m.id = d.member_id"
        " WHERE d.announcement_id = ? AND d.status <> 'sent' ORDER BY m.display_name, d.id",
        (announcement_id,),
    )
    return [Unreached(**r) for r in rows]


async def announcements_between(
    tx: Tx, cooperative_id: int, start: datetime, end: datetime
) -> list[int]:
    """Ids of the cooperative's announcements made in [start, end)."""
    rows = await tx.all(
        "SELECT DISTINCT a.id FROM announcements a JOIN deliveries d ON d.announcement_id = a.id"
        " JOIN members m ON m.id = d.member_id WHERE m.cooperative_id = ?"
        " AND a.created_at >= ? AND a.created_at < ? ORDER BY a.id",
        (cooperative_id, to_db_time(start), to_db_time(end)),
    )
    return [r["id"] for r in rows]


async def outcomes(
    tx: Tx, announcement_ids: Sequence[int], cooperative_id: int | None = None
) -> list[Outcome]:
    """Every delivery of the announcements with its member (of one cooperative, if given)."""
    if not announcement_ids:
        return []
    rows = await tx.all(
        "SELECT d.announcement_id, a.kind, a.template_kind, a.urgent, a.text, a.created_at,"
        " m.display_name AS name,"
        " d.channel,"
        " d.status, d.reason, d.last_error, d.sent_at FROM deliveries d"
        " JOIN announcements a ON a.id = d.announcement_id JOIN members m ON m.id = d.member_id"
        f" WHERE d.announcement_id IN ({marks(announcement_ids)})"
        " AND (? IS NULL OR m.cooperative_id = ?)"
        " ORDER BY d.announcement_id, m.display_name, d.id",
        [*announcement_ids, cooperative_id, cooperative_id],
    )
    return [Outcome(**{**r, "created_at": from_db_time(r["created_at"]),
                       "sent_at": from_db_time(r["sent_at"]) if r["sent_at"] else None})
            for r in rows]


async def channel_counts(tx: Tx, announcement_id: int) -> list[tuple[str, str, str, int]]:
    """(channel, status, reason or last_error for waiting rows, count) of an announcement."""
    rows = await tx.all(
        "SELECT channel, status, COALESCE(reason, CASE WHEN status = 'pending'"
        " THEN last_error END, '') AS why, COUNT(*) AS n FROM deliveries"
        " WHERE announcement_id = ? GROUP BY channel, status, why ORDER BY channel, status, why",
        (announcement_id,),
    )
    return [(r["channel"], r["status"], r["why"], r["n"]) for r in rows]


async def seen_on(tx: Tx, channel: str, external_id: str, when: datetime) -> int | None:
    """The person wrote at `when`: keep the latest time; their member id (None: unknown)."""
    await tx.execute(
        "UPDATE identities SET last_seen_at = ?, reachable = 1 WHERE channel = ?"
        " AND external_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)",
        (to_db_time(when), channel, external_id, to_db_time(when)),
    )
    value = await tx.value(
        "SELECT member_id FROM identities WHERE channel = ? AND external_id = ?",
        (channel, external_id),
    )
    return None if value is None else int(value)


async def waiting_for_member(
    tx: Tx, member_id: int, since: datetime
) -> list[tuple[int, datetime, str | None]]:
    """Deliveries of the member not reached (outside the window, and ZNS could not help),
    of announcements made since `since`: (delivery id, announcement time, time zone)."""
    rows = await tx.all(
        "SELECT d.id, a.created_at, c.timezone FROM deliveries d"
        " JOIN announcements a ON a.id = d.announcement_id"
        " JOIN members m ON m.id = d.member_id LEFT JOIN cooperatives c ON c.id = m.cooperative_id"
        " WHERE d.member_id = ? AND d.status = 'failed' AND d.reason IS NOT NULL"
        " AND d.reason <> 'late' AND a.created_at >= ? ORDER BY d.id",
        (member_id, to_db_time(since)),
    )
    return [(r["id"], from_db_time(r["created_at"]), r["timezone"]) for r in rows]


async def reopen(tx: Tx, delivery_id: int, channel: str, external_id: str, now: datetime) -> bool:
    """Send a not-reached delivery after all (the member wrote): pending again on `channel`,
    reason 'late'; it leaves the announcement's not-reached count."""
    row = await tx.one(
        "UPDATE deliveries SET status = 'pending', channel = ?, external_id = ?,"
        " reason = 'late', next_attempt_at = ?, last_error = NULL"
        " WHERE id = ? AND status = 'failed' AND reason IS NOT NULL AND reason <> 'late'"
        " RETURNING announcement_id",
        (channel, external_id, to_db_time(now), delivery_id),
    )
    if row is None:
        return False
    await tx.execute(
        "UPDATE announcements SET unreached = unreached - 1 WHERE id = ?",
        (row["announcement_id"],),
    )
    return True


async def delivery_member(
    tx: Tx, delivery_id: int
) -> tuple[int, str, str, dict[str, str]] | None:
    """(member id, chat, template kind, fields) of a delivery."""
    row = await tx.one(
        "SELECT d.member_id, d.external_id, COALESCE(a.template_kind, a.kind) AS kind,"
        " a.fields FROM deliveries d JOIN announcements a ON a.id = d.announcement_id"
        " WHERE d.id = ?", (delivery_id,),
    )
    if row is None:
        return None
    return (row["member_id"], row["external_id"], row["kind"],
            json.loads(row["fields"]) if row["fields"] else {})


async def forget_seen(tx: Tx, channel: str, external_id: str) -> None:
    """The channel says the person is outside its window: our 'last seen' was too kind."""
    await tx.execute(
        "UPDATE identities SET last_seen_at = NULL WHERE channel = ? AND external_id = ?",
        (channel, external_id),
    )
