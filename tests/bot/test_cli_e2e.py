"""The CLI and the terminal chat, run as a person runs them: a real process, real stdin; on
SQLite and on PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.channels.console import render
from handlers.contract import Button, Reply

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, database_url: str) -> None:
    """Every test here on both backends: the URL waits in the test's folder (SQLite's file
    in a folder not made yet, which the CLI must create)."""
    if database_url.startswith("sqlite:"):
        database_url = f"sqlite:///{tmp_path}/data/htx.db"
    (tmp_path / "database_url").write_text(database_url)


def _url(tmp_path: Path) -> str:
    return (tmp_path / "database_url").read_text()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_TOKEN"}}
    env.update(DATABASE_URL=_url(tmp_path), PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def cli(tmp_path: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=_env(tmp_path, **env), cwd=tmp_path, timeout=60,
    )


def test_coop_add_prints_id_and_both_codes_as_json(tmp_path):
    done = cli(tmp_path, "coop", "add", "HTX Chè Phình Hồ", "--province", "Yên Bái", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"id", "name", "manager_code", "member_code"} <= data.keys()
    assert data["name"] == "HTX Chè Phình Hồ" and data["id"] == 1
    assert re.fullmatch(r"[A-Z0-9]{6}", data["manager_code"])
    assert data["manager_code"] != data["member_code"]
    if _url(tmp_path).startswith("sqlite:"):
        assert (tmp_path / "data" / "htx.db").exists()  # the folder was created


def test_alliance_then_coop_in_it_then_invites_and_members(tmp_path):
    alliance = json.loads(cli(tmp_path, "alliance", "add", "Liên minh HTX Bắc Kạn",
                              "--province", "Bắc Kạn", "--json").stdout)
    assert {"id", "name", "staff_code"} <= alliance.keys()
    coop = json.loads(cli(tmp_path, "coop", "add", "HTX Miến Dong", "--alliance",
                          str(alliance["id"]), "--json").stdout)
    new = json.loads(cli(tmp_path, "invite", "new", "--coop", str(coop["id"]), "--role",
                         "member", "--uses", "40", "--days", "7", "--json").stdout)
    assert new["invite"]["max_uses"] == 40 and new["invite"]["role"] == "member"
    staff = cli(tmp_path, "invite", "new", "--alliance", str(alliance["id"]), "--role", "staff")
    assert staff.returncode == 0 and "staff" in staff.stdout
    listed = json.loads(cli(tmp_path, "invite", "list", "--json").stdout)
    assert {i["code"] for i in listed} >= {coop["member_code"], new["invite"]["code"]}
    revoked = cli(tmp_path, "invite", "revoke", new["invite"]["code"].lower())
    assert revoked.returncode == 0
    again = json.loads(cli(tmp_path, "invite", "list", "--coop", str(coop["id"]), "--json").stdout)
    assert [i["revoked"] for i in again if i["code"] == new["invite"]["code"]] == [True]
    members = cli(tmp_path, "members", "--coop", str(coop["id"]), "--json")
    assert json.loads(members.stdout) == []
    text = cli(tmp_path, "invite", "list", "--coop", str(coop["id"])).stdout
    for invite in again:  # the text shows the same last valid day as the JSON and /moi
        assert f"last day {invite['last_day']}" in text


def test_cli_errors_are_clear(tmp_path):
    missing = cli(tmp_path, "members", "--coop", "99")
    assert missing.returncode == 1 and "not found: cooperative 99" in missing.stderr
    wrong = cli(tmp_path, "invite", "new", "--coop", "1", "--role", "staff")
    assert wrong.returncode == 2 and "--alliance" in wrong.stderr
    assert cli(tmp_path, "coop", "add", "X", "--alliance", "5").returncode == 1
    assert cli(tmp_path, "invite", "revoke", "NOSUCH").returncode == 1


def _one_line_error(done: subprocess.CompletedProcess) -> str:
    """The last line of stderr, after checking there is no traceback above it."""
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr.strip().splitlines()[-1]


def test_empty_and_duplicate_cooperative_names_are_refused(tmp_path):
    empty = cli(tmp_path, "coop", "add", "  ")
    assert empty.returncode == 2
    assert empty.stderr == "htx-bot: refused: the cooperative needs a name\n"
    assert cli(tmp_path, "coop", "add", "HTX Chè Phình Hồ").returncode == 0
    again = cli(tmp_path, "coop", "add", "htx che  PHINH ho")  # diacritics, case, spaces aside
    assert again.returncode == 2
    assert again.stderr == ("htx-bot: refused: cooperative 1 is already called"
                            " 'HTX Chè Phình Hồ'\n")
    assert cli(tmp_path, "coop", "add", "HTX Chè Phình Hồ 2").returncode == 0  # not the same
    assert [c["name"] for c in json.loads(cli(tmp_path, "coop", "list", "--json").stdout)] == [
        "HTX Chè Phình Hồ", "HTX Chè Phình Hồ 2"]
    assert cli(tmp_path, "alliance", "add", "").returncode == 2


def test_coop_set_puts_an_existing_cooperative_into_an_alliance(tmp_path):
    cli(tmp_path, "coop", "add", "HTX Miến Dong")
    alliance = json.loads(cli(tmp_path, "alliance", "add", "Liên minh HTX Bắc Kạn",
                              "--json").stdout)
    done = cli(tmp_path, "coop", "set", "1", "--alliance", str(alliance["id"]), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["alliance_id"] == alliance["id"]
    [coop] = json.loads(cli(tmp_path, "coop", "list", "--json").stdout)
    assert coop["alliance_id"] == alliance["id"]
    assert "is in alliance" in cli(tmp_path, "coop", "set", "1", "--alliance", "1").stdout
    missing = cli(tmp_path, "coop", "set", "1", "--alliance", "9")
    assert (missing.returncode, missing.stderr) == (1, "htx-bot: not found: alliance 9\n")


def test_a_database_that_cannot_be_opened_is_one_line_and_status_2(tmp_path):
    done = cli(tmp_path, "run", DATABASE_URL="sqlite:////proc/nope/x.db")
    assert done.returncode == 2
    assert _one_line_error(done).startswith("htx-bot: cannot open the database /proc/nope/x.db:")
    assert len(done.stderr.strip().splitlines()) == 1


def _closed_port() -> int:
    with socket.socket() as probe:  # a local port nobody listens on
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_postgresql_is_one_line_and_status_2(tmp_path):
    port = _closed_port()
    url = f"postgresql://bot:s3cret@127.0.0.1:{port}/htx"
    done = cli(tmp_path, "migrate", DATABASE_URL=url)
    assert done.returncode == 2, done.stderr
    line = _one_line_error(done)
    assert line.startswith(
        f"htx-bot: cannot reach the PostgreSQL database postgresql://bot:***@127.0.0.1:{port}/htx:"
    ) and "connection refused" in line
    assert "s3cret" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_postgresql_database_that_does_not_exist_is_one_line_and_status_2(tmp_path, postgres):
    done = cli(tmp_path, "run", DATABASE_URL=postgres.url("no_such_db"))
    assert done.returncode == 2, done.stderr
    assert 'database "no_such_db" does not exist' in _one_line_error(done)
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_malformed_database_url_is_one_line_and_status_2(tmp_path):
    done = cli(tmp_path, "run", DATABASE_URL="mysql://localhost/htx")
    assert done.returncode == 2
    assert "postgresql://user:password@host:port/database" in done.stderr


def test_no_network_at_start_up_is_retried_then_one_line_and_status_2(tmp_path):
    with socket.socket() as probe:  # a local port nobody listens on: getMe cannot connect
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = cli(tmp_path, "run", TELEGRAM_TOKEN="123456789:AAEexampleexampleexampleexample",
               TELEGRAM_API_URL=f"http://127.0.0.1:{port}/bot", TELEGRAM_START_RETRY="0.05")
    assert done.returncode == 2
    assert _one_line_error(done).startswith(
        f"htx-bot: cannot reach Telegram at http://127.0.0.1:{port} after 4 tries:")
    assert done.stderr.count("trying again in") == 3
    assert "trying again in 0.2 s" in done.stderr  # 0.05, then twice, then four times


def test_a_second_run_says_where_the_invite_codes_are(tmp_path):
    assert cli(tmp_path, "coop", "add", "HTX Chè Phình Hồ").returncode == 0
    done = cli(tmp_path, "run", stdin="/thoat\n")
    assert done.returncode == 0, done.stderr
    assert "htx-bot invite list" in done.stdout
    assert "HTX mẫu" not in done.stdout  # no sample cooperative on a database in use


def test_chat_joins_and_answers_members_as_typed(tmp_path):
    coop = json.loads(cli(tmp_path, "coop", "add", "HTX Quế Công Tâm", "--json").stdout)
    typed = f"/toi\n{coop['member_code'].lower()}\n/toi\n/moi\n/thoat\n"
    done = cli(tmp_path, "chat", "--user", "Lan", stdin=typed)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.index("mã mời") < out.index("Chào mừng Lan")
    assert "🏠 HTX Quế Công Tâm" in out and "Vai trò: thành viên" in out
    assert "chỉ dành cho quản lý" in out and out.rstrip().endswith("Tạm biệt!")
    listed = json.loads(cli(tmp_path, "members", "--coop", str(coop["id"]), "--json").stdout)
    assert [(m["display_name"], m["role"]) for m in listed] == [("Lan", "member")]


async def _read_until(stream: asyncio.StreamReader, needle: str, seen: list[str]) -> str:
    while True:
        line = (await asyncio.wait_for(stream.readline(), 30)).decode()
        if not line:
            raise AssertionError(f"ended before {needle!r}: {''.join(seen)}")
        seen.append(line)
        if needle in line:
            return line


async def test_run_without_token_opens_the_chat_on_a_fresh_database(tmp_path):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=_env(tmp_path),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    seen: list[str] = []
    try:
        await _read_until(process.stdout, "@BotFather", seen)
        codes = await _read_until(process.stdout, "Mã quản lý", seen)
        manager_code = re.search(r"Mã quản lý: ([A-Z0-9]{6})", codes).group(1)  # type: ignore[union-attr]
        process.stdin.write(f"{manager_code}\n".encode())
        await _read_until(process.stdout, "vai trò quản lý", seen)
        process.stdin.write(b"/moi\n")
        await _read_until(process.stdout, "Mã mời thành viên mới", seen)
        process.stdin.write(b"/thoat\n")
        await _read_until(process.stdout, "Tạm biệt", seen)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_console_numbers_buttons_across_replies():
    replies = [
        Reply(text="Chè búp tươi · 30 kg", buttons=[[Button(label="↩️ Huỷ", data="h:1"),
                                                     Button(label="✏️ Sửa", data="s:1")]]),
        Reply(text="Chọn", buttons=[[Button(label="Lan A", data="m:1")],
                                    [Button(label="Lan B", data="m:2")]]),
    ]
    text, buttons = render(replies)
    assert "[1] ↩️ Huỷ   [2] ✏️ Sửa" in text and "[3] Lan A   [4] Lan B" in text
    assert [b.data for b in buttons] == ["h:1", "s:1", "m:1", "m:2"]


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
async def test_chat_stops_cleanly_on_a_signal(tmp_path, signal_name):
    import signal

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "chat", "--user", "an", cwd=tmp_path, env=_env(tmp_path),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    await _read_until(process.stdout, "/thoat", [])
    process.send_signal(getattr(signal, signal_name))
    assert await asyncio.wait_for(process.wait(), 30) == 0
    stderr = (await process.stderr.read()).decode()  # type: ignore[union-attr]
    assert "Traceback" not in stderr


def test_console_never_numbers_quantity_options():
    """When an option is a quantity, a typed number is that quantity: nothing in the batch
    is numbered (an undo [1] beside "1 ngày" would turn "1" into an undo)."""
    replies = [
        Reply(text="Đã ghi", buttons=[[Button(label="↩️ Huỷ", data="h:1")]]),
        Reply(text="Cách ly?", buttons=[[Button(label="1 ngày", data="dy:phi:1:1"),
                                         Button(label="Không biết", data="dy:phi:1:x")]]),
    ]
    text, buttons = render(replies)
    assert "• ↩️ Huỷ" in text and "• 1 ngày   • Không biết" in text and "[1]" not in text
    assert buttons == []
