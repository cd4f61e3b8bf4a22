"""Thousands of hostile updates through the real Telegram channel: all answered, none fatal.

    .venv/bin/python benchmarks/hostile.py [--updates 10000] [--rounds 10] [--seed 18]
                                          [--handling-process] [--channel-shapes]

Our TelegramChannel (python-telegram-bot's Application, long polling, inbox, core) runs on a
SQLite file against the offline fake Bot API (tests/fake_telegram). A cooperative in an
alliance has a manager, 12 members and a staff officer; 10 strangers never join. Each round
queues a mix of generated updates (tests/hostile.py makes the text and button data):

  text        anything: farmer words, huge and look-alike numbers, units, commands with odd
              arguments, real message shapes with a hostile slot, emoji, markup, SQL-ish text
  forbidden   harvest reports spoiled so that they must record nothing: markup or SQL around
              them, a look-alike minus, a huge or zero amount, emoji only, over 500 characters,
              sent by a stranger
  edit        an earlier message of the sender edited into hostile text
  callback    a tap on a message the bot sent to the tapper: its own buttons, or forged data
  media       stickers, voice, photos with and without hostile captions, documents, places
  odd         group chats (ignored by design), contacts and dice, 4096 characters, blank text,
              replies to the bot, forwarded reports
  channel     (--channel-shapes) what the channel side of issue 18 handles: an empty
              first_name, a callback with only an inline_message_id, a callback naming another
              person's message, an update python-telegram-bot cannot parse

and waits until they are handled. Then it prints: updates sent, unanswered (an update that
needs an answer without a delivered reply, or a callback never answered), tracebacks logged
(plus inbox rows marked failed), Bot API calls the fake refused (4xx), and rows recorded from
the messages that must record nothing. Exit status 1 unless all of those are 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import copy
import json
import logging
import platform
import random
import sqlite3
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import telegram
from telegram.warnings import PTBDeprecationWarning

from bot.channels.telegram.channel import TelegramChannel
from bot.intake_process import ProcessIntake
from bot.lifespan import open_resources
from bot.settings import load_settings
from handlers import admin
from tests import hostile
from tests.fake_telegram import FakeRequest, FakeTelegram

MANAGER, STAFF = 7_100_000, 7_100_099
MEMBERS = list(range(7_100_001, 7_100_013))
STRANGERS = list(range(7_100_200, 7_100_210))
NAMES = ["Lan", "Minh", "Hoa", "Tùng", "Mai", "Sơn", "Hương", "Dũng", "Thảo", "Phúc"]
GROUP = {"id": -1001234567890, "type": "supergroup", "title": "HTX Chè Phình Hồ"}
ROUND_TIMEOUT = 120.0

# A report that would be recorded, and the ways it is spoiled so that it must record nothing.
REPORTS = ("hái 30kg chè lô 3", "chè 25,5 kg", "quế 2 tạ", "na 15 kí", "chè 30kg, quế 2 tạ")
SPOILED = {
    "markup": lambda rng, r: rng.choice((f"<b>{r}</b>", f"<i>{r}</i>", f"`{r}`", f"```\n{r}\n```",
                                         f"<script>{r}</script>", f"**{r}**", f"[{r}](http://x)")),
    "sql": lambda rng, r: r + rng.choice((
        "'); DELETE FROM harvests;--", "' OR 1=1 --", "\"; DROP TABLE members; --",
        " UNION SELECT * FROM inbox")),
    "minus": lambda rng, r: "chè " + rng.choice(hostile.MINUS[1:]) + "30 kg",
    "huge": lambda rng, r: f"chè {rng.randint(10**9, 10**40)} kg",
    "zero": lambda rng, r: rng.choice(("chè 0 kg", "chè 0,0 kg", "quế 0 tạ")),
    "emoji": lambda rng, r: "".join(rng.choice(hostile.EMOJI) for _ in range(rng.randint(1, 6))),
    "too_long": lambda rng, r: r + " " + "chè " * rng.randint(130, 300),
    "stranger": lambda rng, r: r,
}


@dataclass
class Sent:
    """What was queued at the fake, and what each update asks of the bot."""

    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    answer_refs: dict[str, str] = field(default_factory=dict)  # inbox message_ref -> kind
    callbacks: dict[str, str] = field(default_factory=dict)  # callback query id -> kind
    forbidden: dict[str, str] = field(default_factory=dict)  # message_ref -> how spoiled
    originals: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # user -> msgs


class Hostile:
    """Builds each round's updates from what the chats hold so far."""

    def __init__(self, fake: FakeTelegram, rng: random.Random, channel_shapes: bool) -> None:
        self.fake, self.rng, self.channel_shapes = fake, rng, channel_shapes
        self.sent = Sent()
        self.bot_messages: dict[int, list[dict[str, Any]]] = {}

    def refresh(self) -> None:
        """Index the messages the bot has sent, by chat (callbacks tap on them)."""
        self.bot_messages.clear()
        for message in self.fake.sent_messages():
            self.bot_messages.setdefault(message["chat"]["id"], []).append(message)

    def round(self, count: int) -> list[dict[str, Any]]:
        kinds = ["text"] * 35 + ["forbidden"] * 15 + ["edit"] * 10 + ["callback"] * 20 + [
            "media"] * 10 + ["odd"] * 10 + (["channel"] * 5 if self.channel_shapes else [])
        return [getattr(self, f"_{self.rng.choice(kinds)}")() for _ in range(count)]

    # -- the kinds -----------------------------------------------------------------------------

    def _someone(self) -> int:
        rng = self.rng
        return rng.choice([*MEMBERS, *MEMBERS, MANAGER, STAFF, *STRANGERS[:3]])

    def _message(self, user: int, text: str, kind: str, editable: bool = True) -> dict[str, Any]:
        update = self.fake.text_update(user, text, first_name=_name(user))
        message = update["message"]
        if editable:  # an edit of a forbidden message could record what the edit says
            self.sent.originals.setdefault(user, []).append(message)
        self._expect(f"{user}:{message['message_id']}", kind)
        return update

    def _text(self) -> dict[str, Any]:
        return self._message(self._someone(), hostile.message_text(self.rng), "text")

    def _forbidden(self) -> dict[str, Any]:
        how = self.rng.choice(list(SPOILED))
        text = SPOILED[how](self.rng, self.rng.choice(REPORTS))
        user = self.rng.choice(STRANGERS) if how == "stranger" else self.rng.choice(MEMBERS)
        update = self._message(user, text, f"forbidden/{how}", editable=False)
        self.sent.forbidden[f"{user}:{update['message']['message_id']}"] = how
        return update

    def _edit(self) -> dict[str, Any]:
        user = self.rng.choice([*MEMBERS, MANAGER])
        earlier = self.sent.originals.get(user)
        if not earlier:
            return self._text()
        # Telegram dates edits by the second: edit each message once, so that no two edits
        # share an idempotency key (a second edit in the same second is a redelivery).
        original = earlier.pop(self.rng.randrange(len(earlier)))
        update = self.fake.edited_update(original, hostile.message_text(self.rng))
        edited = update["edited_message"]
        self._expect(f"{user}:{edited['message_id']}:edit:{edited['edit_date']}", "edit")
        return update

    def _callback(self) -> dict[str, Any]:
        user = self.rng.choice([*MEMBERS, *MEMBERS, MANAGER, STAFF])
        messages = self.bot_messages.get(user)
        if not messages:
            return self._text()
        message = self.rng.choice(messages)
        own = [b["callback_data"] for row in message.get("reply_markup", {}).get(
            "inline_keyboard", []) for b in row if "callback_data" in b]
        data = self.rng.choice(own) if own and self.rng.random() < 0.5 else (
            hostile.button_data(self.rng, range(1, 40)))
        update = self.fake.callback_update(user, message, data, first_name=_name(user))
        self._expect_callback(update["callback_query"]["id"], "callback")
        return update

    def _media(self) -> dict[str, Any]:
        user, rng, fake = self._someone(), self.rng, self.fake
        shape = rng.choice(("sticker", "voice", "photo", "caption", "document", "location"))
        if shape == "sticker":
            update = fake.sticker_update(user, rng.choice(hostile.EMOJI), first_name=_name(user))
        elif shape == "voice":
            update = fake.voice_update(user, rng.randint(0, 3600), first_name=_name(user))
        elif shape == "photo":
            update = fake.photo_update(user, first_name=_name(user))
        elif shape == "caption":
            update = fake.photo_update(user, hostile.message_text(rng)[:1024],
                                       first_name=_name(user))
        elif shape == "document":
            update = fake.document_update(user, rng.choice(("x.pdf", "../../etc/passwd", "")),
                                          caption=hostile.free_text(rng), first_name=_name(user))
        else:
            update = fake.location_update(user, rng.uniform(-90, 90), rng.uniform(-180, 180),
                                          first_name=_name(user))
        self._expect(f"{user}:{update['message']['message_id']}", f"media/{shape}")
        return update

    def _odd(self) -> dict[str, Any]:
        user, rng = self._someone(), self.rng
        shape = rng.choice(("group", "contact", "dice", "long", "blank", "reply", "forward"))
        if shape == "long":
            return self._message(user, ("chè 30kg " * 500)[:4096], "odd/long")
        if shape == "blank":
            return self._message(user, rng.choice((" ", "\u200b", "\u3000", "\n\n")), "odd/blank")
        update = self.fake.text_update(user, hostile.message_text(rng), first_name=_name(user))
        message = update["message"]
        if shape == "group":  # the bot answers private chats only: nothing is expected
            message["chat"] = dict(GROUP)
            self.sent.kinds["odd/group"] += 1
            return update
        if shape in ("contact", "dice"):
            message.pop("text")
            message.pop("entities", None)
            message[shape] = {"phone_number": "+84900000000", "first_name": "Lan"} if (
                shape == "contact") else {"emoji": "🎲", "value": rng.randint(1, 6)}
        elif shape == "reply" and self.bot_messages.get(user):
            message["reply_to_message"] = copy.deepcopy(rng.choice(self.bot_messages[user]))
        elif shape == "forward":
            message["forward_origin"] = {"type": "hidden_user", "date": message["date"],
                                         "sender_user_name": "Lan"}
            message["text"] = rng.choice(REPORTS)
            message.pop("entities", None)
        self._expect(f"{user}:{message['message_id']}", f"odd/{shape}")
        return update

    def _channel(self) -> dict[str, Any]:
        """Shapes the channel side of issue 18 (another branch) makes answerable."""
        user, rng, fake = self.rng.choice(MEMBERS), self.rng, self.fake
        shape = rng.choice(("no_first_name", "inline", "other_person", "unparseable"))
        if shape == "no_first_name":
            update = fake.text_update(user, hostile.message_text(rng), first_name="")
            self._expect(f"{user}:{update['message']['message_id']}", "channel/no_first_name")
            return update
        if shape == "unparseable":
            self.sent.kinds["channel/unparseable"] += 1
            return {"message": {"message_id": "x", "chat": {"id": user}, "date": "never"}}
        victim = rng.choice([u for u in self.bot_messages if u != user] or [user])
        if not self.bot_messages.get(victim):
            return self._text()
        message = rng.choice(self.bot_messages[victim])
        update = fake.callback_update(user, message, rng.choice(("tb:send", "hv:undo:1")))
        if shape == "inline":
            query = update["callback_query"]
            query.pop("message")
            query["inline_message_id"] = "AAAAAgAAAAAAAAAA"
        self._expect_callback(update["callback_query"]["id"], f"channel/{shape}")
        return update

    # -- what each asks of the bot ------------------------------------------------------------

    def _expect(self, ref: str, kind: str) -> None:
        self.sent.answer_refs[ref] = kind
        self.sent.kinds[kind] += 1

    def _expect_callback(self, query_id: str, kind: str) -> None:
        self.sent.callbacks[query_id] = kind
        self.sent.kinds[kind] += 1


def _name(user: int) -> str:
    return NAMES[user % len(NAMES)]


class Tracebacks(logging.Handler):
    """Counts log records that carry a traceback or are errors, and keeps the first few."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.count += 1
            if len(self.first) < 5:
                self.first.append(self.format(record)[-600:])


# What the bot calls to answer (getUpdates goes on while it is idle).
_REPLYING = ("sendMessage", "editMessageText", "sendDocument", "sendPhoto",
             "answerCallbackQuery", "setMyCommands")


async def settle(fake: FakeTelegram, db_path: Path, within: float) -> float:
    """Wait until every queued update is confirmed and handled, and the bot has gone quiet."""
    started = time.monotonic()
    quiet_since, last_calls, pending, busy = time.monotonic(), -1, 0, 0
    while time.monotonic() - started < within:
        await asyncio.sleep(0.2)
        calls = sum(fake.answered(m, ok) for m in _REPLYING for ok in (True, False))
        if calls != last_calls:
            quiet_since, last_calls = time.monotonic(), calls
            continue
        with sqlite3.connect(db_path) as conn:
            busy = conn.execute("SELECT count(*) FROM inbox WHERE status IN"
                                " ('received', 'done')").fetchone()[0]
        pending = len(fake.pending_updates())
        if not pending and not busy and time.monotonic() - quiet_since > 1.0:
            break
    else:
        print(f"  not settled: {pending} updates unconfirmed, {busy} inbox rows not replied")
    return time.monotonic() - started


def check(fake: FakeTelegram, db_path: Path, sent: Sent) -> dict[str, Any]:
    """Read the figures back from the database and the fake's record of calls."""
    with sqlite3.connect(db_path) as conn:
        inbox = {ref: (status, json.loads(replies or "[]"), error) for ref, status, replies, error
                 in conn.execute("SELECT message_ref, status, replies, error FROM inbox"
                                 " WHERE channel = 'telegram'")}
        # A waiting entry the person then settled by picking one of the bot's readings is
        # "picked": the message itself recorded nothing.
        picked = {int(i) for (i,) in conn.execute(
            "SELECT entity_id FROM audit_log WHERE entity = 'harvest' AND action = 'choose'")}
        rows = Counter()
        for table in ("harvests", "diary_entries"):
            for row_id, ref, status in conn.execute(
                    f"SELECT id, message_ref, status FROM {table}"):
                if ref in sent.forbidden:
                    if table == "harvests" and status == "recorded" and row_id in picked:
                        status = "recorded after a pick"
                    rows[(table, sent.forbidden[ref], status)] += 1
    unanswered: Counter[str] = Counter()
    for ref, kind in sent.answer_refs.items():
        status, replies, _ = inbox.get(ref, ("missing", [], None))
        if status != "replied" or not replies:
            unanswered[kind] += 1
    for query_id, kind in sent.callbacks.items():
        status, replies, _ = inbox.get(f"cb:{query_id}", ("missing", [], None))
        # an inline tap is answered at once by the poller: there is no chat to reply to
        replied = kind == "channel/inline" or (status == "replied" and bool(replies))
        if query_id not in fake.answered_callbacks or not replied:
            unanswered[kind] += 1
    refused = Counter(f"{c.method}: {c.error}" for c in fake.calls() if c.status is not None
                      and 400 <= c.status < 500)
    failed = sum(1 for _, _, error in inbox.values() if error)
    return {"unanswered": unanswered, "refused": refused, "rows": rows, "failed": failed}


async def join(channel: TelegramChannel, fake: FakeTelegram, db_path: Path, codes: dict) -> None:
    """Everyone but the strangers joins by code (not counted)."""
    fake.push_update(fake.text_update(MANAGER, codes["manager"], first_name="Hùng"))
    fake.push_update(fake.text_update(STAFF, codes["staff"], first_name="Mai"))
    for user in MEMBERS:
        fake.push_update(fake.text_update(user, codes["member"], first_name=_name(user)))
    await settle(fake, db_path, 60)


async def run(args: argparse.Namespace) -> int:
    tracebacks = Tracebacks()
    logging.getLogger().addHandler(tracebacks)
    with tempfile.TemporaryDirectory(prefix="htx-hostile-") as tmp:
        db_path = Path(tmp) / "htx.db"
        settings = load_settings({"database_url": f"sqlite:///{db_path}"})
        async with open_resources(settings) as resources:
            now = datetime.now(UTC)
            alliance = await admin.create_alliance(resources.db, "Liên minh HTX Yên Bái", None, now)
            coop = await admin.create_cooperative(resources.db, "HTX Chè Phình Hồ", "Yên Bái",
                                                  alliance.alliance.id, settings.timezone, now)
            fake = FakeTelegram()
            intake = None
            if args.handling_process:
                intake = ProcessIntake(resources.db.path, resources.core.config)
            channel = TelegramChannel(resources.core, fake.token, settings.telegram_api_url,
                                      poll_timeout=1, request=FakeRequest(fake),
                                      updates_request=FakeRequest(fake), intake=intake)
            await channel.start()
            try:
                await join(channel, fake, db_path, {
                    "manager": coop.manager.invite.code, "member": coop.member.invite.code,
                    "staff": alliance.staff.invite.code})
                fake.clear_calls()
                maker = Hostile(fake, random.Random(args.seed), args.channel_shapes)
                started = time.monotonic()
                per_round = -(-args.updates // args.rounds)
                while maker.sent.count < args.updates:
                    maker.refresh()
                    updates = maker.round(min(per_round, args.updates - maker.sent.count))
                    for update in updates:
                        fake.push_update(update)
                    maker.sent.count += len(updates)
                    waited = await settle(fake, db_path, ROUND_TIMEOUT)
                    print(f"  {maker.sent.count:6d} sent, round settled in {waited:5.1f} s",
                          flush=True)
                seconds = time.monotonic() - started
            finally:
                await channel.stop()
            found = check(fake, db_path, maker.sent)
    return report(args, maker.sent, found, tracebacks, seconds)


def report(args: argparse.Namespace, sent: Sent, found: dict[str, Any], tracebacks: Tracebacks,
           seconds: float) -> int:
    unanswered, refused, rows = found["unanswered"], found["refused"], found["rows"]
    recorded = sum(n for (_, _, status), n in rows.items() if status == "recorded")
    waiting = sum(n for (_, _, status), n in rows.items() if status in (
        "pending", "recorded after a pick"))
    cancelled = sum(rows.values()) - recorded - waiting
    print()
    print(f"updates sent          {sent.count} in {seconds:.0f} s, seed {args.seed}"
          f"{', handling process' if args.handling_process else ', one process'}"
          f"{', with channel shapes' if args.channel_shapes else ''}")
    print("  by kind             " + ", ".join(f"{k} {n}" for k, n in sorted(sent.kinds.items())))
    need = len(sent.answer_refs) + len(sent.callbacks)
    print(f"unanswered            {sum(unanswered.values())} of {need} that need an answer"
          + (" (" + ", ".join(f"{k} {n}" for k, n in unanswered.most_common()) + ")"
             if unanswered else ""))
    print(f"tracebacks logged     {tracebacks.count} (inbox rows failed: {found['failed']})")
    for text in tracebacks.first:
        print("    " + text.replace("\n", "\n    "))
    print(f"refused Bot API calls {sum(refused.values())}"
          + "".join(f"\n    {n} x {what}" for what, n in refused.most_common(8)))
    print(f"rows recorded from must-record-nothing messages {recorded}, from"
          f" {len(sent.forbidden)} messages (+{waiting} asked about: waiting, or recorded"
          f" after the person picked a reading; +{cancelled} cancelled by a tap)")
    for (table, how, status), n in sorted(rows.items()):
        print(f"    {n} {table} {status} from '{how}' messages")
    clean = not unanswered and not tracebacks.count and not found["failed"] and not refused
    return 0 if clean and not recorded else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=10_000, help="hostile updates to send")
    parser.add_argument("--rounds", type=int, default=10, help="rounds they are sent in")
    parser.add_argument("--seed", type=int, default=18, help="seed of the generator")
    parser.add_argument("--handling-process", action="store_true",
                        help="handle batches in a second process (HANDLING_PROCESS=on)")
    parser.add_argument("--channel-shapes", action="store_true",
                        help="also send the shapes the channel side of issue 18 handles")
    args = parser.parse_args()
    if args.updates < 1 or args.rounds < 1:
        parser.error("--updates and --rounds must be at least 1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    warnings.filterwarnings("ignore", category=PTBDeprecationWarning)
    print(f"htx-bot hostile: Python {platform.python_version()}, python-telegram-bot "
          f"{telegram.__version__}, SQLite {sqlite3.sqlite_version}", flush=True)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
