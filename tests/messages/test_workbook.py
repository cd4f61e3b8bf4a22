"""Workbooks hold what members typed, control characters included."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from messages.i18n import Texts
from messages.workbook import build_diary_workbook


def test_control_characters_typed_by_a_member_are_dropped_not_fatal() -> None:
    row = ("21/11", "Bón\x00 phân", "NPK\x07", "20 kg", "", "Lan\x1b", "lô 3 bị sâu\x0b")
    data = build_diary_workbook(Texts("vi"), "Nhật ký", {"Lô\x00 3": [row]})
    book = load_workbook(io.BytesIO(data))
    [sheet] = book.worksheets
    assert sheet.title == "Lô 3"
    assert [c.value for c in sheet[2]] == [
        "21/11", "Bón phân", "NPK", "20 kg", None, "Lan", "lô 3 bị sâu"]
