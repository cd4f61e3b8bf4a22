"""What a training notice says, and who it goes to."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.context import Ctx
from messages.i18n import Texts
from messages.my_entries import day_heading
from storage import trainings
from storage.models import Member

PRODUCT_WINDOW = timedelta(days=365)  # "growers of chè": recorded chè within a year


async def audience_of(
    ctx: Ctx, organiser: Member, cooperative_ids: list[int], product_ids: list[int] | None
) -> list[int]:
    """Members of these cooperatives (growers of these products, if any), not the organiser."""
    since = (ctx.now - PRODUCT_WINDOW).date()
    ids = await trainings.audience_ids(ctx.tx, cooperative_ids, product_ids, since)
    return [i for i in ids if i != organiser.id]


def when_text(texts: Texts, starts_at: datetime, zone: ZoneInfo) -> str:
    """ "08:00 Thứ Bảy 28/11"."""
    local = starts_at.astimezone(zone)
    return texts("training.when", time=f"{local:%H:%M}",
                 day=day_heading(local.date(), texts.locale))


def notice_text(texts: Texts, training: dict[str, Any], org: str, zone: ZoneInfo) -> str:
    """The notice members get: title, time, place, description, who organises it."""
    text = texts("training.notice", title=training["title"], place=training["place"],
                 when=when_text(texts, training["starts_at"], zone), org=org)
    if training.get("description"):
        text += "\n" + training["description"]
    return text


def training_fields(view: dict, org: str, zone: ZoneInfo) -> dict[str, str]:
    """The named fields a ZNS template of a training notice or reminder is filled from."""
    local = view["starts_at"].astimezone(zone)
    return {"htx": org, "tieude": str(view["title"]), "diadiem": str(view["place"]),
            "ngay": f"{local:%d/%m/%Y}", "gio": f"{local:%H:%M}"}
