"""Intake of a period, computed exactly: totals by product and by member, and their value
at each day's buying price. Used by /tonghop, /saoke, /baocao and /bieudo."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from handlers.valuation import PriceBook
from messages.periods import Period
from storage import prices, products, reports
from storage.db import Tx
from storage.models import Product
from storage.reports import Flagged, Sum


@dataclass
class ProductTotal:
    """One product's intake: exact amount, members, entries and value (None: no price)."""

    product: Product
    amount: int = 0
    members: set[int] = field(default_factory=set)
    entries: int = 0
    value: Fraction = Fraction(0)
    unpriced: int = 0  # base units delivered on days without a price


@dataclass
class MemberTotal:
    """One member's intake of the period, by product, with its value."""

    member_id: int
    amounts: dict[int, int] = field(default_factory=dict)
    value: Fraction = Fraction(0)
    grams: int = 0  # weight products only, to rank when there are no prices


@dataclass
class Intake:
    """Everything a report of one or more cooperatives shows for a period."""

    period: Period
    products: dict[int, ProductTotal]
    members: dict[int, MemberTotal]
    sums: list[Sum]
    by_manager: int
    pending: int
    warned: int
    priced: bool  # at least one price applied
    flagged: list[Flagged] = field(default_factory=list)  # picked inside an interval

    @property
    def value(self) -> Fraction:
        """The exact value of everything priced."""
        return sum((p.value for p in self.products.values()), Fraction(0))

    def top(self, count: int) -> list[MemberTotal]:
        """Members who delivered most: by value when there are prices, else by weight."""
        ranked = sorted(self.members.values(),
                        key=lambda m: (-m.value, -m.grams, m.member_id))
        return ranked[:count]


async def intake(
    tx: Tx, cooperative_ids: list[int], period: Period, product_id: int | None = None
) -> Intake:
    """Read and add up a period's recorded intake of these cooperatives (of one product)."""
    rows = await reports.sums(tx, cooperative_ids, period.first, period.last)
    if product_id is not None:
        rows = [r for r in rows if r.product_id == product_id]
    found = await _add_up(tx, cooperative_ids, period, rows,
                          await reports.flags(tx, cooperative_ids, period.first, period.last))
    flagged = await reports.flagged(tx, cooperative_ids, period.first, period.last)
    found.flagged = [f for f in flagged if product_id is None or f.product_id == product_id]
    return found


async def member_intake(
    tx: Tx, cooperative_id: int, member_id: int, period: Period, product_id: int | None = None
) -> Intake:
    """One member's intake of a period (their statement), of one product if given."""
    rows = await reports.member_sums(tx, member_id, period.first, period.last)
    if product_id is not None:
        rows = [r for r in rows if r.product_id == product_id]
    return await _add_up(tx, [cooperative_id], period, rows, reports.Flags(pending=0))


async def catalogue_of(tx: Tx, cooperative_ids: list[int]) -> dict[int, Product]:
    """Every product of these cooperatives (hidden ones too: history keeps them)."""
    found: dict[int, Product] = {}
    for coop_id in cooperative_ids:
        for product in await products.list_products(tx, coop_id, include_hidden=True):
            found[product.id] = product
    return found


async def _add_up(
    tx: Tx, cooperative_ids: list[int], period: Period, rows: list[Sum], flags: reports.Flags
) -> Intake:
    book = PriceBook(await prices.price_rows(tx, cooperative_ids, period.last))
    catalogue = await catalogue_of(tx, cooperative_ids)
    by_product: dict[int, ProductTotal] = {}
    by_member: dict[int, MemberTotal] = defaultdict(lambda: MemberTotal(0))
    priced = False
    for row in rows:
        total = by_product.setdefault(row.product_id,
                                      ProductTotal(product=catalogue[row.product_id]))
        total.amount += row.amount
        total.members.add(row.member_id)
        total.entries += row.entries
        worth = book.value(row.product_id, row.day, row.amount)
        member = by_member[row.member_id]
        member.member_id = row.member_id
        member.amounts[row.product_id] = member.amounts.get(row.product_id, 0) + row.amount
        if total.product.kind == "weight":
            member.grams += row.amount
        if worth is None:
            total.unpriced += row.amount
        else:
            priced = True
            total.value += worth
            member.value += worth
    return Intake(period=period, products=by_product, members=dict(by_member), sums=rows,
                  by_manager=sum(r.by_manager for r in rows), pending=flags.pending,
                  warned=sum(r.warned for r in rows),
                  priced=priced)
