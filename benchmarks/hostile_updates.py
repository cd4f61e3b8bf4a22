"""Hostile update shapes against the real Telegram channel: nobody is left unanswered.

    .venv/bin/python benchmarks/hostile_updates.py [--updates N] [--seed S] [--process]

A real PTB Application (our TelegramChannel) polls the offline fake Bot API (tests/
fake_telegram, in process) on a fresh SQLite file; 40 members have joined and each recorded
a harvest (so there are real buttons to forge). Then N updates drawn by a seeded generator
from these shapes are queued, each followed by ordinary traffic in the same batches:

  nameless     a member's /toi with an empty first_name (PTB's full_name is None)
  unparseable  JSON PTB cannot parse: no first_name, a chat that is a string, a date that
               is text, a message that is a list (in a private chat, or with no chat at all)
  inline       a tap on an inline message (inline_message_id, no message)
  forged       a tap naming another member's harvest reply, with its real hv:undo data
  stale        a tap on a message of the tapper's own chat that has no buttons
  group        a text in a group chat (not for the core: confirmed, not answered)
  redelivered  one of the above, delivered again

Reported (all must be 0): updates left unanswered (a private chat with no reply, or a tap
whose query was not answered), tracebacks logged, Bot API calls the fake refused, harvests
recorded or changed by these updates, updates still unconfirmed. Exit status 1 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import copy
import logging
import random
import sqlite3
import tempfile
import time
from collections import Counter
from zoneinfo import ZoneInfo

from bot.channels.telegram.channel import TelegramChannel
from bot.intake import Intake, LocalIntake
from bot.intake_process import ProcessIntake
from handlers import admin
from handlers.context import CoreConfig
from handlers.core import Core
from storage.db import Database
from storage.migrate import migrate
from tests.fake_telegram import FakeRequest, FakeTelegram

MEMBERS = 40
FIRST = 7_100_001
GROUP = -100_555_000
CONFIG = CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi")
SHAPES = ("nameless", "unparseable", "inline", "forged", "stale", "group", "redelivered")


class Tracebacks(logging.Handler):
    """Counts log records that carry a traceback, or are errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.records.append(record)


def _unparseable(fake: FakeTelegram, rng: random.Random, person: int) -> tuple[dict, bool]:
    """An update PTB cannot parse; whether its private chat can still be read."""
    update = fake.text_update(person, rng.choice(["chè 30kg", "xin chào", "/toi"]))
    message = update["message"]
    how = rng.randrange(4)
    if how == 0:
        del message["from"]["first_name"]
        return update, True
    if how == 1:
        message["chat"] = "somewhere"
        return update, False
    if how == 2:
        message["date"] = "hôm nay"
        return update, True
    update["message"] = [message]
    return update, False


async def run(count: int, seed: int, handling_process: bool) -> int:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="htx-hostile-"))
    db = await Database.open(folder / "htx.db")
    await migrate(db)
    core = Core(db, CONFIG)
    coop = await admin.create_cooperative(db, "HTX Chè Phình Hồ", None, None,
                                          "Asia/Ho_Chi_Minh", core.clock())
    fake = FakeTelegram()
    intake: Intake = ProcessIntake(db.path, CONFIG) if handling_process else LocalIntake(core)
    channel = TelegramChannel(core, fake.token, "https://api.telegram.org/bot", poll_timeout=1,
                              request=FakeRequest(fake), updates_request=FakeRequest(fake),
                              intake=intake)
    people = [FIRST + n for n in range(MEMBERS)]
    await channel.start()
    caught = Tracebacks()
    logging.getLogger().addHandler(caught)
    try:
        for person in people:
            fake.push_update(fake.text_update(person, coop.member.invite.code, first_name="Lan"))
        for person in people:
            await fake.until_calls("sendMessage", 1, chat_id=person, ok=True, within=30)
        for person in people:
            fake.push_update(fake.text_update(person, "chè 30kg"))
        for person in people:
            await fake.until_calls("sendMessage", 2, chat_id=person, ok=True, within=30)
        replies = {p: fake.sent_messages(p)[-1] for p in people}  # each with hv buttons
        welcomes = {p: fake.sent_messages(p)[0] for p in people}
        with sqlite3.connect(db.path) as conn:
            before = conn.execute("SELECT id, status, amount FROM harvests ORDER BY id").fetchall()
        refused_before = sum(1 for c in fake.calls() if not c.ok and c.method != "getUpdates")
        expected: Counter[int] = Counter()  # replies each chat should get
        queries: list[str] = []
        shapes: Counter[str] = Counter()
        sent: list[dict] = []
        started = time.monotonic()
        for _ in range(count):
            shape = rng.choice(SHAPES) if sent else "nameless"
            shapes[shape] += 1
            person = rng.choice(people)
            if shape == "nameless":
                update = fake.text_update(person, "/toi", first_name="")
                expected[person] += 1
            elif shape == "unparseable":
                update, known = _unparseable(fake, rng, person)
                expected[person] += known
            elif shape == "inline":
                update = fake.inline_callback_update(person, f"hv:undo:{rng.randrange(1, 99)}")
            elif shape == "forged":
                victim = rng.choice([p for p in people if p != person])
                data = replies[victim]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                update = fake.callback_update(person, replies[victim], data)
                expected[person] += 1
            elif shape == "stale":
                data = rng.choice(["hv:undo:1", "tb:send", "rsvp:yes:1", "dy:fix:1", "px:x"])
                update = fake.callback_update(person, welcomes[person], data)
                expected[person] += 1
            elif shape == "group":
                update = fake.text_update(person, "chè 30kg")
                update["message"]["chat"] = {"id": GROUP, "type": "supergroup", "title": "HTX"}
            else:
                update = copy.deepcopy(rng.choice(sent))
            if "callback_query" in update and shape != "redelivered":
                queries.append(update["callback_query"]["id"])
            if shape != "redelivered":
                sent.append(update)
            fake.push_update(update)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            answered = all(len(fake.sent_messages(p)) >= 2 + expected[p] for p in people)
            if answered and not fake.pending_updates() and all(
                    q in fake.answered_callbacks for q in queries):
                break
            await asyncio.sleep(0.2)
        elapsed = time.monotonic() - started
        await asyncio.sleep(1.0)  # let anything extra arrive, to be counted
    finally:
        logging.getLogger().removeHandler(caught)
        await channel.stop()
    with sqlite3.connect(db.path) as conn:
        after = conn.execute("SELECT id, status, amount FROM harvests ORDER BY id").fetchall()
        diary = conn.execute("SELECT COUNT(*) FROM diary_entries").fetchone()[0]
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM inbox GROUP BY status"))
    await db.close()
    short = sum(max(0, 2 + expected[p] - len(fake.sent_messages(p))) for p in people)
    extra = sum(max(0, len(fake.sent_messages(p)) - 2 - expected[p]) for p in people)
    unanswered_taps = sum(1 for q in queries if q not in fake.answered_callbacks)
    refused = sum(1 for c in fake.calls() if not c.ok and c.method != "getUpdates")
    refused -= refused_before
    group_replies = len(fake.calls("sendMessage", chat_id=GROUP))
    figures = {
        "hostile updates": count,
        "by shape": dict(sorted(shapes.items())),
        "seconds": round(elapsed, 1),
        "unanswered (chats short of a reply)": short,
        "unanswered taps": unanswered_taps,
        "replies beyond one each": extra,
        "tracebacks / errors logged": len(caught.records),
        "refused Bot API calls": refused,
        "harvests recorded or changed": len(set(after) ^ set(before)),
        "diary entries recorded": diary,
        "replies to the group": group_replies,
        "unconfirmed updates": len(fake.pending_updates()),
        "inbox": statuses,
        "handling process": handling_process,
    }
    for name, value in figures.items():
        print(f"{name:38} {value}")
    for record in caught.records[:5]:
        print("  logged:", record.getMessage())
    bad = (short, unanswered_taps, extra, len(caught.records), refused,
           len(set(after) ^ set(before)), diary, group_replies, len(fake.pending_updates()))
    return 1 if any(bad) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--process", action="store_true", help="with the handling process")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    raise SystemExit(asyncio.run(run(args.updates, args.seed, args.process)))


if __name__ == "__main__":
    main()
