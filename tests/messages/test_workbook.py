"""Workbooks hold what members typed, control characters included."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from messages.i18n import Texts
from messages.workbook import DiarySheet, build_diary_workbook


def test_control_characters_typed_by_a_member_are_dropped_not_fatal() -> None:
    row = ("21/11", "Bón\x00 phân", "NPK\x07", "20 kg", "", "Lan\x1b", "lô 3 bị sâu\x0b")
    page = DiarySheet(name="Lô\x00 3", header=[("Thành viên", "Lan\x1b")], rows=[row])
    data = build_diary_workbook(Texts("vi"), "Nhật ký", [page])
    book = load_workbook(io.BytesIO(data))
    [sheet] = book.worksheets
    assert sheet.title == "Lô 3"
    values = [c.value for line in sheet.iter_rows() for c in line if isinstance(c.value, str)]
    assert not any(ILLEGAL_CHARACTERS_RE.search(v) for v in values)
    for typed in ("Bón phân", "NPK", "Lan", "lô 3 bị sâu"):
        assert typed in values
