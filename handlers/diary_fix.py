"""Correcting a diary entry: the ✏️ Sửa button then the right text, or editing the chat
message itself. The entry takes the new reading in place (never a second entry), and the
audit trail keeps the reading before."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.diary import (
    ask_interval,
    entry_line,
    inputs_for,
    invalid_reply,
    recorded_reply,
)
from handlers.diary import (
    on_button as diary_buttons,
)
from handlers.harvest import local_day
from handlers.plots import default_plot
from messages.commands import read_id
from messages.diary import parse_diary
from storage import diary, state
from storage.diary import DiaryEntry

FIX_STATE = "diary_fix"


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """dy:fix:<id> waits for the corrected text; dy:undo and dy:phi are the diary's own."""
    parts = data.split(":")
    entry_id = read_id(parts[2]) if len(parts) >= 3 else None
    if entry_id is None or parts[1] != "fix":
        return await diary_buttons(ctx, data)
    entry = await diary.get_entry(ctx.tx, entry_id)
    if entry is None or ctx.member is None or entry.member_id != ctx.member.id:
        return [Reply(text=ctx.texts("harvest.not_yours"))]
    if entry.status == "cancelled":
        return [Reply(text=ctx.texts("harvest.settled"))]
    return [await ask_for_fix(ctx, entry)]


async def ask_for_fix(ctx: Ctx, entry: DiaryEntry) -> Reply:
    """Wait for the corrected text of an entry."""
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, FIX_STATE,
                          {"id": entry.id}, ctx.now)
    return Reply(text=ctx.texts("diary.fix_prompt", line=entry_line(ctx, entry),
                                example=ctx.texts("diary.example")))


async def on_fix_text(ctx: Ctx, entry_id: int) -> list[Reply]:
    """The text sent after ✏️ Sửa."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    entry = await diary.get_entry(ctx.tx, entry_id)
    if entry is None or ctx.member is None or entry.member_id != ctx.member.id:
        return [Reply(text=ctx.texts("harvest.not_yours"))]
    return await correct(ctx, entry, ctx.incoming.text or "")


async def on_edit(ctx: Ctx) -> list[Reply] | None:
    """An edited chat message that had made a diary entry; None when it had made none."""
    assert ctx.member is not None and ctx.incoming.edits is not None
    entry = await diary.entry_for_message(ctx.tx, ctx.incoming.channel, ctx.incoming.edits)
    if entry is None or entry.member_id != ctx.member.id:
        return None
    return await correct(ctx, entry, ctx.incoming.text or "")


async def correct(ctx: Ctx, entry: DiaryEntry, text: str) -> list[Reply]:
    """Read `text` as the entry's new content and rewrite the entry with it."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    if entry.status == "cancelled":
        return [Reply(text=ctx.texts("harvest.settled"))]
    parse = parse_diary(text, await inputs_for(ctx.tx, member.cooperative_id, ctx.now),
                        await local_day(ctx, member), ctx.locale)
    if parse.status in ("invalid", "not_diary") or parse.reading is None:
        reason = invalid_reply(ctx, parse).text if parse.status == "invalid" else ctx.texts(
            "diary.fix_not_diary")
        return [Reply(text=ctx.texts("diary.fix_failed", reason=reason))]
    reading = parse.reading
    if reading.plot is None:
        plot = await default_plot(ctx.tx, member.id)
        reading = reading.model_copy(update={"plot": plot.name if plot else None})
    pending = parse.status == "ask_interval"
    await diary.rewrite(
        ctx.tx, entry.id, ctx.now, activity=reading.activity, plot=reading.plot,
        input_id=reading.input_id, input_name=reading.input_name, dose=reading.dose,
        interval_days=reading.interval_days, interval_unknown=False, note=reading.note,
        text=text, day=reading.day, status="pending" if pending else "recorded",
    )
    await state.audit(ctx.tx, ctx.now, member.id, "correct", "diary", entry.id,
                      before=entry.model_dump(mode="json"), after=reading.model_dump(mode="json"))
    fixed = await diary.get_entry(ctx.tx, entry.id)
    assert fixed is not None
    if pending:
        return [ask_interval(ctx, fixed)]
    return [recorded_reply(ctx, fixed, key="diary.fixed")]
