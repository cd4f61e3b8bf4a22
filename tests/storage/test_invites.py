"""Invite codes: their shape and their lifecycle (expired, revoked, used up)."""

from __future__ import annotations

from datetime import timedelta

from storage import invites, orgs
from storage.invites import ALPHABET, CODE_LENGTH


async def _coop(tx, clock):
    return await orgs.add_cooperative(tx, "HTX Chè Tân Cương", "Thái Nguyên", None,
                                      "Asia/Ho_Chi_Minh", clock())


def test_codes_avoid_look_alike_characters():
    codes = {invites.new_code() for _ in range(2000)}
    assert len(codes) > 1990  # random enough not to collide in practice
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
    assert not set("0O1IL5S2Z") & set(ALPHABET)


async def test_lookup_is_case_insensitive(db, clock):
    async with db.transaction() as tx:
        coop = await _coop(tx, clock)
        invite = await invites.create_invite(tx, "member", clock(), cooperative_id=coop.id)
        found = await invites.get_invite(tx, f"  {invite.code.lower()} ")
    assert found is not None and found.code == invite.code


async def test_default_expiry_is_thirty_days(db, clock):
    async with db.transaction() as tx:
        coop = await _coop(tx, clock)
        invite = await invites.create_invite(tx, "member", clock(), cooperative_id=coop.id)
    assert invite.expires_at == clock() + timedelta(days=30)
    assert invite.problem(clock() + timedelta(days=29, hours=23)) is None
    assert invite.problem(clock() + timedelta(days=30)) == "expired"


async def test_used_up_after_max_uses(db, clock):
    async with db.transaction() as tx:
        coop = await _coop(tx, clock)
        invite = await invites.create_invite(tx, "member", clock(), cooperative_id=coop.id,
                                             max_uses=2)
        assert await invites.use_invite(tx, invite.code)
        assert await invites.use_invite(tx, invite.code.lower())
        assert not await invites.use_invite(tx, invite.code)
        again = await invites.get_invite(tx, invite.code)
    assert again is not None and again.uses == 2
    assert again.problem(clock()) == "used_up"


async def test_revoked_invite_cannot_be_used(db, clock):
    async with db.transaction() as tx:
        coop = await _coop(tx, clock)
        invite = await invites.create_invite(tx, "manager", clock(), cooperative_id=coop.id)
        assert await invites.revoke_invite(tx, invite.code.lower())
        assert not await invites.use_invite(tx, invite.code)
        again = await invites.get_invite(tx, invite.code)
        assert not await invites.revoke_invite(tx, "NOSUCH")
    assert again is not None and again.problem(clock()) == "revoked"


async def test_list_invites_by_cooperative(db, clock):
    async with db.transaction() as tx:
        first = await _coop(tx, clock)
        second = await _coop(tx, clock)
        mine = await invites.create_invite(tx, "member", clock(), cooperative_id=first.id)
        await invites.create_invite(tx, "member", clock(), cooperative_id=second.id)
        listed = await invites.list_invites(tx, cooperative_id=first.id)
    assert [i.code for i in listed] == [mine.code]
