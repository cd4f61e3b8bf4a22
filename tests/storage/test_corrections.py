"""storage.corrections on a real database: the latest records of a person across harvests
and the diary, and corrections that wait for an answer."""

from __future__ import annotations

from storage import corrections
from tests.support import cooperative


async def test_latest_records_mix_harvests_and_diary_newest_first(core, clock):
    made = await cooperative(core, ["Lò Thị Lan"])
    lan = made.members[0]
    await lan.say("chè 30kg, quế 2 tạ")
    harvest_ref = lan.last_ref
    await lan.say("tưới nước lô 2")  # same instant: the later message is the newer
    diary_ref = lan.last_ref
    clock.advance(minutes=1)
    await lan.say("/huy")  # cancels the diary entry
    async with core.db.transaction() as tx:
        member_id = await tx.value("SELECT member_id FROM diary_entries")
        every = await corrections.latest_records(tx, member_id, 5, active_only=False)
        active = await corrections.latest_records(tx, member_id, 5, active_only=True)
        changed = await corrections.acted_on(tx, "diary", [1], ("cancel", "correct"))
        untouched = await corrections.acted_on(tx, "harvest", [1, 2], ("cancel", "correct"))
    assert [(r.kind, r.message_ref) for r in every] == [("diary", diary_ref),
                                                        ("harvest", harvest_ref)]
    assert [(r.kind, r.message_ref) for r in active] == [("harvest", harvest_ref)]
    assert (changed, untouched) == (True, False)


async def test_a_correction_is_settled_once(core, clock):
    await cooperative(core, ["Lò Thị Lan"])
    async with core.db.transaction() as tx:
        member_id = await tx.value("SELECT id FROM members WHERE role = 'member'")
        asked = await corrections.ask(tx, "harvest", member_id, {"ids": [1]}, clock())
        first = await corrections.settle(tx, asked.id, "dropped", clock())
        second = await corrections.settle(tx, asked.id, "applied", clock())
        stored = await corrections.get(tx, asked.id)
    assert (first, second) == (True, False)
    assert stored is not None and (stored.status, stored.plan) == ("dropped", {"ids": [1]})
