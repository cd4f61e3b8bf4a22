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
    assert saved == ["bao-cao-20261101-20261121.xlsx", "bieu-do.png"]
    report = tmp_path / "exports" / saved[0]
    assert f"📎 {report} (" in "\n".join(written)
    book = load_workbook(io.BytesIO(report.read_bytes()))
    assert book.sheetnames[0] == "Tổng hợp"
    assert (tmp_path / "exports" / "bieu-do.png").read_bytes().startswith(b"\x89PNG")
