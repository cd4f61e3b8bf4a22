"""The Zalo OA HTTP API: send, upload, and the access token that every call needs.

The access token lives about 25 hours. It is refreshed shortly before it expires and again
when Zalo answers -216. Zalo's refresh token is single-use: a refresh returns a new pair, and
the new pair is committed in one transaction before anything uses it, so the database always
holds the one refresh token Zalo will still accept.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, Literal

import httpx

from handlers.contract import Attachment
from storage import zalo as tokens_db
from storage.db import Database
from storage.zalo import ZaloTokens

log = logging.getLogger(__name__)

INVALID_TOKEN = -216
NOT_FOLLOWER = -213
BLOCKED = -217
OUT_OF_WINDOW = -230
RATE_LIMITED = -32
BAD_PARAMETERS = -201
OUT_OF_WINDOW_TOO = -232  # "has not interacted, or the interaction expired"
OUT_OF_QUOTA = -211
WINDOW = frozenset({OUT_OF_WINDOW, OUT_OF_WINDOW_TOO})
GONE = frozenset({NOT_FOLLOWER, BLOCKED})  # the person cannot be written to
# ZNS (business.openapi.zalo.me), from zalo.cloud's "Cách xử lý mã lỗi" (see README).
ZNS_BAD_PHONE = -108
ZNS_TEMPLATE = frozenset({-109, -111, -112, -117})  # template id, data or permission
ZNS_USER_REFUSES = -114  # inactive, refuses ZNS, or an outdated Zalo
ZNS_OUT_OF_QUOTA = -115
ZNS_NO_ACCOUNT = -118
NO_ANSWER = -1  # our code for an answer that is not Zalo's JSON (a proxy's 502, say)
TRANSIENT = frozenset({NO_ANSWER})

SEND_PATH = "/v3.0/oa/message/cs"
UPLOAD_PATHS = {"file": "/v2.0/oa/upload/file", "image": "/v2.0/oa/upload/image"}
PROFILE_PATH = "/v3.0/oa/user/detail"
TOKEN_PATH = "/v4/oa/access_token"
ZNS_PATH = "/message/template"
REFRESH_AHEAD = timedelta(hours=1)  # refresh this long before the token expires


class ZaloError(Exception):
    """Zalo answered with an error code (its answers are HTTP 200 with `error` < 0)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"Zalo error {code}: {message}")
        self.code = code


class NotSetUp(Exception):
    """No refresh token is stored yet: run `htx-bot zalo setup <refresh_token>`."""


class ZaloApi:
    """Calls the OA API with a valid access token, refreshing the pair when needed."""

    def __init__(
        self,
        db: Database,
        app_id: str,
        app_secret: str,
        api_url: str,
        oauth_url: str,
        clock: Callable[[], datetime],
        http: httpx.AsyncClient | None = None,
        zns_url: str = "https://business.openapi.zalo.me",
    ) -> None:
        self.db = db
        self.app_id = app_id
        self.app_secret = app_secret
        self.api_url = api_url.rstrip("/")
        self.oauth_url = oauth_url.rstrip("/")
        self.zns_url = zns_url.rstrip("/")
        self.clock = clock
        self.http = http or httpx.AsyncClient(timeout=httpx.Timeout(20.0, connect=5.0))
        self._tokens: ZaloTokens | None = None
        self._lock = asyncio.Lock()  # one refresh at a time: a refresh token works once

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self.http.aclose()

    async def setup(self, refresh_token: str) -> ZaloTokens:
        """Exchange the refresh token from the developer console for a first pair."""
        async with self._lock:
            return await self._refresh_with(refresh_token.strip())

    async def access_token(self) -> str:
        """A token valid for a while yet."""
        tokens = self._tokens
        if tokens is None:
            async with self.db.transaction() as tx:
                tokens = self._tokens = await tokens_db.get_tokens(tx)
        if tokens is None:
            raise NotSetUp("run `htx-bot zalo setup <refresh_token>` first")
        if tokens.expires_at - REFRESH_AHEAD <= self.clock():
            tokens = await self.refresh(stale=tokens.access_token)
        return tokens.access_token

    async def refresh(self, stale: str | None = None) -> ZaloTokens:
        """Get a new pair, unless another call has already replaced the `stale` token."""
        async with self._lock:
            async with self.db.transaction() as tx:
                current = await tokens_db.get_tokens(tx)
            if current is None:
                raise NotSetUp("run `htx-bot zalo setup <refresh_token>` first")
            if stale is not None and current.access_token != stale:
                self._tokens = current
                return current
            return await self._refresh_with(current.refresh_token)

    async def _refresh_with(self, refresh_token: str) -> ZaloTokens:
        response = await self.http.post(
            self.oauth_url + TOKEN_PATH,
            headers={"secret_key": self.app_secret},
            data={
                "refresh_token": refresh_token,
                "app_id": self.app_id,
                "grant_type": "refresh_token",
            },
        )
        data = _json(response)
        access, new_refresh = data.get("access_token"), data.get("refresh_token")
        if not access or not new_refresh:
            code = _code(data.get("error")) or -1
            reason = data.get("error_description") or data.get("message") or response.text[:200]
            raise ZaloError(code, f"token refresh refused: {reason}")
        now = self.clock()
        expires_at = now + timedelta(seconds=_seconds(data.get("expires_in")))
        async with self.db.transaction() as tx:
            await tokens_db.save_tokens(tx, access, new_refresh, expires_at, now)
        self._tokens = ZaloTokens(
            access_token=access, refresh_token=new_refresh, expires_at=expires_at, updated_at=now
        )
        log.info("Zalo access token refreshed; valid until %s", expires_at.isoformat())
        return self._tokens

    async def send(self, user_id: str, message: dict[str, Any]) -> dict[str, Any]:
        """Send one message (a customer-service reply) to a person."""
        body = {"recipient": {"user_id": user_id}, "message": message}
        return await self._call(
            lambda token: self.http.post(
                self.api_url + SEND_PATH, headers={"access_token": token}, json=body
            )
        )

    async def send_zns(
        self, phone: str, template_id: str, data: dict[str, str], tracking_id: str
    ) -> dict[str, Any]:
        """Send a ZNS template message to a phone number (84xxxxxxxxx); Zalo's answer."""
        body = {"phone": phone, "template_id": template_id, "template_data": data,
                "tracking_id": tracking_id}
        return await self._call(
            lambda token: self.http.post(
                self.zns_url + ZNS_PATH, headers={"access_token": token}, json=body
            )
        )

    async def upload(self, kind: Literal["file", "image"], attachment: Attachment) -> str:
        """Upload a file or an image; its token (file) or attachment id (image)."""
        files = {"file": (attachment.filename, attachment.content, attachment.mime_type)}
        data = await self._call(
            lambda token: self.http.post(
                self.api_url + UPLOAD_PATHS[kind], headers={"access_token": token}, files=files
            )
        )
        found = (data.get("data") or {}).get("token" if kind == "file" else "attachment_id")
        if not found:
            raise ZaloError(NO_ANSWER, f"upload answered without a {kind} id: {data}")
        return str(found)

    async def display_name(self, user_id: str) -> str | None:
        """The name the person shows on Zalo (webhook events do not carry it)."""
        query = {"data": json.dumps({"user_id": user_id})}
        data = await self._call(
            lambda token: self.http.get(
                self.api_url + PROFILE_PATH, headers={"access_token": token}, params=query
            )
        )
        name = str((data.get("data") or {}).get("display_name") or "").strip()
        return name or None

    async def _call(
        self, request: Callable[[str], Awaitable[httpx.Response]]
    ) -> dict[str, Any]:
        """One API call; after -216 the token is refreshed and the call made once more."""
        token = await self.access_token()
        data = _json(await request(token))
        if _code(data.get("error")) == INVALID_TOKEN:
            token = (await self.refresh(stale=token)).access_token
            data = _json(await request(token))
        code = _code(data.get("error"))
        if code:
            raise ZaloError(code, str(data.get("message", "")))
        return data


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ZaloError(NO_ANSWER, f"HTTP {response.status_code}: {response.text[:200]}")
    return data


def _code(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _seconds(value: object) -> float:
    """`expires_in` (seconds, sent as text); 25 hours when missing."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 25 * 3600.0
