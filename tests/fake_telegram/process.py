"""FakeBotAPIProcess: a FakeBotAPIServer in a process of its own, driven over a pipe.

For benchmarks: the fake's HTTP parsing and bookkeeping then run on their own CPU instead of
sharing the bot's event loop and GIL, as Telegram's servers do. The fake records each call's
arrival with time.monotonic, which every process of the machine shares, so its times compare
with the benchmark's own.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

from .core import FakeTelegram
from .server import FakeBotAPIServer


@dataclass(frozen=True)
class SentCall:
    """One send-like call as the fake saw it (what a benchmark needs, and small to pickle)."""

    method: str
    chat_id: int | None
    text: str | None
    status: int | None
    at: float


def _serve(pipe: Any, options: dict[str, Any]) -> None:
    fake = FakeTelegram(**options)
    with FakeBotAPIServer(fake) as server:
        pipe.send((server.url, fake.token))
        while True:
            try:
                command, *args = pipe.recv()
            except EOFError:
                return
            if command == "stop":
                pipe.send(None)
                return
            if command == "push":
                chat, text, name = args
                fake.push_update(fake.text_update(chat, text, first_name=name))
                pipe.send(None)
            elif command == "tap":
                chat, data = args
                pipe.send(_tap(fake, chat, data))
            elif command == "clear":
                fake.clear_calls()
                pipe.send(None)
            elif command == "calls":
                methods = set(args[0])
                pipe.send([
                    SentCall(c.method, _int(c.params.get("chat_id")), c.params.get("text"),
                             c.status, c.at)
                    for c in fake.calls() if c.method in methods
                ])
            elif command == "cpu":
                pipe.send(time.process_time())


def _tap(fake: FakeTelegram, chat: int, data: str) -> float | None:
    """Press `data` on the newest message to `chat` that has that button; when (or None)."""
    for call in reversed(fake.calls("sendMessage", chat_id=chat, ok=True)):
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
        if any(b.get("callback_data") == data for row in rows for b in row):
            at = time.monotonic()
            fake.push_update(fake.callback_update(chat, call.result["message_id"], data))
            return at
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class FakeBotAPIProcess:
    """A FakeTelegram(**options) served over HTTP on 127.0.0.1 by a child process."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.url = self.token = ""
        self._pipe: Any = None
        self._process: Any = None

    def start(self) -> FakeBotAPIProcess:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self.options), daemon=True,
                                        name="fake-bot-api")
        self._process.start()
        self.url, self.token = self._pipe.recv()
        return self

    def _ask(self, *command: Any) -> Any:
        self._pipe.send(command)
        return self._pipe.recv()

    def push_text(self, chat: int, text: str, first_name: str = "Nông dân") -> None:
        """A person writes `text` to the bot (queued for getUpdates)."""
        self._ask("push", chat, text, first_name)

    def tap(self, chat: int, data: str) -> float | None:
        """The person presses the button `data` on the newest message that has it; returns
        the monotonic time of the tap (None: no such button)."""
        return self._ask("tap", chat, data)

    def clear_calls(self) -> None:
        """Forget the calls recorded so far."""
        self._ask("clear")

    def calls(self, *methods: str) -> list[SentCall]:
        """Every recorded call of these methods, in arrival order."""
        return self._ask("calls", methods or ("sendMessage",))

    def cpu_seconds(self) -> float:
        """CPU time the fake's process has used."""
        return float(self._ask("cpu"))

    def stop(self) -> None:
        if self._process is None:
            return
        try:
            self._ask("stop")
        finally:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
            self._process = None

    def __enter__(self) -> FakeBotAPIProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
