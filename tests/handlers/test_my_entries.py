"""/homnay and /tuan: a member's own entries on the cooperative's local days, with totals."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from handlers import admin
from messages import format as fmt
from messages.harvest_models import HarvestItem, Question
from storage import harvests, members, products
from tests.support import Person

_refs = itertools.count(1)
SATURDAY = date(2026, 11, 21)  # the test clock's day in Hà Nội; Monday is 16/11


async def _member(core, code, user_ref="lan", name="Lò Thị Lan"):
    person = Person(core, user_ref, name)
    await person.text(code)
    async with core.db.transaction() as tx:
        member = await members.find_by_identity(tx, "console", user_ref)
    assert member is not None
    return person, member


async def _setup(core, timezone="Asia/Ho_Chi_Minh"):
    made = await admin.create_cooperative(
        core.db, "HTX Chè Phình Hồ", "Yên Bái", None, timezone, core.clock()
    )
    person, member = await _member(core, made.member.invite.code)
    async with core.db.transaction() as tx:
        ids = {p.name: p.id for p in await products.list_products(tx, made.cooperative.id)}
    return made, person, member, ids


async def _add(core, member, day, status="recorded", product_id=None, amount=None, plot=None,
               question=None):
    async with core.db.transaction() as tx:
        await harvests.add(
            tx, cooperative_id=member.cooperative_id, member_id=member.id,
            recorded_by=member.id, channel="console", message_ref=f"seed{next(_refs)}",
            item=0, day=day, now=core.clock(), status=status, product_id=product_id,
            amount=amount, plot=plot, question=question,
        )


def _totals(text: str, heading: str) -> dict[str, str]:
    """The `• Name: amount` lines after the totals heading."""
    section = text.split(heading, 1)[1]
    rows = [line[2:].split(": ", 1) for line in section.splitlines() if line.startswith("• ")]
    return {name: amount for name, amount in rows}


def _question(text: str, product_id: int) -> str:
    option = HarvestItem(index=0, product_id=product_id, product_name="chè búp tươi",
                         amount=1_500_000, kind="weight", unit="kg", day=SATURDAY)
    return Question(field="number", reason="ambiguous_number", item=0, text=text,
                    options=[option]).model_dump_json()


async def test_today_lists_canonical_lines_and_exact_totals(core):
    _, lan, member, ids = await _setup(core)
    tea, cinnamon = ids["chè búp tươi"], ids["quế vỏ"]
    recorded = [(tea, 30_000, "lô 3"), (tea, 25_500, None), (tea, 1_234_567, "lô 1"),
                (cinnamon, 200_000, None)]
    for product_id, grams, plot in recorded:
        await _add(core, member, SATURDAY, product_id=product_id, amount=grams, plot=plot)
    await _add(core, member, SATURDAY, "cancelled", tea, 99_000)
    await _add(core, member, SATURDAY, "pending", tea, 2_000_000)  # asked: over the maximum
    await _add(core, member, SATURDAY, "pending", question=_question("chè 1.500", tea))
    await _add(core, member, date(2026, 11, 20), product_id=tea, amount=7_000)  # yesterday

    text = await lan.text("/homnay")
    assert "21/11" in text
    assert "• Chè búp tươi · 30 kg · lô 3 · 21/11" in text
    assert "• Chè búp tươi · 25,5 kg · 21/11" in text
    assert "• Chè búp tươi · 1.234,567 kg · lô 1 · 21/11" in text
    assert "• Quế vỏ · 200 kg · 21/11" in text
    assert "· 99 kg" not in text and "· 7 kg" not in text  # cancelled; another day
    assert "⏳ Chè búp tươi · 2.000 kg · 21/11 – chờ bạn xác nhận" in text
    assert "⏳ \"chè 1.500\" – chờ bạn xác nhận" in text
    tea_total = sum(g for p, g, _ in recorded if p == tea)
    cinnamon_total = sum(g for p, g, _ in recorded if p == cinnamon)
    assert _totals(text, "Tổng:") == {
        "Chè búp tươi": fmt.weight(tea_total), "Quế vỏ": fmt.weight(cinnamon_total)
    }
    assert fmt.weight(tea_total) == "1.290,067 kg"


async def test_week_groups_by_day_from_monday_and_totals_per_product(core):
    _, lan, member, ids = await _setup(core)
    tea, rice, mushrooms = ids["chè búp tươi"], ids["lúa"], ids["nấm"]
    entries = [
        (date(2026, 11, 15), tea, 50_000),  # last Sunday: not this week
        (date(2026, 11, 16), tea, 12_300),
        (date(2026, 11, 16), rice, 300_000),
        (date(2026, 11, 18), tea, 40_000),
        (date(2026, 11, 18), mushrooms, 750),
        (date(2026, 11, 21), tea, 8_000),
    ]
    for day, product_id, grams in entries:
        await _add(core, member, day, product_id=product_id, amount=grams)
    await _add(core, member, date(2026, 11, 19), "cancelled", tea, 5_000)
    await _add(core, member, date(2026, 11, 20), "pending", tea, 3_000_000)

    text = await lan.text("/tuan")
    assert "16/11 – 21/11" in text and "15/11" not in text and "19/11" not in text
    headings = [line for line in text.splitlines() if line.startswith("Thứ")]
    assert headings == ["Thứ Hai 16/11:", "Thứ Tư 18/11:", "Thứ Sáu 20/11:", "Thứ Bảy 21/11:"]
    monday = text.split("Thứ Hai 16/11:")[1].split("Thứ Tư")[0]
    assert "Chè búp tươi · 12,3 kg · 16/11" in monday and "Lúa · 300 kg · 16/11" in monday
    assert "Nấm · 750 g · 18/11" in text
    assert "⏳ Chè búp tươi · 3.000 kg · 20/11" in text
    week = [e for e in entries if e[0] >= date(2026, 11, 16)]
    expected = {}
    for name, product_id in (("Chè búp tươi", tea), ("Lúa", rice), ("Nấm", mushrooms)):
        expected[name] = fmt.weight(sum(g for _, p, g in week if p == product_id))
    assert _totals(text, "Tổng cả tuần:") == expected
    assert expected["Chè búp tươi"] == "60,3 kg"


async def test_entries_logged_by_message_show_up(core):
    _, lan, _, _ = await _setup(core)
    await lan.text("hái 30kg chè lô 3")
    await lan.text("che 25,5kg")
    text = await lan.text("/homnay")
    assert "Chè búp tươi · 30 kg · lô 3 · 21/11" in text
    assert _totals(text, "Tổng:") == {"Chè búp tươi": "55,5 kg"}
    assert "55,5 kg" in await lan.text("/tuan")


async def test_the_local_day_not_the_utc_day_decides_today(core, clock):
    _, lan, member, ids = await _setup(core)
    tea = ids["chè búp tươi"]
    await _add(core, member, date(2026, 11, 21), product_id=tea, amount=11_000)
    await _add(core, member, date(2026, 11, 22), product_id=tea, amount=22_000)

    clock.now = datetime(2026, 11, 21, 16, 30, tzinfo=UTC)  # 23:30 on 21/11 in Hà Nội
    late = await lan.text("/homnay")
    assert "11 kg" in late and "22 kg" not in late
    clock.now = datetime(2026, 11, 21, 17, 30, tzinfo=UTC)  # 00:30 on 22/11 in Hà Nội
    after_midnight = await lan.text("/homnay")
    assert "22/11" in after_midnight and "22 kg" in after_midnight
    assert "11 kg" not in after_midnight

    clock.now = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # Monday 23/11, 00:30 local
    week = await lan.text("/tuan")
    assert "23/11 – 23/11" in week and "chưa ghi" in week  # Sunday's entries are last week


async def test_the_cooperatives_own_time_zone_is_used(core, clock):
    _, lan, member, ids = await _setup(core, timezone="Asia/Tokyo")
    await _add(core, member, date(2026, 11, 22), product_id=ids["na"], amount=4_000)
    clock.now = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)  # 22/11 in Tokyo, 21/11 in Hà Nội
    text = await lan.text("/homnay")
    assert "Na · 4 kg · 22/11" in text


async def test_nothing_recorded_gives_a_friendly_answer_with_an_example(core):
    _, lan, member, ids = await _setup(core)
    await _add(core, member, SATURDAY, "cancelled", ids["na"], 4_000)
    today = await lan.text("/homnay")
    assert "chưa ghi sản lượng nào" in today and "hái 30kg chè lô 3" in today
    assert "21/11" in today and "Na" not in today
    week = await lan.text("/tuan")
    assert "chưa ghi sản lượng nào" in week and "16/11 – 21/11" in week


async def test_only_pending_entries_have_no_totals_yet(core):
    _, lan, member, ids = await _setup(core)
    await _add(core, member, SATURDAY, "pending", ids["na"], 2_000_000)
    text = await lan.text("/homnay")
    assert "⏳ Na · 2.000 kg" in text and "chưa có mục nào được ghi chắc chắn" in text


async def test_each_member_sees_only_their_own_entries_and_strangers_get_the_welcome(core):
    made, lan, member, ids = await _setup(core)
    _, other = await _member(core, made.member.invite.code, "hoa", "Hoa")
    await _add(core, other, SATURDAY, product_id=ids["na"], amount=9_000)
    await _add(core, member, SATURDAY, product_id=ids["na"], amount=1_000)
    text = await lan.text("/homnay")
    assert _totals(text, "Tổng:") == {"Na": "1 kg"}
    assert "mã mời" in await Person(core, "x").text("/homnay")
    assert "mã mời" in await Person(core, "x").text("/tuan")


async def test_a_waiting_question_is_asked_again_with_its_buttons(core):
    _, lan, _, _ = await _setup(core)
    [asked] = await lan.say("na 1.500")  # 1,5 kg or 1.500 kg: asked, nothing recorded
    assert asked.buttons and "chưa được ghi" in asked.text
    for text in ("chè 30kg", "quế 2 tạ", "cảm ơn"):  # the question scrolls up the chat
        await lan.say(text)
    listing, again = await lan.say("/homnay")
    assert "⏳ \"na 1.500\" – chờ bạn xác nhận" in listing.text
    assert (again.text, again.buttons) == (asked.text, asked.buttons)
    [chosen] = await lan.say(button=again.buttons[0][0].data)  # the first option: 1,5 kg
    assert "Na · 1,5 kg" in chosen.text
    [listing] = await lan.say("/homnay")  # answered: counted, nothing asked any more
    assert _totals(listing.text, "Tổng:")["Na"] == "1,5 kg"
    week = await lan.say("/tuan")
    assert len(week) == 1


async def test_only_the_newest_waiting_questions_are_asked_again(core):
    _, lan, member, ids = await _setup(core)
    for n in range(7):
        await _add(core, member, SATURDAY, "pending", question=_question(f"chè 1.50{n}", ids["na"]))
    replies = await lan.say("/tuan")
    assert [r.text.split("\n")[0].count("chè 1.50") for r in replies[1:]] == [1] * 5
    asked = "".join(r.text for r in replies[1:])
    assert "chè 1.506" in replies[-1].text and "chè 1.501" not in asked
