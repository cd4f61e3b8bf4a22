"""FakeZalo: the state and the rules of a Zalo OA as the bot sees it.

It answers like Zalo does: HTTP 200 with `{"error": <code>, "message": ...}`; -216 for a
missing, unknown or expired access token; refresh tokens that work once; -230 when the
person has not written for 7 days; -213 after they unfollowed, -217 when they blocked the
OA; -32 above `rate_limit` sends a second or during a `storm`; any code queued with
`fail_next`. ZNS (`POST /message/template`): the approved `zns_templates` with their
parameters' lengths (-109 unknown template, -111 no data, -112 a parameter missing or too
long), phones as 84xxxxxxxxx (-108), -118 for a phone with no Zalo account, -114 for one
that refuses ZNS, -115 when the OA's `zns_daily_quota` of the fake's day is spent. It signs
the events it posts with sha256(app_id + body + timestamp + OA secret key), as Zalo does.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

APP_ID = "1234567890123456789"
APP_SECRET = "fake-app-secret"
OA_SECRET_KEY = "fake-oa-secret-key"
OA_ID = "4455667788"
TEXT_LIMIT = 2000
MAX_BUTTONS = 5
WINDOW_SECONDS = 7 * 24 * 3600
ZNS_PHONE = re.compile(r"^84[35789]\d{8}$")


@dataclass
class ZnsSent:
    """One ZNS message the OA sent: to a phone, a template, its data, our tracking id."""

    phone: str
    template_id: str
    data: dict[str, str]
    tracking_id: str
    at: float = field(default_factory=time.monotonic)
INVALID_REFRESH = -14014  # what the fake answers a spent or unknown refresh token


@dataclass
class Sent:
    """One message the OA sent, as the send API received it."""

    user_id: str
    message: dict[str, Any]
    at: float = field(default_factory=time.monotonic)  # when the fake took it

    @property
    def text(self) -> str:
        """The text the person reads (a template's text, or empty for a file or image)."""
        if "text" in self.message:
            return str(self.message["text"])
        payload = self.message.get("attachment", {}).get("payload", {})
        return str(payload.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The template buttons, if any."""
        payload = self.message.get("attachment", {}).get("payload", {})
        return list(payload.get("buttons", [])) if isinstance(payload, dict) else []

    @property
    def file_token(self) -> str | None:
        """The uploaded file this message sends, if it sends one."""
        attachment = self.message.get("attachment", {})
        if attachment.get("type") != "file":
            return None
        return attachment.get("payload", {}).get("token")


@dataclass
class FakeZalo:
    """The fake's state; every method is safe to call from any thread."""

    refresh_token: str = "refresh-0"
    webhook_url: str | None = None
    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, int]] = field(default_factory=list)  # (path, error code answered)
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # id -> (name, bytes)
    refresh_tokens_received: list[str] = field(default_factory=list)
    clock_offset: float = 0.0
    names: dict[str, str] = field(default_factory=dict)  # user id -> Zalo display name
    clock: Callable[[], float] | None = None  # the test's clock (seconds); else real time
    blocked: set[str] = field(default_factory=set)  # users who blocked the OA (-217)
    rate_limit: int | None = None  # customer-service sends a second before -32
    zns_rate_limit: int | None = None  # ZNS sends a second before -32
    zns_templates: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> param: max
    zns_no_account: set[str] = field(default_factory=set)  # phones with no Zalo (-118)
    zns_refusing: set[str] = field(default_factory=set)  # phones refusing ZNS (-114)
    zns_daily_quota: int | None = None  # the OA's ZNS a day (-115 beyond)
    zns_sent: list[ZnsSent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self._access: set[str] = set()
        self._spent: set[str] = set()
        self._failures: dict[str, list[int]] = {}
        self._last_seen: dict[str, float] = {}
        self._released = threading.Event()
        self._released.set()
        self.waiting_on_hold = 0
        self._unfollowed: set[str] = set()
        self._recent: dict[str, deque[float]] = {"cs": deque(), "zns": deque()}
        self._storm_until = 0.0
        self._zns_days: dict[str, int] = {}
        self.rate_limited = 0  # -32 answers given

    # --- what the test controls -------------------------------------------------------

    def now(self) -> float:
        """The fake's clock (seconds), which `advance` moves."""
        return (self.clock() if self.clock else time.time()) + self.clock_offset

    def saw(self, user_id: str, at: float) -> None:
        """The person last wrote to the OA at `at` (fake clock seconds): sets the window."""
        with self._lock:
            self._last_seen[user_id] = at

    def storm(self, seconds: float) -> None:
        """Answer every send (cs and ZNS) with -32 for this many real seconds."""
        self._storm_until = time.monotonic() + seconds

    def zns_to(self, phone: str) -> list[ZnsSent]:
        """The ZNS messages one phone received."""
        with self._lock:
            return [z for z in self.zns_sent if z.phone == phone]

    def _rate_limited(self, kind: str = "cs") -> bool:
        """Whether this send is over the rate (called under the lock)."""
        now = time.monotonic()
        if now < self._storm_until:
            self.rate_limited += 1
            return True
        limit = self.rate_limit if kind == "cs" else self.zns_rate_limit
        if limit is None:
            return False
        recent = self._recent[kind]
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= limit:
            self.rate_limited += 1
            return True
        recent.append(now)
        return False

    def advance(self, seconds: float) -> None:
        """Move the fake's clock, e.g. past the 7-day window."""
        self.clock_offset += seconds

    def fail_next(self, kind: str, *codes: int) -> None:
        """Answer the next calls of a kind ("send", "upload", "token") with these codes;
        a positive code on "send" is an HTTP status with a body that is not JSON."""
        with self._lock:
            self._failures.setdefault(kind, []).extend(codes)

    def hold_sends(self) -> None:
        """Sends hang until `release`, then fail without delivering (a connection lost)."""
        self._released.clear()

    def release(self) -> None:
        """Let held sends end (undelivered) and new ones go through."""
        self._released.set()

    def expire_access_tokens(self) -> None:
        """Every access token issued so far stops working (Zalo then answers -216)."""
        with self._lock:
            self._access.clear()

    def sent_to(self, user_id: str) -> list[Sent]:
        """What the OA sent to one person, in order."""
        with self._lock:
            return [s for s in self.sent if s.user_id == user_id]

    def texts_to(self, user_id: str) -> list[str]:
        """The texts one person read, in order."""
        return [s.text for s in self.sent_to(user_id) if s.text]

    def wait_for_sent(self, user_id: str, count: int, within: float = 30.0) -> list[Sent]:
        """Wait until the person has received `count` messages; all they received."""
        deadline = time.monotonic() + within
        while len(found := self.sent_to(user_id)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{user_id} got {len(found)} messages, not {count}: {found}")
            time.sleep(0.02)
        return found

    # --- events the fake posts to the bot ---------------------------------------------

    def _event(self, name: str, user_id: str, **extra: Any) -> dict[str, Any]:
        with self._lock:
            self._last_seen[user_id] = self.now()
        return {
            "app_id": APP_ID,
            "event_name": name,
            "timestamp": str(int(self.now() * 1000)),
            **extra,
        }

    def message_event(self, name: str, user_id: str, message: dict[str, Any]) -> dict[str, Any]:
        """A message event from a person, with a fresh msg_id."""
        message = {"msg_id": f"msg{next(self._counter):06d}", **message}
        return self._event(
            name, user_id, sender={"id": user_id}, recipient={"id": OA_ID}, message=message
        )

    def text_event(self, user_id: str, text: str) -> dict[str, Any]:
        """user_send_text."""
        return self.message_event("user_send_text", user_id, {"text": text})

    def follow_event(self, user_id: str) -> dict[str, Any]:
        """follow: the person follows the OA."""
        with self._lock:
            self._unfollowed.discard(user_id)
        return self._event("follow", user_id, oa_id=OA_ID, follower={"id": user_id},
                           source="testing", user_id_by_app=f"app-{user_id}")

    def unfollow_event(self, user_id: str) -> dict[str, Any]:
        """unfollow: sends to the person answer -213 until they follow again."""
        with self._lock:
            self._unfollowed.add(user_id)
        return self._event("unfollow", user_id, oa_id=OA_ID, follower={"id": user_id},
                           source="testing", user_id_by_app=f"app-{user_id}")

    def tap_event(self, user_id: str, title: str) -> dict[str, Any]:
        """The person taps the button titled `title` on the last message that has it:
        an `oa.query.show` button sends its payload as the person's text."""
        for sent in reversed(self.sent_to(user_id)):
            for button in sent.buttons:
                if button.get("title") == title:
                    return self.text_event(user_id, str(button["payload"]))
        raise AssertionError(f"no button {title!r} was sent to {user_id}")

    @staticmethod
    def body_of(event: dict[str, Any]) -> bytes:
        """The event as the bytes Zalo posts."""
        return json.dumps(event, ensure_ascii=False).encode()

    @staticmethod
    def sign(body: bytes, timestamp: str, secret: str = OA_SECRET_KEY) -> str:
        """The X-ZEvent-Signature header for a body."""
        digest = hashlib.sha256(APP_ID.encode() + body + timestamp.encode() + secret.encode())
        return "mac=" + digest.hexdigest()

    def post(
        self, event: dict[str, Any], signature: str | None = "sign", body: bytes | None = None
    ) -> int:
        """POST an event to the bot's webhook; the HTTP status. `signature="sign"` signs it
        right; None sends no header; any other text is sent as it is."""
        if self.webhook_url is None:
            raise RuntimeError("set webhook_url first")
        body = self.body_of(event) if body is None else body
        headers = {"Content-Type": "application/json"}
        if signature == "sign":
            signature = self.sign(body, str(event.get("timestamp", "")))
        if signature is not None:
            headers["X-ZEvent-Signature"] = signature
        request = urllib.request.Request(self.webhook_url, body, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    # --- the API the bot calls --------------------------------------------------------

    def _failure(self, kind: str) -> int:
        queued = self._failures.get(kind)
        return queued.pop(0) if queued else 0

    def _error(self, path: str, code: int, message: str) -> dict[str, Any]:
        self.calls.append((path, code))
        return {"error": code, "message": message}

    def _held(self) -> dict[str, Any] | None:
        """While sends are held: wait for the release, then the answer of a lost send."""
        if self._released.is_set():
            return None
        with self._lock:
            self.waiting_on_hold += 1
        self._released.wait()
        return {"error": -1, "message": "held by the test: nothing delivered"}

    def send(self, path: str, token: str | None, body: dict[str, Any]) -> dict[str, Any]:
        """POST /v3.0/oa/message/cs."""
        if (held := self._held()) is not None:
            return held
        with self._lock:
            if token not in self._access:
                return self._error(path, -216, "Access token is invalid")
            code = self._failure("send")
            if code > 0:  # an HTTP error from a proxy in front of Zalo: not Zalo's JSON
                self.calls.append((path, code))
                return {"http_status": code}
            if code:
                return self._error(path, code, "failure asked for by the test")
            user = str((body.get("recipient") or {}).get("user_id", ""))
            message = body.get("message")
            problem = self._bad_message(message)
            if not user or problem:
                return self._error(path, -201, problem or "recipient.user_id is missing")
            if self._rate_limited():
                return self._error(path, -32, "Your application reached limit call api")
            if user in self.blocked:
                return self._error(path, -217, "User has blocked the OA")
            seen = self._last_seen.get(user)
            if seen is None or user in self._unfollowed:
                return self._error(path, -213, "User has not followed OA")
            if self.now() - seen > WINDOW_SECONDS:
                return self._error(path, -230, "User has not interacted with the OA in 7 days")
            self.sent.append(Sent(user, message))  # type: ignore[arg-type]
            self.calls.append((path, 0))
            return {"error": 0, "message": "Success",
                    "data": {"message_id": f"oa{next(self._counter)}", "user_id": user}}

    def _bad_message(self, message: object) -> str | None:
        if not isinstance(message, dict) or not (message.get("text") or message.get("attachment")):
            return "message needs text or an attachment"
        if len(str(message.get("text", ""))) > TEXT_LIMIT:
            return f"text is longer than {TEXT_LIMIT} characters"
        attachment = message.get("attachment") or {}
        payload = attachment.get("payload") or {}
        if attachment.get("type") == "file" and payload.get("token") not in self.uploads:
            return "unknown file token"
        if payload.get("template_type") == "button":
            buttons = payload.get("buttons") or []
            if not 1 <= len(buttons) <= MAX_BUTTONS or len(payload.get("text", "")) > TEXT_LIMIT:
                return "a button template has 1 to 5 buttons"
        if payload.get("template_type") == "media":
            ids = [e.get("attachment_id") for e in payload.get("elements", [])]
            if not ids or any(i not in self.uploads for i in ids):
                return "unknown image attachment_id"
        return None

    def zns(self, path: str, token: str | None, body: dict[str, Any]) -> dict[str, Any]:
        """POST /message/template on business.openapi.zalo.me."""
        if (held := self._held()) is not None:
            return held
        with self._lock:
            if token not in self._access:
                return self._error(path, -216, "Access token is invalid")
            code = self._failure("zns")
            if code:
                return self._error(path, code, "failure asked for by the test")
            if self._rate_limited("zns"):
                return self._error(path, -32, "Your application reached limit call api")
            phone = str(body.get("phone", ""))
            template = self.zns_templates.get(str(body.get("template_id", "")))
            data = body.get("template_data")
            if not ZNS_PHONE.match(phone):
                return self._error(path, -108, "Phone number invalid")
            if template is None:
                return self._error(path, -109, "Template ID invalid")
            if not isinstance(data, dict) or not data:
                return self._error(path, -111, "Template data empty")
            for param, most in template.items():
                value = data.get(param)
                if not isinstance(value, str) or not value or len(value) > most:
                    return self._error(path, -112, f"Template data invalid: {param}")
            if phone in self.zns_no_account:
                return self._error(path, -118, "Zalo account not existed")
            if phone in self.zns_refusing:
                return self._error(path, -114, "User is inactive or rejects the message")
            day = time.strftime("%Y-%m-%d", time.gmtime(self.now() + 7 * 3600))
            used = self._zns_days.get(day, 0)
            if self.zns_daily_quota is not None and used >= self.zns_daily_quota:
                return self._error(path, -115, "Out of quota")
            self._zns_days[day] = used + 1
            self.zns_sent.append(ZnsSent(phone, str(body["template_id"]), dict(data),
                                         str(body.get("tracking_id", ""))))
            self.calls.append((path, 0))
            quota = self.zns_daily_quota or 0
            return {"error": 0, "message": "Success", "data": {
                "msg_id": f"zns{next(self._counter)}", "sent_time": str(int(self.now() * 1000)),
                "quota": {"dailyQuota": str(quota), "remainingQuota": str(quota - used - 1)}}}

    def profile(self, path: str, token: str | None, query: dict[str, str]) -> dict[str, Any]:
        """GET /v3.0/oa/user/detail?data={"user_id": ...}."""
        with self._lock:
            if token not in self._access:
                return self._error(path, -216, "Access token is invalid")
            try:
                user = str(json.loads(query.get("data", "{}"))["user_id"])
            except (ValueError, KeyError, TypeError):
                return self._error(path, -201, "data.user_id is missing")
            if user not in self._last_seen:
                return self._error(path, -213, "User has not followed OA")
            self.calls.append((path, 0))
            name = self.names.get(user, "")
            return {"error": 0, "message": "Success",
                    "data": {"user_id": user, "display_name": name, "user_is_follower": True}}

    def upload(self, path: str, token: str | None, filename: str, content: bytes) -> dict:
        """POST /v2.0/oa/upload/file and /upload/image."""
        with self._lock:
            if token not in self._access:
                return self._error(path, -216, "Access token is invalid")
            code = self._failure("upload")
            if code:
                return self._error(path, code, "failure asked for by the test")
            if not content:
                return self._error(path, -201, "empty file")
            image = path.endswith("/image")
            key = f"{'img' if image else 'file'}-{next(self._counter)}"
            self.uploads[key] = (filename, content)
            self.calls.append((path, 0))
            return {"error": 0, "message": "Success",
                    "data": {"attachment_id": key} if image else {"token": key}}

    def token(self, path: str, secret: str | None, form: dict[str, str]) -> dict[str, Any]:
        """POST /v4/oa/access_token with grant_type=refresh_token."""
        with self._lock:
            offered = form.get("refresh_token", "")
            self.refresh_tokens_received.append(offered)
            code = self._failure("token")
            if code:
                self.calls.append((path, code))
                return {"error": code, "error_description": "failure asked for by the test"}
            if secret != APP_SECRET or form.get("app_id") != APP_ID:
                self.calls.append((path, -14002))
                return {"error": -14002, "error_description": "Invalid app id or secret key"}
            if form.get("grant_type") != "refresh_token" or offered != self.refresh_token:
                self.calls.append((path, INVALID_REFRESH))
                reason = "spent" if offered in self._spent else "unknown"
                return {"error": INVALID_REFRESH, "error_name": "Invalid refresh token",
                        "error_description": f"refresh token is {reason}"}
            self._spent.add(offered)
            number = next(self._counter)
            access = f"access-{number}"
            self.refresh_token = f"refresh-{number}"
            self._access.add(access)
            self.calls.append((path, 0))
            return {"access_token": access, "refresh_token": self.refresh_token,
                    "expires_in": "90000"}
