"""Intake reports: exact totals against sums computed here on random data, the value at each
day's price, who has not reported, member statements, and who may see what."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from handlers import admin
from handlers.intake import intake
from handlers.valuation import dong
from messages import format as fmt
from messages.periods import Period
from storage import harvests, members, products
from tests.support import Person, cooperative

TODAY = date(2026, 11, 21)  # the test clock's local day


@pytest.fixture
async def coop(core):
    made = await cooperative(core, ["Lò Thị Lan", "Hoa", "Sùng A Páo", "Vàng Thị Mai"],
                             staff="Minh")
    return made.id, made.manager, made.members, made.staff


async def _ids(core, coop_id):
    async with core.db.transaction() as tx:
        people = [m for m in await members.list_members(tx, coop_id)]
        catalogue = await products.list_products(tx, coop_id)
    return {m.display_name: m for m in people}, {p.name: p for p in catalogue}


async def test_totals_and_values_match_sums_computed_independently(core, clock, coop):
    coop_id, boss, _farmers, _ = coop
    await boss.say("/gia chè búp 25k từ 1/11")  # tea: 25.000 đ/kg from 1/11
    await boss.say("/gia chè búp 26.500 từ 15/11")  # then 26.500 đ/kg
    await boss.say("/gia quế vỏ 2tr5/tạ từ 10/11")  # cinnamon: 25 đ per gram
    people, catalogue = await _ids(core, coop_id)
    rng = random.Random(7)
    choice = [catalogue["chè búp tươi"], catalogue["quế vỏ"], catalogue["na"]]
    expected_amount: dict[int, int] = defaultdict(int)
    expected_value: dict[int, Fraction] = defaultdict(Fraction)
    expected_members: dict[int, set[int]] = defaultdict(set)
    tea_price = {d: (25_000 if d < date(2026, 11, 15) else 26_500) for d in
                 (TODAY - timedelta(days=n) for n in range(30))}
    async with core.db.transaction() as tx:
        for n in range(400):
            product = rng.choice(choice)
            member = rng.choice(list(people.values()))
            day = TODAY - timedelta(days=rng.randrange(0, 25))
            amount = rng.randrange(1, 80_000) if product.kind == "weight" else rng.randrange(1, 50)
            status = rng.choice(["recorded"] * 8 + ["cancelled", "pending"])
            await harvests.add(tx, cooperative_id=coop_id, member_id=member.id,
                               recorded_by=member.id, channel="console", message_ref=f"r{n}",
                               item=0, day=day, now=clock(), status=status,
                               product_id=product.id, amount=amount)
            if status != "recorded" or not date(2026, 11, 1) <= day <= TODAY:
                continue
            expected_amount[product.id] += amount
            expected_members[product.id].add(member.id)
            if product.name == "chè búp tươi":
                expected_value[product.id] += Fraction(amount * tea_price[day], 1000)
            elif product.name == "quế vỏ" and day >= date(2026, 11, 10):
                expected_value[product.id] += Fraction(amount * 2_500_000, 100_000)
    period = Period(first=date(2026, 11, 1), last=TODAY, kind="month")
    async with core.db.transaction() as tx:
        found = await intake(tx, [coop_id], period)
    assert {pid: t.amount for pid, t in found.products.items()} == dict(expected_amount)
    assert {pid: t.members for pid, t in found.products.items()} == dict(expected_members)
    assert {pid: t.value for pid, t in found.products.items() if t.value} == dict(
        expected_value)
    total = sum(expected_value.values(), Fraction(0))
    text = await boss.text("/tonghop tháng 11")
    assert f"💰 Tổng giá trị: {fmt.money(dong(total))}" in text
    tea = catalogue["chè búp tươi"]
    shown = fmt.number(Decimal(expected_amount[tea.id]) / 1000, "vi_VN", 3)
    assert f"• Chè búp tươi: {shown} kg · {len(expected_members[tea.id])} người" in text
    assert "• Na: " in text and "chưa có giá" in text  # no price for custard apple


async def test_todays_summary_fits_a_phone_and_shows_flags(core, clock, coop):
    _, boss, farmers, _ = coop
    await boss.say("/gia chè búp 25k")
    await farmers[0].say("hái 30kg chè")
    await farmers[1].say("chè 12,5 kg")
    await boss.say("ghi cho Páo 20kg chè")
    await farmers[3].say("chè 1.500")  # asked about, waiting: not counted
    text = await boss.text("/tonghop")
    assert text.splitlines()[0] == "📊 HTX Chè Phình Hồ – thu mua hôm nay 21/11:"
    assert "• Chè búp tươi: 62,5 kg · 3 người · 1.562.500 đ" in text
    assert "💰 Tổng giá trị: 1.562.500 đ" in text
    assert text.split("🏆")[1].splitlines()[1] == "   Lò Thị Lan: 30 kg chè búp tươi · 750.000 đ"
    assert "✍️ 1 mục quản lý ghi hộ · ⏳ 1 mục chờ thành viên xác nhận" in text
    assert len(text.splitlines()) <= 15 and max(len(line) for line in text.splitlines()) < 80
    assert await boss.text("hôm nay thu được bao nhiêu?") == text  # a plain question
    assert await boss.text("tổng hôm nay") == text


async def test_the_top_deliverers_line_names_each_product(core, clock, coop):
    _, boss, farmers, _ = coop
    await boss.say("/gia chè búp 25k")
    await farmers[0].say("hái 30kg chè, quế 2 tạ")
    await farmers[1].say("na 20kg")
    text = await boss.text("/tonghop")
    assert text.split("🏆 Giao nhiều nhất:\n")[1].splitlines()[:2] == [
        "   Lò Thị Lan: 30 kg chè búp tươi, 200 kg quế vỏ · 750.000 đ",
        "   Hoa: 20 kg na"]
    asked = await boss.text("quế hôm nay được bao nhiêu")  # one product: named there too
    assert asked.split("🏆 Giao nhiều nhất:\n")[1].splitlines()[0] == "   Lò Thị Lan: 200 kg quế vỏ"


async def test_other_periods(core, clock, coop):
    _, boss, farmers, _ = coop
    await farmers[0].say("hái 30kg chè hôm qua")
    assert "• Chè búp tươi: 30 kg · 1 người" in await boss.text("/tonghop hôm qua")
    assert "chưa có sản lượng" in await boss.text("/tonghop")
    assert "20/11" in await boss.text("/tonghop 20/11")
    assert "30 kg" in await boss.text("/tonghop tuần này")
    assert "30 kg" in await boss.text("/tonghop 1/11-21/11")
    assert "Mình chưa hiểu kỳ" in await boss.text("/tonghop linh tinh")


async def test_members_get_their_own_figures_and_a_polite_refusal(core, clock, coop):
    _, boss, farmers, _ = coop
    await boss.say("/gia chè búp 25k")
    await farmers[0].say("hái 30kg chè")
    await farmers[1].say("hái 50kg chè")
    text = await farmers[0].text("/tonghop")
    assert text.startswith("Số liệu của cả HTX chỉ quản lý xem được.")
    # their own figures: no count of people ("1 người" would read as a head count of one)
    assert "• Chè búp tươi: 30 kg · 750.000 đ" in text and "50 kg" not in text
    assert "người ·" not in text
    # a plain question is about their own figures: answered without the refusal
    assert (await farmers[0].text("tổng hôm nay")) == text.split("\n\n", 1)[1]
    assert "chỉ dành cho quản lý" in await farmers[0].text("/thanhvien")
    assert "chỉ dành cho quản lý" in await farmers[0].text("/chuabao")


async def test_a_members_question_about_one_product_answers_that_product_only(core, clock, coop):
    _, boss, farmers, _ = coop
    await boss.say("/gia chè búp 25k")
    await farmers[0].say("hái 30kg chè")
    await farmers[0].say("quế 2 tạ")
    await farmers[1].say("quế 1 tạ")
    said = await farmers[0].text("dạ cho em hỏi quế tuần này em giao được mấy tạ ạ")
    assert said.startswith("📦 Bạn đã giao "), said
    assert "quế vỏ" in said.split("\n")[0].lower() and "• Quế vỏ: 200 kg" in said
    assert "chè" not in said.lower() and "100 kg" not in said and "chỉ quản lý" not in said
    said = await farmers[0].text("che hom nay bn")
    assert "• Chè búp tươi: 30 kg · 750.000 đ" in said and "Quế" not in said, said
    assert "chưa ghi sản lượng nào" in await farmers[1].text("chè hôm nay được bao nhiêu")


async def test_managers_see_only_their_cooperative_and_staff_their_alliance(core, clock, coop):
    _, boss, farmers, staff = coop
    other = await admin.create_cooperative(core.db, "HTX Quế Văn Yên", None, None,
                                           "Asia/Ho_Chi_Minh", clock())
    rival, grower = Person(core, "rival", "Tùng"), Person(core, "g", "Lan Khác")
    await rival.say(other.manager.invite.code)
    await grower.say(other.member.invite.code)
    await grower.say("quế 2 tạ")
    await farmers[0].say("hái 30kg chè")
    mine = await boss.text("/tonghop")
    assert "30 kg" in mine and "200 kg" not in mine
    theirs = await rival.text("/tonghop")
    assert "200 kg" in theirs and "30 kg" not in theirs
    assert "Không tìm thấy thành viên" in await rival.text("/saoke Lò Thị Lan")
    overview = await staff.text("/tonghop")
    assert "• HTX Chè Phình Hồ: 30 kg chè búp tươi · 1 người" in overview
    assert "Quế Văn Yên" not in overview  # not in the staff's alliance


async def test_who_has_not_reported_and_the_member_list(core, clock, coop):
    _, boss, farmers, _ = coop
    for days_ago in (1, 2, 4):
        clock.now -= timedelta(days=days_ago)
        await farmers[0].say("hái 20kg chè")  # usually reports
        await farmers[1].say("hái 20kg chè")
        clock.now += timedelta(days=days_ago)
    await farmers[1].say("hái 25kg chè")  # has reported today
    await farmers[2].say("hái 25kg chè")  # reports today but not usually
    missing = await boss.text("/chuabao")
    assert missing.startswith("🔔 1 người thường báo nhưng hôm nay 21/11 chưa báo:")
    assert "• Lò Thị Lan (lần cuối 20/11)" in missing
    listed = await boss.text("/thanhvien")
    assert "• Vàng Thị Mai (thành viên): chưa ghi lần nào" in listed
    assert "• Hoa (thành viên): 21/11" in listed


async def test_a_statement_lists_each_delivery_with_price_and_total(core, clock, coop):
    _, boss, farmers, _ = coop
    await boss.say("/gia chè búp 25k từ 1/11")
    clock.now -= timedelta(days=2)
    await farmers[0].say("hái 30kg chè")
    clock.now += timedelta(days=2)
    await boss.say("/gia chè búp 26k")
    await farmers[0].say("chè 10kg")
    await farmers[0].say("quế 5kg")  # no price for cinnamon
    text = await farmers[0].text("/saoke")
    assert text.splitlines()[:3] == [
        "🧾 Sao kê của Lò Thị Lan, tháng 11/2026:",
        "19/11 · Chè búp tươi · 30 kg × 25.000 đ/kg = 750.000 đ",
        "21/11 · Chè búp tươi · 10 kg × 26.000 đ/kg = 260.000 đ",
    ]
    assert text.splitlines()[3:] == [
        "21/11 · Quế vỏ · 5 kg × chưa có giá = –",
        "💰 Tổng tiền các mục đã có giá: 1.010.000 đ",
        "Một số ngày chưa có giá: số tiền chưa tính các mục đó.",
        "Khi HTX đặt giá, số tiền sẽ hiện ở đây."]
    shown = await boss.text("/saoke Lan tháng 11")  # the manager names the member
    assert shown.splitlines()[:-1] == text.splitlines()[:-1]
    assert shown.splitlines()[-1] == "Đặt giá để tính tiền, ví dụ: /gia quế vỏ 25k từ 21/11"
    assert await boss.text("/saoke lo thi lan thang 11") == shown
    assert "chưa có mục giao hàng" in await boss.text("/saoke Hoa")


async def test_a_statement_without_any_price_says_the_money_is_not_known_yet(core, clock, coop):
    _, boss, farmers, _ = coop
    await farmers[0].say("hôm qua quế 2 tạ")
    await farmers[0].say("hái 30kg chè")
    text = await farmers[0].text("/saoke")
    assert "0 đ" not in text
    assert text.splitlines() == [
        "🧾 Sao kê của Lò Thị Lan, tháng 11/2026:",
        "20/11 · Quế vỏ · 200 kg × chưa có giá = –",
        "21/11 · Chè búp tươi · 30 kg × chưa có giá = –",
        "💰 Tổng tiền: chưa tính được, vì chưa có giá thu mua.",
        "Khi HTX đặt giá, số tiền sẽ hiện ở đây."]
    shown = await boss.text("/saoke Lan")
    hint = shown.splitlines()[-1]
    assert hint == "Đặt giá để tính tiền, ví dụ: /gia quế vỏ 25k từ 20/11"
    await boss.say(hint.split("ví dụ: ")[1])  # the example, typed as shown, sets that price
    await boss.say("/gia chè búp 25k từ 1/11")
    assert (await boss.text("/saoke Lan")).splitlines()[1:] == [
        "20/11 · Quế vỏ · 200 kg × 25.000 đ/kg = 5.000.000 đ",
        "21/11 · Chè búp tươi · 30 kg × 25.000 đ/kg = 750.000 đ",
        "💰 Tổng tiền: 5.750.000 đ"]


async def test_a_question_about_one_product_shows_that_product(core, clock, coop):
    _, boss, farmers, _ = coop
    await farmers[0].say("hái 30kg chè")
    await farmers[1].say("quế 2 tạ")
    both = await boss.text("tổng hôm nay")
    assert "Chè búp tươi: 30 kg" in both and "Quế vỏ: 200 kg" in both
    tea = await boss.text("chè hôm nay bao nhiêu?")
    assert "Chè búp tươi: 30 kg" in tea and "Quế" not in tea
    cinnamon = await boss.text("que hom nay bao nhieu")
    assert "Quế vỏ: 200 kg" in cinnamon and "Chè" not in cinnamon.split(":", 1)[1]


async def test_an_alliance_officers_summary_has_separators_a_total_and_says_what_is_unpriced(
    core,
):
    made = await cooperative(core, ["Lan", "Hoa"], staff="Minh")
    await made.manager.say("/gia chè 25k")
    await made.members[0].say("chè 30kg")
    await made.members[1].say("quế 2 tạ")
    assert made.staff is not None
    said = await made.staff.text("/tonghop")
    assert said.splitlines()[1:] == [
        "• HTX Chè Phình Hồ: 30 kg chè búp tươi, 200 kg quế vỏ · 2 người · 750.000 đ"
        " (chưa tính quế vỏ: chưa có giá)",
        "💰 Toàn liên minh: 2 người · 750.000 đ (chưa tính sản phẩm chưa có giá)",
    ]
    said = await made.manager.text("/tonghop")
    assert "💰 Tổng giá trị: 750.000 đ (chưa tính quế vỏ: chưa có giá)" in said
