"""Files for managers: /baocao [kỳ] (an .xlsx of the period) and /bieudo [N ngày] (a chart)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers import alliance_files, report_book
from handlers import outbox as announcements
from handlers.context import Ctx
from handlers.contract import Attachment, Reply
from handlers.intake import catalogue_of, intake
from handlers.orgs import member_org_name
from handlers.reports import period_label, report_today
from handlers.valuation import PriceBook
from messages.chart import Series, draw_daily
from messages.format import alphabetical, capitalised
from messages.periods import Period, read_period
from messages.workbook import Row, build_workbook, file_slug
from storage import members, orgs, prices, reach, reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_DAYS = 30
MAX_CHART_DAYS = 62  # two months of bars, each day still labelled
SHOWN_TEXT = 40  # an announcement in the /baocao sheet: how its text begins


async def on_export(ctx: Ctx, args: str) -> list[Reply]:
    """/baocao [kỳ]: the period's intake as an .xlsx (summary, by member, entries, diary)."""
    member = ctx.member
    assert member is not None
    today = await report_today(ctx)
    period = read_period(args, today) if args.strip() else Period(
        first=today.replace(day=1), last=today, kind="month")
    if period is None:
        return [Reply(text=ctx.texts("report.bad_period", text=args[:40]))]
    org = await member_org_name(ctx.tx, member)
    label = period_label(ctx.texts, period, today)
    # named after the organisation: a cooperative's and its alliance's reports of the same
    # period, or two cooperatives', are two files in a download folder, not one overwritten
    name = "-".join((ctx.texts("export.file"), file_slug(org),
                     f"{period.first:%Y%m%d}-{period.last:%Y%m%d}")) + ".xlsx"
    if member.cooperative_id is None:  # alliance staff: every cooperative of the alliance
        coops = await alliance_files.cooperatives(ctx)
        if not coops:
            return [Reply(text=ctx.texts("report.alliance_empty"))]
        content = await alliance_files.workbook(ctx, coops, period, f"{org} – {label}")
        return [Reply(text=ctx.texts("export.alliance_caption", org=org, period=label,
                                     count=len(coops)),
                      document=Attachment(filename=name, content=content, mime_type=XLSX))]
    content = await workbook(ctx, member.cooperative_id, period, f"{org} – {label}")
    return [Reply(text=ctx.texts("export.caption", org=org, period=label),
                  document=Attachment(filename=name, content=content, mime_type=XLSX))]


async def workbook(ctx: Ctx, cooperative_id: int, period: Period, title: str) -> bytes:
    """Build the export of one cooperative's period."""
    found = await intake(ctx.tx, [cooperative_id], period)
    book = PriceBook(await prices.price_rows(ctx.tx, [cooperative_id], period.last))
    names = {m.id: m.display_name for m in await members.list_members(ctx.tx, cooperative_id)}
    zone = ZoneInfo(await orgs.cooperative_timezone(ctx.tx, cooperative_id)
                    or ctx.config.timezone.key)
    tables: dict[str, list[Row]] = {
        "summary": report_book.summary_rows(ctx, found),
        "members": report_book.member_rows(ctx, found, names, book),
        "entries": await report_book.entry_rows(ctx, cooperative_id, period, book, zone),
        "diary": await report_book.diary_rows(ctx, cooperative_id, period),
        "announcements": await announcement_rows(ctx, cooperative_id, period, zone),
    }
    return build_workbook(ctx.texts, title, tables)


async def announcement_rows(
    ctx: Ctx, cooperative_id: int, period: Period, zone: ZoneInfo
) -> list[list[object]]:
    """Each announcement of the period (to this cooperative's members, its own or its
    alliance's) and each member's outcome: the app it reached them on, or why not."""
    start = datetime.combine(period.first, time(0, 0), zone)
    end = datetime.combine(period.last + timedelta(days=1), time(0, 0), zone)
    ids = await reach.announcements_between(ctx.tx, cooperative_id, start, end)
    rows: list[list[object]] = []
    for r in await reach.outcomes(ctx.tx, ids, cooperative_id):
        kind = announcements.kind_text(ctx.texts, r.kind, r.template_kind, r.urgent)
        channel = announcements.channel_name(ctx.texts, r.channel)
        why = announcements.outcome_text(ctx.texts, r.status, r.reason, r.last_error)
        note = (ctx.texts(f"outbox.reason.{r.reason}") if r.status == "sent"
                and r.reason and ctx.texts.has(f"outbox.reason.{r.reason}") else "")
        delivered = r.sent_at.astimezone(zone).replace(tzinfo=None) if r.sent_at else None
        about = _about(r.text)
        rows.append([f"#{r.announcement_id} {kind}: {about}", r.created_at.astimezone(zone).date(),
                     r.name, channel, why, note, delivered])
    return rows


def _about(text: str) -> str:
    """Which announcement it was, by how its message begins: past a heading line such as
    "📣 Liên minh HTX Yên Bái:" (every broadcast of the alliance starts so), without the
    leading sign a spreadsheet font may not have."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    first = next((line for line in lines if not line.endswith(":")), lines[0] if lines else "")
    while first and not first[0].isalnum():
        first = first[1:]
    first = first.strip()
    return first if len(first) <= SHOWN_TEXT else first[:SHOWN_TEXT - 1].rstrip() + "…"


async def on_chart(ctx: Ctx, args: str) -> list[Reply]:
    """/bieudo [kỳ]: daily intake by product over the last 30 days or the period given."""
    member = ctx.member
    assert member is not None
    today = await report_today(ctx)
    period = read_period(args, today) if args.strip() else Period(
        first=today - timedelta(days=CHART_DAYS - 1), last=today, kind="days")
    if period is None or period.days > MAX_CHART_DAYS:
        return [Reply(text=ctx.texts("chart.bad_period", days=MAX_CHART_DAYS))]
    org = await member_org_name(ctx.tx, member)
    label = period_label(ctx.texts, period, today)
    alliance = member.cooperative_id is None
    if alliance:  # one series per cooperative, stacked into the alliance's total
        coops = await alliance_files.cooperatives(ctx)
        series, left_out = await alliance_files.chart_series(ctx, coops, period)
    else:
        assert member.cooperative_id is not None
        series, left_out = await _chart_series(ctx, member.cooperative_id, period)
    if not series:
        return [Reply(text=ctx.texts("chart.empty", org=org, period=label))]
    title = ctx.texts("chart.alliance_title" if alliance else "chart.title", org=org,
                      period=label)
    days = [period.first + timedelta(days=n) for n in range(period.days)]
    png = draw_daily(ctx.texts, title, days, series, "kg", stacked=alliance)
    text = title + ("\n" + ctx.texts("chart.left_out", names=", ".join(left_out))
                    if left_out else "")
    # named like /baocao's file: a cooperative's and its alliance's charts are two files
    name = "-".join((ctx.texts("chart.file"), file_slug(org),
                     f"{period.first:%Y%m%d}-{period.last:%Y%m%d}")) + ".png"
    return [Reply(text=text, photo=Attachment(filename=name, content=png,
                                              mime_type="image/png"))]


async def _chart_series(ctx: Ctx, cooperative_id: int, period: Period
                        ) -> tuple[list[Series], list[str]]:
    """Weight products in kg, one value a day; the names of products left out (counted or
    by volume: one axis in kg). A product's colour key is its rank in the catalogue by id,
    which never changes: products are hidden, never deleted."""
    catalogue = await catalogue_of(ctx.tx, [cooperative_id])
    rank = {pid: index for index, pid in enumerate(sorted(catalogue))}
    values: dict[int, list[float]] = {}
    left_out: set[str] = set()
    for day_, pid, amount in await reports.daily_amounts(ctx.tx, cooperative_id, period.first,
                                                         period.last):
        product = catalogue[pid]
        if product.kind != "weight":
            left_out.add(capitalised(product.name))
            continue
        line = values.setdefault(pid, [0.0] * period.days)
        line[(day_ - period.first).days] += amount / 1000
    series = [Series(name=capitalised(catalogue[pid].name), key=rank[pid], values=line)
              for pid, line in sorted(values.items(),
                                      key=lambda kv: alphabetical(catalogue[kv[0]].name))]
    return series, sorted(left_out)
