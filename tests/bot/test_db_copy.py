"""`htx-bot db copy`: a cooperative's SQLite history, made by people chatting with the real
core, copied by the CLI as a real process into a real PostgreSQL; then the bot goes on there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handlers import outbox as announcements
from handlers.context import CoreConfig
from handlers.core import Core
from storage import members
from storage.db import Database, open_database
from storage.migrate import migrate
from tests.conftest import BACKENDS
from tests.support import Clock, Cooperative, Person, cooperative, rows_at

pytestmark = pytest.mark.skipif(
    "postgresql" not in BACKENDS, reason="HTX_TEST_BACKENDS leaves PostgreSQL out"
)
ROOT = Path(__file__).resolve().parents[2]
CONFIG = CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi")
# Every table with the rows that tell a copy from a good one.
CHECKED = [
    ("members", "SELECT id, display_name, role, cooperative_id, active FROM members ORDER BY id"),
    ("identities", "SELECT channel, external_id, member_id, reachable FROM identities"
                   " ORDER BY channel, external_id"),
    ("harvests", "SELECT id, member_id, product_id, amount, day, plot, status, message_ref"
                 " FROM harvests ORDER BY id"),
    ("audit_log", "SELECT id, actor_id, action, entity, entity_id, before, after"
                  " FROM audit_log ORDER BY id"),
    ("inbox", "SELECT id, channel, message_ref, status, replies FROM inbox ORDER BY id"),
    ("deliveries", "SELECT id, announcement_id, member_id, status, next_attempt_at"
                   " FROM deliveries ORDER BY id"),
    ("prices", "SELECT id, product_id, dong, per_base, valid_from FROM prices ORDER BY id"),
    ("corrections", "SELECT id, entity, status, plan FROM corrections ORDER BY id"),
]


async def _history(path: Path, clock: Clock) -> Cooperative:
    db = await Database.open(path)
    await migrate(db)
    core = Core(db, CONFIG, clock)
    try:
        coop = await cooperative(core, ["Lò Thị Lan", "Vàng A Sử"])
        lan, su = coop.members
        boss = coop.manager
        await lan.say("hái 30kg chè lô 3")
        await su.say("che 32,5kg, que 2 ta")
        await lan.say("chè 1.500")  # a question: a pending row
        await su.say("/huy")  # a cancellation, with its audit row
        await boss.say("/gia chè búp 25k")
        await lan.say("phun Regent 2 bình lô 3")
        await announcements.enqueue(db, "broadcast", "Mai thu chè", [m.id for m in
                                    await _members(db, coop.id)], clock())
        return coop
    finally:
        await db.close()


async def _members(db: Database, coop_id: int) -> list:
    async with db.transaction() as tx:
        return await members.list_members(tx, coop_id)


def _copy(tmp_path: Path, source: str, target: str, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": "sqlite:////proc/none/x.db"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "db", "copy", source, target, *extra],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )


async def test_copy_moves_every_row_keeps_ids_and_the_bot_goes_on_there(tmp_path, postgres):
    clock = Clock()
    path = tmp_path / "htx.db"
    coop = await _history(path, clock)
    source = f"sqlite:///{path}"
    target = postgres.url(postgres.empty())  # not even migrated: the copy does it

    done = _copy(tmp_path, source, target, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and all(c["ok"] for c in report["checks"])
    rows = {c["table"]: c["source"] for c in report["checks"] if c["what"] == "rows"}
    assert rows["harvests"] >= 4 and rows["deliveries"] == 3 and rows["audit_log"] >= 1
    amount = next(c for c in report["checks"] if c["what"] == "sum(amount)"
                  and c["table"] == "harvests")
    assert amount["source"] == amount["target"] == sum(
        r[0] or 0 for r in rows_at(source, "SELECT amount FROM harvests"))
    for table, sql in CHECKED:
        assert rows_at(source, sql) == rows_at(target, sql), table

    # The bot on the copy: the same people, and new rows get new ids after the copied ones.
    db = await open_database(target)
    try:
        core = Core(db, CONFIG, clock)
        lan = Person(core, coop.members[0].user_ref, "Lò Thị Lan")
        answer = await lan.text("hái 12kg chè lô 3")
        assert "12 kg" in answer
        [(last_id, amount)] = rows_at(target, "SELECT id, amount FROM harvests"
                                      " ORDER BY id DESC LIMIT 1")
        assert last_id == max(r[0] for r in rows_at(source, "SELECT id FROM harvests")) + 1
        assert amount == 12_000
    finally:
        await db.close()

    again = _copy(tmp_path, source, target)  # the target holds data now
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.strip().startswith("htx-bot: db copy refused: the target already holds")
    assert len(again.stderr.strip().splitlines()) == 1
    assert rows_at(target, "SELECT COUNT(*) FROM harvests") == [(rows["harvests"] + 1,)]

    forced = _copy(tmp_path, source, target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "all equal" in forced.stdout and "quantities recorded" in forced.stdout
    assert rows_at(target, "SELECT COUNT(*) FROM harvests") == [(rows["harvests"],)]


def test_copy_refuses_a_source_it_cannot_read_and_an_unreachable_target(tmp_path, postgres):
    missing = _copy(tmp_path, f"sqlite:///{tmp_path}/none.db", postgres.url(postgres.empty()))
    assert missing.returncode == 2 and "no SQLite database at" in missing.stderr
    nowhere = _copy(tmp_path, f"sqlite:///{tmp_path}/none.db",
                    "postgresql://bot:pw@127.0.0.1:1/htx")
    assert nowhere.returncode == 2 and "cannot reach the PostgreSQL database" in nowhere.stderr
    assert "pw@" not in nowhere.stderr
