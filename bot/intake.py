"""Where a polled batch is stored and handled: here, or in a handling process.

A channel hands each polled batch to its intake and waits only until the batch is stored
durably, so that it may confirm the batch and fetch the next; the replies come later. An
intake also carries the 'replied' marks of the replies the channel sent.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from handlers.contract import Incoming, Reply
from handlers.core import Core

Batch = list[tuple[Incoming, dict[str, Any]]]
Answers = list[list[Reply] | None]
# A stored batch's parts in order: how many messages each holds, and the future of their
# replies (None: handled before).
Parts = list[tuple[int, "asyncio.Future[Answers]"]]


class Intake(Protocol):
    """What a channel needs to get a polled batch stored and handled."""

    async def start(self) -> None:
        """Get ready to take batches."""

    async def take_in(self, batch: Batch) -> Parts:
        """Return once the batch is stored durably (raise if it is not: poll it again),
        with the futures of its parts' replies, which come as each part is handled."""

    def note_replied(self, incoming: Incoming, sent: tuple[str, ...] = ()) -> None:
        """Note that the replies to a message went out (`sent`: the ids of those with
        buttons, whose taps are checked against them); written with the next batch."""

    async def flush_replied(self) -> None:
        """Write the noted 'replied' marks now."""

    async def stop(self) -> None:
        """Write what is noted and let go of what `start` took."""


class LocalIntake:
    """Store and handle each batch in this process, in one transaction with `Core.take_in`."""

    def __init__(self, core: Core) -> None:
        self.core = core

    async def start(self) -> None:
        """Nothing to start."""

    async def take_in(self, batch: Batch) -> Parts:
        """Store and handle the batch: one part, done already."""
        answers = await self.core.take_in(batch)
        done: asyncio.Future[Answers] = asyncio.get_running_loop().create_future()
        done.set_result(answers)
        return [(len(batch), done)]

    def note_replied(self, incoming: Incoming, sent: tuple[str, ...] = ()) -> None:
        """Noted by the core; its next transaction writes it."""
        self.core.note_replied(incoming, sent)

    async def flush_replied(self) -> None:
        """Written by the core now."""
        await self.core.flush_replied()

    async def stop(self) -> None:
        """Write the marks still noted."""
        await self.core.flush_replied()
