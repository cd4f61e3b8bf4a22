"""FakeRequest: plugs a FakeTelegram into python-telegram-bot in-process, no sockets at all."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote, urlsplit

from telegram import Bot
from telegram.error import TimedOut
from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest, RequestData

from .core import FakeTelegram
from .records import Response, UploadedFile


def split_url(url: str) -> tuple[str, str | None, str]:
    """("api" | "file" | "", token, method or file path) for a Bot API URL such as PTB builds."""
    path = unquote(urlsplit(url).path)
    if "/file/bot" in path:  # <base_file_url><token>/<file_path>; file paths contain slashes
        token, _, file_path = path.split("/file/bot", 1)[1].partition("/")
        return "file", token, file_path
    head, _, method = path.rpartition("/")
    token_part = head.rpartition("/")[2]
    if not token_part.startswith("bot") or not method:
        return "", None, ""
    return "api", token_part.removeprefix("bot"), method


def _read(content: Any) -> bytes:
    if isinstance(content, bytes):
        return content
    # PTB >= 21.5 may hand over an open file; rewind first, as httpx does before sending it.
    if hasattr(content, "seek"):
        content.seek(0)
    data = content.read()
    return data.encode() if isinstance(data, str) else data


def decode_request_data(request_data: RequestData | None) -> tuple[dict, dict[str, UploadedFile]]:
    """The parameters (as JSON would carry them) and uploaded files of one PTB request."""
    if request_data is None:
        return {}, {}
    # A JSON round trip turns tuples into lists etc., exactly what the HTTP server would see.
    params = json.loads(json.dumps(request_data.parameters))
    files = {}
    for name, field in request_data.multipart_data.items():
        filename, content, mimetype = field[0], field[1], field[2]
        files[name] = UploadedFile(name, filename or name, _read(content), mimetype)
    return params, files


class FakeRequest(BaseRequest):
    """PTB request backend answering from a FakeTelegram; use one for request AND get_updates."""

    def __init__(self, fake: FakeTelegram, read_timeout: float | None = 5.0) -> None:
        self.fake = fake
        self._read_timeout = read_timeout
        self._closed = False

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout PTB adds the getUpdates `timeout` to."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open (again) for requests."""
        self._closed = False

    async def shutdown(self) -> None:
        """Refuse further requests until initialized again, as HTTPXRequest does."""
        self._closed = True

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer like the Bot API would; a dropped connection becomes TimedOut like httpx's."""
        if self._closed:
            raise RuntimeError("This FakeRequest is not initialized!")
        kind, token, rest = split_url(url)
        if kind == "file":
            response = self.fake.download(token, rest)
        elif kind == "api" and token is not None:
            params, files = decode_request_data(request_data)
            response = await self.fake.arequest(token, rest, params, files)
        else:
            response = Response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if response.dropped:
            raise TimedOut("Timed out (simulated by FakeTelegram.drop_next)")
        return response.status, response.payload


def fake_bot(fake: FakeTelegram, **kwargs: Any) -> Bot:
    """A telegram.Bot wired to `fake` for both its request objects (see the note below)."""
    # Bot(token, request=...) alone still polls getUpdates through a real HTTPXRequest:
    # getUpdates always goes through the separate get_updates_request.
    return Bot(
        fake.token, request=FakeRequest(fake), get_updates_request=FakeRequest(fake), **kwargs
    )


def fake_application_builder(fake: FakeTelegram) -> ApplicationBuilder:
    """Application.builder() with the token and both request objects pointed at `fake`."""
    return (
        ApplicationBuilder()
        .token(fake.token)
        .request(FakeRequest(fake))
        .get_updates_request(FakeRequest(fake))
    )
