"""The production diary by quick message: record what is sure, ask a spray's interval.

"bón NPK 20kg lô 2" is recorded at once with an undo button; "phun Sherpa 1 bình lô 3"
(an interval nobody knows yet) is kept pending and the member picks the days printed on the
label, or "Không biết" (recorded and flagged). A photo's caption is read like a message and
the photo stays with the entry; a photo alone joins the member's entry of the last half hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.harvest import local_day
from handlers.plots import default_plot
from messages import format as fmt
from messages.commands import read_id
from messages.diary import (
    MAX_LENGTH,
    UNKNOWN,
    DiaryParse,
    DiaryReading,
    InputEntry,
    parse_diary,
    read_interval_answer,
)
from messages.input_seed import DEFAULT_INPUTS
from messages.telex import as_typed, spelled, spelled_words
from storage import diary, state
from storage.db import Tx
from storage.diary import DiaryEntry

INTERVAL_CHOICES = (1, 3, 5, 7, 10, 14, 21)
MAX_INTERVAL_DAYS = 365  # what /vattu cachly accepts; a button saying more was forged
PHOTO_WINDOW = timedelta(minutes=30)
# After the interval question, the member's typed "14", "7 ngày" or "không biết" answers it
# (the latest spray asked) for a few hours: the farmer may look for the label first.
INTERVAL_STATE = "diary_interval"
INTERVAL_TTL = timedelta(hours=6)
# A diary message read only once its Telex/VNI words were spelled out: recorded on a tap.
SPELLED_STATE = "diary_spelled"


async def inputs_for(tx: Tx, cooperative_id: int, now: datetime) -> list[InputEntry]:
    """The cooperative's inputs as the reader needs them (seeded on first use)."""
    found = await diary.inputs_of(tx, cooperative_id)
    if not found:
        await diary.seed_inputs(tx, cooperative_id, DEFAULT_INPUTS, now)
        found = await diary.inputs_of(tx, cooperative_id)
    return [InputEntry.model_validate(i.model_dump()) for i in found]


async def on_text(ctx: Ctx) -> list[Reply] | None:
    """A diary message of the sender; None when it is not one. Typed with Telex or VNI
    leftovers ("phunf thuốc regent lô 2"), it is read as spelled and asked about first."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    text = ctx.incoming.text or ""
    today = await local_day(ctx, member)
    inputs = await inputs_for(ctx.tx, member.cooperative_id, ctx.now)
    parse = parse_diary(text, inputs, today, ctx.locale)
    if parse.status in ("not_diary", "invalid"):
        typed = spelled(text, marks=False) if len(text) <= MAX_LENGTH else None
        again = parse_diary(typed, inputs, today, ctx.locale) if typed else parse
        if again.status in ("not_diary", "invalid") or again.reading is None:
            if parse.status == "invalid":  # read as typed, it says what is wrong
                return [invalid_reply(ctx, parse)]
            if again.status == "not_diary":
                return None
            detail = as_typed(again.detail or "", text, marks=False)  # what they typed
            return [invalid_reply(ctx, again.model_copy(update={"detail": detail}))]
        await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref,
                              SPELLED_STATE, {"text": typed,
                                              "message_ref": ctx.incoming.message_ref}, ctx.now)
        words = ", ".join(f"\"{w}\"" for w in spelled_words(text))
        return [Reply(text=ctx.texts("diary.ask_spelled", words=words,
                                     line=entry_line(ctx, again.reading)),
                      buttons=[[Button(label=ctx.texts("diary.button.spelled"),
                                       data="dy:spelled")],
                               [Button(label=ctx.texts("harvest.button.drop"),
                                       data="dy:unspelled")]])]
    return await record_text(ctx, text, parse, ctx.incoming.message_ref)


async def on_spelled(ctx: Ctx, record: bool) -> list[Reply]:
    """The answer to "did you mean …?" about a diary message typed with Telex or VNI."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    if pending is None or pending.kind != SPELLED_STATE:
        return [Reply(text=ctx.texts("harvest.settled"))]
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    if not record:
        return [Reply(text=ctx.texts("diary.spelled_dropped"), edit_of=ctx.incoming.button_of)]
    text = pending.data["text"]
    parse = parse_diary(text, await inputs_for(ctx.tx, member.cooperative_id, ctx.now),
                        await local_day(ctx, member), ctx.locale)
    return await record_text(ctx, text, parse, pending.data["message_ref"])


async def record_text(
    ctx: Ctx, text: str, parse: DiaryParse, message_ref: str
) -> list[Reply]:
    """Record a diary message's reading (a spray waits for its interval)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    if parse.status in ("invalid", "not_diary") or parse.reading is None:
        return [invalid_reply(ctx, parse)]
    reading = parse.reading
    if reading.plot is None:
        plot = await default_plot(ctx.tx, member.id)
        reading = reading.model_copy(update={"plot": plot.name if plot else None})
    pending = parse.status == "ask_interval"
    entry = await diary.add_entry(
        ctx.tx, cooperative_id=member.cooperative_id, member_id=member.id,
        activity=reading.activity, plot=reading.plot, input_id=reading.input_id,
        input_name=reading.input_name, dose=reading.dose, interval_days=reading.interval_days,
        note=reading.note, text=text, photo_ref=ctx.incoming.photo_ref, day=reading.day,
        status="pending" if pending else "recorded", recorded_by=member.id,
        channel=ctx.incoming.channel, message_ref=message_ref, now=ctx.now,
    )
    if entry is None:
        return [Reply(text=ctx.texts("diary.already"))]
    await state.audit(ctx.tx, ctx.now, member.id, "record" if not pending else "ask",
                      "diary", entry.id, after=reading.model_dump(mode="json"))
    if pending:
        await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref,
                              INTERVAL_STATE, {"id": entry.id}, ctx.now)
        return [ask_interval(ctx, entry)]
    return [recorded_reply(ctx, entry)]


async def on_interval_text(ctx: Ctx, entry_id: int) -> list[Reply] | None:
    """A typed answer to the interval question settles that spray; None when the text is not
    such an answer (nothing is cleared, and the message is read as usual)."""
    member = ctx.member
    assert member is not None
    answer = read_interval_answer(ctx.incoming.text)
    if answer is None:
        return None
    entry = await diary.get_entry(ctx.tx, entry_id)
    if entry is None or entry.member_id != member.id or entry.status != "pending":
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
        return None
    if answer != UNKNOWN and not 1 <= answer <= MAX_INTERVAL_DAYS:
        return [Reply(text=ctx.texts("diary.interval_out_of_range", days=answer,
                                     most=MAX_INTERVAL_DAYS, line=entry_line(ctx, entry)))]
    days = None if answer == UNKNOWN else answer
    return [await _settle_interval(ctx, entry, days, edit=False)]


async def _settle_interval(ctx: Ctx, entry: DiaryEntry, days: int | None, edit: bool) -> Reply:
    """Record a pending spray with its interval (None: not known) and end the question."""
    member = ctx.member
    assert member is not None
    await diary.settle(ctx.tx, entry.id, "recorded", ctx.now, interval_days=days,
                       interval_unknown=days is None)
    await state.audit(ctx.tx, ctx.now, member.id, "interval", "diary", entry.id,
                      after={"interval_days": days})
    asked = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    if asked is not None and asked.kind == INTERVAL_STATE and asked.data.get("id") == entry.id:
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    settled = await diary.get_entry(ctx.tx, entry.id)
    assert settled is not None
    return recorded_reply(ctx, settled, edit=edit)


def entry_line(ctx: Ctx, entry: DiaryEntry | DiaryReading) -> str:
    """Activity · input · dose · plot · day, the way the bot repeats an entry."""
    parts = [ctx.texts(f"diary.activity.{entry.activity}")]
    parts += [p for p in (entry.input_name, entry.dose, entry.plot) if p]
    if entry.activity not in ("fertilise", "spray") and entry.note:
        parts.append(entry.note[:60])
    parts.append(fmt.short_day(entry.day, ctx.locale))
    return " · ".join(parts)


def interval_line(ctx: Ctx, entry: DiaryEntry) -> str | None:
    """When the plot may be picked again after a spray."""
    if entry.activity != "spray":
        return None
    if entry.interval_unknown or entry.interval_days is None:
        return ctx.texts("diary.interval_unknown")
    safe = entry.day + timedelta(days=entry.interval_days)
    return ctx.texts("diary.interval", days=entry.interval_days,
                     day=fmt.short_day(safe, ctx.locale))


def interval_cell(ctx: Ctx, entry: DiaryEntry) -> str:
    """The interval as a diary column shows it: "7 ngày", "chưa rõ", waiting for the
    member's choice, or nothing."""
    if entry.activity != "spray":
        return ""
    if entry.status == "pending":
        return ctx.texts("diary.short_pending")
    if entry.interval_unknown or entry.interval_days is None:
        return ctx.texts("diary.short_unknown")
    return ctx.texts("diary.short_interval", days=entry.interval_days)


def recorded_reply(
    ctx: Ctx, entry: DiaryEntry, edit: bool = False, key: str = "diary.recorded"
) -> Reply:
    """What was recorded (or corrected), with its interval, and undo and fix buttons."""
    text = ctx.texts(key, line=entry_line(ctx, entry))
    extra = interval_line(ctx, entry)
    if extra:
        text += "\n" + extra
    if entry.photo_ref:
        text += "\n" + ctx.texts("diary.with_photo")
    buttons = [[Button(label=ctx.texts("harvest.button.undo"), data=f"dy:undo:{entry.id}"),
                Button(label=ctx.texts("harvest.button.fix"), data=f"dy:fix:{entry.id}")]]
    return Reply(text=text, buttons=buttons, edit_of=ctx.incoming.button_of if edit else None)


def ask_interval(ctx: Ctx, entry: DiaryEntry) -> Reply:
    rows = [[Button(label=ctx.texts("diary.days", days=n), data=f"dy:phi:{entry.id}:{n}")
             for n in INTERVAL_CHOICES[:4]],
            [Button(label=ctx.texts("diary.days", days=n), data=f"dy:phi:{entry.id}:{n}")
             for n in INTERVAL_CHOICES[4:]],
            [Button(label=ctx.texts("diary.button.unknown"), data=f"dy:phi:{entry.id}:x")]]
    return Reply(text=ctx.texts("diary.ask_interval", name=entry.input_name or "?",
                                line=entry_line(ctx, entry)), buttons=rows)


def invalid_reply(ctx: Ctx, parse: DiaryParse) -> Reply:
    return Reply(text=ctx.texts(f"diary.invalid.{parse.problem}", detail=parse.detail or "",
                                example=ctx.texts("diary.example")))


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """dy:phi:<id>:<days|x> settles a spray's interval; dy:undo:<id> cancels an entry."""
    member = ctx.member
    assert member is not None
    parts = data.split(":")
    entry_id = read_id(parts[2]) if len(parts) > 2 else None
    entry = await diary.get_entry(ctx.tx, entry_id) if entry_id is not None else None
    if entry is None or entry.member_id != member.id:
        return [Reply(text=ctx.texts("harvest.not_yours"))]
    if parts[1] == "undo":
        return [await cancel_entry(ctx, entry)]

    if parts[1] != "phi" or entry.status != "pending" or len(parts) < 4:
        return [Reply(text=ctx.texts("harvest.settled"))]
    days = read_id(parts[3], MAX_INTERVAL_DAYS)  # "x": not known
    return [await _settle_interval(ctx, entry, days, edit=True)]


async def cancel_entry(ctx: Ctx, entry: DiaryEntry) -> Reply:
    """Cancel a diary entry (kept, marked, with an audit row)."""
    member = ctx.member
    assert member is not None
    if entry.status == "cancelled":
        return Reply(text=ctx.texts("harvest.settled"))
    await diary.settle(ctx.tx, entry.id, "cancelled", ctx.now,
                       interval_unknown=entry.interval_unknown)
    await state.audit(ctx.tx, ctx.now, member.id, "cancel", "diary", entry.id,
                      before={"status": entry.status}, after={"status": "cancelled"})
    return Reply(text=ctx.texts("diary.cancelled", line=entry_line(ctx, entry)),
                 edit_of=ctx.incoming.button_of)


async def on_photo(ctx: Ctx) -> list[Reply]:
    """A photo without a caption: it joins the entry the member made in the last half hour."""
    member = ctx.member
    assert member is not None and ctx.incoming.photo_ref is not None
    latest = await diary.latest_entry(ctx.tx, member.id)
    if latest is None or ctx.now - latest.created_at > PHOTO_WINDOW:
        return [Reply(text=ctx.texts("diary.photo_needs_caption",
                                     example=ctx.texts("diary.example")))]
    await diary.attach_photo(ctx.tx, latest.id, ctx.incoming.photo_ref, ctx.now)
    await state.audit(ctx.tx, ctx.now, member.id, "photo", "diary", latest.id,
                      after={"photo_ref": ctx.incoming.photo_ref})
    return [Reply(text=ctx.texts("diary.photo_attached", line=entry_line(ctx, latest)))]
