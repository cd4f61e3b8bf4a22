"""The terminal chat writes exports and charts to files a manager can open."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.channels.console import ConsoleChat
from handlers import admin


async def test_a_report_in_the_terminal_is_saved_as_a_file(core, clock, tmp_path):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
    lines = iter([made.manager.invite.code, "hái 30kg chè", "/baocao", "/bieudo", "/thoat"])
    written: list[str] = []

    async def read_line() -> str | None:
        return next(lines, None)

    chat = ConsoleChat(core, "boss", read_line=read_line, write=written.append,
                       files=tmp_path / "exports")
    await chat.run()
    saved = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert saved == ["bao-cao-htx-che-phinh-ho-20261101-20261121.xlsx",
                     "bieu-do-htx-che-phinh-ho-20261023-20261121.png"]
    report = tmp_path / "exports" / saved[0]
    assert f"📎 {report} (" in "\n".join(written)
    book = load_workbook(io.BytesIO(report.read_bytes()))
    assert book.sheetnames[0] == "Tổng hợp"
    assert (tmp_path / "exports" / saved[1]).read_bytes().startswith(b"\x89PNG")


async def test_a_typed_number_after_the_interval_question_is_days_not_an_option(
    core, clock, tmp_path
):
    """The terminal lists quantity options ("7 ngày") unnumbered: a typed "7" is 7 days (it
    once picked option [7], "21 ngày"); other questions' options keep their numbers."""
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
    lines = iter([made.member.invite.code, "xit bassa 2 binh lo 3", "7",
                  "bón NPK 20kg lô 2", "1", "/thoat"])
    written: list[str] = []

    async def read_line() -> str | None:
        return next(lines, None)

    chat = ConsoleChat(core, "lan", read_line=read_line, write=written.append,
                       files=tmp_path / "exports")
    await chat.run()
    said = "\n".join(written)
    assert "• 1 ngày   • 3 ngày" in said and "[7] 21 ngày" not in said
    assert "⏳ Cách ly 7 ngày" in said
    assert "↩️ Đã huỷ mục nhật ký" in said  # after the NPK entry, "1" is its [1] undo
    async with core.db.transaction() as tx:
        rows = await tx.all("SELECT activity, status, interval_days FROM diary_entries"
                            " ORDER BY id")
    assert [(r["activity"], r["status"], r["interval_days"]) for r in rows] == [
        ("spray", "recorded", 7), ("fertilise", "cancelled", None)]
