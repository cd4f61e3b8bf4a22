"""A manager's "Lan 30kg chè": whose delivery it is, asked, never guessed."""

from __future__ import annotations

from tests.support import cooperative


async def _entries(core):
    async with core.db.transaction() as tx:
        return [(r["name"], r["amount"], r["by"]) for r in await tx.all(
            "SELECT m.display_name AS name, h.amount, b.display_name AS by FROM harvests h"
            " JOIN members m ON m.id = h.member_id JOIN members b ON b.id = h.recorded_by"
            " WHERE h.status = 'recorded' ORDER BY h.id")]


async def test_a_members_name_first_asks_whose_delivery_it_is(core):
    coop = await cooperative(core, ["Lò Thị Lan", "Minh"])
    boss = coop.manager
    [ask] = await boss.say("Lan 30kg chè")
    assert '"Lan" là tên thành viên' in ask.text and "30kg chè" in ask.text
    assert [row[0].label for row in ask.buttons] == ["Ghi cho Lò Thị Lan", "Ghi cho chính tôi"]
    assert await _entries(core) == []  # nothing until the manager says whose
    [done] = await boss.say(button=ask.buttons[0][0].data)
    assert "Lò Thị Lan" in done.text
    assert await _entries(core) == [("Lò Thị Lan", 30_000, "Hùng")]


async def test_the_manager_may_say_it_is_their_own(core):
    coop = await cooperative(core, ["Minh"])
    [ask] = await coop.manager.say("Minh 2 tạ quế")
    await coop.manager.say(button=ask.buttons[-1][0].data)
    assert await _entries(core) == [("Hùng", 200_000, "Hùng")]


async def test_a_member_or_a_plain_message_is_recorded_as_before(core):
    coop = await cooperative(core, ["Lan", "Minh"])
    assert "Đã ghi" in await coop.manager.text("chè 30kg")  # no name: the manager's own
    # a member naming someone else is asked too (tests/handlers/test_member_names.py)
    assert "Đã ghi" in await coop.members[1].text("chè 30kg lô 2")
    assert await _entries(core) == [("Hùng", 30_000, "Hùng"), ("Minh", 30_000, "Minh")]
