"""Daily intake by product as a PNG bar chart (matplotlib, Agg backend, no screen).

One bar position per day, each labelled once; on a week or less the products stand side by
side with their amounts written on them, on longer periods they are stacked so a month stays
readable. A product keeps its colour from one chart to the next: the caller gives each series
a key that does not change (the product's rank in its cooperative's catalogue).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from messages import format as fmt
from messages.i18n import Texts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Twenty colours that stay apart on a phone screen: matplotlib's tab10, then its lighter pairs.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)
SIDE_BY_SIDE_DAYS = 7  # up to a week, bars side by side with their amounts on them


@dataclass(frozen=True)
class Series:
    """One product's amounts, one per day; `key` fixes its colour across charts."""

    name: str
    key: int
    values: Sequence[float]


def colour(key: int) -> str:
    """The colour of a series key (the same key is always the same colour)."""
    return PALETTE[key % len(PALETTE)]


def draw_daily(texts: Texts, title: str, days: Sequence[date], series: Sequence[Series],
               unit: str, stacked: bool = False) -> bytes:
    """Bars per day and series; returns the PNG bytes."""
    from matplotlib import pyplot as plt

    figure = daily_figure(texts, title, days, series, unit, stacked)
    try:
        out = io.BytesIO()
        figure.savefig(out, format="png", bbox_inches="tight")
        return out.getvalue()
    finally:
        plt.close(figure)


def daily_figure(texts: Texts, title: str, days: Sequence[date], series: Sequence[Series],
                 unit: str, stacked: bool = False) -> Figure:
    """The chart as a matplotlib figure (the caller closes it). `stacked`: the series are
    parts of a whole (an alliance's cooperatives), stacked every day with the total on top."""
    # Imported here: matplotlib costs half a second to import, and only charts need it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    count = len(days)
    figure, axes = plt.subplots(figsize=(max(6.0, min(12.0, 3 + 0.3 * count)), 4.8), dpi=100)
    try:
        if stacked:
            _stacked(axes, series, texts if count <= 2 * SIDE_BY_SIDE_DAYS else None)
        elif count == 1:
            _one_day(axes, texts, series)
        elif count <= SIDE_BY_SIDE_DAYS:
            _side_by_side(axes, texts, series)
        else:
            _stacked(axes, series)
        if count == 1 and stacked:
            axes.set_xticks([0])
            axes.set_xticklabels([fmt.short_day(days[0], texts.locale)])
            axes.set_xlim(-1.5, 1.5)
        if count > 1 or stacked:
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if count <= 14 else -0.2),
                        ncol=min(len(series), 3), fontsize="small", frameon=False)
        if count > 1:
            axes.set_xticks(range(count))
            axes.set_xticklabels([fmt.short_day(d, texts.locale) for d in days],
                                 rotation=90 if count > 14 else 0,
                                 fontsize="small" if count > 14 else "medium")
            axes.set_xlim(-0.6, count - 0.4)
        axes.set_title(title)
        axes.set_ylabel(texts("chart.axis", unit=unit))
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: fmt.number(round(v, 1), texts.locale, 1)))
        axes.grid(axis="y", alpha=0.3)
        axes.set_axisbelow(True)
        # Room above the tallest bar for its label; matplotlib's margins keep stacks flush.
        tallest = max((sum(day) for day in zip(*(one.values for one in series), strict=True)),
                      default=0.0)
        axes.set_ylim(0, tallest * 1.12 or 1)
    except Exception:
        plt.close(figure)
        raise
    return figure


def _one_day(axes, texts: Texts, series: Sequence[Series]) -> None:  # type: ignore[no-untyped-def]
    """One day: a bar per product, named under it (a legend would say it twice)."""
    places = range(len(series))
    bars = axes.bar(places, [one.values[0] for one in series], 0.6,
                    color=[colour(one.key) for one in series])
    axes.bar_label(bars, labels=[fmt.number(round(one.values[0], 1), texts.locale, 1)
                                 for one in series], fontsize="small", padding=2)
    axes.set_xticks(list(places))
    axes.set_xticklabels([one.name for one in series])
    room = (max(len(series), 3) - len(series)) / 2  # one bar stays a bar, not a wall
    axes.set_xlim(-0.6 - room, len(series) - 0.4 + room)


def _side_by_side(axes, texts: Texts, series: Sequence[Series]) -> None:  # type: ignore[no-untyped-def]
    width = 0.8 / max(1, len(series))
    for index, one in enumerate(series):
        offset = (index - (len(series) - 1) / 2) * width
        bars = axes.bar([x + offset for x in range(len(one.values))], one.values, width,
                        label=one.name, color=colour(one.key))
        axes.bar_label(bars, labels=[fmt.number(round(v, 1), texts.locale, 1) if v else ""
                                     for v in one.values], fontsize="small", padding=2)


def _stacked(axes, series: Sequence[Series], totals: Texts | None = None  # type: ignore[no-untyped-def]
             ) -> None:
    """Series on top of each other; with `totals`, each day's total written above."""
    bottom = [0.0] * (len(series[0].values) if series else 0)
    for one in series:
        axes.bar(range(len(one.values)), one.values, 0.8, bottom=bottom, label=one.name,
                 color=colour(one.key))
        bottom = [b + v for b, v in zip(bottom, one.values, strict=True)]
    if totals is not None:
        for place, total in enumerate(bottom):
            if total:
                axes.annotate(fmt.number(round(total, 1), totals.locale, 1), (place, total),
                              textcoords="offset points", xytext=(0, 3), ha="center",
                              fontsize="small", fontweight="bold")
