"""/lienket: one member on two apps, by a one-time code."""

from __future__ import annotations

import re

from handlers import admin
from storage import members
from tests.support import Person


def _code(text: str) -> str:
    found = re.search(r"/lienket ([A-Z0-9]{6})", text)
    assert found, text
    return found.group(1)


async def _joined(core) -> tuple[Person, admin.NewCooperative]:
    made = await admin.create_cooperative(core.db, "HTX Chè Tân Cương", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    lan = Person(core, "7001", "Lan", channel="telegram")
    await lan.say(made.member.invite.code)
    return lan, made


async def test_a_code_from_telegram_puts_zalo_on_the_same_member(core):
    lan, _ = await _joined(core)
    code = _code(await lan.text("/lienket"))
    on_zalo = Person(core, "z-7001", channel="zalo")
    linked = await on_zalo.text(f"/lienket {code.lower()}")
    assert "Đã liên kết" in linked and "Lan" in linked and "HTX Chè Tân Cương" in linked
    async with core.db.transaction() as tx:
        by_telegram = await members.find_by_identity(tx, "telegram", "7001")
        by_zalo = await members.find_by_identity(tx, "zalo", "z-7001")
    assert by_telegram is not None and by_zalo is not None and by_zalo.id == by_telegram.id
    # An entry made on Zalo is the member's entry on Telegram too.
    assert "30 kg" in await on_zalo.text("hái 30kg chè lô 3")
    assert "Chè búp tươi · 30 kg · lô 3" in await lan.text("/homnay")


async def test_the_reverse_works_and_a_code_works_once(core):
    made = await admin.create_cooperative(core.db, "HTX Quế", None, None, "Asia/Ho_Chi_Minh",
                                          core.clock())
    hoa = Person(core, "z-1", "Hoa", channel="zalo")
    await hoa.say(made.manager.invite.code)
    code = _code(await hoa.text("/lienket"))
    assert "Đã liên kết" in await Person(core, "1", channel="telegram").text(f"/lienket {code}")
    assert "quản lý" in await Person(core, "1", channel="telegram").text("/toi")
    stranger = Person(core, "2", channel="telegram")
    assert "không đúng hoặc đã hết hạn" in await stranger.text(f"/lienket {code}")
    async with core.db.transaction() as tx:
        assert await members.find_by_identity(tx, "telegram", "2") is None


async def test_refusals(core, clock):
    lan, made = await _joined(core)
    code = _code(await lan.text("/lienket"))
    # Already a member on this app: not merged, told why.
    minh = Person(core, "7002", channel="telegram")
    await minh.say(made.member.invite.code)
    assert "đã là thành viên" in await minh.text(f"/lienket {code}")
    # A member has one identity per app.
    assert "đã liên kết với một tài khoản Telegram" in await Person(
        core, "7003", channel="telegram").text(f"/lienket {code}")
    # Codes expire, and a new one replaces the old.
    clock.advance(minutes=16)
    assert "hết hạn" in await Person(core, "z-9", channel="zalo").text(f"/lienket {code}")
    first = _code(await lan.text("/lienket"))
    second = _code(await lan.text("/lienket"))
    assert "hết hạn" in await Person(core, "z-9", channel="zalo").text(f"/lienket {first}")
    assert "Đã liên kết" in await Person(core, "z-9", channel="zalo").text(f"/lienket {second}")
    # A stranger without a code is told how.
    assert "gõ /lienket ở ứng dụng đó" in await Person(core, "z-8", channel="zalo").text(
        "/lienket")
