"""Harvest messages per second through the Zalo webhook, `htx-bot run` as a real process.

    .venv/bin/python benchmarks/ingest_zalo.py [--messages N] [--members M] [--senders S]

The fake Zalo OA (tests/fake_zalo) runs in this process on 127.0.0.1; `htx-bot run` runs in
another with Zalo configured, as in production. Members join with a code first (not timed).
Then S threads post N signed harvest events ("hái 30kg chè lô 3", "che 32,5kg", two items)
to the webhook, as Zalo would, and the clock stops when the fake has received a reply to
every one: signature check, inbox write and 200, then the worker's parsing, recording and
the send API call. Two figures: webhook (events accepted per second: stored and answered
200) and end to end (replied per second).

Then the database is read back: every event replied to exactly once, each message's
harvest rows exactly its items. Exit status 1 when that check fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from handlers import admin
from storage.db import Database
from storage.migrate import migrate
from tests.fake_zalo import FakeZalo, FakeZaloServer

ROOT = Path(__file__).resolve().parents[1]
# (text, [(product, grams)]): what each message must leave in harvests.
MESSAGES = [
    ("hái {n}kg chè lô 3", lambda n: [("chè búp tươi", n * 1000)]),
    ("che {n},5kg", lambda n: [("chè búp tươi", n * 1000 + 500)]),
    ("chè {n}kg, quế 2 tạ", lambda n: [("chè búp tươi", n * 1000), ("quế vỏ", 200_000)]),
]


async def prepare(path: Path) -> str:
    db = await Database.open(path)
    try:
        await migrate(db)
        made = await admin.create_cooperative(db, "HTX Chè Tân Cương", None, None,
                                              "Asia/Ho_Chi_Minh", datetime.now(UTC))
        return made.member.invite.code
    finally:
        await db.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(condition, within: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.01)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="htx-zalo-bench-") as folder:
        return run_in(Path(folder), args)


def run_in(folder: Path, args: argparse.Namespace) -> int:
    code = asyncio.run(prepare(folder / "htx.db"))
    fake = FakeZalo()
    with FakeZaloServer(fake) as server:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
        env.update(server.env(), DATABASE_URL=f"sqlite:///{folder}/htx.db", PYTHONPATH=str(ROOT),
                   ZALO_WEBHOOK_PORT=str(port))
        setup = subprocess.run([sys.executable, "-m", "bot", "zalo", "setup", "refresh-0"],
                               cwd=folder, env=env, capture_output=True, text=True)
        if setup.returncode:
            raise SystemExit(setup.stderr)
        bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait(lambda: healthy(base + "/health"))
            fake.webhook_url = base + "/zalo/webhook"
            users = [f"81{n:017d}" for n in range(args.members)]
            for user in users:
                assert fake.post(fake.text_event(user, code)) == 200
            wait(lambda: len(fake.sent) >= len(users))
            joined = len(fake.sent)
            events, expected = [], {}
            for n in range(args.messages):
                text, items = MESSAGES[n % len(MESSAGES)]
                amount = 10 + n % 40
                event = fake.text_event(users[n % len(users)], text.format(n=amount))
                events.append(event)
                expected[event["message"]["msg_id"]] = sorted(items(amount))
            start = time.perf_counter()
            with ThreadPoolExecutor(args.senders) as pool:
                statuses = Counter(pool.map(fake.post, events))
            accepted = time.perf_counter() - start
            wait(lambda: len(fake.sent) >= joined + args.messages)
            answered = time.perf_counter() - start
        finally:
            bot.send_signal(signal.SIGTERM)
            bot.wait(timeout=60)
    ok = statuses == Counter({200: args.messages})
    with sqlite3.connect(folder / "htx.db") as conn:
        inbox = Counter(status for ref, status in conn.execute(
            "SELECT message_ref, status FROM inbox WHERE channel = 'zalo'") if ref in expected)
        rows: dict[str, list[tuple[str, int]]] = {}
        for ref, name, amount in conn.execute(
            "SELECT h.message_ref, p.name, h.amount FROM harvests h JOIN products p"
            " ON p.id = h.product_id WHERE h.status = 'recorded'"
        ):
            rows.setdefault(ref, []).append((name, amount))
    exact = sum(1 for ref, items in expected.items() if sorted(rows.get(ref, [])) == items)
    replies = len(fake.sent) - joined
    ok = ok and inbox == Counter(replied=args.messages) and exact == args.messages
    ok = ok and replies == args.messages
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{args.messages} messages from {args.members} members, {args.senders} senders")
    print(f"webhook:     {args.messages / accepted:7.0f} events/s stored and answered 200")
    print(f"end to end:  {args.messages / answered:7.0f} messages/s replied")
    print(f"check: webhook answers {dict(statuses)}; inbox {dict(inbox)}; {replies} replies; "
          f"{exact}/{args.messages} messages recorded exactly -> {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--senders", type=int, default=8)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
