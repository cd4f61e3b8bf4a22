"""Plain records of the fake Bot API: calls, uploads, answers and Telegram-worded errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# How Telegram words the start of an error description for each status code.
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(frozen=True)
class UploadedFile:
    """One file that arrived in a multipart upload (or was made up for a user's message)."""

    field: str
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


@dataclass
class Call:
    """One Bot API request as the fake received it, and (once answered) the answer."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    at: float = 0.0
    status: int | None = None  # None while a long poll is still waiting (or was abandoned)
    response: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered `ok: true`."""
        return self.status == 200

    @property
    def result(self) -> Any:
        """The `result` of a successful answer, else None."""
        return (self.response or {}).get("result") if self.ok else None

    @property
    def error(self) -> str | None:
        """The error `description` of a failed answer, else None."""
        return None if self.ok or self.response is None else self.response.get("description")


@dataclass(frozen=True)
class Response:
    """An answer: HTTP status plus JSON body, raw bytes (file download) or no answer at all."""

    status: int
    body: dict[str, Any] | None = None
    raw: bytes | None = None

    @property
    def dropped(self) -> bool:
        """True when the connection should die without an answer (a simulated timeout)."""
        return self.status == 0

    @property
    def payload(self) -> bytes:
        """The bytes to put on the wire."""
        if self.raw is not None:
            return self.raw
        return json.dumps(self.body, ensure_ascii=False).encode()

    @classmethod
    def ok(cls, result: Any) -> Response:
        """A successful answer carrying `result`."""
        return cls(200, {"ok": True, "result": result})


class ApiError(Exception):
    """An error answer worded like Telegram's (raise it inside the fake, or queue it)."""

    def __init__(self, code: int, description: str | None = None, retry_after: int | None = None):
        if description is None:
            description = _DEFAULT_DESCRIPTIONS.get(code, "Error")
            if code == 429:
                description += f": retry after {retry_after or 1}"
        if code == 429 and retry_after is None:
            retry_after = 1
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def response(self) -> Response:
        """This error as Telegram's JSON answer."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code}
        body["description"] = self.description
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return Response(self.code, body)
