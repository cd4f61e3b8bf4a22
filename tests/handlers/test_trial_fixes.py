"""What a week of playing the bot as its people found: lists in the order a Vietnamese reader
expects, read through the whole core (chat in, replies and the /baocao workbook out)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from messages.format import alphabetical
from tests.support import cooperative


def _bullets(text: str) -> list[str]:
    """The names of a reply's "• Name: …" lines, in their order."""
    return [line[2:].split(":")[0].split(" (")[0] for line in text.splitlines()
            if line.startswith("• ")]


async def test_products_and_members_are_listed_alphabetically_whatever_their_case(core, clock):
    made = await cooperative(core, ["Đức", "Dung", "Ánh"])
    boss, (duc, dung, anh) = made.manager, made.members
    await boss.say("/sanpham them Hồi | hoa hồi, đại hồi | kg")  # capitalised by the manager
    for price in ("/gia hồi 80k", "/gia chè búp 25k", "/gia cà phê 120k", "/gia quế vỏ 30k"):
        await boss.say(price)
    # a plain sort put "Hồi" before "chè" (capitals first) and "cà phê" after "chè"
    assert _bullets(await boss.text("/gia")) == ["Cà phê", "Chè búp tươi", "Hồi", "Quế vỏ"]
    listed = _bullets(await boss.text("/sanpham"))
    assert listed == sorted(listed, key=alphabetical) and listed.index("Cà phê") < listed.index(
        "Chè búp tươi") < listed.index("Hồi"), listed
    for who in (duc, dung, anh):
        await who.say("hồi 10kg")
        await who.say("chè 20kg")
    await duc.say("cà phê 5kg")
    totals = (await duc.text("/homnay")).split("Tổng:")[1]
    assert _bullets(totals) == ["Cà phê", "Chè búp tươi", "Hồi"]
    book = load_workbook(io.BytesIO((await boss.say("/baocao"))[0].document.content))
    summary = [row[0] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert summary[:3] == ["Cà phê", "Chè búp tươi", "Hồi"], summary
    people = [row[0] for row in book["Theo thành viên"].iter_rows(min_row=2, values_only=True)]
    assert [p for i, p in enumerate(people) if p and p not in people[:i]][:3] == [
        "Ánh", "Dung", "Đức"], people  # Đ after D, as in the alphabet; Á with the A


async def test_a_warning_preview_names_opted_out_members_only_when_there_are_some(core):
    made = await cooperative(core, ["Minh", "Lan"])
    boss, (minh, _) = made.manager, made.members
    [preview] = await boss.say("/canhbao Bão số 15 đổ bộ đêm nay, bà con không lên đồi chè.")
    assert "0 người" not in preview.text and "đã tắt thông báo" not in preview.text
    assert "(thông báo đang gửi sẽ tạm dừng). Bấm ⚠️ Gửi để gửi đi." in preview.text
    await boss.say(button=preview.buttons[0][1].data)  # ✖️ Huỷ
    await minh.say("/tatthongbao")
    [preview] = await boss.say("/canhbao Bão số 15 đổ bộ đêm nay, bà con không lên đồi chè.")
    assert ("tạm dừng), và gửi cả tới 1 người đã tắt thông báo, vì đây là tin về an toàn. "
            "Bấm ⚠️ Gửi") in preview.text


async def test_the_training_preview_names_the_button_it_shows(core):
    boss = (await cooperative(core, ["Minh"])).manager
    [preview] = await boss.say(
        "/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã | Mang sổ ghi chép")
    label = preview.buttons[0][0].label
    assert label == "📚 Tạo và gửi" and f"Bấm {label} để gửi đi." in preview.text


async def test_a_weekday_whose_hour_has_passed_today_means_next_week(core, clock):
    """Saturday 21/11 at 09:30: "thứ bảy 8h" was refused as past, with "thứ bảy 8h" as the
    example to type instead."""
    boss = (await cooperative(core, ["Minh"])).manager
    [preview] = await boss.say("/taphuan moi Tập huấn IPM | thứ bảy 8h | Nhà văn hoá xã")
    assert "🕗 08:00 Thứ Bảy 28/11" in preview.text, preview.text
    await boss.say(button=preview.buttons[0][1].data)  # ✖️ Huỷ
    [preview] = await boss.say("/taphuan moi Tập huấn IPM | thứ bảy 14h | Nhà văn hoá xã")
    assert "🕗 14:00 Thứ Bảy 21/11" in preview.text, preview.text  # later today: today
    await boss.say(button=preview.buttons[0][1].data)
    said = await boss.text("/taphuan moi Tập huấn IPM | 21/11 8h | Nhà văn hoá xã")
    assert said.startswith("\"21/11 8h\" đã qua rồi."), said  # a date typed stays that date


async def test_a_price_for_star_anise_is_set_not_taken_for_a_question(core):
    """"hồi" (star anise) folds to "hoi" like "hỏi" (to ask): "giá hồi 80k" showed the
    prices and set nothing."""
    made = await cooperative(core, ["Minh"])
    boss, (minh,) = made.manager, made.members
    await boss.say("/sanpham them Hồi | hoa hồi, đại hồi | kg")
    said = await boss.text("giá hồi 80k")
    assert said.startswith("✅ Đã đặt giá Hồi: 80.000 đ/kg từ ngày 21/11."), said
    said = await boss.text("gia hoi 82k")
    assert said.startswith("✅ Đã đặt giá Hồi: 82.000 đ/kg") and "80.000" in said, said
    said = await boss.text("giá hoa hồi 85k")
    assert said.startswith("✅ Đã đặt giá Hồi: 85.000 đ/kg"), said
    asked = await minh.text("dạ cho em hỏi giá hồi hôm nay ạ")
    assert "• Hồi: 85.000 đ/kg" in asked and "chỉ quản lý" not in asked, asked
    assert "• Hồi: 85.000 đ/kg" in await boss.text("cho hỏi giá chè bao nhiêu")
    said = await minh.text("giá hồi 90k")  # a member cannot set it, and sees the prices
    assert "Hồi: 85.000 đ/kg" in said and "90.000" not in said, said


async def test_a_long_message_is_quoted_to_a_whole_word_with_an_ellipsis(core):
    """The quote of a long chatty message ended in half a word: "…điểm thu mua lu"."""
    (hoa,) = (await cooperative(core, ["Hoa"])).members
    typed = ("dạ anh ơi hôm nay nhà em hái chè được 1 tạ 2 ạ, để em mang xuống điểm thu mua "
             "luôn ạ, chiều em lại hái tiếp nhé anh")
    [asked] = await hoa.say(typed)
    assert asked.text.startswith("❓ Mình chưa hiểu chữ"), asked.text
    quote = asked.text.split(" trong tin \"", 1)[1].split("\". Mình hiểu", 1)[0]
    assert quote.endswith("…") and len(quote) <= 80, quote
    assert typed.startswith(quote[:-1]) and typed[len(quote) - 1] == " ", quote
    assert any("120 kg" in b.label for row in asked.buttons for b in row)


async def test_a_harvest_sent_while_a_diary_fix_waits_is_said_to_be_not_recorded(core):
    """After /sua on a diary entry, "hái chè 20kg lô 2" got "tin mới không phải một việc
    trong nhật ký" and nothing said the 20 kg was not recorded."""
    (lan,) = (await cooperative(core, ["Lan"])).members
    await lan.say("bón NPK 20kg lô 2")
    assert (await lan.text("/sua")).startswith("✏️ Gửi lại việc đúng cho:")
    said = await lan.text("hái chè 20kg lô 2")
    assert said.startswith("Mình chưa sửa gì: tin \"hái chè 20kg lô 2\" không phải một việc "
                           "trong nhật ký, nên tin này cũng chưa được ghi. Nếu đó là tin mới, "
                           "bạn gửi lại tin đó nhé."), said
    assert "Vẫn giữ nguyên:\n🌱 Bón phân · NPK · 20 kg · lô 2" in said
    assert "bạn chưa ghi sản lượng nào" in await lan.text("/homnay")  # indeed not recorded
    assert "✅ Đã ghi" in await lan.text("hái chè 20kg lô 2")  # sent again: recorded


async def _harvest_owners(core):
    async with core.db.transaction() as tx:
        return await tx.all(
            "SELECT m.display_name AS who, h.amount FROM harvests h"
            " JOIN members m ON m.id = h.member_id WHERE h.status = 'recorded' ORDER BY h.id")


async def test_nhap_with_one_members_name_waits_for_their_delivery_at_once(core):
    """"/nhap Hoa" showed a one-button list; the manager typed "chè 40kg" without tapping
    and it was recorded as the manager's own delivery."""
    made = await cooperative(core, ["Hoa", "Lan"], manager="Tuấn")
    boss = made.manager
    [reply] = await boss.say("/nhap hoa")
    assert reply.text == "Gửi sản lượng của Hoa, ví dụ: 30kg chè lô 3" and not reply.buttons
    assert (await boss.text("chè 40kg")).startswith("✅ Đã ghi cho Hoa:")
    assert await _harvest_owners(core) == [{"who": "Hoa", "amount": 40_000}]
    [reply] = await boss.say("/nhap Nam")  # nobody of that name: said, then everyone listed
    assert reply.text.startswith("Không tìm thấy thành viên tên \"Nam\" trong HTX.\n"
                                 "Ghi sản lượng cho ai?"), reply.text
    assert [b.label for row in reply.buttons for b in row] == ["Tuấn", "Hoa", "Lan"]


async def test_reports_of_a_cooperative_and_its_alliance_are_two_files(core):
    """Both were "bao-cao-20261101-20261121.xlsx": the second overwrote the first in the
    terminal's exports/ (and in a manager's download folder)."""
    made = await cooperative(core, ["Hoa"], staff="Hằng")
    await made.members[0].say("hái 30kg chè")
    [mine] = await made.manager.say("/baocao")
    [theirs] = await made.staff.say("/baocao")
    assert mine.document.filename == "bao-cao-htx-che-phinh-ho-20261101-20261121.xlsx"
    assert theirs.document.filename == "bao-cao-lien-minh-htx-yen-bai-20261101-20261121.xlsx"
