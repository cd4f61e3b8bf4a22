"""Reading the diary: /nhatky [tên] [lô] [kỳ], /xuatnhatky [lô] [kỳ] (an .xlsx laid out like
a paper VietGAP diary, one sheet per plot), and /chuaghi N for managers.

Harvests appear in the diary next to the activities, so an inspector sees one record.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from handlers.context import Ctx
from handlers.contract import Attachment, Reply
from handlers.diary import entry_line, interval_cell
from handlers.exports import XLSX
from handlers.harvest import item_line, local_day
from handlers.name_pick import offer, picked
from handlers.orgs import member_org_name
from handlers.report_book import interval_note, note_cell
from handlers.reports import period_label
from messages import format as fmt
from messages.commands import read_id
from messages.fold import fold
from messages.harvest import HarvestItem
from messages.harvest_render import amount_text
from messages.people import named
from messages.periods import Period, read_period
from messages.plots import leading_plot
from messages.workbook import DiarySheet, build_diary_workbook, file_slug
from storage import diary, harvests, members
from storage.diary import DiaryEntry
from storage.models import Member

MAX_LINES = 40
MAX_SILENT_DAYS = 365


async def on_diary(ctx: Ctx, args: str) -> list[Reply]:
    """/nhatky [tên (managers)] [lô] [kỳ]: the diary of a period (this month by default)."""
    found = await _target(ctx, args, "nk")
    if isinstance(found, Reply):
        return [found]
    return [await _diary(ctx, *found)]


async def on_pick(ctx: Ctx, data: str) -> list[Reply]:
    """nk:<member id> (/nhatky) and nx:<member id> (/xuatnhatky): the member a manager chose
    when the name they typed names several."""
    found = await picked(ctx, data)
    if isinstance(found, Reply):
        return [found]
    target, rest = found
    assert ctx.member is not None
    today = await local_day(ctx, ctx.member)
    chosen = _plot_period(ctx, target, rest.split(), today)
    if isinstance(chosen, Reply):
        return [chosen]
    return [await (_diary if data.startswith("nk:") else _export)(ctx, *chosen)]


async def _diary(ctx: Ctx, target: Member, plot: str | None, period: Period, today: date
                 ) -> Reply:
    lines = await _lines(ctx, target, plot, period)
    label = period_label(ctx.texts, period, today)
    title = ctx.texts("diary.read.title", name=target.display_name, period=label,
                      plot=f" · {plot}" if plot else "")
    if not lines:
        return Reply(text=ctx.texts("diary.read.empty", title=title))
    shown = lines[-MAX_LINES:]
    more = ctx.texts("diary.read.more", count=len(lines) - len(shown)) if len(lines) > len(
        shown) else ""
    return Reply(text="\n".join([title, *[line for _, line in shown]]) + more)


async def _target(ctx: Ctx, args: str, prefix: str
                  ) -> tuple[Member, str | None, Period, date] | Reply:
    """Whose diary, which plot, which period: "Lan lô 3 tháng 11", "lô 3", "tháng 10"; a
    name several members have gets their buttons (`prefix`:<member id>)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await local_day(ctx, member)
    words = args.split()
    target = member
    if member.role == "manager" and words:
        people = await members.list_members(ctx.tx, member.cooperative_id)
        for cut in range(min(len(words), 4), 0, -1):
            found = named(" ".join(words[:cut]), people, lambda p: p.display_name)
            if len(found) == 1:
                target, words = found[0], words[cut:]
                break
            if len(found) > 1:
                return await offer(ctx, prefix, " ".join(words[:cut]), found,
                                   " ".join(words[cut:]))
    return _plot_period(ctx, target, words, today)


def _plot_period(ctx: Ctx, target: Member, words: list[str], today: date
                 ) -> tuple[Member, str | None, Period, date] | Reply:
    """Which plot and which period the words after the name ask for."""
    plot, rest = None, " ".join(words)
    found_plot = leading_plot(rest)
    if found_plot is not None:
        plot, rest = found_plot
    period = read_period(rest, today) if rest else Period(
        first=today.replace(day=1), last=today, kind="month")
    if period is None:
        return Reply(text=ctx.texts("diary.read.usage"))
    return target, plot, period, today


async def _lines(ctx: Ctx, target: Member, plot: str | None, period: Period
                 ) -> list[tuple[date, str]]:
    entries = await diary.entries_of(ctx.tx, target.id, period.first, period.last, plot)
    lines = [(e.day, _with_interval(ctx, e)) for e in entries]
    for item in await _harvest_items(ctx, target, period, plot):
        lines.append((item.day, ctx.texts("diary.activity.harvest") + " · " + item_line(
            ctx, item)))
    return sorted(lines, key=lambda pair: pair[0])


def _with_interval(ctx: Ctx, entry: DiaryEntry) -> str:
    line = entry_line(ctx, entry)
    if entry.activity == "spray":
        line += " · " + interval_cell(ctx, entry)
    return line + (" 📷" if entry.photo_ref else "")


async def _harvest_items(ctx: Ctx, target: Member, period: Period, plot: str | None
                         ) -> list[HarvestItem]:
    found = await harvests.member_lines(ctx.tx, target.id, period.first, period.last)
    items = []
    for line in found:
        entry = line.harvest
        if entry.status != "recorded" or entry.amount is None or entry.product_id is None:
            continue
        if plot is not None and entry.plot != plot:
            continue
        items.append(HarvestItem(index=0, product_id=entry.product_id,
                                 product_name=line.product_name or "?", amount=entry.amount,
                                 kind=line.kind or "weight", unit=line.unit or "kg",
                                 plot=entry.plot, day=entry.day))
    return items


async def on_export(ctx: Ctx, args: str) -> list[Reply]:
    """/xuatnhatky [lô] [kỳ]: my diary as an .xlsx, one sheet per plot, each with the header
    of a paper VietGAP diary; the file is named after the member and the period."""
    found = await _target(ctx, args, "nx")
    if isinstance(found, Reply):
        return [found]
    return [await _export(ctx, *found)]


async def _export(ctx: Ctx, target: Member, plot: str | None, period: Period, today: date
                  ) -> Reply:
    sheets = await _diary_sheets(ctx, target, plot, period) or {plot or "": []}
    label = period_label(ctx.texts, period, today)
    title = ctx.texts("diary.xlsx.title", name=target.display_name, period=label)
    org = await member_org_name(ctx.tx, target)
    shown_period = f"{fmt.day(period.first, ctx.locale)} – {fmt.day(period.last, ctx.locale)}"
    known = {fold(p.name): p for p in await diary.plots_of(ctx.tx, target.id)}
    pages = []
    for name, rows in sheets.items():
        about = known.get(fold(name)) if name else None
        unknown = ctx.texts("diary.xlsx.unknown")
        pages.append(DiarySheet(
            name=name or ctx.texts("diary.xlsx.no_plot"), rows=rows,
            header=[(ctx.texts("diary.xlsx.coop"), org),
                    (ctx.texts("diary.xlsx.farmer"), target.display_name),
                    (ctx.texts("diary.xlsx.plot"),
                     fmt.capitalised(name) if name else ctx.texts("diary.xlsx.no_plot")),
                    (ctx.texts("diary.xlsx.area"), (about.area if about else None) or unknown),
                    (ctx.texts("diary.xlsx.crop"), (about.crop if about else None) or unknown),
                    (ctx.texts("diary.xlsx.period"), shown_period)]))
    content = build_diary_workbook(ctx.texts, title, pages)
    filename = "-".join((ctx.texts("diary.xlsx.file"), file_slug(target.display_name),
                         _period_slug(period))) + ".xlsx"
    return Reply(text=ctx.texts("diary.xlsx.caption", title=title),
                 document=Attachment(filename=filename, content=content, mime_type=XLSX))


async def _diary_sheets(ctx: Ctx, target: Member, plot: str | None, period: Period
                        ) -> dict[str, list[list[Any]]]:
    """The rows of each plot (activities and harvests by day); every plot the member has
    gets its page, with or without entries, as in the paper book."""
    sheets: dict[str, list[list[Any]]] = defaultdict(list)
    if plot is None:
        for known in await diary.plots_of(ctx.tx, target.id):
            sheets.setdefault(known.name, [])
    names = {m.id: m.display_name for m in await members.list_members(
        ctx.tx, target.cooperative_id or 0)}
    timed: dict[str, list[tuple[datetime, list[Any]]]] = defaultdict(list)
    for entry in await diary.entries_of(ctx.tx, target.id, period.first, period.last, plot):
        timed[entry.plot or ""].append((entry.created_at, [
            entry.day, ctx.texts(f"xlsx.activity.{entry.activity}"), entry.input_name or "",
            entry.dose or "", interval_cell(ctx, entry), names.get(entry.recorded_by, ""),
            note_cell(ctx, entry.note, entry.photo_ref)]))
    for line in await harvests.member_lines(ctx.tx, target.id, period.first, period.last):
        entry = line.harvest
        if entry.status != "recorded" or entry.amount is None or entry.product_id is None:
            continue
        if plot is not None and entry.plot != plot:
            continue
        timed[entry.plot or ""].append((entry.created_at, [
            entry.day, ctx.texts("xlsx.activity.harvest"), fmt.capitalised(line.product_name or ""),
            amount_text(entry.amount, line.kind or "weight", line.unit, ctx.locale), "",
            # picked inside a spray's interval: the paper book must say so
            names.get(entry.recorded_by, ""), interval_note(entry.interval_warning)]))
    for name, rows in timed.items():  # by day, then in the order they were recorded
        sheets[name] = [row for _, row in sorted(rows, key=lambda pair: (pair[1][0], pair[0]))]
    return dict(sorted(sheets.items(), key=lambda kv: (kv[0] == "", kv[0])))


def _period_slug(period: Period) -> str:
    if period.kind == "month":
        return f"{period.first:%Y-%m}"
    if period.first == period.last:
        return f"{period.first:%Y-%m-%d}"
    return f"{period.first:%Y%m%d}-{period.last:%Y%m%d}"


async def on_silent(ctx: Ctx, args: str) -> list[Reply]:
    """/chuaghi [N]: members who recorded nothing in their production diary for N days (7 by
    default), those who logged no harvest either first: the reply says which it counts."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    typed = args.strip()
    days = read_id(typed, MAX_SILENT_DAYS) if typed.isdigit() else 7
    if days is None:
        return [Reply(text=ctx.texts("diary.silent.bad_days", most=MAX_SILENT_DAYS))]
    today = await local_day(ctx, member)
    since = today - timedelta(days=days - 1)
    span = {"days": days, "first": fmt.short_day(since, ctx.locale),
            "last": fmt.short_day(today, ctx.locale)}
    silent = await diary.silent_members(ctx.tx, member.cooperative_id, since)
    if not silent:
        return [Reply(text=ctx.texts("diary.silent.none", **span))]
    idle = [s for s in silent if s.last_harvest is None or s.last_harvest < since]
    groups = [ctx.texts(key, count=len(people), lines="\n".join(
                  _silent_line(ctx, s) for s in people))
              for key, people in (("diary.silent.idle", idle), ("diary.silent.harvests", [
                  s for s in silent if s not in idle])) if people]
    return [Reply(text=ctx.texts("diary.silent", count=len(silent), groups="\n".join(groups),
                                 **span))]


def _silent_line(ctx: Ctx, silent: diary.SilentMember) -> str:
    def day(value: date | None) -> str:
        return fmt.short_day(value, ctx.locale) if value else ctx.texts("report.never")

    return ctx.texts("diary.silent.line", name=silent.name, diary=day(silent.last_diary),
                     harvest=day(silent.last_harvest))
