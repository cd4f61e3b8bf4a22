"""Daily intake by product as a PNG line chart (matplotlib, Agg backend, no screen)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

from messages import format as fmt
from messages.i18n import Texts


def draw_daily(
    texts: Texts,
    title: str,
    days: Sequence[date],
    series: Mapping[str, Sequence[float]],
    unit: str,
) -> bytes:
    """One line per product over the days; returns the PNG bytes."""
    # Imported here: matplotlib costs half a second to import, and only charts need it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    figure, axes = plt.subplots(figsize=(8, 4.5), dpi=100)
    try:
        for name, values in series.items():
            axes.plot(list(days), list(values), marker="o", markersize=3, label=name)
        axes.set_title(title)
        axes.set_ylabel(texts("chart.axis", unit=unit))
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: fmt.number(round(v, 1), texts.locale, 1)))
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: _day_label(v, texts.locale)))
        axes.grid(alpha=0.3)
        if series:
            axes.legend(loc="upper left", fontsize="small")
        figure.autofmt_xdate()
        out = io.BytesIO()
        figure.savefig(out, format="png", bbox_inches="tight")
        return out.getvalue()
    finally:
        plt.close(figure)


def _day_label(value: float, locale: str) -> str:
    from matplotlib.dates import num2date

    return fmt.short_day(num2date(value).date(), locale)
