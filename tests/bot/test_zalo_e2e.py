"""`htx-bot zalo setup` and `htx-bot run` as real processes, with the fake Zalo OA posting
signed events to the bot's webhook over HTTP on 127.0.0.1 and serving the send API."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from handlers import admin
from storage.db import open_database
from storage.migrate import migrate
from tests.fake_zalo import FakeZalo, FakeZaloServer
from tests.support import rows_at

ROOT = Path(__file__).resolve().parents[2]
LAN, MINH = "8101000000000000001", "8101000000000000002"


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, database_url: str) -> None:
    """Every test here on both backends: the URL waits in the test's folder."""
    (tmp_path / "database_url").write_text(database_url)


def _url(tmp_path: Path) -> str:
    return (tmp_path / "database_url").read_text()


@pytest.fixture
def server() -> Iterator[FakeZaloServer]:
    with FakeZaloServer(FakeZalo()) as running:
        yield running


def _env(tmp_path: Path, server: FakeZaloServer, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env.update(server.env(), DATABASE_URL=_url(tmp_path), PYTHONPATH=str(ROOT),
               ZALO_WEBHOOK_HOST="127.0.0.1", ZALO_WEBHOOK_PORT=str(port))
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def _start(tmp_path: Path, server: FakeZaloServer, setup: bool = True) -> subprocess.Popen:
    port = _free_port()
    env = _env(tmp_path, server, port)
    if setup:  # a restart must not: the console's refresh token has been spent
        done = _cli(tmp_path, env, "zalo", "setup", "refresh-0")
        assert done.returncode == 0, done.stderr
        assert "Zalo connected" in done.stdout
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    _wait(lambda: _healthy(base) or process.poll() is not None)
    assert process.poll() is None, process.communicate()[0]
    server.fake.webhook_url = base + "/zalo/webhook"
    return process


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return process.returncode, output


def _wait(condition, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


async def _prepare(tmp_path: Path) -> admin.NewCooperative:
    db = await open_database(_url(tmp_path))
    try:
        await migrate(db)
        return await admin.create_cooperative(db, "HTX Chè Tân Cương", "Thái Nguyên", None,
                                              "Asia/Ho_Chi_Minh", datetime.now(UTC))
    finally:
        await db.close()


def _rows(tmp_path: Path, sql: str, *params: object) -> list[tuple]:
    return rows_at(_url(tmp_path), sql, *params)


def _inbox(tmp_path: Path, user: str) -> list[tuple]:
    rows = _rows(tmp_path, "SELECT message_ref, status, incoming FROM inbox"
                 " WHERE channel = 'zalo' ORDER BY id")
    return [(ref, status) for ref, status, incoming in rows
            if json.loads(incoming)["user_ref"] == user]


def test_follow_join_log_undo_then_a_manager_gets_the_report_file(tmp_path, server):
    coop = asyncio.run(_prepare(tmp_path))
    fake = server.fake
    fake.names.update({LAN: "Lan Nguyễn", MINH: "Minh"})
    process = _start(tmp_path, server)
    try:
        # A stranger follows the OA: the welcome says how to join.
        assert fake.post(fake.follow_event(LAN)) == 200
        [welcome] = fake.wait_for_sent(LAN, 1)
        assert "mã mời" in welcome.text
        # Joins with the member code.
        assert fake.post(fake.text_event(LAN, coop.member.invite.code)) == 200
        joined = fake.wait_for_sent(LAN, 2)[-1].text
        assert "Lan Nguyễn" in joined and "HTX Chè Tân Cương" in joined and "thành viên" in joined
        assert _rows(tmp_path, "SELECT m.role, m.display_name FROM identities i JOIN members m"
                     " ON m.id = i.member_id WHERE i.channel = 'zalo' AND i.external_id = ?",
                     LAN) == [("member", "Lan Nguyễn")]  # the name from the Zalo profile
        # Logs a harvest: recorded at once, with the undo and fix buttons as a template.
        assert fake.post(fake.text_event(LAN, "hái 30kg chè lô 3")) == 200
        logged = fake.wait_for_sent(LAN, 3)[-1]
        assert "Chè búp tươi · 30 kg · lô 3" in logged.text
        assert [b["title"] for b in logged.buttons] == ["↩️ Huỷ", "✏️ Sửa"]
        assert {b["type"] for b in logged.buttons} == {"oa.query.show"}
        assert _rows(tmp_path, "SELECT status, amount, plot, channel FROM harvests") == [
            ("recorded", 30_000, "lô 3", "zalo")]
        # Taps Huỷ: the button's payload comes back as text and cancels that entry.
        assert fake.post(fake.tap_event(LAN, "↩️ Huỷ")) == 200
        assert "Đã huỷ" in fake.wait_for_sent(LAN, 4)[-1].text
        assert _rows(tmp_path, "SELECT status FROM harvests") == [("cancelled",)]

        # A manager joins, asks for the day's intake, then the month's report as a file.
        assert fake.post(fake.text_event(MINH, coop.manager.invite.code)) == 200
        assert "quản lý" in fake.wait_for_sent(MINH, 1)[-1].text
        assert fake.post(fake.text_event(MINH, "/tonghop")) == 200
        assert "HTX Chè Tân Cương" in fake.wait_for_sent(MINH, 2)[-1].text
        assert fake.post(fake.text_event(MINH, "/baocao")) == 200
        _wait(lambda: any(s.file_token for s in fake.sent_to(MINH)))
        [report] = [s for s in fake.sent_to(MINH) if s.file_token]
        name, content = fake.uploads[report.file_token]
        assert name.endswith(".xlsx") and content.startswith(b"PK")  # a real workbook
        assert fake.sent_to(MINH)[-2].text  # its caption went first

        # Every event was stored once and its replies confirmed sent.
        _wait(lambda: {s for _, s in _inbox(tmp_path, LAN) + _inbox(tmp_path, MINH)}
              == {"replied"})
        assert len(_inbox(tmp_path, LAN)) == 4 and len(_inbox(tmp_path, MINH)) == 3
    finally:
        code, output = _stop(process)
    assert code == 0, output
    assert "Traceback" not in output


def test_forged_events_are_refused_retries_record_once_and_an_expired_token_is_renewed(
    tmp_path, server
):
    coop = asyncio.run(_prepare(tmp_path))
    fake = server.fake
    process = _start(tmp_path, server)
    try:
        assert fake.post(fake.text_event(LAN, coop.member.invite.code)) == 200
        fake.wait_for_sent(LAN, 1)
        stored = _rows(tmp_path, "SELECT COUNT(*) FROM inbox")

        # Forged or unsigned: 401, and nothing is stored or recorded.
        forged = fake.text_event(LAN, "hái 99kg chè")
        assert fake.post(forged, signature="mac=" + "0" * 64) == 401
        assert fake.post(forged, signature=None) == 401
        body = fake.body_of(forged)
        signed = fake.sign(body, forged["timestamp"], secret="guessed-secret")
        assert fake.post(forged, signature=signed) == 401
        assert _rows(tmp_path, "SELECT COUNT(*) FROM inbox") == stored

        # Zalo sends the same event again (it did not get our 200 in time): recorded once.
        event = fake.text_event(LAN, "hái 30kg chè lô 3")
        assert fake.post(event) == 200
        assert fake.post(event) == 200
        fake.wait_for_sent(LAN, 2)
        assert fake.post(fake.text_event(LAN, "/homnay")) == 200
        fake.wait_for_sent(LAN, 3)
        assert len(fake.sent_to(LAN)) == 3  # one answer to the harvest, one to /homnay
        assert _rows(tmp_path, "SELECT COUNT(*) FROM harvests") == [(1,)]
        msg_id = event["message"]["msg_id"]
        assert _rows(tmp_path, "SELECT COUNT(*) FROM inbox WHERE message_ref = ?", msg_id) == [
            (1,)]

        # The access token expires: the reply still arrives, after one refresh.
        fake.expire_access_tokens()
        assert fake.post(fake.text_event(LAN, "/homnay")) == 200
        assert "30 kg" in fake.wait_for_sent(LAN, 4)[-1].text
        sends = [code for path, code in fake.calls if path.endswith("/message/cs")]
        assert sends[-2:] == [-216, 0]
        received = fake.refresh_tokens_received
        assert len(received) == len(set(received)) == 2  # setup, one refresh; none reused
        assert _rows(tmp_path, "SELECT refresh_token FROM zalo_tokens") == [
            (fake.refresh_token,)]
    finally:
        code, output = _stop(process)
    assert code == 0, output
    assert "Traceback" not in output


def _statuses(tmp_path: Path) -> dict[str, int]:
    return dict(_rows(tmp_path, "SELECT status, COUNT(*) FROM inbox GROUP BY status"))


def test_sigkill_between_storing_and_answering_loses_nothing_and_doubles_nothing(
    tmp_path, server
):
    coop = asyncio.run(_prepare(tmp_path))
    fake = server.fake
    process = _start(tmp_path, server)
    try:
        assert fake.post(fake.text_event(LAN, coop.member.invite.code)) == 200
        fake.wait_for_sent(LAN, 1)
        fake.hold_sends()  # the next reply hangs: handled and stored, not delivered
        assert fake.post(fake.text_event(LAN, "hái 30kg chè lô 3")) == 200
        _wait(lambda: fake.waiting_on_hold >= 1)
        # The worker is stuck on that reply: this one is stored, answered 200, not handled.
        assert fake.post(fake.text_event(LAN, "quế 2 tạ")) == 200
        assert _statuses(tmp_path) == {"replied": 1, "done": 1, "received": 1}
    finally:
        process.kill()
        process.wait(timeout=30)
    fake.release()
    assert len(fake.sent_to(LAN)) == 1  # only the join's answer got through

    restarted = _start(tmp_path, server, setup=False)
    try:
        _wait(lambda: _statuses(tmp_path) == {"replied": 3})
        texts = fake.wait_for_sent(LAN, 3)
    finally:
        code, output = _stop(restarted)
    assert code == 0, output
    assert len(fake.sent_to(LAN)) == 3  # each answer once
    assert "Chè búp tươi · 30 kg" in texts[1].text and "Quế" in texts[2].text
    assert sorted(_rows(tmp_path, "SELECT amount FROM harvests WHERE status = 'recorded'")) == [
        (30_000,), (200_000,)]


def test_zalo_setup_refuses_a_spent_token_and_keeps_the_stored_one(tmp_path, server):
    env = _env(tmp_path, server, _free_port())
    too_soon = _cli(tmp_path, env, "run")  # Zalo configured, never set up: says what to do
    assert too_soon.returncode == 2 and "htx-bot zalo setup" in too_soon.stderr
    first = _cli(tmp_path, env, "zalo", "setup", "refresh-0")
    assert first.returncode == 0, first.stderr
    kept = _rows(tmp_path, "SELECT refresh_token FROM zalo_tokens")
    assert kept == [(server.fake.refresh_token,)]
    again = _cli(tmp_path, env, "zalo", "setup", "refresh-0")
    assert again.returncode == 1 and "refused" in again.stderr
    assert _rows(tmp_path, "SELECT refresh_token FROM zalo_tokens") == kept
    unset = {k: v for k, v in env.items() if k != "ZALO_OA_SECRET_KEY"}
    missing = _cli(tmp_path, unset, "zalo", "setup", "refresh-x")
    assert missing.returncode == 2 and "ZALO_OA_SECRET_KEY" in missing.stderr
