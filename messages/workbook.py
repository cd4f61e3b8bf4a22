"""The intake export as an .xlsx workbook: Vietnamese headers, one table a sheet.

The caller hands plain rows (numbers already in display units, money in whole đồng); this
module names the sheets and columns, styles the header, sizes the columns and freezes the
header row, so the file opens cleanly in LibreOffice and Excel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from messages.format import capitalised
from messages.i18n import Texts

Row = Sequence[Any]
SHEETS = ("summary", "members", "entries", "diary")
COLUMNS: dict[str, tuple[str, ...]] = {
    "summary": ("product", "unit", "amount", "people", "entries", "value"),
    "members": ("member", "product", "unit", "amount", "value"),
    "entries": ("id", "day", "member", "product", "amount", "unit", "plot", "status",
                "recorded_by", "recorded_at", "price", "value", "history"),
    "diary": ("day", "member", "plot", "activity", "input", "dose", "interval", "notes"),
    "plot_diary": ("day", "activity", "input", "dose", "interval", "recorded_by", "notes"),
}
_NUMBER = "#,##0.###"
_MONEY = "#,##0"
_FORMATS = {"amount": _NUMBER, "value": _MONEY, "price": _MONEY}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBD8")


def build_workbook(texts: Texts, title: str, tables: dict[str, list[Row]]) -> bytes:
    """An .xlsx of the four sheets (a missing table gives a sheet with its header only)."""
    book = Workbook()
    book.remove(book.active)
    for name in SHEETS:
        rows = tables.get(name, [])
        _sheet(book, texts, texts(f"xlsx.sheet.{name}"), COLUMNS[name], rows,
               texts(f"xlsx.empty.{name}"))
    return _save(book, title)


def build_diary_workbook(texts: Texts, title: str, plots: dict[str, list[Row]]) -> bytes:
    """A VietGAP-style diary: one sheet per plot (date, activity, input, dose, interval,
    recorded by, notes); one empty sheet when there is nothing."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in (plots or {texts("diary.xlsx.no_plot"): []}).items():
        _sheet(book, texts, _sheet_name(name), COLUMNS["plot_diary"], rows,
               texts("xlsx.empty.diary"))
    return _save(book, title)


def _sheet_name(name: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in _cell(name)).strip()
    return capitalised(cleaned)[:31] or "-"


def _cell(value: Any) -> Any:
    """A value Excel can hold: control characters a member typed (NUL, BEL...) are dropped,
    or openpyxl refuses the whole workbook."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet(book: Workbook, texts: Texts, name: str, columns: Sequence[str],
           rows: list[Row], empty: str) -> None:
    sheet = book.create_sheet(name)
    sheet.append([texts(f"xlsx.col.{c}") for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    if not rows:
        sheet.append([empty])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column in _FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = _FORMATS[column]
        if column == "day":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "DD/MM/YYYY"
        widest = max((len(str(r[index - 1])) for r in rows if len(r) >= index), default=0)
        header = len(texts(f"xlsx.col.{column}"))
        sheet.column_dimensions[letter].width = min(max(12, widest + 2, header + 2), 60)
    sheet.freeze_panes = "A2"


def _save(book: Workbook, title: str) -> bytes:
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
