"""Files for managers: /baocao [kỳ] (an .xlsx of the period) and /bieudo [N ngày] (a chart)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from handlers.context import Ctx
from handlers.contract import Attachment, Reply
from handlers.diary import interval_cell
from handlers.intake import Intake, catalogue_of, intake
from handlers.orgs import member_org_name
from handlers.prices import per_product_unit
from handlers.reports import period_label, report_today
from handlers.valuation import PriceBook, dong
from messages.chart import draw_daily
from messages.format import capitalised
from messages.harvest import canonical_amount
from messages.periods import Period, read_period
from messages.workbook import Row, build_workbook
from storage import diary, members, prices, reports
from storage.models import Product

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_DAYS = 30


async def on_export(ctx: Ctx, args: str) -> list[Reply]:
    """/baocao [kỳ]: the period's intake as an .xlsx (summary, by member, entries, diary)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await report_today(ctx)
    period = read_period(args, today) if args.strip() else Period(
        first=today.replace(day=1), last=today, kind="month")
    if period is None:
        return [Reply(text=ctx.texts("report.bad_period", text=args[:40]))]
    org = await member_org_name(ctx.tx, member)
    label = period_label(ctx.texts, period, today)
    content = await workbook(ctx, member.cooperative_id, period, f"{org} – {label}")
    name = f"bao-cao-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
    return [Reply(text=ctx.texts("export.caption", org=org, period=label),
                  document=Attachment(filename=name, content=content, mime_type=XLSX))]


async def workbook(ctx: Ctx, cooperative_id: int, period: Period, title: str) -> bytes:
    """Build the export of one cooperative's period."""
    found = await intake(ctx.tx, [cooperative_id], period)
    book = PriceBook(await prices.price_rows(ctx.tx, [cooperative_id], period.last))
    names = {m.id: m.display_name for m in await members.list_members(ctx.tx, cooperative_id)}
    tables: dict[str, list[Row]] = {
        "summary": _summary_rows(found),
        "members": _member_rows(found, names, book),
        "entries": await _entry_rows(ctx, cooperative_id, period, book),
        "diary": await _diary_rows(ctx, cooperative_id, period),
    }
    return build_workbook(ctx.texts, title, tables)


def _shown(amount: int, product: Product) -> tuple[Decimal, str]:
    value, unit = canonical_amount(amount, product.kind, product.unit)  # type: ignore[arg-type]
    return value, unit


def _summary_rows(found: Intake) -> list[Row]:
    rows: list[Row] = []
    for total in sorted(found.products.values(), key=lambda t: t.product.name):
        value, unit = _shown(total.amount, total.product)
        rows.append((total.product.name, unit, value, len(total.members), total.entries,
                     dong(total.value) if total.value else None))
    if rows and found.priced:
        rows.append(("", "", None, len(found.members), sum(t.entries for t in
                                                          found.products.values()),
                     dong(found.value)))
    return rows


def _member_rows(found: Intake, names: dict[int, str], book: PriceBook) -> list[Row]:
    worth: dict[tuple[int, int], Fraction] = defaultdict(Fraction)
    priced: set[tuple[int, int]] = set()
    for row in found.sums:
        value = book.value(row.product_id, row.day, row.amount)
        if value is not None:
            worth[(row.member_id, row.product_id)] += value
            priced.add((row.member_id, row.product_id))
    rows: list[Row] = []
    for member in sorted(found.members.values(), key=lambda m: names.get(m.member_id, "")):
        for pid, amount in sorted(member.amounts.items()):
            product = found.products[pid].product
            value, unit = _shown(amount, product)
            key = (member.member_id, pid)
            rows.append((names.get(member.member_id, "?"), product.name, unit, value,
                         dong(worth[key]) if key in priced else None))
    return rows


async def _entry_rows(ctx: Ctx, cooperative_id: int, period: Period, book: PriceBook) -> list[Row]:
    history: dict[int, list[str]] = defaultdict(list)
    for change in await reports.entry_audit(ctx.tx, cooperative_id, period.first, period.last):
        key = f"audit.{change.action}"
        action = ctx.texts(key) if ctx.texts.has(key) else change.action
        history[change.entry_id].append(f"{action} {change.at[:16].replace('T', ' ')}")
    catalogue = await catalogue_of(ctx.tx, [cooperative_id])
    rows: list[Row] = []
    for entry in await reports.entries(ctx.tx, cooperative_id, period.first, period.last):
        product = catalogue.get(entry.product_id) if entry.product_id else None
        amount, unit, price, value = None, "", None, None
        if product is not None and entry.amount:
            amount, unit = _shown(entry.amount, product)
            found = book.on(product.id, entry.day) if entry.status == "recorded" else None
            if found is not None:
                price = int(per_product_unit(found, product.unit).to_integral_value())
                worth = book.value(product.id, entry.day, entry.amount)
                value = dong(worth) if worth is not None else None
        rows.append((entry.id, entry.day, entry.member, entry.product or "", amount, unit,
                     entry.plot or "", ctx.texts(f"xlsx.status.{entry.status}"),
                     entry.recorded_by, entry.created_at[:16].replace("T", " "), price, value,
                     "; ".join(history.get(entry.id, []))))
    return rows


async def _diary_rows(ctx: Ctx, cooperative_id: int, period: Period) -> list[Row]:
    return [(entry.day, name, entry.plot or "", ctx.texts(f"diary.activity.{entry.activity}"),
             entry.input_name or "", entry.dose or "", interval_cell(ctx, entry),
             entry.note or "")
            for entry, name in await diary.cooperative_entries(ctx.tx, cooperative_id,
                                                               period.first, period.last)]


async def on_chart(ctx: Ctx, args: str) -> list[Reply]:
    """/bieudo [N ngày]: daily intake by product over the last N days (30 by default)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await report_today(ctx)
    period = read_period(args, today) if args.strip() else Period(
        first=today - timedelta(days=CHART_DAYS - 1), last=today, kind="days")
    if period is None or period.days < 2:
        return [Reply(text=ctx.texts("chart.bad_period"))]
    catalogue = await catalogue_of(ctx.tx, [member.cooperative_id])
    amounts = await reports.daily_amounts(ctx.tx, member.cooperative_id, period.first,
                                          period.last)
    days = [period.first + timedelta(days=n) for n in range(period.days)]
    series: dict[str, list[float]] = {}
    for day_, pid, amount in amounts:
        product = catalogue[pid]
        if product.kind != "weight":
            continue  # one axis in kg: counted and volume products stay in /tonghop
        name = capitalised(product.name)
        line = series.setdefault(name, [0.0] * len(days))
        line[(day_ - period.first).days] += amount / 1000
    org = await member_org_name(ctx.tx, member)
    label = period_label(ctx.texts, period, today)
    title = ctx.texts("chart.title", org=org, period=label)
    png = draw_daily(ctx.texts, title, days, series, "kg")
    text = title if series else ctx.texts("chart.empty", org=org, period=label)
    return [Reply(text=text, photo=Attachment(filename="bieu-do.png", content=png,
                                              mime_type="image/png"))]
