"""Correcting a diary entry: the ✏️ Sửa button then the right text, /sua, or editing the
chat message itself. The entry takes the new reading in place (never a second entry), and
the audit trail keeps the reading before. A new reading that needs a spray's interval waits
in storage.corrections: the entry stays as it was until the person picks the days."""

from __future__ import annotations

from typing import Any

from handlers import fix_pick
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.diary import (
    INTERVAL_CHOICES,
    entry_line,
    inputs_for,
    invalid_reply,
    on_spelled,
    recorded_reply,
)
from handlers.diary import (
    on_button as diary_buttons,
)
from handlers.harvest import local_day
from handlers.open_correction import open_correction
from handlers.plots import default_plot
from messages import format as fmt
from messages.commands import read_id
from messages.diary import DiaryReading, parse_diary
from storage import corrections, diary, state
from storage.diary import DiaryEntry

FIX_STATE = "diary_fix"


def _reading(entry: DiaryEntry) -> dict[str, Any]:
    """What a correction may change in an entry."""
    fields = ("status", "activity", "plot", "input_id", "input_name", "dose", "interval_days",
              "interval_unknown", "note", "day")
    return entry.model_dump(mode="json", include=set(fields))


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """dy:fix:<id> waits for the corrected text; dy:cphi:<correction>:<days|x> and
    dy:cdrop:<correction> answer a correction's question; dy:undo and dy:phi are the diary's."""
    parts = [*data.split(":"), "", "", ""]
    if parts[1] in ("spelled", "unspelled"):  # a Telex/VNI diary message: record it or not
        return await on_spelled(ctx, record=parts[1] == "spelled")
    if parts[1] == "cphi":
        return [await _on_interval(ctx, parts[2], parts[3])]
    if parts[1] == "cdrop":
        return [await _on_keep(ctx, parts[2])]
    entry_id = read_id(parts[2])
    if parts[1] != "fix" or entry_id is None:
        return await diary_buttons(ctx, data)
    entry = await diary.get_entry(ctx.tx, entry_id)
    if entry is None or ctx.member is None or entry.member_id != ctx.member.id:
        return [Reply(text=ctx.texts("harvest.not_yours"))]
    if entry.status == "cancelled":
        return [Reply(text=ctx.texts("harvest.settled"))]
    text = await fix_pick.take(ctx, f"dy:{entry.id}")
    if text:  # picked from /sua's list: the text typed with it
        return await correct(ctx, entry, text)
    return [await ask_for_fix(ctx, entry)]


async def ask_for_fix(ctx: Ctx, entry: DiaryEntry) -> Reply:
    """Wait for the corrected text of an entry."""
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, FIX_STATE,
                          {"id": entry.id}, ctx.now)
    return Reply(text=ctx.texts("diary.fix_prompt", line=entry_line(ctx, entry),
                                example=ctx.texts("diary.example")))


async def on_fix_text(ctx: Ctx, entry_id: int) -> list[Reply] | None:
    """The text sent after ✏️ Sửa; None when the entry was cancelled since (the text is
    then a new message, read as usual: it must not be lost)."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    entry = await diary.get_entry(ctx.tx, entry_id)
    if entry is None or ctx.member is None or entry.member_id != ctx.member.id:
        return [Reply(text=ctx.texts("harvest.not_yours"))]
    if entry.status == "cancelled":
        return None
    return await correct(ctx, entry, ctx.incoming.text or "")


async def on_edit(ctx: Ctx) -> list[Reply] | None:
    """An edited chat message that had made a diary entry; None when it had made none."""
    assert ctx.member is not None and ctx.incoming.edits is not None
    entry = await diary.entry_for_message(ctx.tx, ctx.incoming.channel, ctx.incoming.edits)
    if entry is None or entry.member_id != ctx.member.id:
        return None
    return await correct(ctx, entry, ctx.incoming.text or "")


async def correct(ctx: Ctx, entry: DiaryEntry, text: str) -> list[Reply]:
    """Read `text` as the entry's new content: rewrite the entry when sure, else ask."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    if entry.status == "cancelled":
        return [Reply(text=ctx.texts("harvest.settled"))]
    parse = parse_diary(text, await inputs_for(ctx.tx, member.cooperative_id, ctx.now),
                        await local_day(ctx, member), ctx.locale)
    if parse.status in ("invalid", "not_diary") or parse.reading is None:
        # a harvest sent while a fix was awaited is not recorded: say so, it is not lost silently
        reason = invalid_reply(ctx, parse).text if parse.status == "invalid" else ctx.texts(
            "diary.fix_not_diary", text=fmt.clipped(text.strip(), 60))
        return [Reply(text=ctx.texts("diary.fix_failed", reason=reason) + "\n"
                      + ctx.texts("fix.kept", lines=entry_line(ctx, entry)))]
    reading = parse.reading
    if reading.plot is None:
        plot = await default_plot(ctx.tx, member.id)
        reading = reading.model_copy(update={"plot": plot.name if plot else None})
    if parse.status == "ask_interval":
        plan = {"id": entry.id, "before": _reading(entry),
                "reading": reading.model_dump(mode="json"), "text": text}
        asked = await corrections.ask(ctx.tx, "diary", member.id, plan, ctx.now)
        return [_ask_interval(ctx, asked.id, entry, reading)]
    return [await _apply(ctx, entry, reading, text, reading.interval_days, False)]


def _ask_interval(ctx: Ctx, correction_id: int, entry: DiaryEntry, reading: DiaryReading
                  ) -> Reply:
    def day_button(n: int) -> Button:
        return Button(label=ctx.texts("diary.days", days=n),
                      data=f"dy:cphi:{correction_id}:{n}")

    rows = [[day_button(n) for n in INTERVAL_CHOICES[:4]],
            [day_button(n) for n in INTERVAL_CHOICES[4:]],
            [Button(label=ctx.texts("diary.button.unknown"), data=f"dy:cphi:{correction_id}:x")],
            [Button(label=ctx.texts("fix.button.keep"), data=f"dy:cdrop:{correction_id}")]]
    question = ctx.texts("diary.ask_interval", name=reading.input_name or "?",
                         line=entry_line(ctx, reading))
    return Reply(text=ctx.texts("fix.ask", lines=entry_line(ctx, entry), question=question),
                 buttons=rows)


async def _apply(ctx: Ctx, entry: DiaryEntry, reading: DiaryReading, text: str,
                 interval_days: int | None, interval_unknown: bool) -> Reply:
    assert ctx.member is not None
    await diary.rewrite(
        ctx.tx, entry.id, ctx.now, activity=reading.activity, plot=reading.plot,
        input_id=reading.input_id, input_name=reading.input_name, dose=reading.dose,
        interval_days=interval_days, interval_unknown=interval_unknown, note=reading.note,
        text=text, day=reading.day, status="recorded",
    )
    after = {**reading.model_dump(mode="json"), "interval_days": interval_days,
             "interval_unknown": interval_unknown}
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "correct", "diary", entry.id,
                      before=entry.model_dump(mode="json"), after=after)
    fixed = await diary.get_entry(ctx.tx, entry.id)
    assert fixed is not None
    reply = recorded_reply(ctx, fixed, key="diary.fixed")
    before = ctx.texts("fix.before", lines=entry_line(ctx, entry))
    return reply.model_copy(update={"text": f"{reply.text}\n{before}"})


async def _on_interval(ctx: Ctx, ref: str, days: str) -> Reply:
    """The interval of a correction's spray: the correction applies now."""
    found = await open_correction(ctx, ref, "diary")
    if isinstance(found, Reply):
        return found
    entry = await diary.get_entry(ctx.tx, found.plan["id"])
    if entry is None or _reading(entry) != found.plan["before"]:
        # Something else changed the entry since the question: its answer is stale.
        await corrections.settle(ctx.tx, found.id, "dropped", ctx.now)
        return Reply(text=ctx.texts("harvest.settled"))
    await corrections.settle(ctx.tx, found.id, "applied", ctx.now)
    reading = DiaryReading.model_validate(found.plan["reading"])
    chosen = read_id(days, 365, low=0)  # None: "x", the person does not know
    reply = await _apply(ctx, entry, reading, found.plan["text"], chosen, chosen is None)
    return reply.model_copy(update={"edit_of": ctx.incoming.button_of})


async def _on_keep(ctx: Ctx, ref: str) -> Reply:
    """Do not correct: the entry stays as it is."""
    found = await open_correction(ctx, ref, "diary")
    if isinstance(found, Reply):
        return found
    await corrections.settle(ctx.tx, found.id, "dropped", ctx.now)
    entry = await diary.get_entry(ctx.tx, found.plan["id"])
    lines = entry_line(ctx, entry) if entry else "?"
    return Reply(text=ctx.texts("fix.dropped", lines=lines), edit_of=ctx.incoming.button_of)
