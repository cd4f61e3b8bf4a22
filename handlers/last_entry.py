"""/huy and /sua without a target: act on the person's latest entry, or let them pick one.

The latest entry of any kind (a harvest message or a diary entry) is meant only when it is
clearly the one: recorded, confirmed to the person within RECENT, and not cancelled or
corrected since (a second /huy in a row is not clear). Otherwise the person gets their
recent entries as buttons, each naming its entry. Never an older entry silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from handlers import diary_fix, fix_pick, harvest, harvest_correct, harvest_fix
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.diary import cancel_entry, entry_line
from messages import format as fmt
from messages.intent import classify
from storage import corrections, diary, harvests, state
from storage.corrections import Record
from storage.diary import DiaryEntry
from storage.models import Harvest

# A farmer fixes a slip soon after sending it; an entry confirmed longer ago than this is
# not assumed to be the one meant by a bare /huy or /sua: they pick it from a list.
RECENT = timedelta(hours=3)
CHOICES = 5  # recent entries offered as buttons
CHANGED = ("cancel", "correct")  # audit actions after which the latest entry is not clear

Action = Literal["undo", "fix"]


@dataclass(frozen=True)
class Target:
    """The entries of one message: a harvest message's open entries, or a diary entry."""

    harvests: list[Harvest]
    diary: DiaryEntry | None = None


async def _load(ctx: Ctx, record: Record) -> tuple[Target, list[Harvest]]:
    """The record's target, and (for a harvest message) all its entries, cancelled too."""
    if record.kind == "diary":
        entry = await diary.entry_for_message(ctx.tx, record.channel, record.message_ref)
        return Target([], entry), []
    every = await harvests.for_message(ctx.tx, record.channel, record.message_ref)
    mine = [e for e in every if ctx.member is not None and e.recorded_by == ctx.member.id]
    return Target([e for e in mine if e.status != "cancelled"]), mine


async def _clear_latest(ctx: Ctx) -> Target | None:
    """The latest entry when it is clearly the one meant; None when it is not."""
    assert ctx.member is not None
    latest = await corrections.latest_records(ctx.tx, ctx.member.id, 1, active_only=False)
    if not latest:
        return None
    target, every = await _load(ctx, latest[0])
    if target.diary is not None:
        entry = target.diary
        if entry.status != "recorded" or await corrections.acted_on(
                ctx.tx, "diary", [entry.id], CHANGED):
            return None
        confirmed = entry.updated_at
    else:
        if not target.harvests or any(e.status != "recorded" for e in target.harvests):
            return None
        if await corrections.acted_on(ctx.tx, "harvest", [e.id for e in every], CHANGED):
            return None
        confirmed = max(e.updated_at for e in target.harvests)
    return target if ctx.now - confirmed <= RECENT else None


async def on_undo_command(ctx: Ctx, args: str) -> list[Reply]:
    """/huy: cancel my latest entry, or pick the entry to cancel."""
    target = await _clear_latest(ctx)
    if target is None:
        return [await _choose(ctx, "undo")]
    if target.diary is not None:
        return [await cancel_entry(ctx, target.diary)]
    return [await harvest_fix.cancel(ctx, target.harvests)]


async def on_fix_command(ctx: Ctx, args: str) -> list[Reply]:
    """/sua [correct text]: correct my latest entry now, or with my next message; or pick
    the entry to correct."""
    target = await _clear_latest(ctx)
    text = args.strip()
    if target is None or await _names_another_product(ctx, target, text):
        return [await _choose(ctx, "fix", text)]
    if target.diary is not None:
        if text:
            return await diary_fix.correct(ctx, target.diary, text)
        return [await diary_fix.ask_for_fix(ctx, target.diary)]
    if text:
        return await harvest_fix.correct_any(ctx, target.harvests, text)
    return [await harvest_fix.ask_for_fix(ctx, target.harvests)]


async def _names_another_product(ctx: Ctx, target: Target, text: str) -> bool:
    """Whether a correction's text names only products the latest harvest entry is not
    (`/sua chè 32kg lô 3` after `chè 30kg lô 3` then `quế 2 tạ` is meant for the tea), or
    is a harvest while the latest entry is a diary task."""
    if not text or ctx.member is None or ctx.member.cooperative_id is None:
        return False
    if target.diary is not None and classify(text, ctx.now.date()).kind == "diary":
        return False
    parse = await harvest.read(ctx, ctx.member, text)
    named = {item.product_id for item in parse.items}
    return bool(named) and not named & {e.product_id for e in target.harvests}


async def on_text(ctx: Ctx, data: dict) -> list[Reply]:
    """Text sent while the list of a bare /sua waits for a tap: it is the correction (never
    a new entry); the list is offered again with it."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    reply = await _choose(ctx, "fix", ctx.incoming.text or "")
    if reply.buttons:
        reply = reply.model_copy(update={"text": ctx.texts("fix.not_yet") + "\n" + reply.text})
    return [reply]


async def _choose(ctx: Ctx, action: Action, text: str = "") -> Reply:
    """The person's recent entries that are not cancelled, a button each; for /sua, the
    correction's text (if any) waits for the tap (handlers.fix_pick)."""
    assert ctx.member is not None
    records = await corrections.latest_records(ctx.tx, ctx.member.id, CHOICES, active_only=True)
    rows = []
    for record in records:
        target, _ = await _load(ctx, record)
        if target.diary is not None:
            label, data = entry_line(ctx, target.diary), f"dy:{action}:{target.diary.id}"
        elif target.harvests:
            lines = await harvest_correct.entry_lines(ctx, target.harvests)
            label, data = " + ".join(lines.split("\n")), f"hv:{action}:{target.harvests[0].id}"
        else:
            continue
        rows.append([Button(label=label, data=data)])
    if not rows:
        return Reply(text=ctx.texts(f"harvest.nothing_to_{action}"))
    if action == "fix":
        await fix_pick.offer(ctx, text, [row[0].data.replace(":fix:", ":") for row in rows])
        rows.append([Button(label=ctx.texts("fix.button.keep"), data="hv:fixnone")])
        if text:
            return Reply(text=ctx.texts("fix.which_fix_to", text=fmt.clipped(text, 80)),
                         buttons=rows)
    return Reply(text=ctx.texts(f"fix.which_{action}"), buttons=rows)
