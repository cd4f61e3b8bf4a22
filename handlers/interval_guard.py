"""The pre-harvest interval guard: a harvest on a plot still inside a spray's interval is
recorded, flagged for the manager's reports, and the member is warned."""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Ctx
from messages import format as fmt
from storage import diary, harvests
from storage.models import Harvest

LOOK_BACK = timedelta(days=60)  # longer than any interval on a label
UNKNOWN_WINDOW = timedelta(days=21)  # a spray of unknown interval warns for three weeks


async def check(ctx: Ctx, entries: list[Harvest]) -> list[str]:
    """Warnings for these recorded harvests (one per harvest at most); flags them too."""
    warnings = []
    for entry in entries:
        if not entry.plot or entry.status != "recorded":
            continue
        sprays = await diary.sprays_before(ctx.tx, entry.member_id, entry.plot, entry.day,
                                           entry.day - LOOK_BACK)
        warning = _warning(ctx, entry, sprays)
        if warning is not None:
            await harvests.set_interval_warning(ctx.tx, entry.id, warning)
            warnings.append(warning)
    return warnings


def _warning(ctx: Ctx, entry: Harvest, sprays: list[diary.DiaryEntry]) -> str | None:
    for spray in sprays:  # newest first
        sprayed = fmt.short_day(spray.day, ctx.locale)
        name = spray.input_name or "?"
        # A spray still waiting for its interval warns like one whose interval is not known.
        if spray.status == "pending" or spray.interval_days is None or spray.interval_unknown:
            if entry.day - spray.day < UNKNOWN_WINDOW:
                return ctx.texts("guard.unknown", plot=fmt.capitalised(entry.plot or ""), name=name,
                                 day=sprayed)
            continue
        safe = spray.day + timedelta(days=spray.interval_days)
        if entry.day < safe:
            return ctx.texts("guard.inside", plot=fmt.capitalised(entry.plot or ""), name=name,
                             day=sprayed, days=spray.interval_days,
                             safe=fmt.short_day(safe, ctx.locale))
    return None

