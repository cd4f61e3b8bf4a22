"""Show harvest entries the way the bot repeats them: `Chè búp tươi · 30 kg · lô 3 · 21/11`."""

from __future__ import annotations

from datetime import date

from messages import format as fmt
from messages.harvest import canonical_amount


def amount_text(amount: int, kind: str, unit: str | None, locale: str = "vi_VN") -> str:
    """An exact amount in its display unit: 30 kg, 1.234,5 kg, 500 g, 12 quả, 1,5 lít."""
    value, shown = canonical_amount(amount, kind, unit)  # type: ignore[arg-type]
    return f"{fmt.number(value, locale, max_decimals=3)} {shown}"


def canonical_line(
    product: str,
    amount: int,
    kind: str,
    unit: str | None,
    plot: str | None,
    day: date,
    locale: str = "vi_VN",
    with_year: bool = False,
) -> str:
    """Product · amount · plot · day, the product name capitalised (the day with its year
    when `with_year`: two choices that differ only by year must not look alike)."""
    parts = [fmt.capitalised(product), amount_text(amount, kind, unit, locale)]
    if plot:
        parts.append(plot)
    parts.append(fmt.day(day, locale) if with_year else fmt.short_day(day, locale))
    return " · ".join(parts)
