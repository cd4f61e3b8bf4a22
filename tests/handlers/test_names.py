"""One name resolver for every command that takes a name: an exact full name wins, a given
name shared by several asks, diacritics optional."""

from __future__ import annotations

import pytest

from messages.people import named
from tests.support import cooperative


def test_an_exact_full_name_wins_over_a_given_name():
    people = ["Lan", "Nguyễn Thị Lan", "Lò Văn Hùng", "Hùng"]
    assert named("Lan", people, str) == ["Lan"]
    assert named("lan", people, str) == ["Lan"]  # case and diacritics do not matter
    assert named("Nguyen Thi Lan", people, str) == ["Nguyễn Thị Lan"]
    assert named("Thị Lan", people, str) == ["Nguyễn Thị Lan"]
    assert named("Văn Hùng", people, str) == ["Lò Văn Hùng"]
    assert named("Mai", people, str) == []


def test_a_shared_given_name_that_is_nobodys_full_name_names_everyone_who_has_it():
    people = ["Nguyễn Thị Lan", "Trần Thị Lan", "Lò Văn Hùng"]
    assert named("Lan", people, str) == ["Nguyễn Thị Lan", "Trần Thị Lan"]
    assert named("Thi Lan", people, str) == ["Nguyễn Thị Lan", "Trần Thị Lan"]


@pytest.fixture
async def two_lans(core):
    made = await cooperative(core, ["Lan", "Nguyễn Thị Lan"])
    lan, thi_lan = made.members
    await lan.say("chè 30kg")
    await thi_lan.say("chè 12kg")
    return made.manager


async def test_every_command_that_takes_a_name_reaches_the_member_called_exactly_that(
    two_lans, core
):
    boss = two_lans
    statement = await boss.text("/saoke Lan")
    assert "30 kg" in statement and "12 kg" not in statement
    assert "30 kg" not in await boss.text("/saoke Nguyễn Thị Lan")
    diary = await boss.text("/nhatky Lan")
    assert "Lan" in diary and "30 kg" in diary
    recorded = await boss.text("ghi cho Lan 20kg chè")
    assert recorded.startswith("✅ Đã ghi cho Lan:")
    recorded = await boss.text("ghi cho chị Thị Lan 5kg chè")
    assert recorded.startswith("✅ Đã ghi cho Nguyễn Thị Lan:")
    async with core.db.transaction() as tx:
        rows = await tx.all("SELECT m.display_name, h.amount FROM harvests h"
                            " JOIN members m ON m.id = h.member_id ORDER BY h.id")
    assert [(r["display_name"], r["amount"]) for r in rows] == [
        ("Lan", 30_000), ("Nguyễn Thị Lan", 12_000), ("Lan", 20_000), ("Nguyễn Thị Lan", 5_000)]
