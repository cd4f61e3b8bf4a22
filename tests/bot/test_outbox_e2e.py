"""SIGKILL `htx-bot run` in the middle of a broadcast; the restart finishes it, person by person."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from handlers import outbox as announcements
from storage import members, orgs
from storage.db import open_database
from storage.migrate import migrate
from tests.bot.test_run_e2e import _start, _stop, _wait
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram
from tests.support import rows_at

TEXT = "📣 Giá chè búp tươi tuần này: 25.000 đ/kg"
FIRST, SENDER, PEOPLE = 6_100_000, 6_099_999, 120


async def _prepare(url: str) -> int:
    """A cooperative, its manager and PEOPLE members; a broadcast to them, queued."""
    db = await open_database(url)
    try:
        await migrate(db)
        now = datetime.now(UTC)
        async with db.transaction() as tx:
            coop = await orgs.add_cooperative(tx, "HTX Chè Tân Cương", None, None,
                                              "Asia/Ho_Chi_Minh", now)
            boss = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop.id)
            await members.link_identity(tx, "telegram", str(SENDER), boss.id, now)
            ids = []
            for n in range(PEOPLE):
                m = await members.add_member(tx, f"Người {n}", "member", now,
                                             cooperative_id=coop.id)
                await members.link_identity(tx, "telegram", str(FIRST + n), m.id, now)
                ids.append(m.id)
        a = await announcements.enqueue(db, "broadcast", TEXT, ids, now, sender=boss,
                                        progress_to=("telegram", str(SENDER)))
        return a.id
    finally:
        await db.close()


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram(rate_limit=30, per_chat_limit=1)  # Telegram's limits, answered with 429


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[FakeBotAPIServer]:
    with FakeBotAPIServer(fake) as running:
        yield running


def _rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    return rows_at(url, sql, *params)


def _received(fake: FakeTelegram) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in fake.calls("sendMessage", ok=True)
                   if c.params.get("text") == TEXT)


def test_sigkill_mid_broadcast_then_restart_skips_nobody_and_repeats_only_in_flight(
    tmp_path, fake, server, database_url
):
    path = database_url
    announcement = asyncio.run(_prepare(path))
    process = _start(tmp_path, server, path)
    try:
        fake.wait_for_calls("sendMessage", 40, ok=True, within=30)
        fake.hold("sendMessage")  # the requests now leaving hang: they are in flight
        _wait(lambda: fake.waiting_on_hold >= 1)
    finally:
        process.kill()  # SIGKILL: no clean-up at all
        process.wait(timeout=30)
    # What the dead process left: `sending` rows are the messages in flight at the kill.
    in_flight = {int(chat) for (chat,) in _rows(
        path, "SELECT external_id FROM deliveries WHERE status = 'sending'")}
    sent_before = {int(chat) for (chat,) in _rows(
        path, "SELECT external_id FROM deliveries WHERE status = 'sent'")}
    fake.release()  # Telegram still takes the held requests that reached it before the kill
    # At most `concurrency` rows are ever `sending` (6 at the default 28 per second).
    assert 20 <= len(sent_before) < PEOPLE and 1 <= len(in_flight) <= 6

    restarted = _start(tmp_path, server, path)
    try:
        _wait(lambda: _rows(path, "SELECT reported_at FROM announcements WHERE id = ?",
                            (announcement,))[0][0] is not None, within=60)
    finally:
        code, output = _stop(restarted, signal.SIGTERM)
    assert code == 0, output
    assert "in flight when the bot last stopped" in output

    got = _received(fake)
    everyone = {FIRST + n for n in range(PEOPLE)}
    assert set(got) == everyone  # nobody skipped
    twice = {chat for chat, n in got.items() if n > 1}
    assert twice <= in_flight and all(n <= 2 for n in got.values())  # only the in-flight ones
    assert not twice & (sent_before - in_flight)
    pending_at_kill = everyone - sent_before - in_flight
    assert pending_at_kill and all(got[c] == 1 for c in pending_at_kill)  # the rest: once each
    assert _rows(path, "SELECT status, COUNT(*) FROM deliveries GROUP BY status") == [
        ("sent", PEOPLE)
    ]
    summary = fake.sent_texts(SENDER)[-1]
    assert f"tới {PEOPLE} người" in summary and f"Đã gửi: {PEOPLE}" in summary


WARNING = "Lũ quét đêm nay, rời khỏi sườn đồi ngay"


def _warned(fake: FakeTelegram) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in fake.calls("sendMessage", ok=True)
                   if WARNING in c.params.get("text", "") and int(c.params["chat_id"]) != SENDER)


def test_sigkill_during_a_warning_then_restart_warns_everyone_repeating_only_in_flight(
    tmp_path, fake, server, database_url
):
    path = database_url
    broadcast = asyncio.run(_prepare(path))
    process = _start(tmp_path, server, path)
    try:
        fake.wait_for_calls("sendMessage", 10, ok=True, within=30)  # the broadcast runs
        fake.push_update(fake.text_update(SENDER, f"/canhbao {WARNING}"))
        _wait(lambda: any("Xem trước cảnh báo khẩn" in t for t in fake.sent_texts(SENDER)))
        preview = next(m for m in reversed(fake.sent_messages(SENDER))
                       if "Xem trước cảnh báo khẩn" in m["text"])
        fake.push_update(fake.callback_update(
            SENDER, preview, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]))
        _wait(lambda: sum(_warned(fake).values()) >= 30)
        fake.hold("sendMessage")  # the requests now leaving hang: they are in flight
        _wait(lambda: fake.waiting_on_hold >= 1)
    finally:
        process.kill()  # SIGKILL: no clean-up at all
        process.wait(timeout=30)
    warning = broadcast + 1
    in_flight = {int(chat) for (chat,) in _rows(
        path, "SELECT external_id FROM deliveries WHERE status = 'sending'")}
    warned_before = {int(chat) for (chat,) in _rows(
        path, "SELECT external_id FROM deliveries WHERE status = 'sent'"
        " AND announcement_id = ?", (warning,))}
    fake.release()
    # The bound: at most `concurrency` rows `sending` (6 at the default 28 per second).
    assert 20 <= len(warned_before) < PEOPLE and 1 <= len(in_flight) <= 6

    restarted = _start(tmp_path, server, path)
    try:
        _wait(lambda: all(r[0] is not None for r in _rows(
            path, "SELECT reported_at FROM announcements")), within=60)
    finally:
        code, output = _stop(restarted, signal.SIGTERM)
    assert code == 0, output

    everyone = {FIRST + n for n in range(PEOPLE)}
    got = _warned(fake)
    assert set(got) == everyone  # nobody missing
    twice = {chat for chat, n in got.items() if n > 1}
    assert twice <= in_flight and all(n <= 2 for n in got.values())  # within the bound
    assert set(_received(fake)) == everyone  # and the broadcast went on to the end
    assert _rows(path, "SELECT urgent, status, sent, total FROM announcements ORDER BY id") == [
        (0, "done", PEOPLE, PEOPLE), (1, "done", PEOPLE, PEOPLE)]
