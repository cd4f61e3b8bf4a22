"""The daily price bulletin: each cooperative's prices, at its bulletin time, once a day.

`send_due` is called by the scheduler every minute (and once at start-up). A cooperative's
bulletin is due from its local bulletin time until `grace` later; a bot that was down at
06:00 and back at 06:10 still sends it, one back at 14:00 does not. The day is claimed in
the same transaction that queues the announcement, so a restart, a second tick or a second
process never sends it twice.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers import outbox as announcements
from handlers.catalogue import entries
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.prices import price_lines
from messages import format as fmt
from messages.i18n import Texts
from messages.outbox import read_bulletin_time
from storage import orgs, prices, state
from storage.db import Database, Tx
from storage.models import Cooperative
from storage.outbox import Announcement

DEFAULT_GRACE = timedelta(hours=3)
DELIVERS_WITHIN = timedelta(days=60)  # "members who deliver": a recorded harvest since then


def due_day(coop: Cooperative, now: datetime, grace: timedelta) -> date | None:
    """The local day whose bulletin is due at `now`, or None outside [time, time + grace]."""
    zone = ZoneInfo(coop.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in coop.bulletin_time.split(":"))
    at = datetime.combine(local.date(), time(hour, minute), zone)
    return local.date() if at <= local <= at + grace else None


async def send_due(
    db: Database, texts: Texts, now: datetime, grace: timedelta = DEFAULT_GRACE
) -> list[Announcement]:
    """Queue every bulletin due now that was not sent yet; return what was queued."""
    async with db.transaction() as tx:
        coops = await orgs.cooperatives_with_prices(tx)
    queued = []
    for coop in coops:
        day = due_day(coop, now, grace)
        if day is None:
            continue
        async with db.transaction() as tx:
            if await prices.bulletin_sent(tx, coop.id, day):
                continue
            made = await _queue(tx, texts, coop, day, now)
        if made is not None:
            queued.append(made)
    return queued


async def _queue(
    tx: Tx, texts: Texts, coop: Cooperative, day: date, now: datetime
) -> Announcement | None:
    """Queue one cooperative's bulletin for `day`; None when there is nothing or no one."""
    catalogue = await entries(tx, coop.id, now)
    lines = await price_lines(tx, texts, coop.id, catalogue, day)
    if not lines:
        return None  # no price yet: look again at the next tick, within the grace period
    priced = list(await prices.prices_on(tx, coop.id, day))
    people = await prices.bulletin_audience(tx, coop.id, priced, day - DELIVERS_WITHIN)
    if not await prices.claim_bulletin_day(tx, coop.id, day, now):
        return None
    if not people:
        return None  # claimed with no announcement: nobody to tell today
    text = texts("bulletin.text", org=coop.name, day=fmt.short_day(day, texts.locale),
                 lines="\n".join(lines))
    fields = {"htx": coop.name, "ngay": f"{day:%d/%m/%Y}", "gia": "; ".join(lines)}
    made = await announcements.enqueue(tx, "bulletin", text, people, now, fields=fields)
    await prices.set_bulletin_announcement(tx, coop.id, day, made.id)
    return made


async def on_settings(ctx: Ctx, args: str) -> list[Reply]:
    """/caidat giobantin 5:30: when the daily price bulletin goes out (managers)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    coop = await orgs.get_cooperative(ctx.tx, member.cooperative_id)
    assert coop is not None
    if not args.strip():
        return [Reply(text=ctx.texts("settings.show", time=coop.bulletin_time))]
    wanted = read_bulletin_time(args)
    if wanted == "not_bulletin" or wanted is None:
        return [Reply(text=ctx.texts("settings.usage", time=coop.bulletin_time))]
    hh_mm = f"{wanted[0]:02d}:{wanted[1]:02d}"
    await orgs.set_bulletin_time(ctx.tx, coop.id, hh_mm)
    await state.audit(ctx.tx, ctx.now, member.id, "set", "bulletin_time", coop.id,
                      before={"time": coop.bulletin_time}, after={"time": hh_mm})
    return [Reply(text=ctx.texts("settings.bulletin_set", time=hh_mm))]
