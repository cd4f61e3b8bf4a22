"""The rows of the /baocao workbook: by product and by member with labelled totals, every
entry with its local time, what a waiting entry's farmer typed, the pre-harvest interval
and its history in words (old → new), and the cooperative's diary in plain words."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from handlers.context import Ctx
from handlers.diary import interval_cell
from handlers.intake import Intake, ProductTotal, catalogue_of
from handlers.prices import per_product_unit
from handlers.valuation import PriceBook, dong
from messages import format as fmt
from messages.harvest import Question, canonical_amount
from messages.harvest_render import amount_text
from messages.periods import Period
from messages.workbook import Row, Total
from storage import diary, reports
from storage.models import Product
from storage.reports import AuditRow, EntryRow


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A UTC time as the cooperative's wall clock (Excel has no zones: naive, to the minute)."""
    return moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


def _shown(amount: int, product: Product) -> tuple[Decimal, str]:
    value, unit = canonical_amount(amount, product.kind, product.unit)  # type: ignore[arg-type]
    return value, unit


def _unpriced_note(ctx: Ctx, total: ProductTotal) -> str:
    if not total.value:
        return ctx.texts("xlsx.note.no_price")
    if total.unpriced:
        product = total.product
        return ctx.texts("xlsx.note.partly_priced", amount=amount_text(
            total.unpriced, product.kind, product.unit, ctx.locale))
    return ""


def summary_rows(ctx: Ctx, found: Intake) -> list[Row]:
    """One row per product, then the labelled total (value of what has a price)."""
    rows: list[Row] = []
    totals = sorted(found.products.values(), key=lambda t: fmt.alphabetical(t.product.name))
    for total in totals:
        value, unit = _shown(total.amount, total.product)
        rows.append((total.product.name, unit, value, len(total.members), total.entries,
                     dong(total.value) if total.value else None, _unpriced_note(ctx, total)))
    if rows:
        left_out = [t.product.name for t in totals if not t.value or t.unpriced]
        rows.append(Total((ctx.texts("xlsx.total"), "", None, len(found.members),
                           sum(t.entries for t in totals),
                           dong(found.value) if found.priced else None,
                           ctx.texts("xlsx.note.left_out", names=", ".join(left_out))
                           if left_out else "")))
    return rows


def member_rows(ctx: Ctx, found: Intake, names: dict[int, str], book: PriceBook) -> list[Row]:
    """Each member's products, a subtotal per member, and the total of all members."""
    worth: dict[tuple[int, int], Fraction] = defaultdict(Fraction)
    priced: set[tuple[int, int]] = set()
    unpriced: set[tuple[int, int]] = set()
    for row in found.sums:
        value = book.value(row.product_id, row.day, row.amount)
        key = (row.member_id, row.product_id)
        if value is None:
            unpriced.add(key)
        else:
            worth[key] += value
            priced.add(key)
    rows: list[Row] = []
    everyone = Fraction(0)
    for member in sorted(found.members.values(),
                         key=lambda m: fmt.alphabetical(names.get(m.member_id, ""))):
        name = names.get(member.member_id, "?")
        units: set[str] = set()
        amount_sum, own, left_out = Decimal(0), Fraction(0), []
        for pid, amount in sorted(member.amounts.items(),
                                  key=lambda kv: fmt.alphabetical(
                                      found.products[kv[0]].product.name)):
            product = found.products[pid].product
            value, unit = _shown(amount, product)
            units.add(unit)
            amount_sum += value
            key = (member.member_id, pid)
            own += worth[key]
            if key in unpriced:
                left_out.append(product.name)
            note = ctx.texts("xlsx.note.no_price") if key not in priced else (
                ctx.texts("xlsx.note.partly") if key in unpriced else "")
            rows.append((name, product.name, unit, value,
                         dong(worth[key]) if key in priced else None, note))
        everyone += own
        # kilograms of tea and of cinnamon added up mean nothing: a quantity only for one
        single = len(member.amounts) == 1 and len(units) == 1
        rows.append(Total((name, ctx.texts("xlsx.subtotal"), units.pop() if single else "",
                           amount_sum if single else None, dong(own) if own else None,
                           ctx.texts("xlsx.note.left_out", names=", ".join(left_out))
                           if left_out else "")))
    if rows:
        rows.append(Total((ctx.texts("xlsx.total"), "", "", None,
                           dong(everyone) if found.priced else None, "")))
    return rows


async def entry_rows(ctx: Ctx, cooperative_id: int, period: Period, book: PriceBook,
                     zone: ZoneInfo) -> list[Row]:
    """Every entry of the period, whatever its status, with its history in words."""
    catalogue = await catalogue_of(ctx.tx, [cooperative_id])
    history: dict[int, list[str]] = defaultdict(list)
    for change in await reports.entry_audit(ctx.tx, cooperative_id, period.first, period.last):
        history[change.entry_id].append(_history_line(ctx, change, catalogue, zone))
    rows: list[Row] = []
    for entry in await reports.entries(ctx.tx, cooperative_id, period.first, period.last):
        rows.append(_entry_row(ctx, entry, catalogue, book, zone, history.get(entry.id, [])))
    return rows


def _entry_row(ctx: Ctx, entry: EntryRow, catalogue: dict[int, Product], book: PriceBook,
               zone: ZoneInfo, history: list[str]) -> Row:
    question = Question.model_validate_json(entry.question) if entry.question else None
    product_id = entry.product_id
    if product_id is None and question is not None:
        choices = {o.product_id for o in question.options}
        product_id = choices.pop() if len(choices) == 1 else None  # one product, unsure amount
    product = catalogue.get(product_id) if product_id else None
    amount: Decimal | None = None
    unit, price, value = "", None, None
    if product is not None and entry.amount:
        amount, unit = _shown(entry.amount, product)
        found = book.on(product.id, entry.day) if entry.status == "recorded" else None
        if found is not None:
            price = int(per_product_unit(found, product.unit).to_integral_value())
            worth = book.value(product.id, entry.day, entry.amount)
            value = dong(worth) if worth is not None else None
    typed = question.text if question is not None and entry.status != "recorded" else ""
    return (entry.id, entry.day, entry.member, product.name if product else "", amount, unit,
            entry.plot or "", ctx.texts(f"xlsx.status.{entry.status}"), typed,
            interval_note(entry.interval_warning), entry.recorded_by,
            local(entry.created_at, zone), price, value, "\n".join(history))


def interval_note(warning: str | None) -> str:
    """The warning the farmer got, as a note: its first sentence, without the sign."""
    if not warning:
        return ""
    text = warning
    while text and not text[0].isalnum():  # the warning sign and its variation selector
        text = text[1:]
    first, dot, _ = text.partition(". ")
    return first + (dot.strip() or "")


def _history_line(ctx: Ctx, change: AuditRow, catalogue: dict[int, Product],
                  zone: ZoneInfo) -> str:
    at = local(change.at, zone).strftime("%d/%m %H:%M")
    key = f"audit.{change.action}"
    action = ctx.texts(key) if ctx.texts.has(key) else ctx.texts("audit.other")
    changes = _changes(ctx, change.before or {}, change.after or {}, catalogue)
    if not changes:
        return ctx.texts("xlsx.history.bare", at=at, action=action)
    return ctx.texts("xlsx.history.line", at=at, action=action, changes=changes)


def _changes(ctx: Ctx, before: dict[str, Any], after: dict[str, Any],
             catalogue: dict[int, Product]) -> str:
    """ "17 kg → 15 kg, lô 3 → lô 4"; a first reading is shown whole; a question quotes
    what was typed."""
    if "text" in after and after.get("status") != "recorded":
        return ctx.texts("xlsx.history.typed", text=after["text"])
    if "amount" not in after:
        return ""
    if not before.get("amount"):  # the first reading: the row itself says the rest
        return _amount(ctx, after.get("amount"), catalogue.get(after.get("product_id") or 0))
    parts = []
    old, new = catalogue.get(before.get("product_id") or 0), catalogue.get(
        after.get("product_id") or 0)
    if old is not None and new is not None and old.id != new.id:
        parts.append(ctx.texts("xlsx.history.change", old=old.name, new=new.name))
    old_amount = _amount(ctx, before.get("amount"), old)
    new_amount = _amount(ctx, after.get("amount"), new)
    if old_amount != new_amount:
        parts.append(ctx.texts("xlsx.history.change", old=old_amount, new=new_amount))
    for field in ("plot", "day"):
        was, now = _field(ctx, field, before.get(field)), _field(ctx, field, after.get(field))
        if was != now:
            parts.append(ctx.texts("xlsx.history.change", old=was, new=now))
    return ", ".join(parts) or ctx.texts("xlsx.history.same")


def _amount(ctx: Ctx, amount: Any, product: Product | None) -> str:
    if not amount or product is None:
        return ""
    return amount_text(int(amount), product.kind, product.unit, ctx.locale)


def _field(ctx: Ctx, name: str, value: Any) -> str:
    if name == "plot":
        return value or ctx.texts("xlsx.history.no_plot")
    if not value:
        return ""
    return fmt.short_day(datetime.fromisoformat(str(value)), ctx.locale)


async def diary_rows(ctx: Ctx, cooperative_id: int, period: Period) -> list[Row]:
    """The cooperative's diary entries of the period, activities in plain words."""
    return [(entry.day, name, entry.plot or "", ctx.texts(f"xlsx.activity.{entry.activity}"),
             entry.input_name or "", entry.dose or "", interval_cell(ctx, entry),
             note_cell(ctx, entry.note, entry.photo_ref))
            for entry, name in await diary.cooperative_entries(ctx.tx, cooperative_id,
                                                               period.first, period.last)]


def note_cell(ctx: Ctx, note: str | None, photo: str | None) -> str:
    """A diary note, and "có ảnh" when a photo was sent with it."""
    return "; ".join(p for p in (note or "", ctx.texts("xlsx.photo") if photo else "") if p)
