"""A write lock another process holds on the SQLite file stops nobody for good: the bot
waits for it and answers every message soon after it goes, with and without the handling
process. A real PTB Application over the offline fake Bot API, a real child process."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.channels.telegram.channel import TelegramChannel
from bot.intake import Intake, LocalIntake
from bot.intake_process import HandlingFailed, ProcessIntake
from handlers import admin
from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core
from tests.fake_telegram import FakeRequest, FakeTelegram
from tests.support import rows_at, sqlite_only

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

CONFIG = CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi")
FIRST = 6700001
# The case: a backup or a `sqlite3` shell holds the write lock for 15 s.
LOCK_SECONDS = float(os.environ.get("HTX_TEST_LOCK_SECONDS", "15"))
ANSWERED_WITHIN = 10.0  # seconds after the lock goes

_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN EXCLUSIVE")  # waits while the bot writes
conn.execute("CREATE TABLE IF NOT EXISTS lock_probe (at REAL)")
conn.execute("INSERT INTO lock_probe VALUES (?)", (time.time(),))
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process takes the write lock and keeps it for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


async def _join(fake: FakeTelegram, code: str, people: range) -> None:
    for person in people:
        fake.push_update(fake.text_update(person, code, first_name="Lan"))
    for person in people:
        await fake.until_calls("sendMessage", 1, chat_id=person, ok=True, within=20)


@pytest.mark.parametrize("handling_process", ["off", "on"])
async def test_a_15_second_write_lock_delays_answers_and_loses_none(db, handling_process):
    sqlite_only(db, "SQLite's file lock; PostgreSQL's connection loss: tests/storage/test_pg.py")
    core = Core(db, CONFIG)  # the handling process reads the real clock: so does this side
    coop = await admin.create_cooperative(
        db, "HTX Chè Phình Hồ", "Yên Bái", None, "Asia/Ho_Chi_Minh", core.clock()
    )
    fake = FakeTelegram()
    intake: Intake = (
        ProcessIntake(db.path, CONFIG) if handling_process == "on" else LocalIntake(core)
    )
    channel = TelegramChannel(
        core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
        request=FakeRequest(fake), updates_request=FakeRequest(fake), intake=intake,
    )
    people = range(FIRST, FIRST + 6)
    await channel.start()
    try:
        await _join(fake, coop.member.invite.code, people)
        holder = await asyncio.to_thread(_hold_lock, db.path, LOCK_SECONDS)
        sent = 0
        for round_ in range(3):  # members keep writing while the file is locked
            for n, person in enumerate(people):
                fake.push_update(fake.text_update(person, f"chè {20 + round_ * 6 + n}kg"))
                sent += 1
            await asyncio.sleep(LOCK_SECONDS / 4)
        assert await asyncio.to_thread(holder.wait, LOCK_SECONDS + 30) == 0
        lock_ended = time.monotonic()
        for person in people:
            await fake.until_calls("sendMessage", 4, chat_id=person, ok=True,
                                   within=ANSWERED_WITHIN + 5)
        answered = time.monotonic() - lock_ended
    finally:
        await channel.stop()
    assert answered <= ANSWERED_WITHIN, answered
    for person in people:
        assert all("Đã ghi" in text for text in fake.sent_texts(person)[1:]), person
    with sqlite3.connect(db.path) as conn:
        amounts = sorted(a for (a,) in conn.execute("SELECT amount FROM harvests"))
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM inbox GROUP BY status"))
    assert amounts == [n * 1000 for n in range(20, 20 + sent)]  # each once, none lost
    assert statuses == {"replied": len(people) + sent}


async def test_a_failure_in_the_handling_process_reaches_the_channel_as_itself(db):
    """The child runs as __main__: what it sends back must be a type the channel can load."""
    intake = ProcessIntake(db.url, CONFIG)
    await intake.start()
    missing = (
        "OperationalError: no such table: inbox" if db.dialect == "sqlite"
        else 'UndefinedTableError: relation "inbox" does not exist'
    )
    try:
        rows_at(db.url, "ALTER TABLE inbox RENAME TO inbox_away")
        incoming = Incoming(channel="telegram", user_ref="1", message_ref="1:1",
                            sent_at=Core(db, CONFIG).clock(), text="chè 30kg")
        with pytest.raises(HandlingFailed, match=missing):
            await intake.take_in([(incoming, {})])
        rows_at(db.url, "ALTER TABLE inbox_away RENAME TO inbox")
        [(size, answers)] = await intake.take_in([(incoming, {})])  # the same process goes on
        assert size == 1 and len((await answers)[0] or []) == 1
        assert intake.restarts == 0
    finally:
        await intake.stop()
