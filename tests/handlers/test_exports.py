"""/baocao and /bieudo: the .xlsx opens with openpyxl and holds what was recorded; the chart
is a real PNG."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from matplotlib import image as mpimg
from openpyxl import load_workbook

from handlers import admin
from tests.support import Person


@pytest.fixture
async def coop(core, clock):
    made = await admin.create_cooperative(core.db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
    boss = Person(core, "boss", "Hùng")
    await boss.say(made.manager.invite.code)
    lan, hoa = Person(core, "lan", "Lan"), Person(core, "hoa", "Hoa")
    await lan.say(made.member.invite.code)
    await hoa.say(made.member.invite.code)
    await boss.say("/gia chè búp 25k từ 1/11")
    clock.now -= timedelta(days=1)
    await lan.say("hái 30kg chè lô 3")
    clock.now += timedelta(days=1)
    await lan.say("chè 12,5kg")
    await hoa.say("quế 2 tạ")
    await hoa.say("na 40kg")
    await hoa.say("/huy")  # the custard apples are cancelled: listed, not counted
    await boss.say("ghi cho Hoa 10kg chè")
    return boss, lan, hoa


def _sheet(book, name):
    return [list(row) for row in book[name].iter_rows(values_only=True)]


async def test_the_report_opens_and_holds_what_was_recorded(core, coop):
    boss, _, _ = coop
    [reply] = await boss.say("/baocao tháng 11")
    assert reply.document is not None and reply.document.filename.endswith(".xlsx")
    assert reply.text.startswith("📎 Báo cáo HTX Chè Phình Hồ, tháng 11/2026")
    book = load_workbook(io.BytesIO(reply.document.content))
    assert book.sheetnames == ["Tổng hợp", "Theo thành viên", "Tất cả các mục", "Nhật ký",
                               "Thông báo"]
    summary = _sheet(book, "Tổng hợp")
    assert summary[0] == ["Sản phẩm", "Đơn vị", "Số lượng", "Số người", "Số mục",
                          "Thành tiền (đ)", "Ghi chú"]
    assert ["Chè búp tươi", "kg", 52.5, 2, 3, 1_312_500, None] in summary
    assert ["Quế vỏ", "kg", 200, 1, 1, None, "chưa có giá, chưa tính thành tiền"] in summary
    assert summary[-1][0] == "Tổng cộng" and summary[-1][5] == 1_312_500
    by_member = _sheet(book, "Theo thành viên")
    assert ["Hoa", "Chè búp tươi", "kg", 10, 250_000, None] in by_member
    assert ["Lan", "Chè búp tươi", "kg", 42.5, 1_062_500, None] in by_member
    entries = _sheet(book, "Tất cả các mục")
    assert entries[0][:8] == ["Mã", "Ngày", "Thành viên", "Sản phẩm", "Số lượng", "Đơn vị",
                              "Lô/thửa", "Trạng thái"]
    rows = {(r[2], r[3], r[4]): r for r in entries[1:]}
    assert {r[3] for r in entries[1:]} == {"Chè búp tươi", "Na", "Quế vỏ"}  # as the chat writes
    rows = {(m, p.lower(), a): r for (m, p, a), r in rows.items()}
    lot3 = rows[("Lan", "chè búp tươi", 30)]
    assert lot3[1].date() == date(2026, 11, 20) and lot3[6] == "lô 3"
    assert lot3[7] == "đã ghi" and lot3[12] == 25_000 and lot3[13] == 750_000
    assert rows[("Hoa", "na", 40)][7] == "đã huỷ" and "huỷ" in rows[("Hoa", "na", 40)][14]
    assert rows[("Hoa", "chè búp tươi", 10)][10] == "Hùng"  # recorded by the manager
    assert _sheet(book, "Nhật ký")[1][0] == "Không có mục nhật ký nào trong kỳ."


async def test_an_empty_period_still_gives_a_clean_file(core, coop):
    boss, _, _ = coop
    [reply] = await boss.say("/baocao 1/10-5/10")
    book = load_workbook(io.BytesIO(reply.document.content))
    assert _sheet(book, "Tổng hợp")[1] == ["Không có sản lượng nào trong kỳ.", None, None,
                                           None, None, None, None]


async def test_the_chart_is_a_real_png(core, coop):
    boss, _, _ = coop
    [reply] = await boss.say("/bieudo")
    assert reply.photo is not None
    content = reply.photo.content
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = mpimg.imread(io.BytesIO(content), format="png")
    height, width = pixels.shape[:2]
    assert width > 400 and height > 200
    assert reply.text == "HTX Chè Phình Hồ – sản lượng theo ngày, 23/10–21/11"
    assert "dài quá 62 ngày" in await boss.text("/bieudo 1/1-21/11")


async def test_members_cannot_export(core, coop):
    _, lan, _ = coop
    refused = "chỉ dành cho quản lý HTX và cán bộ Liên minh HTX."
    assert await lan.text("/baocao") == f"Lệnh /baocao {refused}"
    assert await lan.text("/bieudo") == f"Lệnh /bieudo {refused}"


async def test_the_report_carries_the_cooperatives_diary(core, coop):
    boss, lan, _ = coop
    await boss.say("/vattu cachly Regent 7")
    await lan.say("phun Regent 2 bình lô 3")
    [reply] = await boss.say("/baocao")
    book = load_workbook(io.BytesIO(reply.document.content))
    rows = _sheet(book, "Nhật ký")
    assert rows[0] == ["Ngày", "Thành viên", "Lô/thửa", "Công việc", "Vật tư", "Liều lượng",
                       "Thời gian cách ly", "Ghi chú"]
    assert rows[1][1:7] == ["Lan", "lô 3", "Phun thuốc BVTV", "Regent 800WG", "2 bình",
                            "cách ly 7 ngày"]
