"""The terminal chat: type as a user; buttons appear as numbered options."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from bot.channels.text import quantity_options
from handlers import admin
from handlers.contract import Button, Incoming, Reply
from handlers.core import Core

ReadLine = Callable[[], Awaitable[str | None]]
Write = Callable[[str], None]

QUIT = {"/thoat", "/quit", "/exit"}


class StdinReader:
    """Lines from standard input, read by a daemon thread so Ctrl-C never waits for Enter."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def pump() -> None:
            for line in sys.stdin:
                loop.call_soon_threadsafe(self._queue.put_nowait, line.rstrip("\r\n"))
            loop.call_soon_threadsafe(self._queue.put_nowait, None)

        threading.Thread(target=pump, name="stdin", daemon=True).start()

    async def __call__(self) -> str | None:
        """The next line; None at the end of input."""
        return await self._queue.get()


def stdout_write(text: str) -> None:
    """Print and flush, so a program driving the chat sees answers at once."""
    print(text, flush=True)


def render(
    replies: list[Reply], saved: Mapping[str, str] | None = None
) -> tuple[str, list[Button]]:
    """Reply texts with their buttons numbered [1], [2]…, and the buttons in that order;
    an attachment shows where it was saved (`saved`: file name -> path). When an option is a
    quantity (`quantity_options`), none is numbered: a typed number goes on as text."""
    lines: list[str] = []
    buttons: list[Button] = []
    # Options that are quantities ("7 ngày") are listed unnumbered: a typed "7" is 7 days.
    numbered = not quantity_options(b for reply in replies for row in reply.buttons for b in row)
    for reply in replies:
        lines.append(reply.text)
        for attachment in (reply.document, reply.photo):
            if attachment is not None:
                shown = (saved or {}).get(attachment.filename, attachment.filename)
                lines.append(f"📎 {shown} ({len(attachment.content)} B)")
        options = []
        for button in (b for row in reply.buttons for b in row):
            if not numbered:
                options.append(f"• {button.label}")
                continue
            buttons.append(button)
            options.append(f"[{len(buttons)}] {button.label}")
        if options:
            lines.append("   ".join(options))
    return "\n".join(lines), buttons


class ConsoleChat:
    """One person chatting with the core through the terminal."""

    def __init__(
        self, core: Core, user: str, read_line: ReadLine | None = None,
        write: Write = stdout_write, files: Path = Path("exports"),
    ) -> None:
        self.core = core
        self.user = user
        self.read_line = read_line or StdinReader()
        self.write = write
        self.files = files  # where exports and charts are written, so they can be opened
        self._buttons: list[Button] = []
        self._counter = 0

    def _incoming(self, line: str) -> Incoming:
        self._counter += 1
        choice = line.strip()
        tapped = None
        if choice.isdigit() and 1 <= int(choice) <= len(self._buttons):
            tapped = self._buttons[int(choice) - 1].data
        return Incoming(
            channel="console",
            user_ref=self.user,
            # unique across runs of the same user, so the inbox never mistakes a new line
            message_ref=f"{time.time_ns()}-{self._counter}",
            sent_at=self.core.clock(),
            text=None if tapped else line,
            button=tapped,
            display_name=self.user,
        )

    def _save(self, replies: list[Reply]) -> dict[str, str]:
        """Write the replies' files (an .xlsx, a chart) and say where each went."""
        saved: dict[str, str] = {}
        for reply in replies:
            for attachment in (reply.document, reply.photo):
                if attachment is None:
                    continue
                self.files.mkdir(parents=True, exist_ok=True)
                target = self.files / Path(attachment.filename).name
                target.write_bytes(attachment.content)
                saved[attachment.filename] = str(target)
        return saved

    async def offer_demo(self) -> None:
        """On an empty database, create a sample cooperative so the chat can be tried at once."""
        if await admin.has_cooperatives(self.core.db):
            return
        texts = self.core.texts
        created = await admin.create_cooperative(
            self.core.db, texts("console.demo_name"), None, None,
            self.core.config.timezone.key, self.core.clock(),
        )
        self.write(
            texts(
                "console.demo_created",
                org=created.cooperative.name,
                manager_code=created.manager.invite.code,
                member_code=created.member.invite.code,
            )
        )

    async def run(self) -> None:
        """Chat until end of input or /thoat."""
        self.write(self.core.texts("console.banner", user=self.user))
        while True:
            self.write("")
            line = await self.read_line()
            if line is None or line.strip().lower() in QUIT:
                self.write(self.core.texts("console.quit"))
                return
            if not line.strip():
                continue
            incoming = self._incoming(line)
            replies = await self.core.handle(incoming)
            text, self._buttons = render(replies, self._save(replies))
            self.write(text)
            await self.core.mark_replied(incoming)
