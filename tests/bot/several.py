"""Real `htx-bot run` processes in webhook mode on one database, fed by the fake Bot API
(shared by the multi-process tests and benchmarks/webhook_scale.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from handlers import admin
from storage.db import Database
from storage.migrate import migrate
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://bot.example.vn/telegram/webhook"  # what the proxy would serve
SECRET = "htx-webhook-secret_0123"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_MEMBER = 9_100_001


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BotProcess:
    """One `htx-bot run` subprocess listening on its own port."""

    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram/webhook"

    def healthy(self) -> bool:
        """Listening, and the webhook is set."""
        try:
            return bool(self.stats()["started"])
        except OSError:
            return False

    def stats(self) -> dict[str, Any]:
        """What the process says it took in (its /health)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=5) as r:
            return json.loads(r.read())["telegram"]

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.process.returncode, self.log_path.read_text(errors="replace")

    def cpu_seconds(self) -> float:
        """User + system CPU of the process so far (from /proc)."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_bot(
    folder: Path, server: FakeBotAPIServer, database_url: str, lease: float = 3.0,
    name: str = "p", extra: dict[str, str] | None = None, port: int | None = None,
) -> BotProcess:
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_TOKEN"}
    env.update(
        server.env(),
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        TELEGRAM_WEBHOOK_URL=PUBLIC_URL,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        ZALO_WEBHOOK_HOST="127.0.0.1",
        ZALO_WEBHOOK_PORT=str(port),
        CLAIM_LEASE=str(lease),
        **(extra or {}),
    )
    log_path = folder / f"{name}-{port}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
            stdout=log, stderr=subprocess.STDOUT, text=True,
        )
    bot = BotProcess(port, process, log_path)
    deadline = time.monotonic() + 60
    while not bot.healthy():
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"bot did not start:\n{log_path.read_text()}")
        time.sleep(0.05)
    return bot


async def prepare(db: Database) -> admin.NewCooperative:
    """Migrate, and create the cooperative the members join."""
    await migrate(db)
    return await admin.create_cooperative(
        db, "HTX Chè Tân Cương", "Thái Nguyên", None, "Asia/Ho_Chi_Minh", datetime.now(UTC)
    )


def member(n: int) -> int:
    return FIRST_MEMBER + n


def harvest_text(n: int, k: int) -> tuple[str, int]:
    """Member n's k-th harvest message, and its amount in kg (unique within the member)."""
    kg = 20 + k
    return f"hái {kg}kg chè lô {1 + n % 5}", kg


@dataclass
class Feed:
    """The updates sent: message_ref -> (chat, kg), and the joins."""

    harvests: dict[str, tuple[int, int]] = field(default_factory=dict)
    joins: dict[str, int] = field(default_factory=dict)


def queue_joins(fake: FakeTelegram, members: int, code: str, feed: Feed) -> None:
    for n in range(members):
        update = fake.push_update(fake.text_update(member(n), code, first_name=f"Nông dân {n}"))
        feed.joins[_ref(update)] = member(n)


def queue_harvests(fake: FakeTelegram, members: int, each: int, feed: Feed, start: int = 0) -> None:
    """`each` messages per member, interleaved across members as they would come."""
    for k in range(start, start + each):
        for n in range(members):
            text, kg = harvest_text(n, k)
            update = fake.push_update(fake.text_update(member(n), text))
            feed.harvests[_ref(update)] = (member(n), kg)


def _ref(update: dict[str, Any]) -> str:
    message = update["message"]
    return f"{message['chat']['id']}:{message['message_id']}"


def rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the database a DATABASE_URL names, from outside the bot (`?` marks)."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql, params).fetchall()
    import psycopg  # PostgreSQL's driver: only where PostgreSQL is used

    with psycopg.connect(url) as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()  # type: ignore[arg-type]


def state(url: str) -> tuple[dict, list]:
    """The inbox (message_ref -> status, replies, claimed_by) and the harvest rows
    (message_ref, grams, status) of the Telegram channel."""
    inbox = {ref: (status, replies, by) for ref, status, replies, by in rows(
        url, "SELECT message_ref, status, replies, claimed_by FROM inbox"
        " WHERE channel = 'telegram'")}
    harvests = rows(
        url, "SELECT message_ref, amount, status FROM harvests WHERE channel = 'telegram'")
    return inbox, harvests


def count(url: str, sql: str) -> int:
    return int(rows(url, sql)[0][0])


def check_row_by_row(
    inbox: dict[str, tuple[str, str | None, str | None]],
    harvests: list[tuple[str, int, str]],
    fake: FakeTelegram,
    feed: Feed,
) -> dict[str, Any]:
    """Every message stored once and replied; every harvest recorded once, with its amount;
    every message answered, and how many twice. `inbox`: message_ref -> (status, replies
    JSON, claimed_by); `harvests`: (message_ref, grams, status)."""
    recorded = Counter(ref for ref, _, status in harvests if status == "recorded")
    amounts = {ref: grams for ref, grams, status in harvests if status == "recorded"}
    missing = [ref for ref in feed.harvests if ref not in inbox]
    unreplied = [ref for ref, (status, *_) in inbox.items() if status != "replied"]
    not_once = {ref: recorded[ref] for ref in feed.harvests if recorded[ref] != 1}
    wrong = [ref for ref, (_, kg) in feed.harvests.items()
             if ref in amounts and amounts[ref] != kg * 1000]
    extra = [ref for ref in recorded if ref not in feed.harvests]
    # Answers: each reply to a harvest repeats its amount ("… 23 kg …"): count per message.
    texts: dict[int, list[str]] = defaultdict(list)
    for call in fake.calls("sendMessage"):
        if call.ok:
            texts[int(call.params["chat_id"])].append(str(call.params.get("text", "")))
    answers = {}
    for ref, (chat, kg) in feed.harvests.items():
        answers[ref] = sum(1 for text in texts[chat] if f" {kg} kg" in text)
    unanswered = [ref for ref, n in answers.items() if n == 0]
    twice = [ref for ref, n in answers.items() if n > 1]
    return {
        "messages": len(feed.harvests),
        "missing": missing,
        "unreplied": unreplied,
        "not_recorded_once": not_once,
        "wrong_amount": wrong,
        "extra": extra,
        "unanswered": unanswered,
        "answered_twice": twice,
        "replies_json_missing": [
            ref for ref, (_, r, _) in inbox.items() if not json.loads(r or "[]")
        ],
    }
