"""Joining with codes, the stranger's welcome, and who may use which command."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from handlers import admin
from storage import inbox, members, state
from tests.support import Person, cooperative


async def _coop(core, name="HTX Chè Phình Hồ"):
    return await admin.create_cooperative(
        core.db, name, "Yên Bái", None, "Asia/Ho_Chi_Minh", core.clock()
    )


async def _member_of(core, user_ref):
    async with core.db.transaction() as tx:
        return await members.find_by_identity(tx, "console", user_ref)


async def test_stranger_gets_a_welcome_that_explains_how_to_join(core):
    lan = Person(core, "lan")
    for message in ("xin chào", "hai 30kg che", "/toi", "/moi", "/khongco", None):
        text = await lan.text(message) if message else await lan.text(unsupported="sticker")
        assert "mã mời" in text and "quản lý HTX" in text, message
    assert await _member_of(core, "lan") is None


async def test_join_with_start_code_names_cooperative_and_role(core):
    made = await _coop(core)
    text = await Person(core, "lan", "Lò Thị Lan").text(f"/start {made.member.invite.code}")
    assert "HTX Chè Phình Hồ" in text and "thành viên" in text and "Lò Thị Lan" in text
    member = await _member_of(core, "lan")
    assert member is not None and member.role == "member"
    assert member.cooperative_id == made.cooperative.id


async def test_a_bare_code_in_any_case_with_spaces_joins(core):
    made = await _coop(core)
    code = made.manager.invite.code
    spaced = f" {code[:3].lower()} {code[3:].lower()} "
    text = await Person(core, "minh").text(spaced)
    assert "quản lý" in text
    member = await _member_of(core, "minh")
    assert member is not None and member.role == "manager"


async def test_deep_link_start_payload_works_like_a_typed_code(core):
    made = await _coop(core)
    text = await Person(core, "lan").text(f"/start@htx_test_bot {made.member.invite.code}")
    assert "Chào mừng" in text


async def test_expired_revoked_used_up_and_unknown_codes_are_refused_with_a_reason(core, clock):
    made = await _coop(core)
    expired = await admin.issue_invite(core.db, "member", clock(), made.cooperative.id, days=1)
    revoked = await admin.issue_invite(core.db, "member", clock(), made.cooperative.id)
    await admin.revoke_invite(core.db, revoked.invite.code, clock())
    single = await admin.issue_invite(core.db, "member", clock(), made.cooperative.id, uses=1)
    assert "Chào mừng" in await Person(core, "first").text(single.invite.code)
    clock.advance(days=2)

    assert "hết hạn" in await Person(core, "a").text(f"/start {expired.invite.code}")
    assert "thu hồi" in await Person(core, "b").text(f"/start {revoked.invite.code}")
    assert "dùng hết" in await Person(core, "c").text(single.invite.code)
    assert "không tìm thấy" in await Person(core, "d").text("/start ABCDEF")
    for user in "abcd":
        assert await _member_of(core, user) is None


async def test_a_member_cannot_join_a_second_cooperative(core):
    first = await _coop(core, "HTX Quế Công Tâm")
    second = await _coop(core, "HTX Chè Tân Cương")
    lan = Person(core, "lan")
    await lan.text(first.member.invite.code)
    text = await lan.text(f"/start {second.member.invite.code}")
    assert "HTX Quế Công Tâm" in text and "HTX Chè Tân Cương" in text and "một nơi" in text
    member = await _member_of(core, "lan")
    assert member is not None and member.cooperative_id == first.cooperative.id
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, second.cooperative.id)) == 0


async def test_manager_code_promotes_an_existing_member_of_the_same_cooperative(core):
    made = await _coop(core)
    lan = Person(core, "lan")
    await lan.text(made.member.invite.code)
    text = await lan.text(made.manager.invite.code)
    assert "quản lý" in text
    member = await _member_of(core, "lan")
    assert member is not None and member.role == "manager"
    async with core.db.transaction() as tx:
        trail = await state.audit_trail(tx, "member", member.id)
        assert len(await members.list_members(tx, made.cooperative.id)) == 1
    assert [e.action for e in trail] == ["join", "promote"]
    assert trail[1].before == {"role": "member"}


async def test_using_a_member_code_again_changes_nothing(core):
    made = await _coop(core)
    lan = Person(core, "lan")
    await lan.text(made.member.invite.code)
    assert "rồi" in await lan.text(made.member.invite.code)
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, made.cooperative.id)) == 1


async def test_staff_join_an_alliance(core, clock):
    made = await admin.create_alliance(core.db, "Liên minh HTX tỉnh Quảng Trị", None, clock())
    text = await Person(core, "hoa").text(f"/start {made.staff.invite.code}")
    assert "Liên minh HTX tỉnh Quảng Trị" in text and "cán bộ" in text
    assert "Liên minh HTX tỉnh Quảng Trị" in await Person(core, "hoa").text("/toi")


async def test_profile_shows_name_cooperative_and_role(core):
    made = await _coop(core)
    lan = Person(core, "lan", "Lò Thị Lan")
    await lan.text(made.member.invite.code)
    text = await lan.text("/toi")
    assert "Lò Thị Lan" in text and "HTX Chè Phình Hồ" in text and "thành viên" in text


async def test_help_differs_by_role(core, clock):
    made = await _coop(core)
    alliance = await admin.create_alliance(core.db, "Liên minh HTX Lạng Sơn", None, clock())
    member, manager, staff = Person(core, "m"), Person(core, "g"), Person(core, "s")
    await member.text(made.member.invite.code)
    await manager.text(made.manager.invite.code)
    await staff.text(alliance.staff.invite.code)
    helps = [await p.text("/help") for p in (member, manager, staff)]
    assert len(set(helps)) == 3
    assert "hái 30kg chè" in helps[0] and "/moi" not in helps[0]
    assert "/moi" in helps[1] and "ghi cho Lan" in helps[1]
    assert "/thongbao" in helps[2] and "/gia – giá thu mua hôm nay của từng HTX" in helps[2]
    assert "/thongbao" not in helps[0] and "/gia" in helps[0]


async def test_only_managers_may_invite(core, clock):
    made = await _coop(core)
    member, manager = Person(core, "m"), Person(core, "g")
    await member.text(made.member.invite.code)
    await manager.text(made.manager.invite.code)
    assert "chỉ dành cho quản lý" in await member.text("/moi")
    text = await manager.text("/moi 5")
    assert "Dùng được 5 lần" in text
    async with core.db.transaction() as tx:
        codes = [i for i in await admin.invites.list_invites(tx, made.cooperative.id)
                 if i.max_uses == 5]
    assert len(codes) == 1 and codes[0].code in text
    newcomer = await Person(core, "n").text(codes[0].code)
    assert "Chào mừng" in newcomer


async def test_invite_shows_a_deep_link_once_the_bot_username_is_known(core):
    made = await _coop(core)
    manager = Person(core, "g")
    await manager.text(made.manager.invite.code)
    async with core.db.transaction() as tx:
        await state.set_fact(tx, "telegram.bot_username", "htx_test_bot")
    text = await manager.text("/moi")
    assert "https://t.me/htx_test_bot?start=" in text


async def test_stickers_and_voice_get_a_reply_saying_what_is_understood(core):
    made = await _coop(core)
    lan = Person(core, "lan")
    await lan.text(made.member.invite.code)
    sticker = await lan.text(unsupported="sticker")
    voice = await lan.text(unsupported="voice")
    assert "nhãn dán" in sticker and "hái 30kg chè" in sticker
    assert "tin nhắn thoại" in voice


async def test_unknown_command_is_named_in_the_answer(core):
    made = await _coop(core)
    lan = Person(core, "lan")
    await lan.text(made.member.invite.code)
    assert "/khongco" in await lan.text("/khongco")


async def test_a_member_short_message_is_not_mistaken_for_a_code(core):
    made = await _coop(core)
    lan = Person(core, "lan")
    await lan.text(made.member.invite.code)
    assert "không tìm thấy mã" not in await lan.text("HAI30K")


async def test_a_failing_handler_apologises_rolls_back_and_the_bot_carries_on(core, db):
    made = await _coop(core)
    manager = Person(core, "g")
    await manager.text(made.manager.invite.code)
    async with db.transaction() as tx:  # a real failure: the audit table is gone
        await tx.execute("ALTER TABLE audit_log RENAME TO audit_log_gone")
    text = await manager.text("/moi")
    assert "Xin lỗi" in text
    async with db.transaction() as tx:
        rows = await tx.all("SELECT status, error FROM inbox ORDER BY id DESC LIMIT 1")
        leftover = await tx.value("SELECT COUNT(*) FROM invites WHERE created_by IS NOT NULL")
        await tx.execute("ALTER TABLE audit_log_gone RENAME TO audit_log")
    assert rows[0]["status"] == "failed" and "audit_log" in rows[0]["error"]
    assert leftover == 0  # the invite insert was rolled back with the failure
    assert "Dùng được 1 lần" in await manager.text("/moi")


async def test_the_same_message_twice_is_handled_once(core):
    made = await _coop(core)
    from handlers.contract import Incoming

    incoming = Incoming(channel="console", user_ref="lan", message_ref="dup-1",
                        sent_at=core.clock(), text=made.member.invite.code)
    first = await core.handle(incoming)
    second = await core.handle(incoming)
    assert first and "Chào mừng" in first[0].text
    assert second == []
    async with core.db.transaction() as tx:
        assert len(await members.list_members(tx, made.cooperative.id)) == 1
        assert (await inbox.count_by_status(tx)) == {"done": 1}


async def test_codes_expire_relative_to_the_processing_clock(core, clock):
    made = await _coop(core)
    clock.advance(days=31)
    assert "hết hạn" in await Person(core, "late").text(made.member.invite.code)
    clock.now -= timedelta(days=31)


async def test_a_code_has_one_last_day_in_the_chat_the_cli_and_the_join_check(core, clock):
    # 17:30 UTC on 1 December is 00:30 on 2 December in Việt Nam: the UTC and local days
    # differ, which is where /moi and `htx-bot invite list` used to disagree.
    clock.now = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)
    made = await cooperative(core, [])
    shown = await made.manager.text("/moi 5")
    assert "đến hết ngày 01/01/2027" in shown  # 2/12 (local) + 30 days
    code = re.search(r"[A-Z0-9]{6}", shown.split(":", 1)[1]).group(0)
    listed = {i.invite.code: i.last_day for i in await admin.list_invites(core.db, made.id)}
    assert listed[code] == date(2027, 1, 1)
    assert all(day == date(2027, 1, 1) for day in listed.values())  # the CLI's codes too
    clock.now = datetime(2027, 1, 1, 16, 59, tzinfo=UTC)  # 23:59 on its last day: works
    assert "Chào mừng" in await Person(core, "late").text(code)
    clock.now = datetime(2027, 1, 1, 17, 0, tzinfo=UTC)  # local midnight: over
    refused = await Person(core, "later").text(code)
    assert "hết hạn (dùng được đến hết ngày 01/01/2027)" in refused
