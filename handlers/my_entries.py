"""A member's own entries: /homnay (today) and /tuan (Monday to today), with totals.

Days are the cooperative's local days. Pending entries (a question not yet answered) are
shown, marked, but not counted, and their questions are asked again with their buttons:
the first asking may have scrolled far up the chat. Cancelled ones are not shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import local_day, question_reply
from messages import format as fmt
from messages.harvest import Question
from messages.harvest_render import amount_text, canonical_line
from messages.my_entries import day_heading
from storage import harvests
from storage.models import HarvestLine


async def on_today(ctx: Ctx, args: str) -> list[Reply]:
    """Show what I recorded today, with totals per product."""
    today = await _local_today(ctx)
    lines = await _mine(ctx, today, today)
    day = fmt.short_day(today, ctx.locale)
    example = ctx.texts("harvest.example")
    if not lines:
        return [Reply(text=ctx.texts("entries.empty_today", day=day, example=example))]
    shown = "\n".join(_entry(ctx, line) for line in lines)
    return [Reply(text=ctx.texts("entries.today", day=day, lines=shown,
                                 totals=_totals(ctx, lines))), *_asked_again(ctx, lines)]


async def on_week(ctx: Ctx, args: str) -> list[Reply]:
    """Show what I recorded this week (Monday to today), by day, with totals per product."""
    today = await _local_today(ctx)
    monday = today - timedelta(days=today.weekday())
    lines = await _mine(ctx, monday, today)
    first, last = fmt.short_day(monday, ctx.locale), fmt.short_day(today, ctx.locale)
    example = ctx.texts("harvest.example")
    if not lines:
        return [Reply(text=ctx.texts("entries.empty_week", first=first, last=last,
                                     example=example))]
    days = []
    for day, group in groupby(lines, key=lambda line: line.harvest.day):
        entries = "\n".join(_entry(ctx, line) for line in group)
        days.append(ctx.texts("entries.day", day=day_heading(day, ctx.locale), lines=entries))
    return [Reply(text=ctx.texts("entries.week", first=first, last=last, days="\n\n".join(days),
                                 totals=_totals(ctx, lines))), *_asked_again(ctx, lines)]


# Questions asked again at most: the newest ones; a list longer than this is a chat flood.
ASKED_AGAIN = 5


def _asked_again(ctx: Ctx, lines: list[HarvestLine]) -> list[Reply]:
    """The questions of the entries waiting for this member's answer (those they sent
    themselves: one a manager recorded for them waits for the manager), with their
    buttons, oldest first."""
    assert ctx.member is not None
    waiting = [line.harvest for line in lines if line.harvest.status == "pending"
               and line.harvest.question and line.harvest.recorded_by == ctx.member.id]
    return [question_reply(ctx, Question.model_validate_json(entry.question or ""), entry)
            for entry in waiting[-ASKED_AGAIN:]]


async def _local_today(ctx: Ctx) -> date:
    assert ctx.member is not None
    return await local_day(ctx, ctx.member)


async def _mine(ctx: Ctx, first: date, last: date) -> list[HarvestLine]:
    assert ctx.member is not None
    found = await harvests.member_lines(ctx.tx, ctx.member.id, first, last)
    return [line for line in found if line.harvest.status != "cancelled"]


def _counted(line: HarvestLine) -> bool:
    entry = line.harvest
    return entry.status == "recorded" and entry.product_id is not None and bool(entry.amount)


def _canonical(ctx: Ctx, line: HarvestLine) -> str:
    entry = line.harvest
    if line.product_name and entry.amount:
        return canonical_line(line.product_name, entry.amount, line.kind or "weight", line.unit,
                              entry.plot, entry.day, ctx.locale)
    typed = Question.model_validate_json(entry.question).text if entry.question else "?"
    return ctx.texts("entries.typed", text=typed)


def _entry(ctx: Ctx, line: HarvestLine) -> str:
    key = "entries.line" if _counted(line) else "entries.pending"
    if ctx.member is not None and line.harvest.recorded_by != ctx.member.id:
        key += "_proxy"  # the manager's, for me: their question, their buttons
    return ctx.texts(key, line=_canonical(ctx, line))


def _totals(ctx: Ctx, lines: list[HarvestLine]) -> str:
    """Exact sums per product of the recorded entries, by product name."""
    sums: dict[int, int] = {}
    named: dict[int, HarvestLine] = {}
    for line in lines:
        if _counted(line):
            pid = line.harvest.product_id
            assert pid is not None and line.harvest.amount is not None
            sums[pid] = sums.get(pid, 0) + line.harvest.amount
            named.setdefault(pid, line)
    if not sums:
        return ctx.texts("entries.no_totals")
    rows = []
    for pid in sorted(sums, key=lambda p: (fmt.alphabetical(named[p].product_name or ""), p)):
        line = named[pid]
        name = line.product_name or "?"
        amount = amount_text(sums[pid], line.kind or "weight", line.unit, ctx.locale)
        rows.append(ctx.texts("entries.total", product=fmt.capitalised(name),
                              amount=amount))
    return "\n".join(rows)
