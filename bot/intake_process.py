"""Handle polled batches in a second process, so that Telegram's side and ours overlap.

Python runs one thread at a time, so in one process python-telegram-bot (decoding updates,
sending replies) and our handling (parsing, SQLite) take turns on one core. Here the
handling process (`bot.intake_child`) stores a batch, says so, and handles it while this
process confirms the batch to Telegram, fetches the next one and sends the replies of the
last: two cores at work. Nothing changes for durability: the batch is confirmed only once
stored, and the handling commits with the inbox rows' `done` marks, as in one process.

If the handling process dies, the batches it held fail (the channel has them handled here
instead) and the next call starts a new one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bot.intake import Batch, Intake, LocalIntake, Parts
from bot.intake_child import PART
from bot.intake_wire import Failure, frame, read_frame
from bot.settings import Settings
from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core, Mark, mark_of, replies_of
from storage.db import is_postgres_url, sqlite_path

log = logging.getLogger(__name__)


class HandlingProcessGone(Exception):
    """The handling process ended, or did not start."""


class HandlingFailed(Exception):
    """The handling process could not do what it was asked (its log says why)."""


def intake_for(settings: Settings, core: Core) -> Intake:
    """The intake the settings ask for: "auto" takes a handling process when this process
    may use two cores or more."""
    wanted = settings.handling_process
    if wanted == "auto":
        wanted = "on" if _cores() >= 2 else "off"
    if wanted == "off":
        return LocalIntake(core)
    url = settings.database_url
    return ProcessIntake(url if is_postgres_url(url) else sqlite_path(url), core.config)


def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _retrieved(future: asyncio.Future[Any]) -> None:
    """Mark a future's exception as seen: a batch abandoned at stop is not an error."""
    if not future.cancelled():
        future.exception()


class ProcessIntake:
    """The channel's side of the handling process: starts it, feeds it, restarts it."""

    def __init__(
        self, db_path: Path | str, config: CoreConfig, start_timeout: float = 60.0, part: int = PART
    ) -> None:
        self._db_path = db_path
        self._config = config
        self._part = part  # messages the handling process handles in one transaction
        self._start_timeout = start_timeout
        self._process: asyncio.subprocess.Process | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._listener: asyncio.Task[None] | None = None
        self._waiting: dict[tuple[str, int, int], asyncio.Future[Any]] = {}
        self._marks: list[Mark] = []  # noted here, not sent yet
        self._sent_marks: dict[int, list[Mark]] = {}  # sent, not written yet
        self._count = 0
        self.asked: Counter[str] = Counter()  # requests sent, by kind (for diagnostics)
        self._starting = asyncio.Lock()
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        """The handling process's id while it runs."""
        return self._process.pid if self._process is not None and self.running else None

    @property
    def running(self) -> bool:
        """Whether the handling process is up and listened to."""
        return self._listener is not None and not self._listener.done()

    async def start(self) -> None:
        """Start the handling process and wait until it has opened the database."""
        async with self._starting:
            if not self.running:
                await self._spawn()

    async def _spawn(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.intake_child",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=_child_environment(),
        )
        assert process.stdin is not None and process.stdout is not None
        level = logging.getLogger().getEffectiveLevel()
        process.stdin.write(
            frame(("start", 0, self._db_path, self._config, level, self._part))
        )
        try:
            ready = await asyncio.wait_for(read_frame(process.stdout), self._start_timeout)
        except TimeoutError:
            ready = None
        if not (isinstance(ready, tuple) and ready[0] == "ready"):
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            code = await process.wait()
            raise HandlingProcessGone(f"the handling process did not start (exit code {code})")
        self._process, self._writer = process, process.stdin
        self._listener = asyncio.create_task(self._listen(process.stdout), name="handling")
        log.info("handling process %s started", process.pid)

    async def _running(self) -> asyncio.StreamWriter:
        """The pipe to a live handling process, starting a new one if the last has died."""
        async with self._starting:
            if not self.running:
                if self._process is not None:
                    self.restarts += 1
                    log.warning("starting a new handling process (restart %d)", self.restarts)
                    await self._reap()
                await self._spawn()
        assert self._writer is not None
        return self._writer

    async def _listen(self, reader: asyncio.StreamReader) -> None:
        """Settle the waiting calls with what the handling process answers, until it ends."""
        try:
            while (message := await read_frame(reader)) is not None:
                kind, n, k, value = message
                if kind in ("stored", "marked"):
                    marks = self._sent_marks.pop(n, [])
                    if isinstance(value, Failure):
                        self._marks = marks + self._marks
                future = self._waiting.pop((kind, n, k), None)
                if future is None or future.done():
                    continue
                if isinstance(value, Failure):
                    future.set_exception(HandlingFailed(f"{value.kind}: {value.message}"))
                elif kind == "handled":  # the replies as the JSON the inbox keeps
                    future.set_result([None if s is None else replies_of(s) for s in value])
                else:
                    future.set_result(value)
        finally:
            self._gone()

    def _gone(self) -> None:
        """The process ended: fail what waits on it, keep the marks it had not written."""
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(HandlingProcessGone("the handling process ended"))
        self._waiting.clear()
        for n in sorted(self._sent_marks):
            self._marks = self._sent_marks.pop(n) + self._marks
        if self._writer is not None:
            self._writer.close()

    def _expect(self, kind: str, n: int, part: int = 0) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieved)
        self._waiting[(kind, n, part)] = future
        return future

    async def _ask(
        self, kind: str, *args: Any, answers: tuple[tuple[str, int], ...], marks: bool = False
    ) -> list[asyncio.Future[Any]]:
        """Send a request (with the noted marks, if `marks`); the futures of its answers,
        each named by its kind and part."""
        writer = await self._running()
        self._count += 1
        self.asked[kind] += 1
        n = self._count
        futures = [self._expect(answer, n, part) for answer, part in answers]
        if marks:
            self._sent_marks[n], self._marks = self._marks, []
            args = (*args, self._sent_marks[n])
        writer.write(frame((kind, n, *args)))
        await writer.drain()
        return futures

    async def take_in(self, batch: Batch) -> Parts:
        """Have the batch stored; return once it is, with the futures of its parts' replies."""
        part = self._part
        sizes = [len(batch[start : start + part]) for start in range(0, len(batch), part)]
        handled = tuple(("handled", k) for k in range(len(sizes)))
        stored, *parts = await self._ask(
            "take", batch, answers=(("stored", 0), *handled), marks=True
        )
        await stored
        return list(zip(sizes, parts, strict=True))

    def note_replied(self, incoming: Incoming, sent: tuple[str, ...] = ()) -> None:
        """Noted here; sent with the next batch (or by `flush_replied`)."""
        self._marks.append(mark_of(incoming, sent))

    async def flush_replied(self) -> None:
        """Have the noted marks written now."""
        if not self._marks:
            return
        (marked,) = await self._ask("marks", answers=(("marked", 0),), marks=True)
        await marked

    async def stop(self) -> None:
        """Write the noted marks, then end the handling process."""
        if self.running:
            with contextlib.suppress(HandlingFailed, HandlingProcessGone):
                await self.flush_replied()
            with contextlib.suppress(HandlingProcessGone, TimeoutError):
                (stopped,) = await self._ask("stop", answers=(("stopped", 0),))
                await asyncio.wait_for(stopped, 10)
        await self._reap()

    async def _reap(self) -> None:
        """Close the pipe and wait for the process to end (killing it if it will not)."""
        if self._writer is not None:
            self._writer.close()
        if self._listener is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        self._writer = self._listener = None


def _child_environment() -> dict[str, str]:
    """This environment, with the project importable however the bot was started."""
    root = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
