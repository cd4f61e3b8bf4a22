"""Settle, cancel and correct harvest entries: buttons, /huy, /sua and edited messages.

Nothing is deleted: a cancellation is a status, a correction rewrites the entry in place,
and each leaves an audit row holding the earlier state.
"""

from __future__ import annotations

from typing import Any

from handlers import interval_guard
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import (
    entry_buttons,
    invalid_reply,
    item_line,
    log_harvest,
    question_reply,
    read,
)
from messages.commands import read_id
from messages.harvest import HarvestItem, Question
from messages.harvest_render import canonical_line
from storage import harvests, members, state
from storage.models import Harvest

FIX_STATE = "harvest_fix"


def _reading(entry: Harvest) -> dict[str, Any]:
    return {"status": entry.status, "product_id": entry.product_id, "amount": entry.amount,
            "day": entry.day, "plot": entry.plot}


async def _lines(ctx: Ctx, entries: list[Harvest]) -> str:
    shown = await harvests.lines(ctx.tx, [e.id for e in entries])
    return "\n".join(
        canonical_line(line.product_name, line.harvest.amount, line.kind or "weight", line.unit,
                       line.harvest.plot, line.harvest.day, ctx.locale)
        if line.product_name and line.harvest.amount
        else ((line.harvest.question and Question.model_validate_json(line.harvest.question).text)
              or "?")
        for line in shown
    )


async def _mine(ctx: Ctx, harvest_id: str) -> Harvest | Reply:
    entry_id = read_id(harvest_id)
    entry = await harvests.get(ctx.tx, entry_id) if entry_id is not None else None
    if entry is None or ctx.member is None or entry.recorded_by != ctx.member.id:
        return Reply(text=ctx.texts("harvest.not_yours"))
    return entry


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """hv:pick:<id>:<n>, hv:drop:<id>, hv:undo:<id>, hv:fix:<id>."""
    parts = data.split(":")
    action, ref = parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    found = await _mine(ctx, ref)
    if isinstance(found, Reply):
        return [found]
    option = read_id(parts[3], low=0) if action == "pick" and len(parts) == 4 else None
    if option is not None:
        return [await _pick(ctx, found, option)]
    if action == "drop":
        return [await _drop(ctx, found)]
    open_entries = [
        e for e in await harvests.for_message(ctx.tx, found.channel, found.message_ref)
        if e.status != "cancelled" and e.recorded_by == found.recorded_by
    ]
    if action == "undo":
        return [await cancel(ctx, open_entries)]
    if action == "fix":
        return [await ask_for_fix(ctx, open_entries)]
    return [Reply(text=ctx.texts("harvest.settled"))]


async def _pick(ctx: Ctx, entry: Harvest, choice: int) -> Reply:
    if entry.status != "pending" or not entry.options or choice >= len(entry.options):
        return Reply(text=ctx.texts("harvest.settled"))
    item = HarvestItem.model_validate(entry.options[choice])
    await _write(ctx, entry, item, "choose")
    settled = await harvests.get(ctx.tx, entry.id)
    warnings = await interval_guard.check(ctx, [settled]) if settled else []
    return Reply(
        text="\n".join([ctx.texts("harvest.recorded", lines=item_line(ctx, item)), *warnings]),
        buttons=entry_buttons(ctx, entry),
        edit_of=ctx.incoming.button_of,
    )


async def _drop(ctx: Ctx, entry: Harvest) -> Reply:
    if entry.status != "pending":
        return Reply(text=ctx.texts("harvest.settled"))
    await harvests.set_status(ctx.tx, entry.id, "cancelled", ctx.now)
    await _audit(ctx, "drop", entry, {"status": "cancelled"})
    asked = Question.model_validate_json(entry.question).text if entry.question else ""
    return Reply(text=ctx.texts("harvest.dropped", text=asked), edit_of=ctx.incoming.button_of)


async def _write(ctx: Ctx, entry: Harvest, item: HarvestItem, action: str) -> None:
    await harvests.set_reading(
        ctx.tx, entry.id, product_id=item.product_id, amount=item.amount, day=item.day,
        plot=item.plot, now=ctx.now,
    )
    await _audit(ctx, action, entry, {"status": "recorded", "product_id": item.product_id,
                                      "amount": item.amount, "day": item.day, "plot": item.plot})


async def _audit(ctx: Ctx, action: str, entry: Harvest, after: dict[str, Any]) -> None:
    await state.audit(ctx.tx, ctx.now, ctx.member.id if ctx.member else None, action, "harvest",
                      entry.id, before=_reading(entry), after=after)


async def cancel(ctx: Ctx, entries: list[Harvest]) -> Reply:
    """Cancel entries (their earlier state goes to the audit trail)."""
    if not entries:
        return Reply(text=ctx.texts("harvest.nothing_to_undo"))
    lines = await _lines(ctx, entries)
    for entry in entries:
        await harvests.set_status(ctx.tx, entry.id, "cancelled", ctx.now)
        await _audit(ctx, "cancel", entry, {"status": "cancelled"})
    return Reply(text=ctx.texts("harvest.undone", lines=lines))


async def ask_for_fix(ctx: Ctx, entries: list[Harvest]) -> Reply:
    """Remember which entries the next message corrects, and say so."""
    if not entries:
        return Reply(text=ctx.texts("harvest.nothing_to_fix"))
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, FIX_STATE,
                          {"ids": [e.id for e in entries]}, ctx.now)
    return Reply(text=ctx.texts("harvest.fix_prompt", lines=await _lines(ctx, entries),
                                example=ctx.texts("harvest.example")))


async def on_undo_command(ctx: Ctx, args: str) -> list[Reply]:
    """/huy: cancel my last entry."""
    assert ctx.member is not None
    return [await cancel(ctx, await harvests.latest_open(ctx.tx, ctx.member.id))]


async def on_fix_command(ctx: Ctx, args: str) -> list[Reply]:
    """/sua [correct text]: correct my last entry now, or with my next message."""
    assert ctx.member is not None
    last = await harvests.latest_open(ctx.tx, ctx.member.id)
    if args.strip() and last:
        return await correct(ctx, last, args)
    return [await ask_for_fix(ctx, last)]


async def on_fix_text(ctx: Ctx, ids: list[int]) -> list[Reply]:
    """The message that follows a fix request."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    found = [await harvests.get(ctx.tx, i) for i in ids]
    entries = [e for e in found if e is not None and e.status != "cancelled"]
    if not entries:
        return [Reply(text=ctx.texts("harvest.nothing_to_fix"))]
    return await correct(ctx, entries, ctx.incoming.text or "")


async def on_edit(ctx: Ctx) -> list[Reply] | None:
    """An edited chat message: its entries take the new reading (never a second entry)."""
    assert ctx.member is not None and ctx.incoming.edits is not None
    mine = [
        e for e in await harvests.for_message(ctx.tx, ctx.incoming.channel, ctx.incoming.edits)
        if e.recorded_by == ctx.member.id
    ]
    entries = [e for e in mine if e.status != "cancelled"]
    if entries:
        return await correct(ctx, entries, ctx.incoming.text or "")
    if mine:  # cancelled on purpose: an edit does not bring it back
        return [Reply(text=ctx.texts("harvest.edit_cancelled"))]
    # Nothing was recorded from the original: read the edit as that message, keyed on it.
    return await log_harvest(ctx, ctx.member, ctx.incoming.text or "", ctx.incoming.edits)


async def correct(ctx: Ctx, entries: list[Harvest], text: str) -> list[Reply]:
    """Rewrite entries with a new reading: in place, extras cancelled or added."""
    member = await members.get_member(ctx.tx, entries[0].member_id)
    assert member is not None
    parse = await read(ctx, member, text)
    if parse.status in ("invalid", "not_harvest"):
        reason = invalid_reply(ctx, parse, text).text
        return [Reply(text=ctx.texts("harvest.fix_failed", reason=reason))]
    sure = {item.index: item for item in parse.items}
    unsure = {q.item: q for q in parse.questions}
    old = sorted(entries, key=lambda e: e.item)
    every = await harvests.for_message(ctx.tx, old[0].channel, old[0].message_ref)
    next_item = max(e.item for e in every) + 1
    fixed: list[Harvest] = []
    asked: list[tuple[Question, Harvest]] = []
    for position, index in enumerate(sorted(sure.keys() | unsure.keys())):
        target = old[position] if position < len(old) else await _extra(ctx, old[0], next_item)
        next_item += position >= len(old)
        if index in sure:
            await _write(ctx, target, sure[index], "correct")
            fixed.append(target)
        else:
            question = unsure[index]
            options = [o.model_dump(mode="json") for o in question.options]
            await harvests.set_pending(ctx.tx, target.id, options, question.model_dump_json(),
                                       ctx.now)
            await _audit(ctx, "correct", target, {"status": "pending", "text": question.text})
            asked.append((question, target))
    for extra in old[len(sure) + len(unsure):]:
        await harvests.set_status(ctx.tx, extra.id, "cancelled", ctx.now)
        await _audit(ctx, "cancel", extra, {"status": "cancelled"})
    replies = []
    if fixed:
        replies.append(Reply(text=ctx.texts("harvest.fixed", lines=await _lines(ctx, fixed)),
                             buttons=entry_buttons(ctx, fixed[0])))
    replies.extend(question_reply(ctx, q, e) for q, e in asked)
    return replies


async def _extra(ctx: Ctx, like: Harvest, item: int) -> Harvest:
    """A new entry for a correction that has more items than the original."""
    entry = await harvests.add(
        ctx.tx, cooperative_id=like.cooperative_id, member_id=like.member_id,
        recorded_by=like.recorded_by, channel=like.channel, message_ref=like.message_ref,
        item=item, day=like.day, now=ctx.now, status="pending",
    )
    assert entry is not None
    return entry
