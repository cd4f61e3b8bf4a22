"""The diary in chat: record, ask an interval, undo, plots, photos, the interval guard on
harvests, reading and exporting the diary, and who may change the inputs."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from storage import diary
from tests.support import cooperative


@pytest.fixture
async def coop(core):
    made = await cooperative(core, ["Lò Thị Lan"])
    return made.manager, made.members[0]


async def _entries(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT activity, input_name, dose, plot, day, status,"
                            " interval_days, interval_unknown, photo_ref FROM diary_entries"
                            " ORDER BY id")


async def test_a_sure_entry_is_recorded_at_once_with_undo(core, coop):
    _, lan = coop
    [reply] = await lan.say("bón NPK 20kg lô 2")
    assert reply.text == "📒 Đã ghi nhật ký:\n🌱 Bón phân · NPK · 20 kg · lô 2 · 21/11"
    [[undo, _fix]] = reply.buttons
    [row] = await _entries(core)
    assert (row["activity"], row["input_name"], row["dose"], row["plot"], row["status"]) == (
        "fertilise", "NPK", "20 kg", "lô 2", "recorded")
    [cancelled] = await lan.say(button=undo.data)
    assert cancelled.text.startswith("↩️ Đã huỷ mục nhật ký:")
    [row] = await _entries(core)
    assert row["status"] == "cancelled"  # kept, marked
    async with core.db.transaction() as tx:
        actions = [r["action"] for r in await tx.all(
            "SELECT action FROM audit_log WHERE entity = 'diary' ORDER BY id")]
    assert actions == ["record", "cancel"]


async def test_an_unknown_interval_is_asked_and_the_answer_recorded(core, coop):
    _, lan = coop
    [question] = await lan.say("phun Sherpa 1 bình lô 1")
    assert "Thuốc Sherpa 25EC cách ly bao nhiêu ngày" in question.text
    assert (await _entries(core))[0]["status"] == "pending"
    seven = next(b for row in question.buttons for b in row if b.label == "7 ngày")
    [settled] = await lan.say(button=seven.data)
    assert "⏳ Cách ly 7 ngày: chưa nên thu trước 28/11." in settled.text
    row = (await _entries(core))[0]
    assert (row["status"], row["interval_days"]) == ("recorded", 7)
    [again] = await lan.say(button=seven.data)
    assert again.text == "Mục này đã được xử lý rồi, không cần chọn nữa."
    [question] = await lan.say("phun Validan 2 bình lô 1")
    unknown = next(b for row in question.buttons for b in row if b.label == "Không biết")
    [settled] = await lan.say(button=unknown.data)
    assert "Chưa rõ thời gian cách ly" in settled.text
    assert (await _entries(core))[1]["interval_unknown"] == 1


async def test_bad_diary_messages_get_a_clear_answer_and_record_nothing(core, coop):
    _, lan = coop
    assert "Bạn bón hoặc phun gì" in await lan.text("phun lô 3")
    assert "Bạn bón hoặc phun gì" in await lan.text("phun thuốc cỏ 2 bình")  # which product?
    assert "chưa hiểu chữ \"mốt\"" in await lan.text("phun Actara mốt lô 2")
    assert "nhiều lô" in await lan.text("tưới lô 1 và lô 2")
    assert "\"2,5\" là bao nhiêu gì" in await lan.text("bón kali 2,5")
    assert "chưa tới" in await lan.text("bón NPK 20kg lô 2 ngày 30/11")
    assert "hai cách" in await lan.text("phun Regent 1.500 ml lô 3")
    assert await _entries(core) == []


async def test_plots_default_location_and_photos(core, clock, coop):
    _, lan = coop
    assert "chưa có lô" in await lan.text("/lo")
    assert "Lô 3 · 0,5 ha · chè" in await lan.text("/lo them Lô 3 | 0,5 ha | chè")
    assert "đã có lô" in await lan.text("/lo them lo 3")
    assert "lô 3" in (await lan.text("tưới nước"))  # the only plot is the default
    assert (await lan.text(location=(21.59, 105.84))) == "📍 Đã gắn vị trí vào lô 3."
    assert "📍 21.59000, 105.84000" in await lan.text("/lo")
    await lan.say("/lo them Vườn A | 200 m2")
    [which] = await lan.say(location=(21.6, 105.9))
    assert which.text == "📍 Vị trí này của lô nào?"
    await lan.say(button=which.buttons[1][0].data)
    assert "21.60000" in await lan.text("/lo")
    [captioned] = await lan.say("phun Regent 1 bình vườn A", photo_ref="AgADphoto1")
    assert "cách ly bao nhiêu ngày" in captioned.text
    assert (await _entries(core))[-1]["photo_ref"] == "AgADphoto1"
    await lan.say("làm cỏ lô 3")
    assert "Đã gắn ảnh vào" in await lan.text(photo_ref="AgADphoto2")
    assert (await _entries(core))[-1]["photo_ref"] == "AgADphoto2"
    clock.advance(hours=2)
    assert "kèm chú thích" in await lan.text(photo_ref="AgADphoto3")


async def test_a_harvest_inside_the_interval_is_recorded_flagged_and_warned(core, clock, coop):
    boss, lan = coop
    assert "cách ly 7 ngày" in await boss.text("/vattu cachly Regent 7")
    clock.now -= timedelta(days=3)  # 18/11
    await lan.say("phun Regent 2 bình lô 3")
    clock.now += timedelta(days=3)  # 21/11: inside the interval
    said = await lan.text("hái 30kg chè lô 3")
    assert said.startswith("✅ Đã ghi:")
    assert ("⚠️ Lô 3 phun Regent 800WG ngày 18/11, cách ly 7 ngày: chưa nên thu trước 25/11."
            in said)
    other_plot = await lan.text("hái 10kg chè lô 4")
    assert other_plot.startswith("✅ Đã ghi:") and "⚠️" not in other_plot
    clock.now += timedelta(days=4)  # 25/11: the boundary, allowed
    boundary = await lan.text("hái 20kg chè lô 3")
    assert boundary.startswith("✅ Đã ghi:") and "⚠️" not in boundary
    clock.now += timedelta(days=1)  # after
    after = await lan.text("hái 25kg chè lô 3")
    assert after.startswith("✅ Đã ghi:") and "⚠️" not in after
    clock.now -= timedelta(days=1)
    async with core.db.transaction() as tx:
        flagged = [r["amount"] for r in await tx.all(
            "SELECT amount FROM harvests WHERE interval_warning IS NOT NULL")]
    assert flagged == [30_000]
    clock.now -= timedelta(days=4)
    summary = await boss.text("/tonghop")
    assert ("⚠️ 1 mục thu trong thời gian cách ly\n  • 21/11 Lò Thị Lan: 30 kg chè búp tươi, lô 3"
            in summary)
    assert summary.count("  • ") == 1  # the entries outside the interval are not listed


async def test_an_unknown_interval_warns_for_three_weeks(core, clock, coop):
    _, lan = coop
    [question] = await lan.say("phun Sherpa 1 bình lô 1")
    await lan.say(button=next(b.data for row in question.buttons for b in row
                              if b.label == "Không biết"))
    assert "chưa rõ thời gian cách ly" in await lan.text("hái 30kg chè lô 1")
    clock.advance(days=21)
    later = await lan.text("hái 30kg chè lô 1")
    assert later.startswith("✅ Đã ghi:") and "⚠️" not in later


async def test_reading_and_exporting_the_diary(core, clock, coop):
    boss, lan = coop
    await boss.say("/vattu cachly Regent 7")
    await lan.say("/lo them Lô 3")
    await lan.say("/lo them Lô 4")
    clock.now -= timedelta(days=1)
    await lan.say("bón NPK 20kg lô 3")
    await lan.say("phun Regent 2 bình lô 4")
    clock.now += timedelta(days=1)
    await lan.say("hái 30kg chè lô 3")
    shown = await lan.text("/nhatky")
    assert shown.splitlines() == [
        "📒 Nhật ký của Lò Thị Lan, tháng 11/2026:",
        "🌱 Bón phân · NPK · 20 kg · lô 3 · 20/11",
        "🧪 Phun thuốc · Regent 800WG · 2 bình · lô 4 · 20/11 · cách ly 7 ngày",
        "🧺 Thu hoạch · Chè búp tươi · 30 kg · lô 3 · 21/11",
    ]
    assert (await lan.text("/nhatky lô 3")).splitlines() == [
        "📒 Nhật ký của Lò Thị Lan, tháng 11/2026 · lô 3:",
        "🌱 Bón phân · NPK · 20 kg · lô 3 · 20/11",
        "🧺 Thu hoạch · Chè búp tươi · 30 kg · lô 3 · 21/11",
    ]
    lot4 = await lan.text("/nhatky lo 4 thang 11")
    assert "Phun thuốc · Regent 800WG" in lot4 and "Bón phân" not in lot4
    assert await boss.text("/nhatky Lan") == shown  # a manager reads a member's diary
    [export] = await lan.say("/xuatnhatky")
    assert export.document.filename == "nhat-ky-lo-thi-lan-2026-11.xlsx"
    book = load_workbook(io.BytesIO(export.document.content))
    assert book.sheetnames == ["Lô 3", "Lô 4"]
    rows = [list(r) for r in book["Lô 3"].iter_rows(values_only=True)]
    start = rows.index(["Ngày", "Công việc", "Vật tư", "Liều lượng", "Thời gian cách ly",
                        "Người ghi", "Ghi chú"])
    assert rows[start + 1][0].date() == date(2026, 11, 20) and rows[start + 1][1:4] == [
        "Bón phân", "NPK", "20 kg"]
    assert rows[start + 2][1:4] == ["Thu hoạch", "Chè búp tươi", "30 kg"]
    lot4 = [list(r) for r in book["Lô 4"].iter_rows(values_only=True)]
    spray = lot4[start + 1]
    assert spray[1:6] == ["Phun thuốc BVTV", "Regent 800WG", "2 bình", "cách ly 7 ngày",
                          "Lò Thị Lan"]
    assert "lò thị lan" in (await boss.text("/nhatky lan")).lower()


async def test_who_has_kept_no_diary_and_the_inputs(core, clock, coop):
    boss, lan = coop
    silent = await boss.text("/chuaghi 7")
    assert silent.startswith("🔕 1 thành viên chưa ghi nhật ký sản xuất (bón phân, phun thuốc, "
                             "làm cỏ…) trong 7 ngày qua (15/11–21/11):")
    assert ("• Lò Thị Lan – nhật ký lần cuối: chưa ghi lần nào; sản lượng lần cuối: chưa ghi "
            "lần nào") in silent
    await lan.say("tưới nước lô 1")
    assert await boss.text("/chuaghi 7") == (
        "✅ Ai cũng đã ghi nhật ký sản xuất trong 7 ngày qua (15/11–21/11).")
    listed = await lan.text("/vattu")
    assert "• Regent 800WG – cách ly chưa rõ" in listed and "• NPK" in listed
    assert "Chỉ quản lý HTX" in await lan.text("/vattu cachly Regent 7")
    assert "chỉ dành cho quản lý" in await lan.text("/chuaghi")
    assert "✅ Đã thêm vật tư" in await boss.text("/vattu them Sokupi | thuốc | 3")
    assert "• Sokupi – cách ly 3 ngày" in await boss.text("/vattu")
    async with core.db.transaction() as tx:
        regent = next(i for i in await diary.inputs_of(tx, 1) if i.name == "Regent 800WG")
    assert regent.interval_days is None


async def test_an_entry_is_corrected_by_button_or_by_editing_the_message(core, coop):
    _, lan = coop
    [reply] = await lan.say("bón NPK 20kg lô 2")
    fix = reply.buttons[0][1]
    assert fix.label == "✏️ Sửa"
    assert "Gửi lại việc đúng" in (await lan.say(button=fix.data))[0].text
    fixed = await lan.text("bón NPK 25kg lô 2")
    assert fixed.startswith("✏️ Đã sửa nhật ký:\n🌱 Bón phân · NPK · 25 kg · lô 2")
    [row] = await _entries(core)  # corrected in place, not a second entry
    assert row["dose"] == "25 kg"
    await lan.say("tưới nước lô 1")
    async with core.db.transaction() as tx:
        message_ref = await tx.value(
            "SELECT message_ref FROM diary_entries WHERE activity = 'water'")
    edited = await lan.text("làm cỏ lô 1", edits=message_ref)
    assert edited.startswith("✏️ Đã sửa nhật ký:\n🌿 Làm cỏ · lô 1")
    rows = await _entries(core)
    assert [r["activity"] for r in rows] == ["fertilise", "weed"]
    async with core.db.transaction() as tx:
        actions = [r["action"] for r in await tx.all(
            "SELECT action FROM audit_log WHERE entity = 'diary' ORDER BY id")]
    assert actions == ["record", "correct", "record", "correct"]


async def test_a_plot_is_renamed_and_removed_and_entries_keep_their_plot_names(core, coop):
    _, lan = coop
    await lan.say("/lo them Lô 3 | 0,5 ha | chè")
    await lan.say("hái 30kg chè")  # her only plot, by default
    renamed = await lan.text("/lo doiten lo 3 | Vườn Chè")
    assert renamed.startswith("✅ Đã đổi tên lô Lô 3:\n• Vườn Chè · 0,5 ha · chè")
    assert "• Vườn Chè · 0,5 ha · chè" in await lan.text("/lo")
    await lan.say("hái 10kg chè")  # the default plot has its new name
    await lan.say("/lo them Lô 4")
    assert "đã có lô" in await lan.text("/lo đổi tên Lô 4 | vuon che")
    assert "không có lô \"Lô 9\"" in await lan.text("/lo xoa Lô 9")
    assert "Đã bỏ lô Lô 4" in await lan.text("/lo xoa lo 4")
    listed = await lan.text("/lo")
    assert "Vườn Chè" in listed and "Lô 4" not in listed
    assert "Đã thêm lô" in await lan.text("/lo them Lô 4")  # a removed name can be used again
    async with core.db.transaction() as tx:
        harvests = [r["plot"] for r in await tx.all("SELECT plot FROM harvests ORDER BY id")]
        plots = [(r["name"], r["removed_at"] is not None) for r in await tx.all(
            "SELECT name, removed_at FROM plots ORDER BY id")]
        actions = [r["action"] for r in await tx.all(
            "SELECT action FROM audit_log WHERE entity = 'plot' ORDER BY id")]
    assert harvests == ["lô 3", "Vườn Chè"]  # recorded with the name of their day
    assert plots == [("Vườn Chè", False), ("lô 4", True), ("lô 4", False)]  # hidden, kept
    assert actions == ["add", "rename", "add", "remove", "add"]
    assert "Ví dụ" in await lan.text("/lo doiten Lô 3")  # no new name: the usage


async def test_chuaghi_says_it_counts_the_diary_and_who_logged_no_harvest_either(core):
    made = await cooperative(core, ["Lò Thị Lan", "Hoa", "Sùng A Páo"])
    boss, (lan, hoa, pao) = made.manager, made.members
    await hoa.say("chè 20kg ngày 10/11")  # before the 7 days: Hoa logged nothing in them
    await lan.say("hôm qua hái 30kg chè")  # a harvest, but no diary
    await pao.say("làm cỏ lô 2")  # the diary: not listed
    assert await boss.text("/chuaghi") == (
        "🔕 2 thành viên chưa ghi nhật ký sản xuất (bón phân, phun thuốc, làm cỏ…) trong 7 "
        "ngày qua (15/11–21/11):\n"
        "Không ghi gì cả, kể cả sản lượng (1):\n"
        "• Hoa – nhật ký lần cuối: chưa ghi lần nào; sản lượng lần cuối: 10/11\n"
        "Có ghi sản lượng, chỉ thiếu nhật ký (1):\n"
        "• Lò Thị Lan – nhật ký lần cuối: chưa ghi lần nào; sản lượng lần cuối: 20/11\n"
        "Ai chưa báo sản lượng hôm nay: /chuabao")
    await lan.say("/huy")  # her harvest cancelled: she logged nothing after all
    said = await boss.text("/chuaghi 7")
    assert "Không ghi gì cả, kể cả sản lượng (2):" in said and "chỉ thiếu nhật ký" not in said


async def test_a_members_only_plot_is_not_given_to_a_harvest_of_another_crop(core, coop, clock):
    _, lan = coop
    await lan.say("/lo them Lô 3 | 0,5 ha | chè")
    await lan.say("phun Regent 1 bình lô 3")  # the tea plot's spray: 7 days to wait
    await lan.say(button="dy:phi:" + await _last_spray(core) + ":7")
    clock.advance(minutes=30)
    tea = await lan.text("hái 30kg chè")  # her only plot grows tea: it is the tea's
    clock.advance(minutes=30)
    cinnamon = await lan.text("quế 2 tạ")  # cinnamon is not from the tea plot
    assert "lô 3" in tea.lower() and "lô 3" not in cinnamon.lower()
    assert "Regent" in tea and "Regent" not in cinnamon  # no spray warning for it
    async with core.db.transaction() as tx:
        plots = await tx.tuples("SELECT plot FROM harvests ORDER BY id")
    assert plots == (("lô 3",), (None,))
    await lan.say("/lo them Lô 4")  # a plot without a crop named: no default at all
    clock.advance(minutes=30)
    await lan.say("quế 1 tạ")
    async with core.db.transaction() as tx:
        assert await tx.value("SELECT plot FROM harvests ORDER BY id DESC LIMIT 1") is None


async def _last_spray(core) -> str:
    async with core.db.transaction() as tx:
        return str(await tx.value("SELECT MAX(id) FROM diary_entries"))
