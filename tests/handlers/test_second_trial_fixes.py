"""Corrections found wrong in the second trial (docs/trial/second-trial.md): a /sua whose
entry is not clear keeps its text for the tap, and text typed before the tap is never a
second entry."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from handlers import admin
from storage import harvests, orgs
from tests.support import Person, cooperative


@pytest.fixture
async def coop(core):
    return await cooperative(core, ["Lò Thị Lan"])


@pytest.fixture
def lan(coop):
    return coop.members[0]


async def entries(core):
    async with core.db.transaction() as tx:
        ids = [r["id"] for r in await tx.all("SELECT id FROM harvests ORDER BY id")]
        found = [await harvests.get(tx, i) for i in ids]
        names = {r["id"]: r["name"] for r in await tx.all("SELECT id, name FROM products")}
    return [(names[e.product_id], e.amount, e.plot, e.status) for e in found]


def labels(person):
    return [b.label for r in person.last for row in r.buttons for b in row]


async def tap(person, label_part):
    [button] = [b for r in person.last for row in r.buttons for b in row
                if label_part in b.label]
    return await person.text(button=button.data)


async def test_sua_naming_another_product_than_the_latest_asks_and_applies_on_tap(
        core, lan, clock):
    await lan.text("hái 30kg chè lô 3")
    clock.advance(minutes=5)
    await lan.text("quế 2 tạ hôm qua")
    asked = await lan.text("/sua chè 32kg lô 3")
    assert 'sửa mục nào thành "chè 32kg lô 3"' in asked
    assert await entries(core) == [("chè búp tươi", 30_000, "lô 3", "recorded"),
                                   ("quế vỏ", 200_000, None, "recorded")]
    fixed = await tap(lan, "30 kg")
    assert "Chè búp tươi · 32 kg · lô 3" in fixed and "30 kg" in fixed
    assert await entries(core) == [("chè búp tươi", 32_000, "lô 3", "recorded"),
                                   ("quế vỏ", 200_000, None, "recorded")]


async def test_a_correction_of_a_correction_is_applied_by_one_tap(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    await lan.text("/sua chè 32kg lô 3")
    clock.advance(minutes=1)
    asked = await lan.text("/sua chè 33kg lô 3")
    assert 'thành "chè 33kg lô 3"' in asked
    fixed = await tap(lan, "32 kg")
    assert "Chè búp tươi · 33 kg · lô 3" in fixed
    assert await entries(core) == [("chè búp tươi", 33_000, "lô 3", "recorded")]


async def test_text_sent_instead_of_tapping_the_sua_list_is_never_a_second_entry(
        core, lan, clock):
    await lan.text("che 25kg")
    await lan.text("/sua che 27kg")
    clock.advance(minutes=1)
    assert "sửa mục nào" in await lan.text("/sua")
    assert "chưa có giá" in await lan.text("giá chè bao nhiêu")  # answered as usual
    again = await lan.text("che 29 kg")  # typed without tapping the list
    assert "chưa được ghi" in again and 'thành "che 29 kg"' in again
    assert await entries(core) == [("chè búp tươi", 27_000, None, "recorded")]
    await tap(lan, "27 kg")
    assert await entries(core) == [("chè búp tươi", 29_000, None, "recorded")]


async def test_no_correction_from_the_sua_list_records_and_changes_nothing(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    await lan.text("/sua chè 32kg lô 3")
    clock.advance(minutes=1)
    await lan.text("/sua chè 33kg lô 3")
    assert labels(lan)[-1] == "✖ Không sửa"
    answer = await tap(lan, "Không sửa")
    assert '"chè 33kg lô 3" chưa được ghi' in answer
    assert await entries(core) == [("chè búp tươi", 32_000, "lô 3", "recorded")]
    # the list is closed: a later ✏️ Sửa asks for the text as usual
    clock.advance(minutes=1)
    assert "Chè búp tươi · 10 kg" in await lan.text("chè 10kg")
    assert "Gửi lại nội dung đúng" in await tap(lan, "Sửa")


async def test_homnay_says_which_entries_the_manager_recorded_and_whose_question_waits(
        core, coop, lan):
    await lan.text("chè 30kg lô 3")
    await coop.manager.text("ghi cho Lan 12kg chè")
    await coop.manager.text("ghi cho Lan na 1.500")  # 1,5 kg or 1.500 kg: the manager's question
    today = await lan.text("/homnay")
    assert "• Chè búp tươi · 30 kg · lô 3 · 21/11\n" in today
    assert "• Chè búp tươi · 12 kg · 21/11 (quản lý ghi hộ)" in today
    assert "chờ quản lý xác nhận" in today and "chờ bạn xác nhận" not in today
    assert "• Chè búp tươi: 42 kg" in today


async def test_alliance_staff_see_every_cooperatives_prices_and_set_none(core, clock):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    staff = tea.staff
    await tea.manager.text("/gia chè búp 25k")
    async with core.db.transaction() as tx:
        alliance_id = (await orgs.get_cooperative(tx, tea.id)).alliance_id
    await admin.create_cooperative(core.db, "HTX Quế Văn Yên", None, alliance_id,
                                   "Asia/Ho_Chi_Minh", clock())
    answer = await staff.text("/gia")
    assert "HTX Chè Phình Hồ (21/11):\n• Chè búp tươi: 25.000 đ/kg" in answer
    assert "HTX Quế Văn Yên (21/11):\n• chưa có giá" in answer
    assert answer == await staff.text("giá chè hôm nay bao nhiêu")
    typed = await staff.text("/gia chè 30k")
    assert "chỉ xem được" in typed
    assert await staff.text("giá chè 30k") == typed  # typed without the slash
    assert "Chè búp tươi: 25.000 đ/kg" in await tea.members[0].text("/gia")
    assert "/gia" in await staff.text("/help")


async def test_the_training_list_names_a_number_to_type_not_a_placeholder(core, coop, lan):
    await lan.text("chè 30kg")
    await coop.manager.text("/taphuan moi Tập huấn VietGAP | thứ bảy 8h | Nhà văn hoá xã")
    await tap(coop.manager, "Tạo và gửi")
    for person in (lan, coop.manager):
        listed = await person.text("/taphuan")
        assert "<số>" not in listed and listed.endswith("như /taphuan 1")
        assert "Tập huấn VietGAP" in await person.text("/taphuan 1")


async def test_a_cooperatives_chart_and_its_alliances_are_two_files(core):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    await tea.members[0].text("chè 30kg")
    [mine] = await tea.manager.say("/bieudo 7 ngày")
    [alliance] = await tea.staff.say("/bieudo 7 ngày")
    assert mine.photo.filename == "bieu-do-htx-che-phinh-ho-20261115-20261121.png"
    assert alliance.photo.filename.startswith("bieu-do-lien-minh-")


async def test_the_vietgap_diary_notes_a_harvest_picked_inside_a_sprays_interval(core, lan):
    await lan.text("/lo them Lô 2 | 0,5 ha | chè")
    await lan.text("phun Regent 2 bình lô 2")
    await lan.text("14")
    assert "chưa nên thu trước 05/12" in await lan.text("hái chè 20kg lô 2")
    [reply] = await lan.say("/xuatnhatky")
    book = load_workbook(io.BytesIO(reply.document.content))
    rows = [list(r) for r in book["Lô 2"].iter_rows(values_only=True)]
    [harvest] = [r for r in rows if r[1] == "Thu hoạch"]
    assert harvest[2:4] == ["Chè búp tươi", "20 kg"]
    assert harvest[6] == ("Lô 2 phun Regent 800WG ngày 21/11, cách ly 14 ngày: "
                          "chưa nên thu trước 05/12.")


@pytest.fixture
async def two(core):
    return await cooperative(core, ["Lò Thị Lan", "Hoa"])


async def test_a_managers_edited_delivery_for_a_member_is_corrected_in_place(core, two):
    boss = two.manager
    await boss.text("ghi cho Lan 30kg chè lô 3")
    edited = await boss.text("ghi cho Lan 35kg chè lô 3", edits=boss.last_ref)
    assert "✏️ Đã sửa" in edited and "35 kg" in edited and "chưa hiểu" not in edited
    assert await entries(core) == [("chè búp tươi", 35_000, "lô 3", "recorded")]
    await boss.text("/sua ghi cho Lan 36kg chè lô 3")  # corrected once: which entry?
    fixed = await tap(boss, "35 kg")
    assert "36 kg" in fixed and "Lò Thị Lan" in fixed
    assert await entries(core) == [("chè búp tươi", 36_000, "lô 3", "recorded")]


async def test_an_edit_naming_another_member_moves_nothing_and_says_how(core, two):
    boss = two.manager
    await boss.text("ghi cho Lan 30kg chè lô 3")
    answer = await boss.text("ghi cho Hoa 30kg chè lô 3", edits=boss.last_ref)
    assert "mục này là của Lò Thị Lan" in answer and "Huỷ" in answer
    assert await entries(core) == [("chè búp tươi", 30_000, "lô 3", "recorded")]
    assert "Hôm nay (21/11) bạn chưa ghi" in await two.members[1].text("/homnay")


async def test_a_correction_question_names_the_button_it_has(core, lan):
    await lan.text("chè 30kg lô 3")
    asked = await lan.text("/sua chè 32kg lô 3 abc xyz")  # the stray words are asked about
    assert "chưa hiểu chữ" in asked and labels(lan)[-1] == "✖ Không sửa"
    assert "bấm ✖ Không sửa rồi gửi lại" in asked and "Không ghi" not in asked
    new = await lan.text("quế 2 tạ abc xyz")
    assert "bấm ✖ Không ghi rồi gửi lại" in new and labels(lan)[-1] == "✖ Không ghi"


async def test_a_backdated_price_says_up_to_when_it_holds_and_how_to_go_further(core, coop,
                                                                               lan, clock):
    boss = coop.manager
    await boss.text("/gia chè búp 25k")  # from 21/11
    clock.advance(days=1)
    await lan.text("chè 10kg")  # 22/11
    await boss.text("/gia chè búp 26k")  # from 22/11
    answer = await boss.text("/gia chè búp 27k từ 20/11")
    assert "chỉ dùng đến hết ngày 20/11: từ ngày 21/11 đã có giá 25.000 đ/kg" in answer
    assert answer.endswith("gõ: /gia chè búp tươi 27000/kg từ 21/11")
    assert "27.000 đ/kg từ ngày 21/11" in await boss.text("/gia chè búp tươi 27000/kg từ 21/11")
    assert "10 kg × 26.000 đ/kg" in await lan.text("/saoke")  # 22/11 keeps its own price
    assert "chỉ dùng" not in await boss.text("/gia chè búp 28k")


async def test_sua_of_one_line_of_a_two_line_message_keeps_the_other_line(core, lan, clock):
    await lan.text("chè 20kg, quế 1 tạ")
    fixed = await lan.text("/sua quế 2 tạ")
    assert "Quế vỏ · 200 kg" in fixed and "Chè búp tươi" not in fixed
    assert await entries(core) == [("chè búp tươi", 20_000, None, "recorded"),
                                   ("quế vỏ", 200_000, None, "recorded")]
    await lan.text("chè 30kg, quế 1 tạ")
    await tap(lan, "Sửa")
    await lan.text("chè 35kg")  # the ✏️ Sửa prompt named both lines: only tea is fixed
    assert await entries(core) == [("chè búp tươi", 20_000, None, "recorded"),
                                   ("quế vỏ", 200_000, None, "recorded"),
                                   ("chè búp tươi", 35_000, None, "recorded"),
                                   ("quế vỏ", 100_000, None, "recorded")]
    await lan.text("chè 40kg, quế 1 tạ")
    await lan.text("quế 1 tạ", edits=lan.last_ref)  # an edit is the whole message again
    assert [e for e in await entries(core)][4:] == [("quế vỏ", 100_000, None, "recorded"),
                                                  ("quế vỏ", 100_000, None, "cancelled")]


async def test_a_message_after_a_fix_prompt_whose_entry_was_cancelled_is_recorded(
        core, lan):
    await lan.text("chè 30kg")
    await tap(lan, "Sửa")  # then the member cancels instead of correcting
    await lan.text("/huy")
    assert "Quế vỏ · 200 kg" in await lan.text("quế 2 tạ")
    assert await entries(core) == [("chè búp tươi", 30_000, None, "cancelled"),
                                   ("quế vỏ", 200_000, None, "recorded")]
    await lan.text("bón NPK 20kg lô 2")
    await tap(lan, "Sửa")
    await lan.text("/huy")
    assert "Đã ghi nhật ký" in await lan.text("tưới nước lô 1")
    async with core.db.transaction() as tx:
        rows = await tx.all("SELECT activity, status FROM diary_entries ORDER BY id")
    assert [(r["activity"], r["status"]) for r in rows] == [("fertilise", "cancelled"),
                                                            ("water", "recorded")]


async def test_an_alliance_question_naming_a_product_counts_that_product_only(core, clock):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    async with core.db.transaction() as tx:
        alliance_id = (await orgs.get_cooperative(tx, tea.id)).alliance_id
    made = await admin.create_cooperative(core.db, "HTX Quế Văn Yên", None, alliance_id,
                                          "Asia/Ho_Chi_Minh", clock())
    await tea.members[0].text("chè 30kg")
    await tea.members[0].text("quế 1 tạ")
    await tea.manager.text("/gia quế vỏ 40k")
    mai = Person(core, "mai", "Triệu Thị Mai")
    await mai.say(made.member.invite.code)
    await mai.text("quế 2 tạ")
    answer = await tea.staff.text("quế tháng này được bao nhiêu")
    assert "tháng 11/2026 · quế vỏ" in answer
    assert "• HTX Chè Phình Hồ: 100 kg quế vỏ · 1 người · 4.000.000 đ" in answer
    assert "• HTX Quế Văn Yên: 200 kg quế vỏ · 1 người" in answer and "chè" not in answer
    everything = await tea.staff.text("tháng này được bao nhiêu")
    assert "30 kg chè búp tươi" in everything
    assert "chưa rõ" in await tea.staff.text("hôm nay anh Minh được bao nhiêu")


async def test_the_alliance_total_has_one_row_for_a_product_two_cooperatives_write_apart(
        core, clock):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    async with core.db.transaction() as tx:
        alliance_id = (await orgs.get_cooperative(tx, tea.id)).alliance_id
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", None, alliance_id,
                                          "Asia/Ho_Chi_Minh", clock())
    async with core.db.transaction() as tx:  # its manager wrote the name with a capital
        await tx.execute("UPDATE products SET name = 'Chè búp tươi' WHERE cooperative_id = ?"
                         " AND name = 'chè búp tươi'", (made.cooperative.id,))
    mai = Person(core, "mai", "Triệu Thị Mai")
    await mai.say(made.member.invite.code)
    await mai.text("chè 20kg")
    await tea.members[0].text("chè 30kg")
    [reply] = await tea.staff.say("/baocao")
    book = load_workbook(io.BytesIO(reply.document.content))
    rows = [list(r) for r in book["Toàn liên minh"].iter_rows(values_only=True)]
    everyone = [r for r in rows if r[0] == "Toàn liên minh"]
    assert [r[1:6] for r in everyone] == [["Chè búp tươi", "kg", 50, 2, 2]]


async def test_the_report_names_each_announcement_by_its_words_and_its_kind(core):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    await tea.staff.text("/thongbao Giá chè tăng, bà con chú ý")
    await tap(tea.staff, "Gửi")
    await tea.staff.text("/canhbao Bão số 5 sắp đổ bộ, bà con chằng chống nhà cửa")
    await tap(tea.staff, "Gửi")
    await tea.staff.text("/taphuan moi Tập huấn VietGAP | thứ bảy 8h | Nhà văn hoá xã | - | tất cả")
    await tap(tea.staff, "Tạo và gửi")
    status = await tea.staff.text("/thongbao trangthai")
    assert "#3 · thông báo tập huấn" in status and "#2 · cảnh báo khẩn" in status
    [reply] = await tea.manager.say("/baocao")
    sheet = load_workbook(io.BytesIO(reply.document.content))["Thông báo"]
    about = sorted({row[0] for row in sheet.iter_rows(min_row=2, values_only=True)})
    assert about == ["#1 thông báo chung: Giá chè tăng, bà con chú ý",
                     "#2 cảnh báo khẩn: Bão số 5 sắp đổ bộ, bà con chằng chống…",
                     "#3 thông báo tập huấn: Tập huấn: Tập huấn VietGAP"]


async def test_an_alliance_question_naming_a_cooperative_is_about_that_cooperative(core, clock):
    tea = await cooperative(core, ["Lò Thị Lan"], staff="Cán bộ Hằng")
    async with core.db.transaction() as tx:
        alliance_id = (await orgs.get_cooperative(tx, tea.id)).alliance_id
    made = await admin.create_cooperative(core.db, "HTX Quế Văn Yên", None, alliance_id,
                                          "Asia/Ho_Chi_Minh", clock())
    await tea.members[0].text("chè 30kg")
    await tea.members[0].text("quế 1 tạ")
    mai = Person(core, "mai", "Triệu Thị Mai")
    await mai.say(made.member.invite.code)
    await mai.text("quế 2 tạ")
    one = await tea.staff.text("HTX Chè Phình Hồ tháng này được bao nhiêu")
    assert "• HTX Chè Phình Hồ: " in one and "30 kg chè búp tươi" in one
    assert "100 kg quế vỏ" in one and "Quế Văn Yên" not in one and "Toàn liên minh" not in one
    other = await tea.staff.text("tháng này htx que van yen thu bao nhiêu")
    assert "• HTX Quế Văn Yên: 200 kg quế vỏ" in other and "Phình Hồ" not in other
    both = await tea.staff.text("quế tháng này Chè Phình Hồ được mấy tạ")
    assert "· quế vỏ" in both and "100 kg quế vỏ" in both and "Quế Văn Yên" not in both


async def test_a_managers_question_naming_the_cooperative_is_not_about_its_product(core, coop,
                                                                                    lan):
    await lan.text("chè 30kg")
    await lan.text("quế 1 tạ")
    answer = await coop.manager.text("Chè Phình Hồ tháng này thu được bao nhiêu")
    assert "• Chè búp tươi: 30 kg" in answer and "• Quế vỏ: 100 kg" in answer
    tea = await coop.manager.text("chè tháng này HTX Chè Phình Hồ thu được bao nhiêu")
    assert "· chè búp tươi" in tea and "Quế vỏ" not in tea
    # the name is taken out of the words as typed: "hồi" keeps its diacritics (not "hỏi")
    await coop.manager.text("/sanpham them Hồi | hoa hồi | kg")
    await lan.text("hồi 5kg")
    anise = await coop.manager.text("hồi tháng này HTX Chè Phình Hồ được bao nhiêu")
    assert "· hồi" in anise.lower() and "Chè búp tươi" not in anise
