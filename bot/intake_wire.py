"""What the channel and the handling process say to each other over the pipe, and how.

Messages both ways are frames: a 4-byte length, then a pickle of a tuple. A pickle names
the module of every class in it, and the handling process runs as `python -m
bot.intake_child`, where its own module is `__main__`: a class defined there would be
unpickled by the channel as `__main__.Failure` and fail ("Can't get attribute"). So every
type that crosses the pipe lives in an importable module: this one, `handlers.contract`,
`handlers.context`, or the standard library.
"""

from __future__ import annotations

import asyncio
import pickle
import struct
from dataclasses import dataclass
from typing import IO, Any

_LENGTH = struct.Struct("!I")


@dataclass(frozen=True)
class Failure:
    """An exception that cannot cross the pipe as itself: its type name and message."""

    kind: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        """Describe an exception."""
        return cls(type(exc).__name__, str(exc))


async def read_frame(reader: asyncio.StreamReader) -> Any:
    """The next message, or None at the end of the stream (the other side is gone)."""
    try:
        head = await reader.readexactly(_LENGTH.size)
        body = await reader.readexactly(_LENGTH.unpack(head)[0])
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    return pickle.loads(body)


def frame(message: tuple[Any, ...]) -> bytes:
    """One message as the bytes to write."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(body)) + body


def read_blocking(stream: IO[bytes]) -> Any:
    """`read_frame` for a blocking stream (the handling process's stdin)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    size = _LENGTH.unpack(head)[0]
    body = stream.read(size)
    return pickle.loads(body) if len(body) == size else None
