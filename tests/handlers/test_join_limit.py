"""Invite codes cannot be guessed: a few wrong codes, then a pause the person is told of."""

from __future__ import annotations

from handlers import admin
from handlers.join_limit import WINDOW, WRONG_CODES
from storage import members
from storage.invites import ALPHABET, CODE_LENGTH
from tests.support import Person


async def _coop(core):
    return await admin.create_cooperative(
        core.db, "HTX Chè Phình Hồ", "Yên Bái", None, "Asia/Ho_Chi_Minh", core.clock()
    )


async def _joined(core, user_ref: str) -> bool:
    async with core.db.transaction() as tx:
        return await members.find_by_identity(tx, "console", user_ref) is not None


def _wrong(n: int) -> str:
    return "".join(ALPHABET[(n + k) % len(ALPHABET)] for k in range(CODE_LENGTH))


async def test_five_wrong_codes_then_a_pause_even_for_the_right_code(core, clock):
    made = await _coop(core)
    guesser, neighbour = Person(core, "guesser"), Person(core, "neighbour")
    for n in range(WRONG_CODES):  # 09:30 in Hà Nội, all within a minute
        assert "không tìm thấy" in await guesser.text(_wrong(n))
        clock.advance(seconds=10)
    paused = await guesser.text(made.member.invite.code)  # the right one: not even looked up
    assert paused == (f"Bạn đã nhập sai mã mời {WRONG_CODES} lần liền. Để giữ an toàn cho HTX, "
                      "bạn vui lòng đợi đến 09:45 rồi thử lại nhé. Nếu không chắc mã, hãy hỏi "
                      "lại quản lý HTX.")
    assert "09:45" in await guesser.text(f"/start {_wrong(99)}")
    assert not await _joined(core, "guesser")
    assert "Chào mừng" in await neighbour.text(made.member.invite.code)  # others are not held
    clock.advance(minutes=14)  # 09:44:50: the first wrong code was at 09:30:00
    assert "09:45" in await guesser.text(made.member.invite.code)
    clock.advance(seconds=10)  # 09:45:00: the first try leaves the window
    assert "Chào mừng" in await guesser.text(made.member.invite.code)
    assert await _joined(core, "guesser")


async def test_expired_and_revoked_codes_count_and_tries_while_paused_do_not(core, clock):
    made = await _coop(core)
    revoked = await admin.issue_invite(core.db, "member", clock(), made.cooperative.id)
    await admin.revoke_invite(core.db, revoked.invite.code, clock())
    lan = Person(core, "lan")
    for _ in range(WRONG_CODES):
        assert "thu hồi" in await lan.text(revoked.invite.code)
    for _ in range(20):  # a script keeps guessing through the pause
        assert "đợi đến" in await lan.text(_wrong(3))
        clock.advance(seconds=30)
    clock.advance(minutes=5)  # fifteen minutes after the five: free, not held longer
    assert "Chào mừng" in await lan.text(made.member.invite.code)


async def test_the_rate_makes_guessing_a_code_impractical():
    """The README's arithmetic, from the code's own constants."""
    space = len(ALPHABET) ** CODE_LENGTH
    per_hour = WRONG_CODES * (60 // (WINDOW.seconds // 60))
    assert (space, per_hour) == (387_420_489, 20)
    years_for_one_code = space / 2 / per_hour / 24 / 365
    assert years_for_one_code > 1000
