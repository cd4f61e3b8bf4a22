"""The spray interval question answered by typing, and a spray whose question is never
answered: kept, shown in the diary and its exports, and warned about on a harvest. Through
the real chat path (Core on a real database)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from handlers.diary import MAX_INTERVAL_DAYS
from tests.support import cooperative


@pytest.fixture
async def coop(core):
    made = await cooperative(core, ["Lò Thị Lan"])
    return made.manager, made.members[0]


async def _sprays(core):
    async with core.db.transaction() as tx:
        return await tx.all("SELECT id, input_name, status, interval_days, interval_unknown"
                            " FROM diary_entries WHERE activity = 'spray' ORDER BY id")


async def test_the_question_says_the_spray_is_kept_and_what_the_days_are_for(core, coop):
    _, lan = coop
    [question] = await lan.say("xit bassa 2 binh lo 3")
    assert "Đã giữ mục phun này trong nhật ký" in question.text
    assert "khi nào lô được thu hoạch lại" in question.text
    assert "gõ số ngày" in question.text
    assert [r["status"] for r in await _sprays(core)] == ["pending"]


@pytest.mark.parametrize(("typed", "days", "unknown"), [
    ("7", 7, 0), ("14", 14, 0), ("14 ngày", 14, 0), ("14 ngay", 14, 0), ("7 hôm", 7, 0),
    ("1", 1, 0), ("Không biết", None, 1), ("khong biet", None, 1), ("ko biet", None, 1),
])
async def test_a_typed_answer_settles_the_pending_spray(core, coop, typed, days, unknown):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    said = await lan.text(typed)
    assert said.startswith("📒 Đã ghi nhật ký:")
    assert ("Cách ly" in said) if days else ("Chưa rõ thời gian cách ly" in said)
    [row] = await _sprays(core)
    assert (row["status"], row["interval_days"], row["interval_unknown"]) == (
        "recorded", days, unknown)
    # the question is over: the same text is read as usual again, and settles nothing more
    again = await lan.text(typed)
    assert not again.startswith("📒 Đã ghi nhật ký:")
    assert len(await _sprays(core)) == 1


async def test_the_latest_question_is_the_one_answered(core, coop):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    await lan.say("phun Sherpa 1 bình lô 1")
    assert "Sherpa" in await lan.text("10")
    first, second = await _sprays(core)
    assert (first["status"], second["status"], second["interval_days"]) == (
        "pending", "recorded", 10)
    # the first one still answers to its buttons
    assert "Bassa" in (await lan.text("/nhatky"))


async def test_other_text_is_read_as_usual_and_keeps_the_question(core, coop):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    harvest = await lan.text("hái 30kg chè lô 3")
    assert harvest.startswith("✅ Đã ghi:")
    assert (await _sprays(core))[0]["status"] == "pending"
    assert "Cách ly 14 ngày" in await lan.text("14")  # still the spray's answer
    assert (await _sprays(core))[0]["interval_days"] == 14


@pytest.mark.parametrize("typed", ["0", str(MAX_INTERVAL_DAYS + 1), "99999 ngày"])
async def test_days_out_of_range_are_asked_again(core, coop, typed):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    said = await lan.text(typed)
    assert said.startswith(f"Số ngày cách ly phải từ 1 đến {MAX_INTERVAL_DAYS} ngày")
    assert (await _sprays(core))[0]["status"] == "pending"
    assert "Cách ly 5 ngày" in await lan.text("5")  # the question is still open


async def test_a_tapped_answer_ends_the_typed_question(core, coop):
    _, lan = coop
    [question] = await lan.say("xit bassa 2 binh lo 3")
    three = next(b for row in question.buttons for b in row if b.label == "3 ngày")
    await lan.say(button=three.data)
    assert 'thấy số lượng "14"' in await lan.text("14")  # a plain number again
    [row] = await _sprays(core)
    assert row["interval_days"] == 3


async def test_the_typed_answer_lasts_hours_not_days(core, clock, coop):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    clock.advance(hours=2)
    assert "Cách ly 7 ngày" in await lan.text("7")
    await lan.say("xit bassa 2 binh lo 3 hôm nay")
    clock.advance(days=1)
    assert "Cách ly" not in await lan.text("7")
    assert [r["status"] for r in await _sprays(core)] == ["recorded", "pending"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.integers(min_value=1, max_value=MAX_INTERVAL_DAYS),
       unit=st.sampled_from(["", " ngày", " ngay", " hôm"]))
async def test_any_typed_number_is_that_many_days_never_another_option(core, coop, days, unit):
    _, lan = coop
    await lan.say(f"xit bassa {days % 9 + 1} binh lo 3")
    said = await lan.text(f"{days}{unit}")
    assert f"Cách ly {days} ngày" in said
    latest = (await _sprays(core))[-1]
    # n days, never the value of option [n] (the console's "7" once recorded 21 days)
    assert (latest["status"], latest["interval_days"]) == ("recorded", days)


async def test_an_unanswered_spray_stays_in_the_diary_and_its_files(core, clock, coop):
    boss, lan = coop
    await lan.say("/lo them Lô 3")
    await lan.say("xit bassa 2 binh lo 3")
    clock.advance(days=1)  # the question was never answered
    shown = await lan.text("/nhatky")
    assert "🧪 Phun thuốc · Bassa 50EC · 2 bình · lô 3 · 21/11 · ⏳ chưa chọn số ngày cách ly" \
        in shown.splitlines()
    [export] = await lan.say("/xuatnhatky")
    book = load_workbook(io.BytesIO(export.document.content))
    rows = [list(r) for r in book["Lô 3"].iter_rows(values_only=True)]
    assert any(r[1:5] == ["Phun thuốc BVTV", "Bassa 50EC", "2 bình",
                          "⏳ chưa chọn số ngày cách ly"] for r in rows)
    [report] = await boss.say("/baocao")
    sheet = load_workbook(io.BytesIO(report.document.content))["Nhật ký"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert any("Bassa 50EC" in r and "⏳ chưa chọn số ngày cách ly" in r for r in cells)
    assert "Lò Thị Lan" not in await boss.text("/chuaghi 7")  # she did keep her diary


async def test_a_harvest_after_an_unanswered_spray_is_flagged(core, clock, coop):
    _, lan = coop
    await lan.say("xit bassa 2 binh lo 3")
    clock.advance(days=2)
    said = await lan.text("hái 30kg chè lô 3")
    assert said.startswith("✅ Đã ghi:")
    assert "⚠️ Lô 3 phun Bassa 50EC ngày 21/11, chưa rõ thời gian cách ly" in said
    async with core.db.transaction() as tx:
        flagged = await tx.all("SELECT amount FROM harvests WHERE interval_warning IS NOT NULL")
    assert [r["amount"] for r in flagged] == [30_000]
    other = await lan.text("hái 10kg chè lô 4")
    assert "⚠️" not in other
