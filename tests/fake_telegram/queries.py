"""Looking at what a FakeTelegram saw: recorded calls, sent messages, uploads, waiting for calls."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from typing import Any

from .methods import SEND_METHODS, canonical_method, chat_key
from .records import Call, UploadedFile


def _chat_of(call: Call) -> int | str | None:
    value = call.params.get("chat_id")
    return None if value in (None, "") or isinstance(value, bool) else chat_key(value)


class CallQueries:
    """Mixin of FakeTelegram: read-only helpers for assertions, plus waiting for calls."""

    def calls(
        self,
        method: str | None = None,
        *,
        chat_id: int | str | None = None,
        ok: bool | None = None,
    ) -> list[Call]:
        """Recorded calls, oldest first, optionally only of one method / chat / outcome."""
        name = (canonical_method(method) or method) if method else None
        key = None if chat_id is None else chat_key(chat_id)
        with self._lock:
            found = list(self._calls)
        return [
            c
            for c in found
            if (name is None or c.method == name)
            and (key is None or _chat_of(c) == key)
            and (ok is None or c.ok == ok)
        ]

    def answered(self, method: str, ok: bool = True) -> int:
        """How many recorded calls of a method were answered (successfully, or not): what
        `calls` would count, without copying them (a benchmark asks every few ms)."""
        with self._lock:
            return self._answered[canonical_method(method) or method, ok]

    def clear_calls(self) -> None:
        """Forget the recorded calls (state such as messages and updates stays)."""
        with self._lock:
            self._calls.clear()
            self._answered.clear()

    def sent_messages(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent successfully, as Telegram returned them at the time."""
        return [c.result for c in self.calls(chat_id=chat_id, ok=True) if c.method in SEND_METHODS]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Text (or caption) of each message the bot sent successfully."""
        messages = self.sent_messages(chat_id)
        return [m.get("text", m.get("caption")) for m in messages if "text" in m or "caption" in m]

    def uploads(self, chat_id: int | str | None = None) -> list[UploadedFile]:
        """Files received in multipart uploads (also by calls that then failed)."""
        return [f for c in self.calls(chat_id=chat_id) for f in c.files.values()]

    def message(self, chat_id: int | str, message_id: int) -> dict[str, Any] | None:
        """A message's current state (after edits), or None if unknown or deleted."""
        with self._lock:
            return copy.deepcopy(self._messages.get((chat_key(chat_id), message_id)))

    def last_message(self, chat_id: int | str) -> dict[str, Any] | None:
        """The newest message from the bot still in the chat, in its current state."""
        key = chat_key(chat_id)
        with self._lock:
            mine = [
                m
                for (k, _), m in self._messages.items()
                if k == key and m["from"]["id"] == self.bot_id
            ]
            return copy.deepcopy(max(mine, key=lambda m: m["message_id"])) if mine else None

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list:
        """The command menu set for a scope (default scope if None) and language."""
        with self._lock:
            return self._api_getMyCommands({"scope": scope, "language_code": language_code}, {})

    def file_content(self, file_id: str) -> bytes:
        """The bytes behind a file_id (uploaded by the bot or made up for a user's message)."""
        with self._lock:
            return self._files[file_id][0].content

    def _finished(self, method, count, chat_id, ok) -> list[Call] | None:
        found = [c for c in self.calls(method, chat_id=chat_id, ok=ok) if c.status is not None]
        return found if len(found) >= count else None

    def wait_for_calls(
        self,
        method: str,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        ok: bool | None = None,
        within: float = 5.0,
    ) -> list[Call]:
        """Block until `count` answered calls match; returns them all. Raises TimeoutError."""
        deadline = time.monotonic() + within
        with self._changed:
            while (found := self._finished(method, count, chat_id, ok)) is None:
                if (remaining := deadline - time.monotonic()) <= 0:
                    raise TimeoutError(self._timeout_message(method, count))
                self._changed.wait(remaining)
        return found

    async def until_calls(
        self,
        method: str,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        ok: bool | None = None,
        within: float = 5.0,
    ) -> list[Call]:
        """Async form of wait_for_calls, for tests running the bot on the same event loop."""
        deadline, woken = time.monotonic() + within, asyncio.Event()
        with self._subscribed(woken):
            while True:
                woken.clear()
                if (found := self._finished(method, count, chat_id, ok)) is not None:
                    return found
                if (remaining := deadline - time.monotonic()) <= 0:
                    raise TimeoutError(self._timeout_message(method, count))
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(remaining):
                        await woken.wait()

    def _timeout_message(self, method: str, count: int) -> str:
        recent = [(c.method, c.status) for c in self.calls()[-10:]]
        return f"fewer than {count} {method} calls answered; last calls: {recent}"
