"""The intake export and the diary as .xlsx workbooks: Vietnamese headers, one table a sheet.

The caller hands plain rows (numbers in display units, money in whole đồng, times already in
the cooperative's zone); this module names the sheets and columns, gives every cell a format
that reads the Vietnamese way (1.200 · 12,5 · 21/11/2026 09:30), draws totals bold, sizes the
columns, freezes the header and sets the page up for printing, so the file opens cleanly in
LibreOffice and Excel and prints as something a cooperative can hand to an accountant.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from messages.fold import fold
from messages.format import capitalised
from messages.i18n import Texts

Row = Sequence[Any]
SHEETS = ("summary", "members", "entries", "diary", "announcements")
COLUMNS: dict[str, tuple[str, ...]] = {
    "summary": ("product", "unit", "amount", "people", "entries", "value", "notes"),
    "members": ("member", "product", "unit", "amount", "value", "notes"),
    "entries": ("id", "day", "member", "product", "amount", "unit", "plot", "status",
                "typed", "in_interval", "recorded_by", "recorded_at", "price", "value",
                "history"),
    "diary": ("day", "member", "plot", "activity", "input", "dose", "interval", "notes"),
    # each announcement's outcome for each member: on which app, or why not
    "announcements": ("announcement", "day", "member", "channel", "outcome", "notes",
                      "delivered_at"),
    "plot_diary": ("day", "activity", "input", "dose", "interval", "recorded_by", "notes"),
    "alliance": ("org", "product", "unit", "amount", "people", "entries", "value", "notes"),
}
# Format codes are written in Excel's neutral notation ("," groups, "." is the point); a
# Vietnamese Excel or LibreOffice shows them with its own symbols: 1.200 and 12,5. A whole
# number never gets a code with a point: "#,##0.###" shows 1200 as "1.200," (a trailing
# separator), so each cell gets exactly the decimals its value has.
WHOLE = "#,##0"
DAY = "dd/mm/yyyy"
TIME = "dd/mm/yyyy hh:mm"
_MONEY_COLUMNS = frozenset({"value", "price"})
_WRAPPED = frozenset({"history", "typed", "in_interval", "notes"})
_WIDEST = {"history": 40, "typed": 20, "in_interval": 26, "notes": 36, "member": 20,
           "product": 18}
_NARROWEST = {"id": 5, "day": 12, "unit": 8, "recorded_at": 17, "delivered_at": 17,
              "announcement": 22, "outcome": 22, "channel": 10, "notes": 16}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBD8")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_RULE = Side(style="thin", color="808080")
_GRID = Side(style="thin", color="BFBFBF")  # ruled like a paper ledger, light enough to read
_BOXED = Border(left=_GRID, right=_GRID, top=_GRID, bottom=_GRID)


class Total(tuple[Any, ...]):
    """A row drawn bold, on grey, with a rule above: a total or a subtotal."""


@dataclass(frozen=True)
class DiarySheet:
    """One plot's page of a diary: the header block (label, value) and the entries."""

    name: str
    header: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)


def amount_format(value: Any) -> str:
    """The format of one quantity: "#,##0" for whole numbers, one 0 per decimal it has."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "General"
    exact = Decimal(str(value)).normalize()
    places = max(0, -exact.as_tuple().exponent) if exact == exact else 0  # type: ignore[operator]
    return WHOLE if places == 0 else WHOLE + "." + "0" * min(places, 3)


def build_workbook(texts: Texts, title: str, tables: dict[str, list[Row]]) -> bytes:
    """An .xlsx of the five sheets (a missing table gives a sheet with its header only)."""
    book = Workbook()
    book.remove(book.active)
    for name in SHEETS:
        sheet = book.create_sheet(texts(f"xlsx.sheet.{name}"))
        first = _table(sheet, texts, COLUMNS[name], tables.get(name, []),
                       texts(f"xlsx.empty.{name}"))
        _page(sheet, texts, title, header_rows=first)
    return _save(book, title)


def build_alliance_workbook(texts: Texts, title: str, total: list[Row],
                            cooperatives: list[tuple[str, list[Row]]]) -> bytes:
    """The alliance's sheet (every cooperative and the alliance total), then one summary
    sheet per cooperative; two cooperatives of the same name get distinct sheets."""
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet(texts("xlsx.sheet.alliance"))
    first = _table(sheet, texts, COLUMNS["alliance"], total, texts("xlsx.empty.summary"))
    _page(sheet, texts, title, header_rows=first)
    taken = {sheet.title}
    for name, rows in cooperatives:
        sheet = book.create_sheet(_unique(_sheet_name(name), taken))
        first = _table(sheet, texts, COLUMNS["summary"], rows, texts("xlsx.empty.summary"))
        _page(sheet, texts, f"{name} – {title}", header_rows=first)
    return _save(book, title)


def _unique(name: str, taken: set[str]) -> str:
    """ "HTX Chè", "HTX Chè (2)": Excel refuses two sheets of one name."""
    found, number = name, 1
    while found.casefold() in {t.casefold() for t in taken}:
        number += 1
        suffix = f" ({number})"
        found = name[:31 - len(suffix)] + suffix
    taken.add(found)
    return found


def build_diary_workbook(texts: Texts, title: str, sheets: list[DiarySheet]) -> bytes:
    """A VietGAP diary as the paper book lays it out: per plot a title, a header block
    (cooperative, farmer, plot, area, crop, period), the table, and a place to sign."""
    book = Workbook()
    book.remove(book.active)
    width = len(COLUMNS["plot_diary"])
    for page in sheets:
        sheet = book.create_sheet(_sheet_name(page.name))
        sheet.append([texts("diary.xlsx.heading")])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A1"].alignment = Alignment(horizontal="center")
        for label, value in page.header:  # label over two columns, the value over the rest
            sheet.append([label, None, _cell(value)])
            row = sheet.max_row
            sheet.cell(row, 1).font = Font(bold=True)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=width)
        sheet.append([None])
        first = _table(sheet, texts, COLUMNS["plot_diary"], page.rows,
                       texts("xlsx.empty.diary"))
        sheet.append([None])
        sheet.append([texts("diary.xlsx.signed_farmer"), None, None, None,
                      texts("diary.xlsx.signed_coop")])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(italic=True)
        sheet.row_dimensions[sheet.max_row].height = 60  # room to sign
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top")
        _page(sheet, texts, title, header_rows=first)
    return _save(book, title)


def file_slug(text: str) -> str:
    """A name as a file name every system and mail client keeps: "Lò Thị Lan" -> "lo-thi-lan"."""
    folded = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in fold(text))
    return "-".join(folded.split()) or "-"


def _sheet_name(name: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in _cell(name)).strip()
    return capitalised(cleaned)[:31] or "-"


def _cell(value: Any) -> Any:
    """A value Excel can hold: control characters a member typed (NUL, BEL...) are dropped,
    or openpyxl refuses the whole workbook."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _table(sheet: Worksheet, texts: Texts, columns: Sequence[str], rows: list[Row],
           empty: str) -> int:
    """The header below what the sheet has, then the rows, each cell formatted by its
    column; returns the header's row number."""
    sheet.append([texts(f"xlsx.col.{c}") for c in columns])
    first_row = sheet.max_row
    for cell in sheet[first_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
        line = sheet[sheet.max_row]
        for column, cell in zip(columns, line, strict=False):
            _format(cell, column)
        if isinstance(row, Total):
            for cell in line[:len(columns)]:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
    if not rows:
        sheet.append([empty])
    for line in sheet.iter_rows(min_row=first_row, max_row=sheet.max_row,
                                max_col=len(columns)):
        for cell in line:
            cell.border = _BOXED
    for index, row in enumerate(rows):
        if isinstance(row, Total):
            for cell in sheet[first_row + 1 + index][:len(columns)]:
                cell.border = Border(left=_GRID, right=_GRID, top=_RULE, bottom=_GRID)
    widths = [_width(texts, column, [r[index] for r in rows if len(r) > index])
              for index, column in enumerate(columns)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # Neither Excel nor LibreOffice grows a row for wrapped text it did not lay out itself,
    # so each row gets the height of its tallest cell.
    for line in sheet.iter_rows(min_row=first_row, max_row=sheet.max_row):
        tallest = max((_lines(cell.value, width) for cell, width in zip(line, widths,
                                                                         strict=False)),
                      default=1)
        if tallest > 1:
            sheet.row_dimensions[line[0].row].height = 15 * tallest
    header = sheet.row_dimensions[first_row]  # two lines at least: bold headers wrap
    header.height = max(header.height or 0, 30)
    sheet.freeze_panes = sheet.cell(first_row + 1, 1)
    return first_row


def _format(cell: Any, column: str) -> None:
    value = cell.value
    if column == "product" and isinstance(value, str):
        # as the chat writes it ("Chè búp tươi"): the catalogue's seeds are lower case
        cell.value = value = capitalised(value)
    if isinstance(value, date):  # a datetime is a date too
        cell.number_format = TIME if isinstance(value, datetime) else DAY
        cell.alignment = Alignment(horizontal="center", vertical="top")
        return
    if column in _MONEY_COLUMNS:
        cell.number_format = WHOLE
    elif column == "amount":
        cell.number_format = amount_format(value)
    if column in _WRAPPED:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # a space before the rule: 10.000.000 must not run into the next column's text
        cell.alignment = Alignment(horizontal="right", vertical="top", indent=1)
    else:
        cell.alignment = Alignment(vertical="top")


def _width(texts: Texts, column: str, values: list[Any]) -> float:
    """Wide enough for the longest value (up to the column's limit) and the header's longest
    word: headers wrap."""
    widest = max((_shown_width(v) for v in values), default=0)
    name = texts(f"xlsx.col.{column}")
    header = max(max(len(word) for word in name.split()), -(-len(name) // 2))  # two lines
    return min(max(_NARROWEST.get(column, 8), widest + 3, header + 2),
               _WIDEST.get(column, 40))


def _lines(value: Any, width: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    room = max(1, int(width))
    return sum(max(1, -(-len(part) // room)) for part in value.split("\n"))


def _shown_width(value: Any) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if value is None:
        return 0
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        digits = len(str(abs(int(value))))
        decimals = len(str(value).partition(".")[2])
        return digits + (digits - 1) // 3 + (decimals + 1 if decimals else 0)
    return max(len(part) for part in str(value).split("\n"))


def _page(sheet: Worksheet, texts: Texts, title: str, header_rows: int) -> None:
    """Landscape, one page wide, the header repeated on every page, the title above it."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_rows}:{header_rows}"
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.right.text = texts("xlsx.page", page="&P", pages="&N")


def _save(book: Workbook, title: str) -> bytes:
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
