"""A lean HTTP/1.1 client for the delivery worker's sendMessage calls (a PTB BaseRequest).

At 1,000 messages a second the CPU of one request is what limits the worker: through
HTTPXRequest a request passes httpx, httpcore, anyio and h11 (about half a millisecond of CPU
on our 2-core machine, benchmarks/broadcast.py --profile); this client writes the request in
one piece on a kept-alive asyncio stream and reads one answer with a Content-Length (or
chunked), which is all the Bot API needs for a text message. PTB still builds the request and
reads the answer (errors, 429 retry_after, JSON), exactly as with HTTPXRequest.

Anything else (an upload, a proxy setting) is not its job: requests with files go to an
HTTPXRequest it keeps for them. A connection is reused only while the server keeps it open;
one that fails is closed and the request raises NetworkError (the worker tries again later,
as for any network error), never sent twice by this client.
"""

from __future__ import annotations

import asyncio
import ssl
from urllib.parse import urlsplit

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

_Stream = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class _Origin:
    """One scheme://host:port with its idle connections."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.tls = parts.scheme == "https"
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or (443 if self.tls else 80)
        default = 443 if self.tls else 80
        self.host_header = self.host if self.port == default else f"{self.host}:{self.port}"
        self.idle: list[_Stream] = []


class KeepAliveRequest(BaseRequest):
    """POSTs form-encoded requests over at most `pool_size` kept-alive connections."""

    def __init__(
        self,
        pool_size: int = 16,
        connect_timeout: float = 5.0,
        read_timeout: float = 5.0,
    ) -> None:
        self.pool_size = pool_size
        self.connect_timeout, self._read_timeout = connect_timeout, read_timeout
        self._slots = asyncio.Semaphore(pool_size)
        self._origins: dict[str, _Origin] = {}
        self._paths: dict[str, tuple[_Origin, str]] = {}
        self._tls: ssl.SSLContext | None = None
        self._files = HTTPXRequest(connection_pool_size=2)
        self._open = 0  # connections open now

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        await self._files.initialize()

    async def shutdown(self) -> None:
        for origin in self._origins.values():
            while origin.idle:
                _, writer = origin.idle.pop()
                writer.close()
        await self._files.shutdown()

    def _target(self, url: str) -> tuple[_Origin, str]:
        found = self._paths.get(url)
        if found is None:
            parts = urlsplit(url)
            key = f"{parts.scheme}://{parts.netloc}"
            origin = self._origins.get(key) or self._origins.setdefault(key, _Origin(url))
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if len(self._paths) > 256:
                self._paths.clear()
            found = self._paths[url] = (origin, path)
        return found

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            return await self._files.do_request(
                url, method, request_data, read_timeout, write_timeout,  # type: ignore[arg-type]
                connect_timeout, pool_timeout,  # type: ignore[arg-type]
            )
        origin, path = self._target(url)
        body = request_data.url_encoded_parameters().encode() if request_data else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {origin.host_header}\r\n"
            f"User-Agent: {self.USER_AGENT}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        seconds = read_timeout if isinstance(read_timeout, int | float) else self._read_timeout
        async with self._slots:
            stream = await self._connection(origin)
            try:
                async with asyncio.timeout(seconds):
                    stream[1].write(head + body)
                    status, payload, keep = await _read_answer(stream[0])
            except TimeoutError as exc:
                stream[1].close()
                self._open -= 1
                raise TimedOut() from exc
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                stream[1].close()
                self._open -= 1
                raise NetworkError(f"{type(exc).__name__}: {exc}") from exc
            if keep:
                origin.idle.append(stream)
            else:
                stream[1].close()
                self._open -= 1
            return status, payload

    async def _connection(self, origin: _Origin) -> _Stream:
        """An idle connection the server has not closed, or a new one."""
        while origin.idle:
            reader, writer = origin.idle.pop()
            if not writer.is_closing() and not reader.at_eof() and not reader.exception():
                return reader, writer
            writer.close()
            self._open -= 1
        if origin.tls and self._tls is None:
            self._tls = ssl.create_default_context()
        try:
            async with asyncio.timeout(self.connect_timeout):
                stream = await asyncio.open_connection(
                    origin.host, origin.port, ssl=self._tls if origin.tls else None
                )
        except TimeoutError as exc:
            raise TimedOut("connecting to the Bot API timed out") from exc
        except OSError as exc:
            raise NetworkError(f"cannot connect to the Bot API: {exc}") from exc
        self._open += 1
        return stream


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the connection may be kept, of one HTTP/1.1 answer."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("the server closed the connection")
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
        raise ValueError(f"not an HTTP answer: {status_line[:80]!r}")
    status = int(parts[1])
    length, chunked, keep = None, False, parts[0] == b"HTTP/1.1"
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n"):
            break
        if not line:
            raise ConnectionResetError("the answer's headers were cut")
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            keep = b"close" not in value.lower()
    if chunked:
        return status, await _read_chunks(reader), keep
    if length is None:  # the body ends when the server closes the connection
        return status, await reader.read(), False
    return status, await reader.readexactly(length), keep


async def _read_chunks(reader: asyncio.StreamReader) -> bytes:
    pieces = []
    while size := int((await reader.readline()).split(b";")[0].strip() or b"0", 16):
        pieces.append(await reader.readexactly(size))
        await reader.readline()
    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
        pass  # trailers
    return b"".join(pieces)
