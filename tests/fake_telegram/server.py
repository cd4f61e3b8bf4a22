"""FakeBotAPIServer: a FakeTelegram over real HTTP on 127.0.0.1, for a bot in another process."""

from __future__ import annotations

import email.parser
import email.policy
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .core import FakeTelegram
from .records import ApiError, UploadedFile
from .transport import split_url

log = logging.getLogger(__name__)

# PTB form-encodes every value with json.dumps except strings, which go as they are; so
# "123" may be a number or a text. Fields that are always text must never be JSON-decoded.
_TEXT_FIELDS = frozenset(
    [
        "text",
        "caption",
        "data",
        "callback_query_id",
        "parse_mode",
        "url",
        "action",
        "language_code",
        "emoji",
        "title",
        "description",
        "short_description",
        "inline_message_id",
        "file_id",
        "query",
        "secret_token",
        "business_connection_id",
        "message_effect_id",
        "name",
        "first_name",
        "last_name",
        "username",
        "address",
        "phone_number",
        "vcard",
        "question",
        "explanation",
        "performer",
        "ip_address",
        "document",
        "photo",
        "voice",
        "audio",
        "video",
        "animation",
        "sticker",
        "thumbnail",
        "video_note",
        "certificate",
    ]
)


def decode_field(name: str, value: str) -> Any:
    """One form field as the Bot API reads it: JSON if it parses, text otherwise."""
    if name in _TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parameters and files of a urlencoded, multipart or JSON request body."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}, {}
    if kind == "application/json":
        return json.loads(body), {}
    if kind == "multipart/form-data":
        return _parse_multipart(content_type, body)
    pairs = parse_qsl(body.decode(), keep_blank_values=True)
    return {k: decode_field(k, v) for k, v in pairs}, {}


def _parse_multipart(content_type: str, body: bytes) -> tuple[dict, dict[str, UploadedFile]]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise ValueError("malformed multipart body")
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is None:
            params[name] = decode_field(name, content.decode(part.get_content_charset("utf-8")))
        else:
            files[name] = UploadedFile(name, filename, content, part.get_content_type())
    return params, files


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects; every answer has a length
    # The head and the body of an answer are two writes: with Nagle's algorithm on, the body
    # waits for the client's delayed ACK (40 ms a request on Linux), as no real server makes
    # it wait.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake Bot API: " + format, *args)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        fake = self.server.fake
        body = self._body()
        kind, token, rest = split_url(self.path)
        if kind == "file":
            response = fake.download(token, rest)
        elif kind == "api" and token is not None:
            try:
                params, files = parse_body(self.headers.get("Content-Type", ""), body)
                query = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
                params.update({k: decode_field(k, v) for k, v in query})
            except (ValueError, UnicodeDecodeError) as exc:
                response = ApiError(400, f"Bad Request: can't parse request: {exc}").response()
            else:
                try:
                    response = fake.request(token, rest, params, files)
                except Exception as exc:
                    log.exception("fake Bot API failed on %s", rest)
                    response = ApiError(500, f"Internal Server Error: {exc!r}").response()
        else:
            response = ApiError(404).response()
        if response.dropped:
            self.close_connection = True  # hang up without a word, like a lost connection
            return
        payload = response.payload
        kind_header = "application/json" if response.raw is None else "application/octet-stream"
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", kind_header)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except ConnectionError:
            # The client gave up (a cancelled long poll, a stopped bot): nobody to answer.
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a bot opening a hundred connections at once
    # (the delivery worker at 1,000/s) would see handshakes dropped and retried for seconds,
    # which Telegram's servers do not do.
    request_queue_size = 1024
    block_on_close = False  # idle keep-alive connections must not hold up stop()
    fake: FakeTelegram

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("fake Bot API: error serving %s", client_address, exc_info=True)


class FakeBotAPIServer:
    """Serves a FakeTelegram on http://127.0.0.1:<free port>; use `with` or start()/stop()."""

    def __init__(self, fake: FakeTelegram | None = None, port: int = 0) -> None:
        self.fake = fake if fake is not None else FakeTelegram()
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeBotAPIServer:
        """Bind 127.0.0.1 and serve in a background thread; returns self."""
        if self._httpd is not None:
            return self
        httpd = _Server(("127.0.0.1", self._port), _Handler)
        httpd.fake = self.fake
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-bot-api-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; waiting long polls return empty at once."""
        if self._httpd is None:
            return
        self.fake.release_pollers()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> FakeBotAPIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._httpd is None:
            raise RuntimeError("FakeBotAPIServer is not started")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """Bot API base URL to give PTB (`base_url`) or htx-bot (TELEGRAM_API_URL)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        """File download base URL to give PTB as `base_file_url`."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def env(self) -> dict[str, str]:
        """Environment variables that point `htx-bot run` at this server."""
        return {"TELEGRAM_API_URL": self.url, "TELEGRAM_TOKEN": self.fake.token}
