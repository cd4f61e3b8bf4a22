"""Corrections act on the entry the person means, and only on it (issue 17, part 1):
/huy and /sua without a target, a correction that ends without a new reading, and replies
that name the entry they changed."""

from __future__ import annotations

from datetime import date

import pytest

from storage import harvests, state
from tests.support import cooperative


@pytest.fixture
async def coop(core):
    return await cooperative(core, ["Lò Thị Lan"])


@pytest.fixture
def lan(coop):
    return coop.members[0]


async def harvest_rows(core):
    async with core.db.transaction() as tx:
        ids = [r["id"] for r in await tx.all("SELECT id FROM harvests ORDER BY id")]
        return [await harvests.get(tx, i) for i in ids]


def reading(entry):
    return (entry.status, entry.product_id, entry.amount, entry.day, entry.plot)


async def diary_rows(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT id, activity, dose, plot, status FROM diary_entries"
                            " ORDER BY id")


def labels(person):
    return [b.label for r in person.last for row in r.buttons for b in row]


async def tap(person, label_part):
    [button] = [b for r in person.last for row in r.buttons for b in row
                if label_part in b.label]
    return await person.text(button=button.data)


async def test_dropping_an_unsure_correction_keeps_the_entry_exactly(core, lan):
    await lan.text("chè 17kg")
    [before] = await harvest_rows(core)
    asked = await lan.text("/sua chè 1.500")
    assert "Chè búp tươi · 17 kg · 21/11" in asked  # names the entry it would change
    assert [reading(e) for e in await harvest_rows(core)] == [reading(before)]
    kept = await tap(lan, "Không sửa")
    assert "Chè búp tươi · 17 kg · 21/11" in kept
    [after] = await harvest_rows(core)
    assert reading(after) == reading(before) == ("recorded", before.product_id, 17_000,
                                                date(2026, 11, 21), None)
    async with core.db.transaction() as tx:
        trail = await state.audit_trail(tx, "harvest", after.id)
    assert [a.action for a in trail] == ["record"]


async def test_picking_an_option_of_a_correction_applies_it(core, lan):
    await lan.text("chè 17kg")
    await lan.text("/sua chè 1.500")
    [keep] = [b.data for r in lan.last for row in r.buttons for b in row
              if "Không sửa" in b.label]
    fixed = await tap(lan, "1,5 kg")
    assert "Đã sửa" in fixed and "1,5 kg" in fixed and "17 kg" in fixed  # new, and before
    [entry] = await harvest_rows(core)
    assert (entry.status, entry.amount) == ("recorded", 1_500)
    assert "đã được xử lý" in await lan.text(button=keep)  # the question is settled
    [entry] = await harvest_rows(core)
    assert (entry.status, entry.amount) == ("recorded", 1_500)


@pytest.mark.parametrize("text", ["🍵🍵🍵", "chè"])
async def test_an_unreadable_correction_changes_nothing(core, lan, text):
    await lan.text("chè 17kg lô 2")
    [before] = await harvest_rows(core)
    answer = await lan.text(f"/sua {text}")
    assert "chưa sửa gì" in answer and "Chè búp tươi · 17 kg · lô 2 · 21/11" in answer
    [after] = await harvest_rows(core)
    assert reading(after) == reading(before)


async def test_an_unanswered_correction_question_changes_nothing(core, lan, clock):
    await lan.text("chè 17kg")
    [before] = await harvest_rows(core)
    await lan.text("/sua chè 1.500")
    clock.advance(hours=5)
    await lan.text("quế 2 tạ")  # life goes on; the question is never answered
    first, _ = await harvest_rows(core)
    assert reading(first) == reading(before)


async def test_sua_after_huy_never_rewrites_an_older_entry(core, lan, clock):
    await lan.text("lúa 1 tấn thửa 12")
    clock.advance(minutes=10)
    await lan.text("quế 2 tạ")
    clock.advance(minutes=10)
    assert "Quế vỏ · 200 kg" in await lan.text("/huy")
    rice, _ = await harvest_rows(core)
    answer = await lan.text("/sua chè 32kg lô 3")
    assert "sửa mục nào" in answer
    assert labels(lan) == ["Lúa · 1.000 kg · thửa 12 · 21/11", "✖ Không sửa"]
    again_rice, again_cinnamon = await harvest_rows(core)
    assert reading(again_rice) == reading(rice) and again_cinnamon.status == "cancelled"
    assert "chưa được ghi" in await tap(lan, "Không sửa")
    again_rice, _ = await harvest_rows(core)
    assert reading(again_rice) == reading(rice)
    assert "sửa mục nào" in await lan.text("/sua")
    assert "Gửi lại nội dung đúng" in await tap(lan, "Lúa")
    assert "Lúa · 1.000 kg · thửa 12 · 21/11" in lan.last[0].text


async def test_huy_after_a_diary_entry_cancels_that_entry(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    clock.advance(minutes=5)
    await lan.text("chè 20kg lô 2")
    clock.advance(minutes=5)
    await lan.text("bón NPK 25kg lô 1")
    answer = await lan.text("/huy")
    assert "Bón phân · NPK · 25 kg · lô 1 · 21/11" in answer
    assert [r["status"] for r in await diary_rows(core)] == ["cancelled"]
    assert [e.status for e in await harvest_rows(core)] == ["recorded", "recorded"]
    second = await lan.text("/huy")  # a second /huy in a row is not clear: ask
    assert "huỷ mục nào" in second
    assert labels(lan) == ["Chè búp tươi · 20 kg · lô 2 · 21/11",
                           "Chè búp tươi · 30 kg · lô 3 · 21/11"]
    assert [e.status for e in await harvest_rows(core)] == ["recorded", "recorded"]
    cancelled = await tap(lan, "30 kg")
    assert "Chè búp tươi · 30 kg · lô 3 · 21/11" in cancelled
    assert [e.status for e in await harvest_rows(core)] == ["cancelled", "recorded"]


async def test_huy_on_an_entry_older_than_the_window_asks(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    clock.advance(hours=3, minutes=1)
    assert "huỷ mục nào" in await lan.text("/huy")
    assert [e.status for e in await harvest_rows(core)] == ["recorded"]


async def test_sua_with_text_then_sua_again_asks(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    fixed = await lan.text("/sua chè 32kg lô 3")
    assert "Chè búp tươi · 32 kg · lô 3 · 21/11" in fixed
    assert "Chè búp tươi · 30 kg · lô 3 · 21/11" in fixed  # what it was
    assert "sửa mục nào" in await lan.text("/sua chè 33kg lô 3")
    [entry] = await harvest_rows(core)
    assert entry.amount == 32_000


async def test_sua_corrects_the_last_diary_entry(core, lan, clock):
    await lan.text("chè 30kg lô 3")
    clock.advance(minutes=5)
    await lan.text("bón NPK 20kg lô 1")
    fixed = await lan.text("/sua bón NPK 25kg lô 1")
    assert "Bón phân · NPK · 25 kg · lô 1" in fixed and "20 kg" in fixed
    assert [r["dose"] for r in await diary_rows(core)] == ["25 kg"]
    [entry] = await harvest_rows(core)
    assert entry.amount == 30_000


async def test_an_unsure_diary_correction_waits_for_the_answer(core, lan):
    await lan.text("bón NPK 20kg lô 1")
    asked = await lan.text("/sua phun Sherpa 1 bình lô 1")
    assert "Bón phân · NPK · 20 kg · lô 1" in asked
    assert [(r["activity"], r["status"]) for r in await diary_rows(core)] == [
        ("fertilise", "recorded")]
    assert "Vẫn giữ" in await tap(lan, "Không sửa")
    assert [(r["activity"], r["dose"], r["status"]) for r in await diary_rows(core)] == [
        ("fertilise", "20 kg", "recorded")]


async def test_the_interval_answer_applies_an_unsure_diary_correction(core, lan, clock):
    await lan.text("bón NPK 20kg lô 1")
    clock.advance(minutes=1)
    await lan.text("/sua phun Sherpa 1 bình lô 1")
    fixed = await tap(lan, "7 ngày")
    assert "Phun thuốc" in fixed and "Bón phân · NPK · 20 kg" in fixed
    assert [(r["activity"], r["status"]) for r in await diary_rows(core)] == [
        ("spray", "recorded")]


async def test_a_manager_correcting_for_a_member_names_whose_entry(core, coop, lan):
    boss = coop.manager
    await boss.text("ghi cho Lan 30kg chè lô 3")
    undone = await boss.text("/huy")
    assert "Lò Thị Lan" in undone and "Chè búp tươi · 30 kg · lô 3 · 21/11" in undone
    await boss.text("ghi cho Lan 12kg chè")
    fixed = await boss.text("/sua 15kg chè")
    assert "Lò Thị Lan" in fixed and "15 kg" in fixed
    amounts = [(e.amount, e.status) for e in await harvest_rows(core)]
    assert amounts == [(30_000, "cancelled"), (15_000, "recorded")]


async def test_nothing_to_undo_or_fix(core, lan):
    assert "chưa có mục nào để huỷ" in await lan.text("/huy")
    assert "chưa có mục nào để sửa" in await lan.text("/sua chè 3kg")


async def test_an_ambiguous_edit_asks_and_keeps_the_entry(core, lan):
    await lan.say("chè 17kg")
    original = lan.last_ref
    [before] = await harvest_rows(core)
    asked = await lan.text("chè 1.500", edits=original)
    assert "Chè búp tươi · 17 kg · 21/11" in asked and "giữ nguyên" in asked
    [after] = await harvest_rows(core)
    assert reading(after) == reading(before)
    await tap(lan, "1.500 kg")
    [after] = await harvest_rows(core)
    assert (after.status, after.amount, after.message_ref) == ("recorded", 1_500_000, original)


async def test_an_answer_to_a_correction_is_refused_once_the_entry_changed(core, lan):
    [confirmation] = await lan.say("chè 17kg")
    [question] = await lan.say("/sua chè 1.500")
    [undo] = [b.data for row in confirmation.buttons for b in row if "Huỷ" in b.label]
    await lan.say(button=undo)
    [pick] = [b.data for row in question.buttons for b in row if "1,5 kg" in b.label]
    assert "đã được xử lý" in await lan.text(button=pick)
    [entry] = await harvest_rows(core)
    assert (entry.status, entry.amount) == ("cancelled", 17_000)


async def test_editing_a_cancelled_message_does_not_bring_it_back(core, lan):
    await lan.say("chè 17kg")
    original = lan.last_ref
    await lan.say("/huy")
    assert "đã huỷ nên mình không sửa" in await lan.text("chè 20kg, quế 1 tạ", edits=original)
    assert [(e.status, e.amount) for e in await harvest_rows(core)] == [("cancelled", 17_000)]


async def test_an_edit_with_words_the_bot_does_not_know_asks_quoting_them(core, lan):
    await lan.say("hái 30kg chè lô 3")
    original = lan.last_ref
    [before] = await harvest_rows(core)
    asked = await lan.text("chè 30kg lô 3 lô 4", edits=original)
    assert "Mình chưa hiểu chữ \"lô 4\"" in asked and "Xin lỗi" not in asked
    [after] = await harvest_rows(core)
    assert reading(after) == reading(before)
