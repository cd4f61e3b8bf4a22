"""WebhookPusher: the fake Bot API delivering updates by webhook, as Telegram does.

Once the bot has called setWebhook, Telegram stops answering getUpdates (409) and POSTs
each update as JSON to the webhook URL, with the secret in the
X-Telegram-Bot-Api-Secret-Token header, over up to `max_connections` connections at once.
An update is gone once answered 2xx; any other answer, or no answer, and it is sent again
later (backing off). Updates of one chat go one at a time, in order.

Several bot processes stand behind one public URL through a proxy: `targets` are the
processes' own URLs, taken in turn (a process that does not answer is skipped the next
time, as a proxy's health check would).
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .core import FakeTelegram

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def _chat_of(update: dict[str, Any]) -> Any:
    for kind in ("message", "edited_message"):
        if isinstance(update.get(kind), dict):
            return (update[kind].get("chat") or {}).get("id")
    query = update.get("callback_query")
    if isinstance(query, dict):
        return (query.get("from") or {}).get("id")
    return None


@dataclass
class Attempt:
    """One POST of an update: where, the status (0: no answer) and when it ended."""

    update_id: int
    target: str
    status: int
    at: float


@dataclass
class _Waiting:
    update: dict[str, Any]
    not_before: float = 0.0
    tries: int = 0
    chat: Any = field(default=None)


class WebhookPusher:
    """POSTs the fake's queued updates to the bot's webhook; `with` or start()/stop()."""

    def __init__(
        self,
        fake: FakeTelegram,
        targets: list[str],
        *,
        secret: str | None = None,
        connections: int = 8,
        timeout: float = 20.0,
        first_retry: float = 0.1,
        last_retry: float = 2.0,
    ) -> None:
        self.fake = fake
        self.targets = list(targets)
        self.secret = secret  # None: the one the bot gave setWebhook
        self.connections = connections
        self.timeout = timeout
        self.first_retry, self.last_retry = first_retry, last_retry
        self.attempts: list[Attempt] = []
        self.delivered: dict[int, str] = {}  # update_id -> the target that answered 2xx
        self._waiting: list[_Waiting] = []
        self._in_flight: set[Any] = set()  # chats with an update on its way
        self._turn = 0
        self._down: dict[str, float] = {}  # target -> until when it is skipped
        self._lock = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stopping = False

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> WebhookPusher:
        self._stopping = False
        self._threads = [
            threading.Thread(target=self._work, name=f"webhook-push-{n}", daemon=True)
            for n in range(self.connections)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)
        self._threads = []

    def __enter__(self) -> WebhookPusher:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what is waiting ------------------------------------------------------------------

    def _take_new(self) -> None:
        """Move the updates queued in the fake (once the webhook is set) to this queue."""
        if not self.fake.webhook_url:
            return
        with self.fake._lock:
            fresh = self.fake._first_wanted(len(self.fake._updates))
            self.fake._updates = []
        for update in fresh:
            self._waiting.append(_Waiting(update, chat=_chat_of(update)))

    def pending(self) -> int:
        """Updates not yet answered 2xx (queued in the fake, or here)."""
        with self._lock, self.fake._lock:
            return len(self._waiting) + len(self._in_flight) + len(self.fake._updates)

    def wait_until_delivered(self, within: float = 60.0) -> None:
        deadline = time.monotonic() + within
        while self.pending():
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.pending()} updates not delivered in {within} s")
            time.sleep(0.02)

    def _next(self) -> _Waiting | None:
        now = time.monotonic()
        passed: set[Any] = set()  # chats with an older update still waiting: keep the order
        for index, waiting in enumerate(self._waiting):
            chat = waiting.chat
            if chat is not None and (chat in self._in_flight or chat in passed):
                continue
            if waiting.not_before > now:
                passed.add(chat)
                continue
            del self._waiting[index]
            self._in_flight.add(chat)
            return waiting
        return None

    def _target(self) -> str:
        now = time.monotonic()
        for _ in range(len(self.targets)):
            target = self.targets[self._turn % len(self.targets)]
            self._turn += 1
            if self._down.get(target, 0.0) <= now:
                return target
        return self.targets[self._turn % len(self.targets)]

    # -- sending ----------------------------------------------------------------------------

    def _work(self) -> None:
        connections: dict[str, http.client.HTTPConnection] = {}
        while True:
            with self._lock:
                while True:
                    if self._stopping:
                        for conn in connections.values():
                            conn.close()
                        return
                    self._take_new()
                    waiting = self._next()
                    if waiting is not None:
                        target = self._target()
                        break
                    self._lock.wait(0.01)
            status = self._post(connections, target, waiting.update)
            with self._lock:
                self._in_flight.discard(waiting.chat)
                self.attempts.append(
                    Attempt(waiting.update["update_id"], target, status, time.monotonic())
                )
                if 200 <= status < 300:
                    self.delivered[waiting.update["update_id"]] = target
                else:
                    if status == 0:
                        self._down[target] = time.monotonic() + 1.0
                    waiting.tries += 1
                    wait = min(self.first_retry * 2 ** (waiting.tries - 1), self.last_retry)
                    waiting.not_before = time.monotonic() + wait
                    self._waiting.insert(0, waiting)
                self._lock.notify_all()

    def _post(
        self, connections: dict[str, http.client.HTTPConnection], target: str, update: dict
    ) -> int:
        parts = urlsplit(target)
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json"}
        secret = self.secret if self.secret is not None else self.fake.webhook_secret
        if secret:
            headers[SECRET_HEADER] = secret
        for fresh in (False, True):
            conn = connections.get(target)
            if conn is None or fresh:
                if conn is not None:
                    conn.close()
                conn = http.client.HTTPConnection(
                    parts.hostname or "127.0.0.1", parts.port or 80, timeout=self.timeout
                )
                connections[target] = conn
            try:
                conn.request("POST", parts.path or "/", body, headers)
                response = conn.getresponse()
                response.read()
                return response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                connections.pop(target, None)
                if fresh:
                    return 0
        return 0
