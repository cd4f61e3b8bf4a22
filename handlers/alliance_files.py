"""/baocao and /bieudo for alliance staff: every cooperative of their alliance, one sheet or
one series each, and the alliance's total; a value that leaves out unpriced products says so."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from handlers.context import Ctx
from handlers.intake import Intake, catalogue_of, intake
from handlers.report_book import summary_rows
from handlers.valuation import dong
from messages.chart import Series
from messages.format import alphabetical
from messages.harvest import canonical_amount
from messages.periods import Period
from messages.workbook import Row, Total, build_alliance_workbook
from storage import orgs, reports
from storage.models import Cooperative


@dataclass
class _Line:
    """One product (by name, whatever its case, and unit) over the whole alliance."""

    name: str = ""  # as the first cooperative writes it
    amount: Decimal = Decimal(0)
    people: int = 0
    entries: int = 0
    value: int = 0
    priced: bool = False
    unpriced: bool = False
    coops: list[str] = field(default_factory=list)


async def cooperatives(ctx: Ctx) -> list[Cooperative]:
    """The cooperatives of the staff member's alliance, by id."""
    assert ctx.member is not None and ctx.member.alliance_id is not None
    return await orgs.list_cooperatives(ctx.tx, ctx.member.alliance_id)


def shown_names(coops: list[Cooperative]) -> list[str]:
    """Cooperatives' names, a repeated one numbered ("HTX Chè (2)") so rows, sheets and
    series can be told apart."""
    seen: dict[str, int] = defaultdict(int)
    names = []
    for coop in coops:
        seen[coop.name.casefold()] += 1
        count = seen[coop.name.casefold()]
        names.append(coop.name if count == 1 else f"{coop.name} ({count})")
    return names


async def workbook(ctx: Ctx, coops: list[Cooperative], period: Period, title: str) -> bytes:
    """The alliance sheet (each cooperative, then the alliance by product and its total),
    then one sheet per cooperative."""
    found = [(name, await intake(ctx.tx, [coop.id], period))
             for coop, name in zip(coops, shown_names(coops), strict=True)]
    return build_alliance_workbook(ctx.texts, title, alliance_rows(ctx, found),
                                   [(name, summary_rows(ctx, each)) for name, each in found])


def alliance_rows(ctx: Ctx, found: list[tuple[str, Intake]]) -> list[Row]:
    """Each cooperative's products and its subtotal; then the alliance by product and the
    alliance total, with a note naming what a value leaves out."""
    rows: list[Row] = []
    lines: dict[tuple[str, str], _Line] = defaultdict(_Line)
    for name, each in found:
        left_out = []
        for total in sorted(each.products.values(), key=lambda t: alphabetical(t.product.name)):
            product = total.product
            amount, unit = canonical_amount(total.amount, product.kind,  # type: ignore[arg-type]
                                            product.unit)
            value = dong(total.value) if total.value else None
            partial = not total.value or bool(total.unpriced)
            if partial:
                left_out.append(product.name)
            rows.append((name, product.name, unit, amount, len(total.members), total.entries,
                         value, ctx.texts("xlsx.note.no_price") if not total.value else
                         ctx.texts("xlsx.note.partly") if total.unpriced else ""))
            # "chè búp tươi" and "Chè búp tươi" of two cooperatives are one product: the
            # report writes both "Chè búp tươi", so two rows would look like a double count
            line = lines[(product.name.casefold(), unit)]
            line.name = line.name or product.name
            line.amount += amount
            line.people += len(total.members)
            line.entries += total.entries
            line.value += value or 0
            line.priced |= value is not None
            line.unpriced |= partial
        rows.append(Total((name, ctx.texts("xlsx.subtotal"), "", None, len(each.members),
                           sum(t.entries for t in each.products.values()),
                           dong(each.value) if each.priced else None,
                           _left_out(ctx, left_out) if each.products
                           else ctx.texts("xlsx.empty.summary"))))
    everyone = ctx.texts("xlsx.alliance_all")
    in_order = sorted(lines.items(), key=lambda kv: (alphabetical(kv[0][0]), kv[0][1]))
    for (_, unit), line in in_order:
        rows.append((everyone, line.name, unit, line.amount, line.people, line.entries,
                     line.value if line.priced else None,
                     ctx.texts("xlsx.note.partly") if line.unpriced and line.priced else
                     ctx.texts("xlsx.note.no_price") if not line.priced else ""))
    left_out = sorted({line.name for line in lines.values() if line.unpriced},
                      key=alphabetical)
    rows.append(Total((ctx.texts("xlsx.total"), "", "", None,
                       sum(len(each.members) for _, each in found),
                       sum(line.entries for line in lines.values()),
                       sum(line.value for line in lines.values())
                       if any(line.priced for line in lines.values()) else None,
                       _left_out(ctx, left_out))))
    return rows


def _left_out(ctx: Ctx, names: list[str]) -> str:
    return ctx.texts("xlsx.note.left_out", names=", ".join(names)) if names else ""


async def chart_series(ctx: Ctx, coops: list[Cooperative], period: Period
                       ) -> tuple[list[Series], list[str]]:
    """Each cooperative's daily intake of weight products in kg (stacked, they make the
    alliance's total); the names of products left out. A cooperative's colour follows its
    rank in the alliance by id."""
    series: list[Series] = []
    left_out: set[str] = set()
    for rank, (coop, name) in enumerate(zip(coops, shown_names(coops), strict=True)):
        catalogue = await catalogue_of(ctx.tx, [coop.id])
        values = [0.0] * period.days
        for day_, pid, amount in await reports.daily_amounts(ctx.tx, coop.id, period.first,
                                                             period.last):
            if catalogue[pid].kind != "weight":
                left_out.add(catalogue[pid].name)
                continue
            values[(day_ - period.first).days] += amount / 1000
        if any(values):
            series.append(Series(name=name, key=rank, values=values))
    return series, sorted(left_out)
