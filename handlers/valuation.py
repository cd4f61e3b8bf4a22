"""What intake is worth: each day's amount at that day's price, added up exactly."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date
from fractions import Fraction

from storage.prices import Price


class PriceBook:
    """The price of each product on each day, from the history of price rows."""

    def __init__(self, rows: list[Price]) -> None:
        self._by_product: dict[int, list[Price]] = defaultdict(list)
        for row in sorted(rows, key=lambda p: (p.valid_from, p.id)):
            self._by_product[row.product_id].append(row)
        self._days = {pid: [p.valid_from for p in rows] for pid, rows in self._by_product.items()}

    def on(self, product_id: int, day: date) -> Price | None:
        """The newest price set on or before the day (None: no price yet)."""
        days = self._days.get(product_id)
        if not days:
            return None
        index = bisect_right(days, day)
        return self._by_product[product_id][index - 1] if index else None

    def value(self, product_id: int, day: date, amount: int) -> Fraction | None:
        """đồng for `amount` base units delivered that day, exactly; None without a price."""
        price = self.on(product_id, day)
        if price is None:
            return None
        return Fraction(amount * price.dong, price.per_base)

    @property
    def empty(self) -> bool:
        """Whether there is no price at all."""
        return not self._by_product


def dong(value: Fraction) -> int:
    """Round to the đồng, half up (only for display: sums stay exact)."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))
