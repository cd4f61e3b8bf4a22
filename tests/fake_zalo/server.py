"""FakeZaloServer: a FakeZalo over real HTTP on 127.0.0.1, for a bot in another process."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.fake_telegram.server import parse_body

from .core import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo

log = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per answer, sent at once: headers and body in two small segments would meet
    # the client's delayed ACK and add ~40 ms to every call.
    wbufsize = 65536
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake Zalo: " + format, *args)

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path != "/v3.0/oa/user/detail":
            self._answer(404, {"error": 404, "message": "not found"})
            return
        params = dict(parse_qsl(query, keep_blank_values=True))
        self._answer(200, self.server.fake.profile(path, self.headers.get("access_token"), params))

    def do_POST(self) -> None:
        fake = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?", 1)[0]
        kind = self.headers.get("Content-Type", "")
        token = self.headers.get("access_token")
        if path == "/v3.0/oa/message/cs":
            try:
                answer = fake.send(path, token, json.loads(body or b"{}"))
            except ValueError:
                answer = {"error": -201, "message": "body is not JSON"}
        elif path == "/message/template":
            try:
                answer = fake.zns(path, token, json.loads(body or b"{}"))
            except ValueError:
                answer = {"error": -201, "message": "body is not JSON"}
        elif path in ("/v2.0/oa/upload/file", "/v2.0/oa/upload/image"):
            _, files = parse_body(kind, body)
            upload = files.get("file")
            if upload is None:
                answer = {"error": -201, "message": "no file part"}
            else:
                answer = fake.upload(path, token, upload.filename, upload.content)
        elif path == "/v4/oa/access_token":
            form = dict(parse_qsl(body.decode(), keep_blank_values=True))
            answer = fake.token(path, self.headers.get("secret_key"), form)
        else:
            self._answer(404, {"error": 404, "message": "not found"})
            return
        if "http_status" in answer:
            self._answer(answer["http_status"], None)
            return
        self._answer(200, answer)

    def _answer(self, status: int, answer: dict[str, Any] | None) -> None:
        payload = json.dumps(answer).encode() if answer is not None else b"<html>Bad Gateway"
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except ConnectionError:
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeZalo


class FakeZaloServer:
    """Serves a FakeZalo on http://127.0.0.1:<free port>; use `with` or start()/stop()."""

    def __init__(self, fake: FakeZalo | None = None) -> None:
        self.fake = fake if fake is not None else FakeZalo()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeZaloServer:
        """Bind 127.0.0.1 and serve in a background thread."""
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.fake = self.fake
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
            name="fake-zalo",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._httpd is not None:
            self.fake.release()
            self._httpd.shutdown()
            self._httpd.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._httpd = self._thread = None

    def __enter__(self) -> FakeZaloServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL for both ZALO_API_URL and ZALO_OAUTH_URL."""
        if self._httpd is None:
            raise RuntimeError("FakeZaloServer is not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def env(self) -> dict[str, str]:
        """Environment variables that point `htx-bot run` at this fake."""
        return {
            "ZALO_APP_ID": APP_ID,
            "ZALO_APP_SECRET": APP_SECRET,
            "ZALO_OA_SECRET_KEY": OA_SECRET_KEY,
            "ZALO_API_URL": self.url,
            "ZALO_OAUTH_URL": self.url,
            "ZALO_ZNS_URL": self.url,
        }
