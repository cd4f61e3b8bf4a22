"""Helpers shared by the tests: a clock the test moves, and a person who chats with the core."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from handlers.contract import Incoming, Reply
from handlers.core import Core

START = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội time


@dataclass
class Clock:
    """A clock that only moves when the test says so."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


_refs = itertools.count(1)


@dataclass
class Person:
    """Someone chatting with the core on one channel, the way a channel adapter would."""

    core: Core
    user_ref: str
    name: str = ""
    channel: str = "console"
    last: list[Reply] = field(default_factory=list)

    async def say(self, text: str | None = None, **extra: object) -> list[Reply]:
        incoming = Incoming(
            channel=self.channel,  # type: ignore[arg-type]
            user_ref=self.user_ref,
            message_ref=f"m{next(_refs)}",
            sent_at=self.core.clock(),
            text=text,
            display_name=self.name or self.user_ref,
            **extra,  # type: ignore[arg-type]
        )
        self.last = await self.core.handle(incoming)
        return self.last

    async def text(self, text: str | None = None, **extra: object) -> str:
        """Say something and return the replies' text joined."""
        return "\n".join(r.text for r in await self.say(text, **extra))
