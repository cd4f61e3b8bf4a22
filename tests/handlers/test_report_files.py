"""What managers hand on: the /baocao workbook read cell by cell (labels, formats, totals
against sums the test keeps itself, history, waiting rows, the pre-harvest interval), the
same file and the diary rendered by LibreOffice when it is installed, and the /bieudo chart."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from openpyxl import load_workbook

from handlers import admin
from messages.chart import PALETTE
from storage import orgs
from tests.support import Person, cooperative

# What the test records, by member and product, in kg: the sums the workbook must show.
RECORDED = {("Lò Thị Lan", "chè búp tươi"): Decimal("400") + 15 + Decimal("1.5"),
            ("Hoa", "chè búp tươi"): Decimal("400") + Decimal("383.5"),
            ("Hoa", "quế vỏ"): Decimal("12.5")}
TEA_PRICE = 25_000


@pytest.fixture
async def coop(core, clock):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
    boss = Person(core, "boss", "Hùng")
    await boss.say(made.manager.invite.code)
    lan, hoa = Person(core, "lan", "Lò Thị Lan"), Person(core, "hoa", "Hoa")
    await lan.say(made.member.invite.code)
    await hoa.say(made.member.invite.code)
    await boss.say("/gia chè búp 25k từ 1/11")
    await boss.say("/vattu cachly Regent 7")
    await lan.say("/lo them Lô 3 | 0,5 ha | chè Shan tuyết")
    clock.now -= timedelta(days=1)
    await lan.say("phun Regent 2 bình lô 3")
    clock.now += timedelta(days=1)
    await lan.say("chè 400kg lô 3")  # inside Regent's 7 days: flagged
    await lan.say("chè 17kg lô 3")
    await lan.say("/sua chè 15kg lô 3")
    await lan.say("chè 1.500")
    [choice] = [b for r in lan.last for row in r.buttons for b in row if "1,5 kg" in b.label]
    await lan.say(button=choice.data)
    await lan.say("chè 2.500")  # left waiting
    await hoa.say("chè 400kg")
    await hoa.say("quế 12,5kg")
    await hoa.say("na 40kg")
    await hoa.say("/huy")
    await boss.say("ghi cho Hoa 383,5kg chè")
    return boss, lan, hoa


def _rows(book, sheet):
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def _cells(book, sheet):
    return [list(r) for r in book[sheet].iter_rows()]


async def _report(boss):
    [reply] = await boss.say("/baocao tháng 11")
    return reply, load_workbook(io.BytesIO(reply.document.content))


async def test_the_summary_has_a_labelled_bold_total_that_adds_up(core, coop):
    boss, _, _ = coop
    _, book = await _report(boss)
    rows, cells = _rows(book, "Tổng hợp"), _cells(book, "Tổng hợp")
    assert rows[0] == ["Sản phẩm", "Đơn vị", "Số lượng", "Số người", "Số mục",
                       "Thành tiền (đ)", "Ghi chú"]
    tea = sum(v for (_, p), v in RECORDED.items() if p == "chè búp tươi")
    assert tea == 1200
    by_product = {r[0].lower(): r for r in rows[1:-1]}  # shown "Chè búp tươi"
    assert [r[0] for r in rows[1:-1]] == ["Chè búp tươi", "Quế vỏ"]
    assert by_product["chè búp tươi"][2:6] == [1200, 2, 5, tea * TEA_PRICE]
    assert by_product["quế vỏ"][2] == 12.5 and by_product["quế vỏ"][5] is None
    assert by_product["quế vỏ"][6] == "chưa có giá, chưa tính thành tiền"
    total, total_cells = rows[-1], cells[-1]
    assert total[0] == "Tổng cộng" and all(c.font.b for c in total_cells)
    assert total[5] == sum(r[5] for r in rows[1:-1] if r[5]) == 30_000_000
    assert total[6] == "chưa tính quế vỏ (chưa có giá)"
    formats = {r[0].value.lower(): (r[2].number_format, r[5].number_format) for r in cells[1:-1]}
    assert formats == {"chè búp tươi": ("#,##0", "#,##0"), "quế vỏ": ("#,##0.0", "#,##0")}


async def test_every_member_has_a_subtotal_and_all_members_a_total(core, coop):
    boss, _, _ = coop
    _, book = await _report(boss)
    rows, cells = _rows(book, "Theo thành viên"), _cells(book, "Theo thành viên")
    assert rows[0] == ["Thành viên", "Sản phẩm", "Đơn vị", "Số lượng", "Thành tiền (đ)",
                       "Ghi chú"]
    for (member, product), amount in RECORDED.items():
        [row] = [r for r in rows if r[0] == member and r[1] == product.capitalize()]
        assert row[3] == amount
    subtotals = {r[0]: r for r in rows if r[1] == "Cộng"}
    for member in ("Hoa", "Lò Thị Lan"):
        own = [v for (m, _), v in RECORDED.items() if m == member]
        tea = RECORDED[(member, "chè búp tươi")]
        # several products: no quantity added across them (kg of tea + kg of cinnamon)
        shown = ["kg", sum(own)] if len(own) == 1 else [None, None]
        assert subtotals[member][2:5] == [*shown, tea * TEA_PRICE]
    assert subtotals["Hoa"][5] == "chưa tính quế vỏ (chưa có giá)"
    assert rows[-1][0] == "Tổng cộng" and rows[-1][4] == 1200 * TEA_PRICE
    bold = [c[0].value for c in cells if c[0].font.b]
    assert bold == ["Thành viên", "Hoa", "Lò Thị Lan", "Tổng cộng"]


async def test_entries_show_local_times_history_waiting_rows_and_the_interval(core, coop):
    boss, _, _ = coop
    _, book = await _report(boss)
    rows, cells = _rows(book, "Tất cả các mục"), _cells(book, "Tất cả các mục")
    assert rows[0] == ["Mã", "Ngày", "Thành viên", "Sản phẩm", "Số lượng", "Đơn vị",
                       "Lô/thửa", "Trạng thái", "Nội dung thành viên gõ",
                       "Thu trong thời gian cách ly", "Người ghi", "Ghi lúc", "Đơn giá (đ)",
                       "Thành tiền (đ)", "Lịch sử thay đổi"]
    # 02:30 UTC is 09:30 in Hà Nội: a real date-time, shown the Vietnamese way
    assert {r[11] for r in rows[1:]} == {datetime(2026, 11, 21, 9, 30)}
    assert {c[11].number_format for c in cells[1:]} == {"dd/mm/yyyy hh:mm"}
    assert {c[1].number_format for c in cells[1:]} == {"dd/mm/yyyy"}
    lan = [r for r in rows if r[2] == "Lò Thị Lan"]
    flagged = [r for r in rows[1:] if r[9]]  # Lan's two harvests on lô 3 after the spray
    assert [(r[2], r[4]) for r in flagged] == [("Lò Thị Lan", 400), ("Lò Thị Lan", 15)]
    assert {r[9] for r in flagged} == {"Lô 3 phun Regent 800WG ngày 20/11, cách ly 7 ngày: "
                                       "chưa nên thu trước 27/11."}
    [fixed] = [r for r in lan if r[4] == 15]
    assert fixed[14].splitlines() == ["21/11 09:30 ghi: 17 kg", "21/11 09:30 sửa: 17 kg → 15 kg"]
    [chosen] = [r for r in lan if r[4] == Decimal("1.5")]
    assert chosen[14].splitlines()[-1] == "21/11 09:30 chọn cách hiểu: 1,5 kg"
    [waiting] = [r for r in rows if r[7] == "chờ xác nhận"]
    assert waiting[3] == "Chè búp tươi" and waiting[8] == "chè 2.500" and waiting[4] is None
    assert waiting[14] == '21/11 09:30 hỏi lại: "chè 2.500"'
    [cancelled] = [r for r in rows if r[7] == "đã huỷ"]
    assert cancelled[3] == "Na" and cancelled[14].splitlines()[-1] == "21/11 09:30 huỷ"
    words = {w.strip(":,\"") for r in rows for c in r if isinstance(c, str) for w in c.split()}
    assert not words & {"choose", "record", "correct", "cancel", "ask", "drop", "UTC"}


async def test_no_number_format_can_leave_a_trailing_separator(core, coop):
    boss, _, _ = coop
    _, book = await _report(boss)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    decimals = cell.number_format.partition(".")[2]
                    exact = f"{Decimal(str(cell.value)).normalize():f}"
                    assert len(decimals) == len(exact.partition(".")[2]), cell.coordinate


async def test_the_diary_export_is_a_vietgap_page_named_after_the_member(core, clock, coop):
    boss, lan, hoa = coop
    clock.advance(minutes=5)
    await lan.say("tưới nước lô 3")
    clock.advance(minutes=5)
    await boss.say("ghi cho Lan 5kg chè lô 3")
    await hoa.say("bón NPK 20kg")
    [mine] = await lan.say("/xuatnhatky")
    [hers] = await hoa.say("/xuatnhatky tháng 11")
    assert mine.document.filename == "nhat-ky-lo-thi-lan-2026-11.xlsx"
    assert hers.document.filename == "nhat-ky-hoa-2026-11.xlsx"
    book = load_workbook(io.BytesIO(mine.document.content))
    rows = _rows(book, "Lô 3")
    assert rows[0][0] == "NHẬT KÝ SẢN XUẤT"
    header = {r[0]: r[2] for r in rows[1:7]}
    assert header == {"Hợp tác xã": "HTX Chè Phình Hồ", "Thành viên (hộ sản xuất)": "Lò Thị Lan",
                      "Lô/thửa": "Lô 3", "Diện tích": "0,5 ha", "Cây trồng": "chè Shan tuyết",
                      "Thời gian": "01/11/2026 – 21/11/2026"}
    start = next(i for i, r in enumerate(rows) if r[0] == "Ngày")
    table = [r for r in rows[start + 1:] if isinstance(r[0], datetime)]
    assert [(r[0].date(), r[1], r[2], r[3]) for r in table] == [
        (date(2026, 11, 20), "Phun thuốc BVTV", "Regent 800WG", "2 bình"),
        (date(2026, 11, 21), "Thu hoạch", "Chè búp tươi", "400 kg"),
        (date(2026, 11, 21), "Thu hoạch", "Chè búp tươi", "15 kg"),
        (date(2026, 11, 21), "Tưới nước", None, None),  # in the order they were recorded
        (date(2026, 11, 21), "Thu hoạch", "Chè búp tươi", "5 kg"),
    ]
    assert table[0][4] == "cách ly 7 ngày"
    assert [r[5] for r in table] == ["Lò Thị Lan"] * 4 + ["Hùng"]  # who wrote it down
    every = [c for r in rows for c in r if isinstance(c, str)]
    assert not [c for c in every if any(unicodedata.category(ch) == "So" for ch in c)]
    assert rows[-1][0] == "Người ghi chép (ký, ghi rõ họ tên)"


async def test_an_empty_diary_still_gives_a_page_to_fill(core, coop):
    _, _, hoa = coop
    [reply] = await hoa.say("/xuatnhatky tháng 10")
    assert reply.document.filename == "nhat-ky-hoa-2026-10.xlsx"
    book = load_workbook(io.BytesIO(reply.document.content))
    assert book.sheetnames == ["Chưa rõ lô"]
    rows = _rows(book, "Chưa rõ lô")
    assert rows[8][0] == "Ngày"
    assert [c for c in rows[9] if c] == ["Không có mục nhật ký nào trong kỳ."]
    assert {r[0]: r[2] for r in rows[1:7]}["Thời gian"] == "01/10/2026 – 31/10/2026"


def _pdf_text(tmp_path: Path, content: bytes, name: str) -> str:
    """Open the file in LibreOffice as a Vietnamese user would, print it to PDF, read it."""
    source = tmp_path / name
    source.write_bytes(content)
    env = {**os.environ, "LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8"}
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(source)], env=env, check=True, capture_output=True,
                   timeout=180)
    pdf = source.with_suffix(".pdf")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed")
async def test_libreoffice_prints_the_files_the_vietnamese_way(core, coop, tmp_path):
    boss, lan, _ = coop
    reply, _ = await _report(boss)
    text = _pdf_text(tmp_path, reply.document.content, "report.xlsx")
    assert "1.200" in text and "1.200," not in text and "30.000.000" in text
    assert "12,5" in text and "Tổng cộng" in text and "Lịch sử thay đổi" in text
    assert "21/11/2026 09:30" in text and "17 kg → 15 kg" in text
    [diary] = await lan.say("/xuatnhatky")
    text = _pdf_text(tmp_path, diary.document.content, "diary.xlsx")
    assert "NHẬT KÝ SẢN XUẤT" in text and "Diện tích" in text and "0,5 ha" in text
    assert "Phun thuốc BVTV" in text and "Xác nhận của HTX" in text


def _colours(png: bytes) -> set[str]:
    pixels = mpimg.imread(io.BytesIO(png), format="png")[:, :, :3]
    found = np.unique((pixels.reshape(-1, 3) * 255).round().astype(int), axis=0)
    return {"#{:02x}{:02x}{:02x}".format(*c) for c in found}


async def test_a_product_keeps_its_colour_from_chart_to_chart(core, clock, coop):
    boss, _, hoa = coop
    clock.now -= timedelta(days=3)
    await hoa.say("quế 5kg")
    clock.now += timedelta(days=3)
    [week] = await boss.say("/bieudo 7 ngày")
    [old] = await boss.say("/bieudo 18/11")  # only cinnamon that day
    [today] = await boss.say("/bieudo hôm nay")
    [month] = await boss.say("/bieudo 30 ngày")
    for reply in (week, old, today, month):
        assert reply.photo is not None and reply.photo.content.startswith(b"\x89PNG")
    tea, cinnamon = PALETTE[0], PALETTE[2]  # ranks in the catalogue: chè búp tươi 0, quế vỏ 2
    assert {tea, cinnamon} <= _colours(week.photo.content)
    assert cinnamon in _colours(old.photo.content)
    assert tea not in _colours(old.photo.content)
    assert {tea, cinnamon} <= _colours(today.photo.content)
    assert {tea, cinnamon} <= _colours(month.photo.content)


async def test_an_empty_period_gets_a_sentence_not_a_chart(core, coop):
    boss, _, _ = coop
    [reply] = await boss.say("/bieudo 1/10-5/10")
    assert reply.photo is None
    assert reply.text == ("HTX Chè Phình Hồ: 01/10–05/10 chưa có sản lượng nào được ghi, nên "
                          "chưa có gì để vẽ biểu đồ.")


async def test_alliance_staff_get_every_cooperative_and_the_alliance_total(core, clock):
    made = await cooperative(core, ["Lò Thị Lan"], staff="Minh")
    staff, [lan] = made.staff, made.members
    async with core.db.transaction() as tx:
        alliance_id = (await orgs.get_cooperative(tx, made.id)).alliance_id
    people = []
    for n, (name, alliance) in enumerate([("HTX Quế Văn Yên", alliance_id),
                                          ("HTX Chè Phình Hồ", alliance_id),
                                          ("HTX Ngoài Liên Minh", None)]):
        other = await admin.create_cooperative(core.db, f"{name} {n}", None, alliance,
                                               "Asia/Ho_Chi_Minh", clock())
        async with core.db.transaction() as tx:  # a namesake from before names were checked
            await tx.execute("UPDATE cooperatives SET name = ? WHERE id = ?",
                             (name, other.cooperative.id))
        grower = Person(core, f"g{n}", f"Người trồng {n}")
        await grower.say(other.member.invite.code)
        people.append(grower)
    await made.manager.say("/gia chè búp 25k từ 1/11")
    await lan.say("hái 30kg chè")
    await people[0].say("quế 2 tạ")
    await people[1].say("chè 12,5kg")  # the namesake cooperative has no price
    await people[2].say("chè 99kg")  # outside the alliance: nowhere
    [reply] = await staff.say("/baocao")
    assert reply.text == ("📎 Báo cáo Liên minh HTX Yên Bái, tháng 11/2026: 3 HTX, mỗi HTX một "
                          "trang, và tổng toàn liên minh.")
    book = load_workbook(io.BytesIO(reply.document.content))
    assert book.sheetnames == ["Toàn liên minh", "HTX Chè Phình Hồ", "HTX Quế Văn Yên",
                               "HTX Chè Phình Hồ (2)"]
    rows = _rows(book, "Toàn liên minh")
    assert rows[0] == ["Hợp tác xã", "Sản phẩm", "Đơn vị", "Số lượng", "Số người", "Số mục",
                       "Thành tiền (đ)", "Ghi chú"]
    assert rows[1:7] == [
        ["HTX Chè Phình Hồ", "Chè búp tươi", "kg", 30, 1, 1, 750_000, None],
        ["HTX Chè Phình Hồ", "Cộng", None, None, 1, 1, 750_000, None],
        ["HTX Quế Văn Yên", "Quế vỏ", "kg", 200, 1, 1, None,
         "chưa có giá, chưa tính thành tiền"],
        ["HTX Quế Văn Yên", "Cộng", None, None, 1, 1, None, "chưa tính quế vỏ (chưa có giá)"],
        ["HTX Chè Phình Hồ (2)", "Chè búp tươi", "kg", 12.5, 1, 1, None,
         "chưa có giá, chưa tính thành tiền"],
        ["HTX Chè Phình Hồ (2)", "Cộng", None, None, 1, 1, None,
         "chưa tính chè búp tươi (chưa có giá)"],
    ]
    everyone = {r[1].lower(): r for r in rows if r[0] == "Toàn liên minh"}
    assert everyone["chè búp tươi"][3:7] == [Decimal("42.5"), 2, 2, 750_000]
    assert everyone["chè búp tươi"][7] == "có ngày chưa có giá, phần đó chưa tính"
    assert rows[-1] == ["Tổng cộng", None, None, None, 3, 3, 750_000,
                        "chưa tính chè búp tươi, quế vỏ (chưa có giá)"]
    assert _rows(book, "HTX Quế Văn Yên")[1][:3] == ["Quế vỏ", "kg", 200]
    [chart] = await staff.say("/bieudo 7 ngày")
    assert chart.photo is not None and "(cột chồng: cả liên minh)" in chart.text
    assert {PALETTE[0], PALETTE[1], PALETTE[2]} <= _colours(chart.photo.content)
    assert PALETTE[3] not in _colours(chart.photo.content)  # the fourth is not in the alliance
    assert await lan.text("/baocao") == ("Lệnh /baocao chỉ dành cho quản lý HTX và cán bộ "
                                         "Liên minh HTX.")
