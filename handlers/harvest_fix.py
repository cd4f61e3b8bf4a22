"""Settle, cancel and correct harvest entries: the buttons on a reply, and edited messages.

Nothing is deleted: a cancellation is a status, a correction rewrites the entry in place,
and each leaves an audit row holding the earlier state. /huy and /sua are in last_entry.
"""

from __future__ import annotations

from handlers import fix_pick, harvest_correct, harvest_proxy, interval_guard
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import entry_buttons, item_line, log_harvest
from handlers.harvest_correct import audit, correct, entry_lines, write
from messages.commands import read_id
from messages.harvest import HarvestItem, Question
from storage import harvests, members, state
from storage.models import Harvest

FIX_STATE = "harvest_fix"


async def _mine(ctx: Ctx, harvest_id: str) -> Harvest | Reply:
    entry_id = read_id(harvest_id)
    entry = await harvests.get(ctx.tx, entry_id) if entry_id is not None else None
    if entry is None or ctx.member is None or entry.recorded_by != ctx.member.id:
        return Reply(text=ctx.texts("harvest.not_yours"))
    return entry


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """hv:pick:<id>:<n>, hv:drop:<id>, hv:undo:<id>, hv:fix:<id>; and the answers to a
    correction's question, hv:cpick:<correction>:<step>:<n> and hv:cdrop:<correction>."""
    parts = [*data.split(":"), "", "", ""]
    action, ref = parts[1], parts[2]
    if action == "cpick":
        return [await harvest_correct.on_pick(ctx, ref, parts[3], parts[4])]
    if action == "cdrop":
        return [await harvest_correct.on_keep(ctx, ref)]
    if action == "fixnone":
        return [await fix_pick.drop(ctx)]
    found = await _mine(ctx, ref)
    if isinstance(found, Reply):
        return [found]
    option = read_id(parts[3], low=0) if action == "pick" else None
    if option is not None:
        return [await _pick(ctx, found, option)]
    if action == "drop":
        return [await _drop(ctx, found)]
    open_entries = await open_of_message(ctx, found)
    if action == "undo":
        return [await cancel(ctx, open_entries)]
    if action == "fix":
        text = await fix_pick.take(ctx, f"hv:{found.id}")
        if text and open_entries:  # picked from /sua's list: the text typed with it
            return await correct_any(ctx, open_entries, text)
        return [await ask_for_fix(ctx, open_entries)]
    return [Reply(text=ctx.texts("harvest.settled"))]


async def open_of_message(ctx: Ctx, entry: Harvest) -> list[Harvest]:
    """The entries of the message `entry` came from that are not cancelled."""
    return [
        e for e in await harvests.for_message(ctx.tx, entry.channel, entry.message_ref)
        if e.status != "cancelled" and e.recorded_by == entry.recorded_by
    ]


async def _pick(ctx: Ctx, entry: Harvest, choice: int) -> Reply:
    """An answer to the question a new message raised (a pending entry)."""
    if entry.status != "pending" or not entry.options or choice >= len(entry.options):
        return Reply(text=ctx.texts("harvest.settled"))
    item = HarvestItem.model_validate(entry.options[choice])
    await write(ctx, entry, item, "choose")
    settled = await harvests.get(ctx.tx, entry.id)
    warnings = await interval_guard.check(ctx, [settled]) if settled else []
    line = item_line(ctx, item)
    recorded = ctx.texts("harvest.recorded", lines=line)
    if ctx.member is not None and entry.member_id != ctx.member.id:  # a manager's, for someone
        owner = await members.get_member(ctx.tx, entry.member_id)
        if owner is not None:
            recorded = ctx.texts("harvest.recorded_for", name=owner.display_name, lines=line)
    return Reply(
        text="\n".join([recorded, *warnings]),
        buttons=entry_buttons(ctx, entry),
        edit_of=ctx.incoming.button_of,
    )


async def _drop(ctx: Ctx, entry: Harvest) -> Reply:
    """"Không ghi" on a new message's question: that item, never recorded, is not kept."""
    if entry.status != "pending":
        return Reply(text=ctx.texts("harvest.settled"))
    await harvests.set_status(ctx.tx, entry.id, "cancelled", ctx.now)
    await audit(ctx, "drop", entry, {"status": "cancelled"})
    asked = Question.model_validate_json(entry.question).text if entry.question else ""
    return Reply(text=ctx.texts("harvest.dropped", text=asked), edit_of=ctx.incoming.button_of)


async def cancel(ctx: Ctx, entries: list[Harvest]) -> Reply:
    """Cancel entries (their earlier state goes to the audit trail)."""
    if not entries:
        return Reply(text=ctx.texts("harvest.nothing_to_undo"))
    lines = await entry_lines(ctx, entries)
    for entry in entries:
        await harvests.set_status(ctx.tx, entry.id, "cancelled", ctx.now)
        await audit(ctx, "cancel", entry, {"status": "cancelled"})
    return Reply(text=ctx.texts("harvest.undone", lines=lines))


async def correct_any(ctx: Ctx, entries: list[Harvest], text: str, whole: bool = False
                      ) -> list[Reply]:
    """Correct one message's entries: a manager's for a member may repeat "ghi cho <name>";
    `whole`: the text is the whole message again (an edit), not a fix of some of its lines."""
    if ctx.member is not None and entries[0].member_id != ctx.member.id:
        return await harvest_proxy.correct_for(ctx, entries, text, whole)
    return await correct(ctx, entries, text, whole)


async def ask_for_fix(ctx: Ctx, entries: list[Harvest]) -> Reply:
    """Remember which entries the next message corrects, and say so."""
    if not entries:
        return Reply(text=ctx.texts("harvest.nothing_to_fix"))
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, FIX_STATE,
                          {"ids": [e.id for e in entries]}, ctx.now)
    return Reply(text=ctx.texts("harvest.fix_prompt", lines=await entry_lines(ctx, entries),
                                example=ctx.texts("harvest.example")))


async def on_fix_text(ctx: Ctx, ids: list[int]) -> list[Reply] | None:
    """The message that follows a fix request; None when its entries were cancelled since
    (the text is then a new message, read as usual: it must not be lost)."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    found = [await harvests.get(ctx.tx, i) for i in ids]
    entries = [e for e in found if e is not None and e.status != "cancelled"]
    if not entries:
        return None
    return await correct_any(ctx, entries, ctx.incoming.text or "")


async def on_edit(ctx: Ctx) -> list[Reply] | None:
    """An edited chat message: its entries take the new reading (never a second entry)."""
    assert ctx.member is not None and ctx.incoming.edits is not None
    mine = [
        e for e in await harvests.for_message(ctx.tx, ctx.incoming.channel, ctx.incoming.edits)
        if e.recorded_by == ctx.member.id
    ]
    entries = [e for e in mine if e.status != "cancelled"]
    if entries:
        return await correct_any(ctx, entries, ctx.incoming.text or "", whole=True)
    if mine:  # cancelled on purpose: an edit does not bring it back
        return [Reply(text=ctx.texts("harvest.edit_cancelled"))]
    # Nothing was recorded from the original: read the edit as that message, keyed on it.
    if ctx.member.role == "manager":  # "ghi cho Lan chè 30kg": Lan's, not the manager's
        proxy = await harvest_proxy.on_text(ctx, ctx.incoming.edits)
        if proxy is not None:
            return proxy
    return await log_harvest(ctx, ctx.member, ctx.incoming.text or "", ctx.incoming.edits)
