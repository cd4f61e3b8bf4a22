"""Several real `htx-bot run` processes on one database, fed by the fake Bot API by webhook.

The processes are subprocesses listening on ports of their own; the fake Bot API POSTs each
update to them in turn (a proxy in front of several processes), with the secret they gave
setWebhook, and again after any answer other than 2xx. One is killed with SIGKILL while
messages are streaming in: the others take its unfinished rows over after the lease.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import open_database
from tests.bot import several
from tests.fake_telegram import FakeBotAPIServer, FakeTelegram, WebhookPusher


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
def url(database_url: str) -> str:
    """The one database the processes share: an SQLite file, or a PostgreSQL database."""
    return database_url


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[FakeBotAPIServer]:
    with FakeBotAPIServer(fake) as running:
        yield running


def _prepare(url: str):
    async def go():
        db = await open_database(url)
        try:
            return await several.prepare(db)
        finally:
            await db.close()

    return asyncio.run(go())


def _wait(condition, within: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached in {within} s")
        time.sleep(0.05)


def _post(url: str, body: bytes, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[several.SECRET_HEADER] = secret
    request = urllib.request.Request(url, body, headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_sets_the_webhook_with_its_secret_and_refuses_requests_without_it(
    tmp_path, fake, server, url
):
    coop = _prepare(url)
    bot = several.start_bot(tmp_path, server, url)
    try:
        assert fake.webhook_url == several.PUBLIC_URL
        assert fake.webhook_secret == several.SECRET
        update = fake.text_update(several.member(0), coop.member.invite.code, first_name="Lan")
        update["update_id"] = 5001
        body = json.dumps(update).encode()
        assert _post(bot.url, body, None) == 401
        assert _post(bot.url, body, "wrong-secret") == 403
        assert several.rows(url, "SELECT COUNT(*) FROM inbox") == [(0,)]
        assert _post(bot.url, body, several.SECRET) == 200
        # Stored (and handled) before the 200: the row is there the moment it is answered.
        assert several.rows(url, "SELECT status FROM inbox")[0][0] in (
            "done", "replied")
        fake.wait_for_calls("sendMessage", 1, chat_id=several.member(0), ok=True, within=30)
        assert "HTX Chè Tân Cương" in fake.sent_texts(several.member(0))[0]
        assert _post(bot.url, body, several.SECRET) == 200  # Telegram's retry: nothing twice
        _wait(lambda: several.rows(url, "SELECT status FROM inbox") == [("replied",)])
        time.sleep(0.3)
        assert len(fake.sent_texts(several.member(0))) == 1
        assert _post(bot.url, b"not json", several.SECRET) == 200  # nothing to send again
    finally:
        code, output = bot.stop()
    assert code == 0, output
    assert "Traceback" not in output


def run_and_kill(tmp_path: Path, fake: FakeTelegram, server: FakeBotAPIServer,
                 database_url: str, code: str, state, processes: int = 3,
                 members: int = 40, each: int = 8) -> dict:
    """Start the processes; members join, then stream harvest messages; SIGKILL the first
    process a third of the way in; wait until everything is answered; check row by row."""
    bots = [several.start_bot(tmp_path, server, database_url, name=f"p{i}")
            for i in range(processes)]
    feed = several.Feed()
    pusher = WebhookPusher(fake, [b.url for b in bots], connections=12)
    outputs = []
    try:
        with pusher:
            several.queue_joins(fake, members, code, feed)
            pusher.wait_until_delivered(60)
            _wait(lambda: all(r[0] == "replied" for r in state()[0].values()), 60, "joins")
            several.queue_harvests(fake, members, each, feed)
            total = len(feed.harvests)
            victim = bots[0]
            _wait(lambda: sum(1 for t in pusher.delivered.values() if t == victim.url)
                  >= total // (3 * processes), 60, "a third of the stream")
            victim.process.send_signal(signal.SIGKILL)
            victim.process.wait(timeout=10)
            at_kill = state()[0]
            # What the victim held unfinished (its claims name its pid): host:pid:random
            mine = f":{victim.process.pid}:"
            held = [ref for ref, (s, _, by) in at_kill.items()
                    if s in ("received", "done") and by and mine in by]
            pusher.wait_until_delivered(120)
            _wait(lambda: all(r[0] == "replied" for r in state()[0].values()), 60,
                  "every row replied")
        time.sleep(0.5)  # the last replies' answers are in
        inbox, harvests = state()
        result = several.check_row_by_row(inbox, harvests, fake, feed)
        result["killed_holding"] = held
        result["retried"] = sum(1 for a in pusher.attempts if not 200 <= a.status < 300)
        result["served"] = {b.port: sum(1 for t in pusher.delivered.values() if t == b.url)
                            for b in bots}
    finally:
        for bot in bots:
            outputs.append(bot.stop())
    for status, output in outputs[1:]:
        assert status == 0, output
        assert "Traceback" not in output, output
    result["took_over"] = sum(o.count("took over") for _, o in outputs)
    return result


def test_three_processes_sigkill_one_mid_stream_every_message_recorded_and_answered_once(
    tmp_path, fake, server, url
):
    coop = _prepare(url)
    result = run_and_kill(tmp_path, fake, server, url,
                          coop.member.invite.code, lambda: several.state(url))
    _assert_once(result)


def _assert_once(result: dict) -> None:
    print({k: (v if not isinstance(v, list) else len(v)) for k, v in result.items()})
    assert result["messages"] == 320
    assert result["missing"] == [] and result["unreplied"] == []
    assert result["not_recorded_once"] == {} and result["extra"] == []
    assert result["wrong_amount"] == [] and result["replies_json_missing"] == []
    assert result["unanswered"] == []
    # A reply goes out before its 'replied' mark is written: a message is answered twice only
    # if the killed process sent its reply and died before the mark, i.e. only among the rows
    # it held unfinished when it was killed (in practice none).
    assert set(result["answered_twice"]) <= set(result["killed_holding"])
    assert all(n > 0 for n in result["served"].values())


def _max_in_a_second(times: list[float]) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


@pytest.mark.alone  # counts sends per second of real time: a neighbour's load would skew it
def test_the_total_rate_holds_across_processes_while_one_sends_the_outbox(
    tmp_path, fake, server, url
):
    """One process holds the outbox lease and sends a broadcast to 120 members at the bot's
    rate; meanwhile members write to the other process, which replies at once. The other's
    replies are published through the database and the sender gives way to them: Telegram
    (the fake, which answers 429 past 30 a second) never sees more than 30 in any second."""
    coop = _prepare(url)
    bots = [several.start_bot(tmp_path, server, url, name=f"p{i}")
            for i in range(2)]
    feed = several.Feed()
    try:
        with WebhookPusher(fake, [b.url for b in bots], connections=8) as pusher:
            several.queue_joins(fake, 120, coop.member.invite.code, feed)
            pusher.wait_until_delivered(60)
            _wait(lambda: several.rows(
                url, "SELECT COUNT(*) FROM inbox WHERE status = 'replied'")[0][0] == 120)
        holder = several.rows(url, "SELECT holder FROM leases")[0][0]
        leader = next(b for b in bots if f":{b.process.pid}:" in holder)
        other = next(b for b in bots if b is not leader)
        time.sleep(1.5)  # the joins' replies leave the window
        fake.rate_limit = 30  # from now on Telegram's limit: 429 past 30 in a second
        fake.clear_calls()
        started = time.monotonic()
        asyncio.run(_broadcast(url, coop.cooperative.id))
        with WebhookPusher(fake, [other.url], connections=4) as pusher:
            for k in range(4):  # ~10 messages a second to the other process, for 4 s
                for n in range(10):
                    text, _ = several.harvest_text(n, k)
                    fake.push_update(fake.text_update(several.member(n), text))
                    time.sleep(0.1)
            pusher.wait_until_delivered(60)
        _wait(lambda: several.rows(
            url, "SELECT COUNT(*) FROM deliveries WHERE status = 'sent'")[0][0] == 120, 60)
        _wait(lambda: several.rows(
            url, "SELECT COUNT(*) FROM inbox WHERE status <> 'replied'")[0][0] == 0)
        time.sleep(0.5)
    finally:
        outputs = [b.stop() for b in bots]
    for status, output in outputs:
        assert status == 0, output
    sends = fake.calls("sendMessage")
    _timeline(sends, started)
    assert not [c for c in sends if c.status == 429]
    broadcast = [c for c in sends if c.ok and str(c.params.get("text")) == BROADCAST]
    assert sorted(int(c.params["chat_id"]) for c in broadcast) == [
        several.member(n) for n in range(120)]  # each member once
    replies = [c for c in sends if c.ok and c not in broadcast]
    assert len(replies) >= 40
    most = _max_in_a_second([c.at for c in sends if c.ok])
    seconds = max(c.at for c in sends) - started
    print(f"{len(broadcast)} broadcast + {len(replies)} replies in {seconds:.1f} s;"
          f" at most {most} in any second")
    assert most <= 30


def _timeline(sends, started) -> None:
    from collections import Counter
    buckets = Counter()
    for c in sends:
        kind = "429" if c.status == 429 else ("b" if c.params.get("text") == BROADCAST else "r")
        buckets[(int((c.at - started) * 4), kind)] += 1
    for q in sorted({q for q, _ in buckets}):
        print(f"{q / 4:5.2f}s b={buckets[(q, 'b')]:2d} r={buckets[(q, 'r')]:2d}"
              f" 429={buckets[(q, '429')]}")


BROADCAST = "Thông báo: giá chè búp tươi hôm nay 25.000 đ/kg."


async def _broadcast(url: str, coop_id: int) -> None:
    from datetime import UTC, datetime

    from handlers import outbox as announcements

    db = await open_database(url)
    try:
        async with db.transaction() as tx:
            ids = [r["id"] for r in await tx.all(
                "SELECT id FROM members WHERE cooperative_id = ? AND role = 'member'"
                " ORDER BY id", (coop_id,))]
        await announcements.enqueue(db, "broadcast", BROADCAST, ids, datetime.now(UTC))
    finally:
        await db.close()


def test_a_process_restarted_on_its_address_takes_back_what_it_left_without_the_lease(
    tmp_path, fake, server, url
):
    """SIGKILL while the replies of handled messages hang; the process started again on the
    same address answers them at once, not after the (here 60 s) lease."""
    coop = _prepare(url)
    bot = several.start_bot(tmp_path, server, url, lease=60)
    feed = several.Feed()
    with WebhookPusher(fake, [bot.url], connections=4) as pusher:
        fake.hold("sendMessage")  # handled and answered 200; the replies hang
        several.queue_joins(fake, 5, coop.member.invite.code, feed)
        pusher.wait_until_delivered(30)
        _wait(lambda: fake.waiting_on_hold >= 1)
        bot.process.kill()
        bot.process.wait(timeout=10)
        statuses = {r[0] for r in several.state(url)[0].values()}
        assert statuses == {"done"}
        fake.release()  # the hanging request reaches Telegram after all: one reply went out
        _wait(lambda: fake.waiting_on_hold == 0)
        time.sleep(0.3)
        fake.clear_calls()
        began = time.monotonic()
        again = several.start_bot(tmp_path, server, url, lease=60,
                                  port=bot.port)
        try:
            _wait(lambda: {r[0] for r in several.state(url)[0].values()} == {"replied"},
                  30, "the replies of the killed process")
            assert time.monotonic() - began < 30
        finally:
            code, output = again.stop()
    assert code == 0, output
    # Each answered once by the new process; the one whose request hung when the process
    # died (Telegram got it, the process never learnt) is the one answered twice in all.
    assert [len(fake.sent_texts(several.member(n))) for n in range(5)] == [1] * 5


def test_when_the_outbox_sender_is_killed_mid_broadcast_another_takes_over_and_finishes(
    tmp_path, fake, server, url
):
    """SIGKILL the process holding the outbox lease a quarter into a broadcast to 120
    members: after the lease the other process takes the outbox over, sends again what was
    `sending`, and finishes; everyone gets it, twice only if their row was in flight."""
    coop = _prepare(url)
    bots = [several.start_bot(tmp_path, server, url, name=f"p{i}") for i in range(2)]
    feed = several.Feed()
    try:
        with WebhookPusher(fake, [b.url for b in bots], connections=8) as pusher:
            several.queue_joins(fake, 120, coop.member.invite.code, feed)
            pusher.wait_until_delivered(60)
        _wait(lambda: several.count(
            url, "SELECT COUNT(*) FROM inbox WHERE status = 'replied'") == 120)
        holder = several.rows(url, "SELECT holder FROM leases")[0][0]
        leader = next(b for b in bots if f":{b.process.pid}:" in holder)
        other = next(b for b in bots if b is not leader)
        fake.clear_calls()
        asyncio.run(_broadcast(url, coop.cooperative.id))
        _wait(lambda: several.count(
            url, "SELECT COUNT(*) FROM deliveries WHERE status = 'sent'") >= 30, 30)
        leader.process.kill()
        leader.process.wait(timeout=10)
        in_flight = several.count(
            url, "SELECT COUNT(*) FROM deliveries WHERE status = 'sending'")
        _wait(lambda: several.count(
            url, "SELECT COUNT(*) FROM deliveries WHERE status = 'sent'") == 120, 60,
            "the broadcast finished by the other process")
        new_holder = several.rows(url, "SELECT holder FROM leases")[0][0]
        assert f":{other.process.pid}:" in new_holder
        time.sleep(0.5)
    finally:
        outputs = [b.stop() for b in bots]
    assert outputs[1 - bots.index(leader)][0] == 0
    got = [int(c.params["chat_id"]) for c in fake.calls("sendMessage")
           if c.ok and c.params.get("text") == BROADCAST]
    counts = {several.member(n): got.count(several.member(n)) for n in range(120)}
    assert min(counts.values()) == 1  # nobody skipped
    assert sum(n - 1 for n in counts.values()) <= in_flight  # twice only if in flight
