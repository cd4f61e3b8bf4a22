"""Harvest logging through the real core: record, ask, settle, cancel, correct, on behalf."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from handlers import admin
from handlers.contract import Incoming
from storage import harvests, products, state
from tests.support import Person


@pytest.fixture
async def coop(core):
    return await admin.create_cooperative(
        core.db, "HTX Chè Phình Hồ", "Yên Bái", None, "Asia/Ho_Chi_Minh", core.clock()
    )


@pytest.fixture
async def lan(core, coop):
    person = Person(core, "lan", "Lò Thị Lan")
    await person.text(coop.member.invite.code)
    return person


@pytest.fixture
async def manager(core, coop):
    person = Person(core, "minh", "Hoàng Văn Minh")
    await person.text(coop.manager.invite.code)
    return person


async def rows(core):
    async with core.db.transaction() as tx:
        ids = [r["id"] for r in await tx.all("SELECT id FROM harvests ORDER BY id")]
        return [await harvests.get(tx, i) for i in ids]


async def product_id(core, coop, name):
    async with core.db.transaction() as tx:
        found = [p for p in await products.list_products(tx, coop.cooperative.id) if p.name == name]
    return found[0].id


def buttons(person):
    return [b for r in person.last for row in r.buttons for b in row]


async def tap(person, label_part):
    [button] = [b for b in buttons(person) if label_part in b.label]
    return await person.text(button=button.data)


async def test_a_confident_message_is_recorded_at_once_in_canonical_form(core, coop, lan):
    text = await lan.text("hái 30kg chè lô 3")
    assert "Chè búp tươi · 30 kg · lô 3 · 21/11" in text
    assert [b.label for b in buttons(lan)] == ["↩️ Huỷ", "✏️ Sửa"]
    [entry] = await rows(core)
    assert (entry.status, entry.amount, entry.plot, entry.day) == (
        "recorded", 30_000, "lô 3", date(2026, 11, 21))
    assert entry.product_id == await product_id(core, coop, "chè búp tươi")


async def test_several_items_in_one_message(core, lan):
    text = await lan.text("che 25,5kg, quế 2 tạ")
    assert "25,5 kg" in text and "Quế vỏ · 200 kg" in text
    assert sorted(e.amount for e in await rows(core)) == [25_500, 200_000]


async def test_the_day_is_when_the_farmer_sent_it_not_when_it_arrived(core, coop, lan, clock):
    sent = datetime(2026, 11, 21, 16, 50, tzinfo=UTC)  # 23:50 in Hà Nội
    clock.now = sent + timedelta(hours=2)  # reaches us the next local day
    await core.handle(Incoming(channel="console", user_ref="lan", message_ref="late-1",
                               sent_at=sent, text="chè 30kg"))
    assert [e.day for e in await rows(core)] == [date(2026, 11, 21)]


async def test_an_ambiguous_number_is_asked_and_recorded_only_once_chosen(core, lan):
    text = await lan.text("chè 1.500")
    assert "hai cách" in text
    [entry] = await rows(core)
    assert entry.status == "pending" and entry.amount is None
    await tap(lan, "1.500 kg")
    [entry] = await rows(core)
    assert (entry.status, entry.amount) == ("recorded", 1_500_000)
    assert "đã được xử lý" in await lan.text(button=f"hv:pick:{entry.id}:0")
    [entry] = await rows(core)
    assert entry.amount == 1_500_000  # the second tap changed nothing


async def test_dropping_a_question_records_nothing(core, lan):
    await lan.text("trà 30kg")
    await tap(lan, "Không ghi")
    assert [e.status for e in await rows(core)] == ["cancelled"]


async def test_unknown_product_and_future_date_and_implausible_amounts_ask(core, lan):
    for message in ("xoài 5kg", "chè 30kg ngày 25/11", "chè 3 tấn"):
        text = await lan.text(message)
        assert "❓" in text, message
    assert {e.status for e in await rows(core)} == {"pending"}


async def test_far_above_this_members_usual_amount_asks(core, lan, clock):
    for _ in range(3):  # three deliveries, half an hour apart (minutes apart they are asked)
        await lan.text("chè 30kg")
        clock.advance(minutes=30)
    assert "mọi khi" in await lan.text("chè 400kg")
    assert [e.status for e in await rows(core)] == ["recorded"] * 3 + ["pending"]


async def test_each_product_of_a_message_is_held_to_its_own_usual_amount(core, lan):
    for _ in range(3):
        await lan.text("chè 30kg")
        await lan.text("quế 1 tạ")
    assert "mọi khi" in await lan.text("chè 40kg, quế 6 tạ")  # 6 x quế's 100 kg
    assert "mọi khi" in await lan.text("chè 200kg, quế 1 tạ")  # 6.7 x chè's 30 kg
    entries = await rows(core)  # a message's sure items are stored before its questions
    assert [(e.amount, e.status) for e in entries[6:]] == [
        (40_000, "recorded"), (None, "pending"), (100_000, "recorded"), (None, "pending")
    ]


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("chè 0kg", "lớn hơn 0"),
        ("chè -5kg", "lớn hơn 0"),
        ("30kg", "chưa biết là sản phẩm gì"),
        ("chè", "chưa thấy số lượng"),
        ("🍵🍵🍵", "chưa đọc được"),
        ("chè 30kg " * 600, "quá dài"),
        ("'; DROP TABLE harvests; --", "chưa ghi gì"),
        ("<script>alert(1)</script>", "chưa ghi gì"),
        ("SELECT * FROM members WHERE 1=1", "chưa ghi gì"),
    ],
)
async def test_bad_input_gets_a_clear_answer_with_an_example_and_records_nothing(
    core, lan, message, says
):
    text = await lan.text(message)
    assert says in text and "hái 30kg chè lô 3" in text
    assert await rows(core) == []


async def test_the_same_message_delivered_twice_records_once(core, lan):
    incoming = Incoming(channel="console", user_ref="lan", message_ref="twice",
                        sent_at=core.clock(), text="chè 30kg")
    await core.handle(incoming)
    assert await core.handle(incoming) == []
    assert len(await rows(core)) == 1


async def test_undo_button_and_huy_cancel_with_an_audit_trail(core, lan):
    await lan.text("chè 30kg, quế 2 tạ")
    assert "Đã huỷ" in await tap(lan, "Huỷ")
    assert [e.status for e in await rows(core)] == ["cancelled", "cancelled"]
    await lan.text("chè 20kg")
    assert "Chè búp tươi · 20 kg" in await lan.text("/huy")
    assert "chưa có mục nào" in await lan.text("/huy")
    entries = await rows(core)
    assert [e.status for e in entries] == ["cancelled"] * 3  # nothing deleted
    async with core.db.transaction() as tx:
        trail = await state.audit_trail(tx, "harvest", entries[2].id)
    assert [a.action for a in trail] == ["record", "cancel"]
    assert trail[1].before is not None and trail[1].before["amount"] == 20_000


async def test_fix_button_then_the_next_message_corrects_in_place(core, lan):
    await lan.text("chè 30kg lô 3")
    assert "Gửi lại nội dung đúng" in await tap(lan, "Sửa")
    text = await lan.text("chè 32kg lô 3")
    assert "Đã sửa" in text and "32 kg" in text
    [entry] = await rows(core)
    assert (entry.amount, entry.status) == (32_000, "recorded")
    async with core.db.transaction() as tx:
        trail = await state.audit_trail(tx, "harvest", entry.id)
    assert trail[-1].action == "correct" and trail[-1].before["amount"] == 30_000


async def test_sua_with_text_of_another_product_asks_which_entry(core, lan):
    await lan.text("chè 30kg")
    await lan.text("/sua quế 25kg")
    [entry] = await rows(core)
    assert entry.amount == 30_000  # another product than the entry: which entry is asked
    assert "sửa mục nào" in lan.last[0].text


async def test_a_stale_fix_request_does_not_swallow_a_new_report(core, lan, clock):
    await lan.text("chè 30kg")
    await tap(lan, "Sửa")
    clock.advance(hours=3)
    assert "Đã ghi" in await lan.text("chè 40kg")
    assert sorted(e.amount for e in await rows(core)) == [30_000, 40_000]


async def test_editing_the_chat_message_updates_its_entry_never_adds_one(core, lan):
    original = Incoming(channel="console", user_ref="lan", message_ref="msg-7",
                        sent_at=core.clock(), text="chè 30kg")
    await core.handle(original)
    for n, text in enumerate(("chè 35kg", "chè 36kg lô 2")):
        edit = Incoming(channel="console", user_ref="lan", message_ref=f"msg-7:edit:{n}",
                        sent_at=core.clock(), text=text, edits="msg-7")
        await core.handle(edit)
    [entry] = await rows(core)
    assert (entry.amount, entry.plot, entry.status) == (36_000, "lô 2", "recorded")


async def test_editing_an_unreadable_message_records_it_once(core, lan):
    await core.handle(Incoming(channel="console", user_ref="lan", message_ref="msg-9",
                               sent_at=core.clock(), text="chè"))
    for n in range(2):
        await core.handle(Incoming(channel="console", user_ref="lan",
                                   message_ref=f"msg-9:edit:{n}", sent_at=core.clock(),
                                   text="chè 30kg", edits="msg-9"))
    assert [(e.amount, e.message_ref) for e in await rows(core)] == [(30_000, "msg-9")]


async def test_someone_elses_buttons_do_nothing(core, coop, lan):
    await lan.text("chè 30kg")
    other = Person(core, "hoa")
    await other.text(coop.member.invite.code)
    [entry] = await rows(core)
    assert "không phải của bạn" in await other.text(button=f"hv:undo:{entry.id}")
    assert [e.status for e in await rows(core)] == ["recorded"]


async def test_manager_records_for_a_member_by_name(core, lan, manager):
    text = await manager.text("ghi cho Lan 30kg chè")
    assert "Đã ghi cho Lò Thị Lan" in text and "30 kg" in text
    [entry] = await rows(core)
    assert entry.member_id != entry.recorded_by  # marked as recorded by the manager
    assert "chưa có mục nào" in await lan.text("/huy")
    [entry] = await rows(core)
    assert entry.status == "recorded"  # the member cannot cancel what the manager recorded


async def test_a_question_about_a_members_entry_names_the_member_and_so_does_the_answer(
    core, lan, manager
):
    text = await manager.text("ghi cho Lan 1.500 chè")  # 1,5 kg or 1.500 kg: asked
    assert text.startswith("Ghi cho Lò Thị Lan:") and "chưa được ghi" in text, text
    [entry] = await rows(core)
    assert entry.status == "pending"
    answer = await manager.text(button=f"hv:pick:{entry.id}:1")
    assert answer.startswith("✅ Đã ghi cho Lò Thị Lan:"), answer
    [entry] = await rows(core)
    assert entry.status == "recorded" and entry.member_id != entry.recorded_by
    own = await lan.text("che 1.500")  # her own: no name in the question nor the answer
    assert "Ghi cho" not in own
    pending = next(e for e in await rows(core) if e.status == "pending")
    assert "Đã ghi:" in await lan.text(button=f"hv:pick:{pending.id}:0")


async def test_an_ambiguous_name_asks_which_member(core, coop, lan, manager):
    other = Person(core, "lan2", "Nguyễn Thị Lan")
    await other.text(coop.member.invite.code)
    assert "Ghi cho ai" in await manager.text("ghi cho lan: que 2 ta")
    await tap(manager, "Nguyễn Thị Lan")
    [entry] = await rows(core)
    assert entry.amount == 200_000
    assert "không tìm thấy" in (await manager.text("ghi cho Tuấn 30kg chè")).lower()


async def test_nhap_picks_a_member_then_records_their_delivery(core, lan, manager):
    assert "Ghi sản lượng cho ai" in await manager.text("/nhap")
    await tap(manager, "Lò Thị Lan")
    assert "Đã ghi cho Lò Thị Lan" in await manager.text("chè 12kg")
    [entry] = await rows(core)
    assert entry.amount == 12_000


async def test_members_cannot_record_for_others(core, lan):
    assert "chỉ dành cho quản lý" in await lan.text("/nhap")
    assert "đã được xử lý" in await lan.text(button="px:nhap:1")
    assert "Chỉ quản lý" in await lan.text("ghi cho Minh 30kg chè")
    assert await rows(core) == []


async def test_a_bare_number_far_below_the_usual_amount_asks_for_its_unit(core, lan, clock):
    for _ in range(3):  # three deliveries, half an hour apart (minutes apart they are asked)
        await lan.text("quế 2 tạ")
        clock.advance(minutes=30)
    [reply] = await lan.say("quế 2")  # 2 kg, or the 2 tạ Lan always delivers?
    assert "chưa có đơn vị" in reply.text
    labels = [row[0].label for row in reply.buttons]
    assert "200 kg" in labels[0] and "2 kg" in labels[1]  # the usual reading first
    assert [e.status for e in await rows(core)] == ["recorded"] * 3 + ["pending"]
    await lan.say(button=reply.buttons[0][0].data)
    assert [(e.amount, e.status) for e in (await rows(core))[3:]] == [(200_000, "recorded")]
    assert "Quế vỏ" in await lan.text("quế 150") and [  # near the usual: recorded as kg
        e.amount for e in await rows(core)][-1] == 150_000
