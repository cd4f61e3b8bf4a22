"""Buying prices: managers set them (/gia chè 25k, "giá quế 2tr5/tạ"), everyone reads them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from handlers.catalogue import entries
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.harvest import coop_zone
from messages import format as fmt
from messages.i18n import Texts
from messages.prices import (
    MoneyMention,
    PriceReading,
    is_price_question,
    per_unit_price,
    price_text,
    read_price,
    words_beyond,
)
from messages.products import ProductEntry, match_product
from messages.quantity import unit_named
from storage import orgs, prices, state
from storage.db import Tx
from storage.prices import Price


async def on_price(ctx: Ctx, args: str) -> list[Reply]:
    """/gia: show today's prices; /gia chè 25k (managers): set one."""
    member = ctx.member
    assert member is not None
    if member.cooperative_id is None:
        if member.role == "staff" and member.alliance_id is not None:
            return [await _alliance_board(ctx, member.alliance_id, args)]
        return [Reply(text=ctx.texts("prices.no_cooperative"))]
    today = ctx.incoming.sent_at.astimezone(await coop_zone(ctx, member)).date()
    reading = read_price(args, today) if args.strip() else None
    unfinished = reading is not None and reading.problem in ("no_price", "no_product")
    if reading is None or is_price_question(args) or (unfinished and member.role != "manager"):
        # a question, from anyone; a manager's bare /gia also says how to set one
        hint = reading is None and member.role == "manager"
        return [await board(ctx, member.cooperative_id, today, hint=hint)]
    if member.role != "manager":  # a member typed a price: only managers set them
        shown = await board(ctx, member.cooperative_id, today)
        return [Reply(text=ctx.texts("prices.managers_only") + "\n\n" + shown.text)]
    return [await _set(ctx, member.cooperative_id, reading, today)]


async def on_price_text(ctx: Ctx) -> list[Reply]:
    """A plain "giá chè 25k" or "giá chè" message."""
    return await on_price(ctx, ctx.incoming.text or "")


async def on_money_text(ctx: Ctx, mention: MoneyMention) -> list[Reply]:
    """A plain message with money in it ("na 1 triệu rưỡi một tạ", "chè 30kg 25k"): money is
    never a harvest amount. A manager's clean price sets it; a member without an amount
    asks for prices; anything else is asked back, quoting the money."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    text = ctx.incoming.text or ""
    today = ctx.incoming.sent_at.astimezone(await coop_zone(ctx, member)).date()
    if member.role == "manager" and not mention.with_amount:
        reading = read_price(text, today)
        if reading.problem is None:
            return [await _set(ctx, member.cooperative_id, reading, today)]
    if member.role != "manager" and not mention.with_amount:
        shown = await board(ctx, member.cooperative_id, today)
        return [Reply(text=ctx.texts("prices.asked", money=mention.money[:40]) + "\n\n"
                      + shown.text)]
    return [Reply(text=ctx.texts("harvest.invalid.money", detail=mention.money[:60],
                                 example=ctx.texts("harvest.example")))]


async def board(ctx: Ctx, cooperative_id: int, today: date, hint: bool = False) -> Reply:
    """Today's prices of the cooperative, with the change since yesterday (and, with
    `hint`, how a manager sets one)."""
    catalogue = await entries(ctx.tx, cooperative_id, ctx.now)
    lines = await price_lines(ctx.tx, ctx.texts, cooperative_id, catalogue, today)
    if not lines:
        return Reply(text=ctx.texts("prices.none"))
    text = ctx.texts("prices.board", day=_day(ctx.texts, today), lines="\n".join(lines))
    return Reply(text=text + ("\n" + ctx.texts("prices.set_hint") if hint else ""))


async def price_lines(
    tx: Tx, texts: Texts, cooperative_id: int, catalogue: Sequence[ProductEntry], day: date
) -> list[str]:
    """One line per priced product: its price on `day` and how it moved since the day before."""
    now_prices = await prices.prices_on(tx, cooperative_id, day)
    before = await prices.prices_on(tx, cooperative_id, day - timedelta(days=1))
    lines = []
    for product in sorted(catalogue, key=lambda p: fmt.alphabetical(p.name)):
        price = now_prices.get(product.id)
        if price is None:
            continue
        value = per_product_unit(price, product.unit)
        old = before.get(product.id)
        change = ""
        if old is not None and old.id != price.id:
            delta = value - per_product_unit(old, product.unit)
            change = _change(texts, delta, product.unit)
        lines.append(texts("prices.line", name=fmt.capitalised(product.name),
                           price=price_text(value, product.unit, texts.locale), change=change))
    return lines


async def _alliance_board(ctx: Ctx, alliance_id: int, args: str) -> Reply:
    """Alliance staff: today's prices of every cooperative of the alliance, each on its own
    local day (read-only: a price typed by staff is not set, and they are told so)."""
    coops = await orgs.list_cooperatives(ctx.tx, alliance_id)
    if not coops:
        return Reply(text=ctx.texts("report.alliance_empty"))
    parts = []
    for coop in sorted(coops, key=lambda c: fmt.alphabetical(c.name)):
        zone = await orgs.cooperative_timezone(ctx.tx, coop.id)
        today = ctx.incoming.sent_at.astimezone(
            ZoneInfo(zone) if zone else ctx.config.timezone).date()
        catalogue = await entries(ctx.tx, coop.id, ctx.now)
        lines = await price_lines(ctx.tx, ctx.texts, coop.id, catalogue, today)
        parts.append(ctx.texts("prices.alliance_coop", org=coop.name, day=_day(ctx.texts, today),
                               lines="\n".join(lines) or ctx.texts("prices.alliance_none")))
    text = ctx.texts("prices.alliance_board", coops="\n\n".join(parts))
    reading = read_price(args, ctx.now.date()) if args.strip() else None
    if reading is not None and reading.problem is None and not is_price_question(args):
        text = ctx.texts("prices.staff_cannot_set") + "\n\n" + text
    return Reply(text=text)


def per_product_unit(price: Price, unit_name: str) -> Decimal:
    """A price expressed for one of the product's own unit (25.000 for "2tr5/tạ" and kg)."""
    unit = unit_named(unit_name)
    if unit is None:
        return Decimal(price.dong) / price.per_base
    return per_unit_price(price.dong, price.per_base, unit)



def _change(texts: Texts, delta: Decimal, unit: str) -> str:
    if delta == 0:
        return texts("prices.same")
    key = "prices.up" if delta > 0 else "prices.down"
    return texts(key, amount=price_text(abs(delta), unit, texts.locale))


async def _set(ctx: Ctx, cooperative_id: int, reading: PriceReading, today: date) -> Reply:
    assert ctx.member is not None
    if reading.problem is not None:
        return _problem(ctx, reading)
    catalogue = await entries(ctx.tx, cooperative_id, ctx.now)
    found = match_product(reading.product_text, catalogue)
    beyond = words_beyond(reading.product_text, found)
    if beyond:  # "giá chè tăng 1k": a change, not a price
        return _problem(ctx, reading.model_copy(update={"problem": "unclear",
                                                        "unclear": beyond}))
    if found.status != "one":
        names = ", ".join(fmt.capitalised(p.name) for p in (found.products or catalogue))
        key = "prices.which_product" if found.status == "several" else "prices.unknown_product"
        return Reply(text=ctx.texts(key, text=reading.product_text[:40], names=names))
    product = found.products[0]
    unit = reading.unit or unit_named(product.unit)
    if unit is None or unit.kind != product.kind:
        return Reply(text=ctx.texts("prices.wrong_unit", name=fmt.capitalised(product.name),
                                    unit=product.unit))
    assert reading.dong is not None
    start = reading.start or today
    before = (await prices.prices_on(ctx.tx, cooperative_id, start)).get(product.id)
    price = await prices.add_price(ctx.tx, cooperative_id, product.id, reading.dong,
                                   unit.factor, unit.name, start, ctx.member.id, ctx.now)
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "set", "price", price.id,
                      before=before.model_dump(mode="json") if before else None,
                      after=price.model_dump(mode="json"))
    shown = price_text(Decimal(price.dong), unit.name, ctx.locale)
    if unit.name != product.unit:
        shown += " = " + price_text(per_product_unit(price, product.unit), product.unit, ctx.locale)
    text = ctx.texts("prices.set", name=fmt.capitalised(product.name), price=shown,
                     day=_day(ctx.texts, start))
    if before is not None:
        old = price_text(per_product_unit(before, product.unit), product.unit, ctx.locale)
        text += "\n" + ctx.texts("prices.was", price=old)
    later = await prices.next_after(ctx.tx, cooperative_id, product.id, start)
    if later is not None:  # a price set earlier from a later day still holds from that day
        kept = price_text(per_product_unit(later, product.unit), product.unit, ctx.locale)
        text += "\n" + ctx.texts(
            "prices.until", last=_day(ctx.texts, later.valid_from - timedelta(days=1)),
            next=_day(ctx.texts, later.valid_from), price=kept, name=product.name,
            amount=price.dong, unit=unit.name)
    return Reply(text=text)


def _problem(ctx: Ctx, reading: PriceReading) -> Reply:
    example = ctx.texts("prices.example")
    if reading.problem == "too_low" and reading.suggestion:
        return Reply(text=ctx.texts(
            "prices.too_low", name=reading.product_text[:40],
            price=price_text(Decimal(reading.suggestion), reading.unit.name if reading.unit
                             else "kg", ctx.locale), example=example))
    key = f"prices.problem.{reading.problem}"
    return Reply(text=ctx.texts(key, name=reading.product_text[:40], example=example,
                                words=(reading.unclear or "")[:60]))


def _day(texts: Texts, day: date) -> str:
    return fmt.short_day(day, texts.locale)

