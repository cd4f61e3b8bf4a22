"""Correct harvest entries with a new reading, and nothing else.

A sure reading rewrites the entries at once (in place; extra items added, missing ones
cancelled). A reading the bot must ask about is kept as a correction (storage.corrections)
and the entries stay exactly as they were until every question is answered: "✖ Không sửa",
an unanswered question or an unreadable text change nothing. Every reply names the entries
in full (and whose they are, when a manager recorded them for a member).
"""

from __future__ import annotations

from typing import Any

from handlers import interval_guard
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.harvest import (
    entry_buttons,
    invalid_reply,
    option_labels,
    question_text,
    read,
    with_default_plot,
)
from handlers.open_correction import open_correction
from messages.harvest import HarvestItem, Question
from messages.harvest_render import canonical_line
from storage import corrections, harvests, members, state
from storage.models import Harvest


def reading(entry: Harvest) -> dict[str, Any]:
    """What a correction may change in an entry, as the audit trail keeps it."""
    return {"status": entry.status, "product_id": entry.product_id, "amount": entry.amount,
            "day": entry.day.isoformat(), "plot": entry.plot}


async def entry_lines(ctx: Ctx, entries: list[Harvest]) -> str:
    """The entries in canonical form, one a line, naming the member when it is not the
    person reading (a manager acting for a member)."""
    shown = await harvests.lines(ctx.tx, [e.id for e in entries])
    out = []
    for line in shown:
        entry = line.harvest
        text = (
            canonical_line(line.product_name, entry.amount, line.kind or "weight", line.unit,
                           entry.plot, entry.day, ctx.locale)
            if line.product_name and entry.amount
            else ((entry.question and Question.model_validate_json(entry.question).text) or "?")
        )
        if ctx.member is None or entry.member_id != ctx.member.id:
            text = ctx.texts("fix.of", line=text, name=line.member_name)
        out.append(text)
    return "\n".join(out)


async def audit(ctx: Ctx, action: str, entry: Harvest, after: dict[str, Any]) -> None:
    """One audit row for an entry, holding its reading before."""
    await state.audit(ctx.tx, ctx.now, ctx.member.id if ctx.member else None, action, "harvest",
                      entry.id, before=reading(entry), after=after)


async def write(ctx: Ctx, entry: Harvest, item: HarvestItem, action: str) -> None:
    """Give an entry a reading (recorded), with its audit row."""
    await harvests.set_reading(
        ctx.tx, entry.id, product_id=item.product_id, amount=item.amount, day=item.day,
        plot=item.plot, now=ctx.now,
    )
    await audit(ctx, action, entry, {"status": "recorded", "product_id": item.product_id,
                                     "amount": item.amount, "day": item.day, "plot": item.plot})


async def correct(ctx: Ctx, entries: list[Harvest], text: str, whole: bool = False
                  ) -> list[Reply]:
    """Read `text` as the new content of these entries (one message's): apply it when sure,
    else ask and keep them as they are. Unless `whole` (an edited message is the whole new
    message), a text naming fewer products than the message, each the product of one of its
    entries, corrects those entries only: `/sua quế 2 tạ` after "chè 20kg, quế 1 tạ" leaves
    the tea as it was."""
    old = sorted(entries, key=lambda e: e.item)
    member = await members.get_member(ctx.tx, old[0].member_id)
    assert member is not None and ctx.member is not None
    before = await entry_lines(ctx, old)
    parse = await read(ctx, member, text)
    if parse.status in ("invalid", "not_harvest") or not (parse.items or parse.questions):
        reason = invalid_reply(ctx, parse, text).text
        return [Reply(text=ctx.texts("harvest.fix_failed", reason=reason) + "\n"
                      + ctx.texts("fix.kept", lines=before))]
    parse = await with_default_plot(ctx, old[0].member_id, parse)
    sure = {item.index: item for item in parse.items}
    unsure = {q.item: q for q in parse.questions}
    slots = sorted(sure.keys() | unsure.keys())
    if not unsure:
        items = [sure[i] for i in slots]
        matched = None if whole else _by_product(old, items)
        if matched is not None:
            return [await apply(ctx, matched, items, await entry_lines(ctx, matched))]
        return [await apply(ctx, old, items, before)]
    steps: list[dict[str, Any]] = [
        {"item": sure[i].model_dump(mode="json")} if i in sure
        else {"question": unsure[i].model_dump(mode="json"), "choice": None}
        for i in slots
    ]
    plan = {"ids": [e.id for e in old], "before": [reading(e) for e in old], "steps": steps}
    asked = await corrections.ask(ctx.tx, "harvest", ctx.member.id, plan, ctx.now)
    return [_question(ctx, asked.id, n, unsure[i], before)
            for n, i in enumerate(slots) if i in unsure]


def _by_product(old: list[Harvest], items: list[HarvestItem]) -> list[Harvest] | None:
    """The entries these fewer items correct, one each by product; None when the items do
    not each name the product of exactly one entry."""
    if len(items) >= len(old):
        return None
    matched = []
    for item in items:
        same = [e for e in old if e.product_id == item.product_id]
        if len(same) != 1 or same[0] in matched:
            return None
        matched.append(same[0])
    return matched


def _question(ctx: Ctx, correction_id: int, step: int, question: Question, lines: str) -> Reply:
    rows = [
        [Button(label=label, data=f"hv:cpick:{correction_id}:{step}:{n}")]
        for n, label in enumerate(option_labels(ctx, question))
    ]
    rows.append([Button(label=ctx.texts("fix.button.keep"), data=f"hv:cdrop:{correction_id}")])
    asked = question_text(ctx, question, drop="fix.button.keep")
    return Reply(text=ctx.texts("fix.ask", lines=lines, question=asked), buttons=rows)


async def apply(ctx: Ctx, old: list[Harvest], items: list[HarvestItem], before: str) -> Reply:
    """Rewrite one message's entries with sure items, in item order: extra items become
    new entries of that message, entries left over are cancelled."""
    every = await harvests.for_message(ctx.tx, old[0].channel, old[0].message_ref)
    next_item = max(e.item for e in every) + 1
    fixed: list[int] = []
    for position, item in enumerate(items):
        if position < len(old):
            await write(ctx, old[position], item, "correct")
            fixed.append(old[position].id)
            continue
        like = old[0]
        added = await harvests.add(
            ctx.tx, cooperative_id=like.cooperative_id, member_id=like.member_id,
            recorded_by=like.recorded_by, channel=like.channel, message_ref=like.message_ref,
            item=next_item, day=item.day, now=ctx.now, status="recorded",
            product_id=item.product_id, amount=item.amount, plot=item.plot,
        )
        assert added is not None
        next_item += 1
        await state.audit(ctx.tx, ctx.now, ctx.member.id if ctx.member else None, "record",
                          "harvest", added.id, after={
                              "product_id": item.product_id, "amount": item.amount,
                              "day": item.day, "plot": item.plot, "member_id": added.member_id})
        fixed.append(added.id)
    for extra in old[len(items):]:
        await harvests.set_status(ctx.tx, extra.id, "cancelled", ctx.now)
        await audit(ctx, "cancel", extra, {"status": "cancelled"})
    now_entries = [e for e in [await harvests.get(ctx.tx, i) for i in fixed] if e is not None]
    warnings = await interval_guard.check(ctx, now_entries)
    text = "\n".join([ctx.texts("harvest.fixed", lines=await entry_lines(ctx, now_entries)),
                      ctx.texts("fix.before", lines=before), *warnings])
    return Reply(text=text, buttons=entry_buttons(ctx, now_entries[0]))


async def on_pick(ctx: Ctx, correction_id: str, step: str, choice: str) -> Reply:
    """hv:cpick:<correction>:<step>:<n>: answer one question of a correction."""
    found = await open_correction(ctx, correction_id, "harvest")
    if isinstance(found, Reply):
        return found
    plan = found.plan
    steps = plan["steps"]
    if not (step.isdigit() and choice.isdigit() and int(step) < len(steps)):
        return Reply(text=ctx.texts("harvest.settled"))
    asked = steps[int(step)]
    options = asked.get("question", {}).get("options", [])
    if asked.get("choice") is not None or int(choice) >= len(options):
        return Reply(text=ctx.texts("harvest.settled"))
    asked["choice"] = int(choice)
    if any("question" in s and s["choice"] is None for s in steps):
        await corrections.update_plan(ctx.tx, found.id, plan)
        return Reply(text=ctx.texts("fix.picked_more"), edit_of=ctx.incoming.button_of)
    entries = [await harvests.get(ctx.tx, i) for i in plan["ids"]]
    current = [e for e in entries if e is not None]
    if len(current) != len(entries) or [reading(e) for e in current] != plan["before"]:
        # Something else changed the entries since the question: its answer is stale.
        await corrections.settle(ctx.tx, found.id, "dropped", ctx.now)
        return Reply(text=ctx.texts("harvest.settled"))
    await corrections.settle(ctx.tx, found.id, "applied", ctx.now)
    items = [HarvestItem.model_validate(s["item"] if "item" in s
                                        else s["question"]["options"][s["choice"]])
             for s in steps]
    before = await entry_lines(ctx, current)
    reply = await apply(ctx, current, items, before)
    return reply.model_copy(update={"edit_of": ctx.incoming.button_of})


async def on_keep(ctx: Ctx, correction_id: str) -> Reply:
    """hv:cdrop:<correction>: do not correct; the entries stay as they are."""
    found = await open_correction(ctx, correction_id, "harvest")
    if isinstance(found, Reply):
        return found
    await corrections.settle(ctx.tx, found.id, "dropped", ctx.now)
    entries = [e for e in [await harvests.get(ctx.tx, i) for i in found.plan["ids"]] if e]
    return Reply(text=ctx.texts("fix.dropped", lines=await entry_lines(ctx, entries)),
                 edit_of=ctx.incoming.button_of)
