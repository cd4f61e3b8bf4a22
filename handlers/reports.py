"""Intake reports in chat: /tonghop (or "hôm nay thu được bao nhiêu"), /thanhvien, /chuabao
and /saoke. Managers see their cooperative; alliance staff see each cooperative of their
alliance, read-only; a member who asks for the cooperative's figures is told so, politely,
and gets their own."""

from __future__ import annotations

import re
from datetime import date, timedelta
from fractions import Fraction

from handlers.catalogue import entries
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import local_day
from handlers.intake import Intake, MemberTotal, ProductTotal, intake, member_intake
from handlers.name_pick import offer, picked
from handlers.orgs import member_org_name
from handlers.prices import per_product_unit
from handlers.valuation import PriceBook, dong
from messages import format as fmt
from messages.fold import fold
from messages.harvest_render import amount_text
from messages.i18n import Texts
from messages.people import named
from messages.periods import (
    Period,
    question_period,
    question_product,
    question_unclear,
    question_unknown,
    read_period,
)
from messages.prices import price_text
from messages.telex import spelled, spelled_words
from storage import members, orgs, prices, reports
from storage.models import Cooperative, Member
from storage.reports import Flagged, MemberActivity

TOP = 5
FLAGGED_SHOWN = 10  # entries picked inside an interval listed under /tonghop; then a count
USUAL_WINDOW = timedelta(days=14)  # "usually reports": on 3 of the last 14 days
USUAL_DAYS = 3


async def report_today(ctx: Ctx) -> date:
    """The local day of the person asking (their cooperative's, or the bot's for staff)."""
    assert ctx.member is not None
    if ctx.member.cooperative_id is not None:
        return await local_day(ctx, ctx.member)
    return ctx.incoming.sent_at.astimezone(ctx.config.timezone).date()


def period_label(texts: Texts, period: Period, today: date) -> str:
    """ "hôm nay 23/11", "ngày 20/11", "20/11–22/11", "tháng 11/2026"."""
    first, last = fmt.short_day(period.first, texts.locale), fmt.short_day(period.last,
                                                                           texts.locale)
    if period.kind == "day":
        key = "report.period.today" if period.first == today else "report.period.day"
        return texts(key, day=first)
    if period.kind == "month":
        return texts("report.period.month", month=f"{period.first:%m/%Y}")
    return texts("report.period.range", first=first, last=last)


async def on_summary(ctx: Ctx, args: str) -> list[Reply]:
    """/tonghop [kỳ]: the intake of a period by product, top members and flags."""
    today = await report_today(ctx)
    period = read_period(args, today)
    if period is None:
        return [Reply(text=ctx.texts("report.bad_period", text=args[:40]))]
    return await _summary(ctx, period, today)


MAX_NAMED = 12  # products listed when a question names one the cooperative does not have


async def on_product_period(ctx: Ctx, period: Period, product_id: int,
                            product_name: str) -> list[Reply]:
    """ "quế tháng này", "chè hôm qua?": one product's intake over a period, asked without
    an asking word (found by the harvest handler, which reads such messages first)."""
    return await _summary(ctx, period, await report_today(ctx), product_id, product_name,
                          asked=True)


async def on_question(ctx: Ctx) -> list[Reply]:
    """A plain question: "hôm nay thu được bao nhiêu", "tổng tuần này", "chè hôm nay bao
    nhiêu" (one product)."""
    today = await report_today(ctx)
    text = ctx.incoming.text or ""
    product = None
    period = question_period(text, today)
    typed = spelled(text) if len(text) <= 200 else None
    if typed is not None and question_period(typed, today) not in (None, period):
        # "tuaanf nafy bn": read as typed, "tuần này" is lost and today answered instead
        words = ", ".join(f'"{w}"' for w in spelled_words(text))
        return [Reply(text=ctx.texts("question.spelled", words=words,
                                     text=fmt.clipped(typed, 80)))]
    if period is None:  # a period named but not read: never answer for another one
        return [Reply(text=ctx.texts("question.bad_period", text=fmt.clipped(text, 60)))]
    if ctx.member is not None and ctx.member.cooperative_id is not None:
        own = await orgs.get_cooperative(ctx.tx, ctx.member.cooperative_id)
        if own is not None:  # "Chè Phình Hồ tháng này": the cooperative, not its "chè"
            text, _ = _without_cooperatives(text, [own])
        catalogue = await entries(ctx.tx, ctx.member.cooperative_id, ctx.now)
        unclear = question_unclear(text, catalogue, today)
        if unclear is not None:  # a person, an unknown product: never the whole intake
            return [Reply(text=ctx.texts("question.unclear", words=unclear[:60]))]
        unknown = question_unknown(text, catalogue, today)
        if unknown is not None and catalogue:  # "gừng tuần này": no such product, no figures
            return [Reply(text=ctx.texts(
                "question.unknown_product", words=unknown[:40], example=catalogue[0].name,
                names=", ".join(e.name for e in catalogue[:MAX_NAMED])))]
        product = question_product(text, catalogue, today)
    elif ctx.member is not None and ctx.member.alliance_id is not None:
        # alliance staff: each cooperative has its own catalogue; "quế tháng này" is quế
        # in every one of them, never every product; a cooperative named ("HTX Chè Phình
        # Hồ tháng này") is that cooperative, and its name is no product ("chè")
        coops = await orgs.list_cooperatives(ctx.tx, ctx.member.alliance_id)
        text, only = _without_cooperatives(text, coops)
        named: dict[int, int] = {}
        unclear = None
        for coop in coops:
            catalogue = await entries(ctx.tx, coop.id, ctx.now)
            unclear = unclear or question_unclear(text, catalogue, today)
            found = question_product(text, catalogue, today)
            if found is not None:
                named[coop.id] = found.id
                product = product or found
        if unclear is not None and product is None:
            return [Reply(text=ctx.texts("question.unclear", words=unclear[:60]))]
        if product is not None or only:
            label = period_label(ctx.texts, period, today)
            label += f" · {product.name}" if product is not None else ""
            return [Reply(text=await _alliance(ctx, ctx.member, period, label,
                                               named if product is not None else None, only))]
    return await _summary(ctx, period, today, product.id if product else None,
                          product.name if product else None, asked=True)


def _without_cooperatives(text: str, coops: list[Cooperative]) -> tuple[str, set[int]]:
    """A question with the names of the cooperatives it names taken out (found without case
    and diacritics, taken out of the text as typed: "hồi" must stay "hồi"), and their ids."""
    chars = [" " if c.isspace() else fold(c) for c in text]
    aligned = all(len(c) == 1 for c in chars)  # each character folds to one: same places
    folded, kept, only = "".join(chars) if aligned else fold(text), text, set()
    for coop in coops:
        name = fold(coop.name)
        for variant in (name, name.removeprefix("htx ").strip()):
            pattern = rf"(?<!\w){re.escape(variant)}(?!\w)"
            spans = [m.span() for m in re.finditer(pattern, folded)] if variant else []
            if not spans:
                continue
            for start, end in reversed(spans):
                folded = folded[:start] + " " * (end - start) + folded[end:]
                if aligned:
                    kept = kept[:start] + " " * (end - start) + kept[end:]
            only.add(coop.id)
            break
    if not only:
        return text, only
    return " ".join((kept if aligned else folded).split()), only


async def _summary(
    ctx: Ctx, period: Period, today: date, product_id: int | None = None,
    product_name: str | None = None, asked: bool = False,
) -> list[Reply]:
    member = ctx.member
    assert member is not None
    label = period_label(ctx.texts, period, today)
    if member.role == "staff":  # every product of every cooperative of the alliance
        return [Reply(text=await _alliance(ctx, member, period, label))]
    if product_name:  # "quế tháng này": the answer says it is about quế (none, or how much)
        label = f"{label} · {product_name}"
    if member.role == "member":  # "tháng này em được mấy tạ quế": their own, of that product
        own = await _own(ctx, member, period, label, product_id)
        if asked:  # "tuần này em giao được bao nhiêu": their own figures, nothing refused
            return [Reply(text=own)]
        return [Reply(text=ctx.texts("report.members_refused") + "\n\n" + own)]
    assert member.cooperative_id is not None
    found = await intake(ctx.tx, [member.cooperative_id], period, product_id)
    org = await member_org_name(ctx.tx, member)
    return [Reply(text=await render(ctx, found, org, label))]


async def render(ctx: Ctx, found: Intake, org: str, label: str) -> str:
    """The phone-sized summary of one cooperative's intake."""
    if not found.products:
        text = ctx.texts("report.empty", org=org, period=label)
    else:
        lines = [_product_line(ctx, t) for t in sorted(
            found.products.values(),
            key=lambda t: (-t.value, -t.amount, fmt.alphabetical(t.product.name)))]
        text = ctx.texts("report.title", org=org, period=label) + "\n" + "\n".join(lines)
        if found.priced:
            text += "\n" + ctx.texts("report.total_value", value=fmt.money(dong(found.value),
                                                                           ctx.locale))
            left_out = [t.product.name for t in found.products.values() if t.unpriced]
            if left_out:  # a total that leaves products out says which
                text += " " + ctx.texts("report.leaves_out", names=", ".join(left_out))
        top = [await _top_line(ctx, m, found) for m in found.top(TOP)]
        text += "\n" + ctx.texts("report.top", lines="\n".join(top))
    if found.warned:  # its own line, with the entries under it
        text += "\n" + ctx.texts("report.flag.interval", count=found.warned)
        text += "".join("\n" + _flagged_line(ctx, f, found)
                        for f in found.flagged[:FLAGGED_SHOWN])
        if len(found.flagged) > FLAGGED_SHOWN:
            text += "\n" + ctx.texts("report.flag.more",
                                     count=len(found.flagged) - FLAGGED_SHOWN)
    notes = []
    if found.by_manager:
        notes.append(ctx.texts("report.flag.by_manager", count=found.by_manager))
    if found.pending:
        notes.append(ctx.texts("report.flag.pending", count=found.pending))
    return text + ("\n" + " · ".join(notes) if notes else "")


def _flagged_line(ctx: Ctx, entry: Flagged, found: Intake) -> str:
    """ "• 21/11 Lan: 30 kg chè, lô 3": which entry was picked inside an interval."""
    product = found.products[entry.product_id].product
    return ctx.texts(
        "report.flag.line", day=fmt.short_day(entry.day, ctx.locale), name=entry.member,
        amount=amount_text(entry.amount, product.kind, product.unit, ctx.locale),
        product=product.name,
        plot=ctx.texts("report.flag.plot", plot=entry.plot) if entry.plot else "")


def _product_line(ctx: Ctx, total: ProductTotal, own: bool = False) -> str:
    """A product's line; in a member's own figures without the count of people ("1 người")."""
    product = total.product
    amount = amount_text(total.amount, product.kind, product.unit, ctx.locale)
    name = fmt.capitalised(product.name)
    if total.value:
        value = fmt.money(dong(total.value), ctx.locale)
        if total.unpriced:
            value += " " + ctx.texts("report.partly_priced")
    else:
        value = ctx.texts("report.no_price")
    if own:
        return ctx.texts("report.own_line", name=name, amount=amount, value=value)
    return ctx.texts("report.product_line", name=name, amount=amount,
                     members=len(total.members), value=value)


async def _top_line(ctx: Ctx, member: MemberTotal, found: Intake) -> str:
    person = await members.get_member(ctx.tx, member.member_id)
    parts = []  # each with its product, in the order of the product lines above it
    for pid, total in found.products.items():
        amount = member.amounts.get(pid)
        if amount is None:
            continue
        product = total.product
        parts.append(ctx.texts("report.top_amount", product=product.name, amount=amount_text(
            amount, product.kind, product.unit, ctx.locale)))
    value = f" · {fmt.money(dong(member.value), ctx.locale)}" if member.value else ""
    name = person.display_name if person else "?"
    return ctx.texts("report.top_line", name=name, amounts=", ".join(parts), value=value)


async def _own(ctx: Ctx, member: Member, period: Period, label: str,
               product_id: int | None = None) -> str:
    assert member.cooperative_id is not None
    mine = await member_intake(ctx.tx, member.cooperative_id, member.id, period, product_id)
    if not mine.products:
        return ctx.texts("report.own_empty", period=label)
    lines = [_product_line(ctx, t, own=True) for t in mine.products.values()]
    text = ctx.texts("report.own_title", period=label) + "\n" + "\n".join(lines)
    if mine.priced:
        text += "\n" + ctx.texts("report.total_value",
                                 value=fmt.money(dong(mine.value), ctx.locale))
    return text


async def _alliance(ctx: Ctx, staff: Member, period: Period, label: str,
                    products: dict[int, int] | None = None, only: set[int] | None = None
                    ) -> str:
    """Each cooperative of the alliance (or those in `only`) and the total; `products`: one
    product asked about, its id in each cooperative's catalogue (a cooperative without it
    has none of it)."""
    assert staff.alliance_id is not None
    coops = [c for c in await orgs.list_cooperatives(ctx.tx, staff.alliance_id)
             if not only or c.id in only]
    if not coops:
        return ctx.texts("report.alliance_empty")
    parts = [ctx.texts("report.alliance_title", period=label)]
    total, people, unpriced = Fraction(0), 0, False
    for coop in coops:
        # a cooperative without the product asked about: no row has the id 0
        found = await intake(ctx.tx, [coop.id], period,
                             None if products is None else products.get(coop.id, 0))
        amounts = ", ".join(
            amount_text(t.amount, t.product.kind, t.product.unit, ctx.locale)
            + " " + t.product.name for t in found.products.values()) or "–"
        left_out = [t.product.name for t in found.products.values() if t.unpriced]
        value = fmt.money(dong(found.value), ctx.locale) if found.priced else ctx.texts(
            "report.no_price")
        if found.priced and left_out:  # a value that leaves products out says which
            value += " " + ctx.texts("report.leaves_out", names=", ".join(left_out))
        parts.append(ctx.texts("report.alliance_line", org=coop.name, amounts=amounts,
                               members=len(found.members), value=value))
        total, people = total + found.value, people + len(found.members)
        unpriced = unpriced or bool(left_out)
    if only and len(coops) == 1:  # one cooperative asked about: no "Toàn liên minh" line
        return "\n".join(parts)
    shown = fmt.money(dong(total), ctx.locale)
    key = "report.alliance_total_partial" if unpriced else "report.alliance_total"
    parts.append(ctx.texts(key, members=people, value=shown))
    return "\n".join(parts)


async def on_members(ctx: Ctx, args: str) -> list[Reply]:
    """/thanhvien: the cooperative's members with their last recorded day."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await report_today(ctx)
    people = await _activity(ctx, member.cooperative_id, today)
    lines = []
    for p in people:
        last = fmt.short_day(p.last_day, ctx.locale) if p.last_day else ctx.texts(
            "report.never")
        lines.append(ctx.texts("report.member_line", name=p.name, role=ctx.texts.role(p.role),
                               last=last))
    return [Reply(text=ctx.texts("report.members", count=len(people), lines="\n".join(lines)))]


async def _activity(ctx: Ctx, cooperative_id: int, today: date) -> list[MemberActivity]:
    return await reports.activity(ctx.tx, cooperative_id, today - USUAL_WINDOW)


async def on_missing(ctx: Ctx, args: str) -> list[Reply]:
    """/chuabao: members who usually report but have not today."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await report_today(ctx)
    people = await _activity(ctx, member.cooperative_id, today)
    missing = [p for p in people if p.recent_days >= USUAL_DAYS and p.last_day != today]
    if not missing:
        return [Reply(text=ctx.texts("report.missing_none", day=fmt.short_day(today,
                                                                               ctx.locale)))]
    lines = [ctx.texts("report.missing_line", name=p.name,
                       last=fmt.short_day(p.last_day, ctx.locale) if p.last_day else "–")
             for p in missing]
    return [Reply(text=ctx.texts("report.missing", day=fmt.short_day(today, ctx.locale),
                                 count=len(missing), lines="\n".join(lines)))]


async def on_statement(ctx: Ctx, args: str) -> list[Reply]:
    """/saoke [tên] [kỳ]: every delivery of a period with its price and amount, and the total.
    A name that names several members is answered with one button each (sk:<member id>)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    today = await report_today(ctx)
    target, rest = member, args.strip()
    if member.role == "manager" and rest:
        found = await _member_named(ctx, member.cooperative_id, rest, today)
        if isinstance(found, Reply):
            return [found]
        target, rest = found
    return [await _statement(ctx, target, rest, today)]


async def on_statement_pick(ctx: Ctx, data: str) -> list[Reply]:
    """sk:<member id>: the member a manager chose for /saoke."""
    found = await picked(ctx, data)
    if isinstance(found, Reply):
        return [found]
    return [await _statement(ctx, found[0], found[1], await report_today(ctx))]


async def _statement(ctx: Ctx, target: Member, rest: str, today: date) -> Reply:
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    period = read_period(rest, today) if rest else Period(
        first=today.replace(day=1), last=today, kind="month")
    if period is None:
        return Reply(text=ctx.texts("report.bad_period", text=rest[:40]))
    mine = await member_intake(ctx.tx, member.cooperative_id, target.id, period)
    label = period_label(ctx.texts, period, today)
    if not mine.sums:
        return Reply(text=ctx.texts("statement.empty", name=target.display_name, period=label))
    book = PriceBook(await prices.price_rows(ctx.tx, [member.cooperative_id], period.last))
    lines = []
    unpriced: list[tuple[date, str]] = []  # (day, product) of each line without a price
    for row in sorted(mine.sums, key=lambda r: (r.day, r.product_id)):
        product = mine.products[row.product_id].product
        amount = amount_text(row.amount, product.kind, product.unit, ctx.locale)
        price = book.on(row.product_id, row.day)
        worth = book.value(row.product_id, row.day, row.amount)
        lines.append(ctx.texts(
            "statement.line", day=fmt.short_day(row.day, ctx.locale),
            name=fmt.capitalised(product.name), amount=amount,
            price=price_text(per_product_unit(price, product.unit), product.unit, ctx.locale)
            if price else ctx.texts("report.no_price"),
            value=fmt.money(dong(worth), ctx.locale) if worth is not None else "–"))
        if worth is None:
            unpriced.append((row.day, product.name))
    text = ctx.texts("statement.title", name=target.display_name, period=label)
    text += "\n" + "\n".join(lines) + "\n" + _statement_total(ctx, mine, unpriced)
    return Reply(text=text)


def _statement_total(ctx: Ctx, mine: Intake, unpriced: list[tuple[date, str]]) -> str:
    """The total owed; with no price at all, that it is not known yet and how a price is set
    (a "0 đ" total would read as nothing owed)."""
    value = fmt.money(dong(mine.value), ctx.locale)
    if not unpriced:
        return ctx.texts("statement.total", value=value)
    if not mine.priced:
        text = ctx.texts("statement.total_unknown")
    else:
        text = ctx.texts("statement.total_partial", value=value) + "\n" + ctx.texts(
            "statement.unpriced")
    assert ctx.member is not None
    if ctx.member.role != "manager":
        return text + "\n" + ctx.texts("statement.price_hint.member")
    day, product = min(unpriced)
    return text + "\n" + ctx.texts("statement.price_hint.manager", product=product,
                                    day=fmt.short_day(day, ctx.locale))


async def _member_named(
    ctx: Ctx, cooperative_id: int, text: str, today: date
) -> tuple[Member, str] | Reply:
    """Split "Lan tháng 11" into the member named and the rest; a Reply when unclear (the
    candidates as buttons when the name names several)."""
    people = await members.list_members(ctx.tx, cooperative_id)
    words = text.split()
    for cut in range(len(words), 0, -1):
        name, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if rest and read_period(rest, today) is None:
            continue
        found = named(name, people, lambda p: p.display_name)
        if len(found) == 1:
            return found[0], rest
        if len(found) > 1:
            return await offer(ctx, "sk", name, found, rest)
    return Reply(text=ctx.texts("statement.unknown", text=text[:40]))
