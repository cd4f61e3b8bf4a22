"""SIGKILL `htx-bot run` in the middle of one broadcast that goes out on Telegram, Zalo and
ZNS at once; the restart finishes it: nobody missing, a second copy only for a message that
was in flight at the kill (at most one per channel's in-flight bound)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handlers import outbox as announcements
from storage import members, orgs, reach
from storage.db import open_database
from storage.migrate import migrate
from storage.reach import TemplateParam, ZnsTemplate
from tests.bot.test_zalo_e2e import _cli, _env, _free_port, _healthy, _wait
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram
from tests.fake_zalo import FakeZalo, FakeZaloServer
from tests.support import rows_at

TEXT = "Giá chè búp tươi tuần này: 25.000 đ/kg"
SENDER, TG, ZALO, ZNS = 6_199_999, 60, 40, 20
FIRST_TG = 6_200_000


def _zalo_user(n: int) -> str:
    return f"82{n:017d}"


def _phone(n: int) -> str:
    return f"849130{n:05d}"


@pytest.fixture
def telegram() -> Iterator[FakeBotAPIServer]:
    with FakeBotAPIServer(FakeTelegram(rate_limit=30, per_chat_limit=1)) as running:
        yield running


@pytest.fixture
def zalo() -> Iterator[FakeZaloServer]:
    fake = FakeZalo(zns_templates={"555": {"ten_htx": 30, "noi_dung": 200}})
    with FakeZaloServer(fake) as running:
        yield running


async def _prepare(url: str, fake: FakeZalo) -> int:
    """TG Telegram members, ZALO members inside Zalo's window, ZNS members outside it with a
    phone; the cooperative's ZNS template and quota; one broadcast to all, queued."""
    db = await open_database(url)
    try:
        await migrate(db)
        now = datetime.now(UTC)
        async with db.transaction() as tx:
            coop = await orgs.add_cooperative(tx, "HTX Chè Tân Cương", None, None,
                                              "Asia/Ho_Chi_Minh", now)
            await reach.set_daily_quota(tx, coop.id, 1000)
            await reach.save_template(tx, ZnsTemplate(
                cooperative_id=coop.id, kind="broadcast", template_id="555",
                params=(TemplateParam(param="ten_htx", field="htx", max=30),
                        TemplateParam(param="noi_dung", field="noidung", max=200))), None, now)
            boss = await members.add_member(tx, "Quản lý", "manager", now, cooperative_id=coop.id)
            await members.link_identity(tx, "telegram", str(SENDER), boss.id, now)
            ids = []
            for n in range(TG + ZALO + ZNS):
                phone = _phone(n) if n >= TG + ZALO else None
                m = await members.add_member(tx, f"Người {n}", "member", now,
                                             cooperative_id=coop.id, phone=phone)
                ids.append(m.id)
                if n < TG:
                    await members.link_identity(tx, "telegram", str(FIRST_TG + n), m.id, now)
                    continue
                user = _zalo_user(n)
                seen = now if n < TG + ZALO else now - timedelta(days=10)
                await members.link_identity(tx, "zalo", user, m.id, now)
                await reach.seen_on(tx, "zalo", user, seen)
                fake.saw(user, seen.timestamp())
        a = await announcements.enqueue(db, "broadcast", TEXT, ids, now, sender=boss,
                                        progress_to=("telegram", str(SENDER)),
                                        fields={"htx": "HTX Chè Tân Cương"})
        return a.id
    finally:
        await db.close()


def _start(tmp_path: Path, telegram: FakeBotAPIServer, zalo: FakeZaloServer,
           setup: bool) -> subprocess.Popen:
    port = _free_port()
    env = _env(tmp_path, zalo, port)
    env.update(telegram.env(), POLL_TIMEOUT="1", ZALO_MAX_RATE="8", ZNS_MAX_RATE="4")
    if setup:
        done = _cli(tmp_path, env, "zalo", "setup", "refresh-0")
        assert done.returncode == 0, done.stderr
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _wait(lambda: _healthy(f"http://127.0.0.1:{port}") or process.poll() is not None)
    assert process.poll() is None, process.communicate()[0]
    return process


def _rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    return rows_at(url, sql, *params)


def _got(telegram: FakeTelegram, zalo: FakeZalo) -> Counter[str]:
    """How many copies each person received, keyed like deliveries.external_id."""
    got: Counter[str] = Counter(str(c.params["chat_id"]) for c in
                                telegram.calls("sendMessage", ok=True)
                                if TEXT in c.params.get("text", ""))
    got.update(s.user_id for s in zalo.sent if TEXT in s.text)
    got.update(z.phone for z in zalo.zns_sent if z.data.get("noi_dung") == TEXT)
    return got


def test_sigkill_mid_broadcast_on_both_apps_then_restart_misses_nobody(
    tmp_path, telegram, zalo, database_url
):
    path = database_url  # on each backend; the bot reads it from the test's folder
    (tmp_path / "database_url").write_text(database_url)
    tg, fz = telegram.fake, zalo.fake
    announcement = asyncio.run(_prepare(path, fz))
    process = _start(tmp_path, telegram, zalo, setup=True)
    try:
        _wait(lambda: len(tg.calls("sendMessage", ok=True)) >= 10
              and len(fz.sent) >= 5 and len(fz.zns_sent) >= 2, within=60)
        tg.hold("sendMessage")  # requests now leaving hang on both apps: in flight
        fz.hold_sends()
        _wait(lambda: tg.waiting_on_hold >= 1 and fz.waiting_on_hold >= 1)
        time.sleep(0.3)
    finally:
        process.kill()  # SIGKILL: no clean-up at all
        process.wait(timeout=30)
    in_flight = dict(_rows(path, "SELECT external_id, channel FROM deliveries"
                                 " WHERE status = 'sending'"))
    sent_before = {chat for (chat,) in _rows(
        path, "SELECT external_id FROM deliveries WHERE status = 'sent'")}
    tg.release()  # Telegram takes the held requests that reached it before the kill
    fz.release()  # the held Zalo requests end undelivered (a connection lost)
    per_channel = Counter(in_flight.values())
    assert per_channel["telegram"] >= 1 and per_channel["zalo"] >= 1
    # each channel's bound: 14 at Telegram's 28 a second, 4 at Zalo's 7 and at ZNS's 4
    assert per_channel["telegram"] <= 14 and per_channel["zalo"] <= 4 and per_channel["zns"] <= 4
    assert len(sent_before) < TG + ZALO + ZNS

    restarted = _start(tmp_path, telegram, zalo, setup=False)
    try:
        _wait(lambda: _rows(path, "SELECT reported_at FROM announcements WHERE id = ?",
                            (announcement,))[0][0] is not None, within=120)
    finally:
        restarted.send_signal(signal.SIGTERM)
        output, _ = restarted.communicate(timeout=30)
    assert restarted.returncode == 0, output
    assert "in flight when the bot last stopped" in output

    got = _got(tg, fz)
    everyone = ({str(FIRST_TG + n) for n in range(TG)}
                | {_zalo_user(n) for n in range(TG, TG + ZALO)}
                | {_phone(n) for n in range(TG + ZALO, TG + ZALO + ZNS)})
    assert set(got) == everyone  # nobody missing, on any app
    twice = {who for who, n in got.items() if n > 1}
    assert twice <= set(in_flight) and all(n <= 2 for n in got.values())
    assert not twice & (sent_before - set(in_flight))
    assert _rows(path, "SELECT channel, status, COUNT(*) FROM deliveries GROUP BY 1, 2"
                       " ORDER BY 1") == [("telegram", "sent", TG), ("zalo", "sent", ZALO),
                                          ("zns", "sent", ZNS)]
    summary = tg.sent_texts(SENDER)[-1]
    assert f"tới {TG + ZALO + ZNS} người" in summary
    assert f"Telegram {TG} · Zalo {ZALO} · tin ZNS {ZNS}" in summary
