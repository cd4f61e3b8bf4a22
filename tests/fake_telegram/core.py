"""FakeTelegram: the thread-safe, in-memory state of a fake Telegram Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import math
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .methods import SEND_METHODS, BotApiMethods, ChatKey, canonical_method, chat_key
from .queries import CallQueries
from .records import ApiError, Call, Response, UploadedFile
from .updates import UpdateBuilders

DEFAULT_TOKEN = "123456789:AAH-fake-token-for-htx-tests_0123456"
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
CHAT_STATES = {
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "not_found": (400, "Bad Request: chat not found"),
    "kicked": (403, "Forbidden: bot was kicked from the group chat"),
}
_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class _Forced:
    error: ApiError | None  # None: the connection dies without an answer
    processed: bool = False  # for a dropped connection: did Telegram act before it died?


@dataclass
class _Poll:
    call: Call
    limit: int
    deadline: float  # real monotonic time: long polls really wait, whatever the fake clock says
    generation: int
    epoch: int


def _number(value: Any, default: float) -> float:
    if value in (None, ""):
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ApiError(400, "Bad Request: wrong parameter value") from None


def _kind(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


class FakeTelegram(CallQueries, UpdateBuilders, BotApiMethods):
    """In-memory Bot API that answers, records and misbehaves the way Telegram does."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "htx_test_bot",
        first_name: str = "HTX Test Bot",
        rate_limit: int | None = None,
        per_chat_limit: int | None = None,
        rate_window: float = 1.0,
        flood_retry_after: int | None = None,
        rate_limited_methods: Iterable[str] = SEND_METHODS,
        strict_chats: bool = False,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if not _TOKEN_SHAPE.match(token):
            raise ValueError(f"not a bot token: {token!r}")
        self.token, self.bot_id = token, int(token.split(":", 1)[0])
        self.username, self.first_name = username, first_name
        self.rate_limit, self.per_chat_limit = rate_limit, per_chat_limit
        self.rate_window = rate_window
        self.flood_retry_after = flood_retry_after
        self.rate_limited_methods = frozenset(rate_limited_methods)
        self.strict_chats = strict_chats
        self._clock, self._wall_clock = clock, wall_clock
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._listeners: list[Callable[[], None]] = []
        self._calls: list[Call] = []
        self._answered: Counter[tuple[str, bool]] = Counter()  # (method, ok) of _calls
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1001
        self._poll_generation = 0
        self._release_epoch = 0
        self._forced: dict[str, deque[_Forced]] = {}
        self._chat_states: dict[ChatKey, str] = {}
        self._sent_all: deque[float] = deque()
        self._sent_by_chat: dict[ChatKey, deque[float]] = {}
        self.allowed_updates: list[str] | None = None
        self._held: set[str] = set()
        self.waiting_on_hold = 0
        self._init_methods()

    # -- answering requests -------------------------------------------------------------------

    def request(
        self,
        token: str | None,
        method: str,
        params: dict[str, Any] | None = None,
        files: dict[str, UploadedFile] | None = None,
    ) -> Response:
        """Answer one request (long polls block this thread); token=None skips the token check."""
        self._wait_while_held(method)
        step = self._begin(token, method, params or {}, files or {})
        if isinstance(step, Response):
            return step
        with self._changed:
            while (answer := self._poll(step)) is None:
                self._changed.wait(max(0.0, step.deadline - time.monotonic()))
        return answer

    async def arequest(
        self,
        token: str | None,
        method: str,
        params: dict[str, Any] | None = None,
        files: dict[str, UploadedFile] | None = None,
    ) -> Response:
        """Like `request`, but a long poll awaits without blocking the event loop."""
        step = self._begin(token, method, params or {}, files or {})
        if isinstance(step, Response):
            return step
        woken = asyncio.Event()
        with self._subscribed(woken):
            while True:
                woken.clear()
                answer = self._poll(step)
                if answer is not None:
                    return answer
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that races with the event, and the caller would never stop polling.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(0.0, step.deadline - time.monotonic())):
                        await woken.wait()

    def download(self, token: str | None, file_path: str) -> Response:
        """Answer a file download (GET <file_url><token>/<file_path>) with the raw bytes."""
        with self._lock:
            try:
                self._check_token(token)
            except ApiError as error:
                return error.response()
            for upload, _unique, path in self._files.values():
                if path == file_path:
                    return Response(200, raw=upload.content)
        return ApiError(404).response()

    def hold(self, method: str) -> None:
        """Leave requests of this method unanswered (and unseen) until `release`: a hung server."""
        with self._changed:
            self._held.add(canonical_method(method) or method)

    def release(self) -> None:
        """Let held requests through."""
        with self._changed:
            self._held.clear()
            self._changed.notify_all()

    def _wait_while_held(self, method: str) -> None:
        name = canonical_method(method) or method
        with self._changed:
            if name not in self._held:
                return
            self.waiting_on_hold += 1
            try:
                while name in self._held:
                    self._changed.wait(0.1)
            finally:
                self.waiting_on_hold -= 1

    def _begin(self, token, method, params, files) -> Response | _Poll:
        with self._lock:
            name = canonical_method(method)
            call = Call(name or method, copy.deepcopy(params), dict(files), self._clock())
            self._calls.append(call)
            try:
                self._check_token(token)
                if name is None:
                    raise ApiError(404, "Not Found")
                forced = self._take_forced(name)
                if forced is not None and forced.error is not None:
                    raise forced.error
                if forced is not None and not forced.processed:
                    return self._finish(call, Response(0))
                if name == "getUpdates":
                    poll = self._start_poll(call, params)
                    return self._finish(call, Response(0)) if forced else poll
                answer = self._dispatch(name, params, files)
                return self._finish(call, Response(0) if forced else answer)
            except ApiError as error:
                return self._finish(call, error.response())
            except Exception:
                # A bug in the fake (or input it does not model): record it, then fail loudly.
                self._finish(call, ApiError(500, "Internal Server Error: fake failed").response())
                raise

    def _check_token(self, token: str | None) -> None:
        if token is None or token == self.token:
            return
        # Telegram: a malformed token is "Not Found", a well-formed wrong one "Unauthorized".
        raise ApiError(404 if not _TOKEN_SHAPE.match(token) else 401)

    def _dispatch(self, name: str, params: dict[str, Any], files) -> Response:
        chat = None if params.get("chat_id") in (None, "") else chat_key(params["chat_id"])
        limited = name in self.rate_limited_methods
        if limited:
            self._check_flood(chat)
        if chat in self._chat_states:
            raise ApiError(*CHAT_STATES[self._chat_states[chat]])
        result = getattr(self, f"_api_{name}")(params, files)
        if limited:
            self._count_send(chat)
        return Response.ok(result)

    def _finish(self, call: Call, answer: Response) -> Response:
        with self._lock:
            call.status, call.response = answer.status, answer.body
            self._answered[call.method, call.ok] += 1
        self._notify()
        return answer

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()
            listeners = list(self._listeners)
        for wake in listeners:
            wake()

    @contextlib.contextmanager
    def _subscribed(self, event: asyncio.Event):
        loop = asyncio.get_running_loop()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # the loop may already be closed
                loop.call_soon_threadsafe(event.set)

        with self._lock:
            self._listeners.append(wake)
        try:
            yield
        finally:
            with self._lock:
                self._listeners.remove(wake)

    # -- getUpdates -------------------------------------------------------------------------

    def _start_poll(self, call: Call, params: dict[str, Any]) -> _Poll:
        if self.webhook_url:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        offset = int(_number(params.get("offset"), 0))
        limit = min(max(int(_number(params.get("limit"), 100)), 1), 100)
        timeout = max(0.0, _number(params.get("timeout"), 0))
        if isinstance(params.get("allowed_updates"), list):
            self.allowed_updates = list(params["allowed_updates"])  # Telegram remembers it
        if offset > 0:  # everything below the offset is confirmed and gone for good
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._poll_generation += 1
        self._notify()  # an older waiting poll must now end with 409 Conflict
        deadline = time.monotonic() + timeout
        return _Poll(call, limit, deadline, self._poll_generation, self._release_epoch)

    def _poll(self, poll: _Poll) -> Response | None:
        with self._lock:
            if poll.generation != self._poll_generation:
                return self._finish(poll.call, ApiError(409, _OTHER_POLL).response())
            ready = self._first_wanted(poll.limit)
            waiting = time.monotonic() < poll.deadline and poll.epoch == self._release_epoch
            if not ready and waiting:
                return None
            return self._finish(poll.call, Response.ok(copy.deepcopy(ready)))

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (assigning an update_id if it has none); returns it."""
        update = copy.deepcopy(update)
        with self._lock:
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._updates.append(update)
            self._updates.sort(key=lambda u: u["update_id"])
        self._notify()
        return copy.deepcopy(update)

    def _first_wanted(self, limit: int) -> list[dict[str, Any]]:
        """The next `limit` updates, dropping for good those of types not asked for, which
        Telegram never delivers. Only as far as needed: a poll costs the same with thousands
        of updates waiting as with a hundred."""
        if not self.allowed_updates:
            return self._updates[:limit]
        wanted, ready, i = set(self.allowed_updates), [], 0
        while i < len(self._updates) and len(ready) < limit:
            if _kind(self._updates[i]) in wanted:
                ready.append(self._updates[i])
                i += 1
            else:
                del self._updates[i]
        return ready

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by an offset."""
        with self._lock:
            self._first_wanted(len(self._updates))
            return copy.deepcopy(self._updates)

    def release_pollers(self) -> None:
        """End every waiting long poll now with an empty result (used when a server stops)."""
        with self._lock:
            self._release_epoch += 1
        self._notify()

    # -- failure injection ------------------------------------------------------------------

    def fail_next(
        self,
        method: str = "*",
        code: int = 500,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` ("*": any method) with this error."""
        self._queue_forced(method, _Forced(ApiError(code, description, retry_after)), times)

    def heal(self, method: str = "*") -> None:
        """Forget the failures still queued by fail_next/drop_next for `method` ("*": all)."""
        with self._lock:
            if method == "*":
                self._forced.clear()
            else:
                self._forced.pop(canonical_method(method) or method, None)

    def drop_next(self, method: str = "*", *, times: int = 1, processed: bool = False) -> None:
        """Let the next calls die unanswered (PTB: TimedOut); `processed`: Telegram acted first."""
        self._queue_forced(method, _Forced(None, processed), times)

    def _queue_forced(self, method: str, forced: _Forced, times: int) -> None:
        name = "*" if method == "*" else canonical_method(method) or method
        with self._lock:
            self._forced.setdefault(name, deque()).extend([forced] * times)

    def _take_forced(self, name: str) -> _Forced | None:
        for key in (name, "*"):
            if queue := self._forced.get(key):
                return queue.popleft()
        return None

    def set_chat_state(self, chat_id: int | str, state: str | None) -> None:
        """Fail calls naming chat_id: blocked, deactivated, not_found or kicked; None heals."""
        if state is not None and state not in CHAT_STATES:
            raise ValueError(f"unknown chat state {state!r}; one of {sorted(CHAT_STATES)}")
        with self._lock:
            if state is None:
                self._chat_states.pop(chat_key(chat_id), None)
            else:
                self._chat_states[chat_key(chat_id)] = state

    def block_chat(self, chat_id: int) -> None:
        """The user blocked the bot: 403 "Forbidden: bot was blocked by the user"."""
        self.set_chat_state(chat_id, "blocked")

    def deactivate_user(self, chat_id: int) -> None:
        """The account was deleted: 403 "Forbidden: user is deactivated"."""
        self.set_chat_state(chat_id, "deactivated")

    def forget_chat(self, chat_id: int) -> None:
        """Telegram no longer knows the chat: 400 "Bad Request: chat not found"."""
        self.set_chat_state(chat_id, "not_found")

    def restore_chat(self, chat_id: int) -> None:
        """Undo block_chat / deactivate_user / forget_chat."""
        self.set_chat_state(chat_id, None)

    def _check_flood(self, chat: ChatKey | None) -> None:
        now, waits = self._clock(), []
        per_chat = self._sent_by_chat.get(chat) if chat is not None else None
        for sent, limit in ((self._sent_all, self.rate_limit), (per_chat, self.per_chat_limit)):
            if not limit or sent is None:
                continue
            while sent and sent[0] <= now - self.rate_window:
                sent.popleft()
            if len(sent) >= limit:
                waits.append(sent[0] + self.rate_window - now)
        if waits:
            seconds = self.flood_retry_after or max(1, math.ceil(max(waits)))
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)

    def _count_send(self, chat: ChatKey | None) -> None:
        now = self._clock()
        if self.rate_limit:
            self._sent_all.append(now)
        if self.per_chat_limit and chat is not None:
            self._sent_by_chat.setdefault(chat, deque()).append(now)
