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


@pytest.fixture
async def namesakes(core):
    made = await cooperative(core, ["Nguyễn Thị Lan", "Trần Thị Lan", "Lò Văn Hùng"])
    nguyen, tran, _ = made.members
    await nguyen.say("chè 30kg")
    await tran.say("chè 12kg")
    await tran.say("bón NPK 20kg lô 2")
    return made.manager


async def _ask_then_tap(boss, command, label):
    [asked] = await boss.say(command)
    assert asked.text == 'Có nhiều người tên "Lan". Bạn muốn xem của ai?'
    assert [b.label for [b] in asked.buttons] == ["Nguyễn Thị Lan", "Trần Thị Lan"]
    [button] = [b for [b] in asked.buttons if b.label == label]
    [answer] = await boss.say(button=button.data)
    return answer, button


@pytest.mark.parametrize("command", ["/saoke Lan", "/nhatky Lan", "/xuatnhatky Lan"])
async def test_a_name_several_members_share_is_answered_with_their_buttons(
    namesakes, command
):
    boss = namesakes
    answer, button = await _ask_then_tap(boss, command, "Trần Thị Lan")
    assert "Trần Thị Lan" in answer.text and "Nguyễn" not in answer.text
    if command == "/xuatnhatky Lan":
        assert answer.document.filename.startswith("nhat-ky-tran-thi-lan-")
    else:
        assert "12 kg" in answer.text and "30 kg" not in answer.text
    [stale] = await boss.say(button=button.data)  # the question was answered
    assert stale.text == "Lựa chọn này đã cũ. Gõ lại lệnh kèm tên người."


async def test_what_follows_the_shared_name_is_kept_for_the_tap(namesakes):
    boss = namesakes
    answer, _ = await _ask_then_tap(boss, "/saoke Lan tháng 10", "Nguyễn Thị Lan")
    assert "Nguyễn Thị Lan" in answer.text and "tháng 10/2026" in answer.text  # nothing then
    answer, _ = await _ask_then_tap(boss, "/nhatky Lan lô 2", "Trần Thị Lan")
    assert answer.text.splitlines()[0].endswith("· lô 2:") and "Bón phân" in answer.text
    assert "12 kg" not in answer.text  # the harvest had no plot

