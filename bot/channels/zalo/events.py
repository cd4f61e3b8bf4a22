"""Zalo OA webhook events: their signature, and what the core makes of them.

Facts relied on (see the README, "Connecting Zalo"): each event is a JSON object with
`app_id`, `event_name`, `timestamp` (ms) and, for messages, `sender.id` and `message.msg_id`;
`follow` names the person in `follower.id`; the header `X-ZEvent-Signature` is
`mac=` + sha256(app_id + raw body + timestamp + OA secret key), a plain hash, not an HMAC.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from handlers.contract import Incoming

# A tapped template button sends its payload back as the person's text; this prefix tells a
# payload (a button's data, always "feature:…") from something typed.
BUTTON_MARK = "#"
_PAYLOAD = re.compile(re.escape(BUTTON_MARK) + r"([a-z]{1,10}:\S+)")


def button_ref(data: str) -> str:
    """What a Zalo tap names as the message its button sat on: the button itself. A payload
    comes back as text the person could also type, so the bot acts on it only if it offered
    that very button to that person (recorded in bot_messages when sent)."""
    return f"button:{data}"

# Content we cannot use yet, by event name, as the core's `unsupported` kinds.
UNSUPPORTED = {
    "user_send_sticker": "sticker",
    "user_send_gif": "sticker",
    "user_send_audio": "voice",
    "user_send_video": "video",
    "user_send_file": "document",
    "user_send_link": "other",
    "user_send_business_card": "other",
}
MESSAGES = {"user_send_text", "user_send_image", "user_send_location", *UNSUPPORTED}
# What a follow says to the core: what Telegram's Start button sends.
FOLLOW_TEXT = "/start"


class Refused(Exception):
    """The request is not an authentic Zalo event: answer 401 and store nothing."""


@dataclass(frozen=True)
class Event:
    """A verified event: its JSON, and the core's view of it (None: nothing to handle)."""

    payload: dict[str, Any]
    incoming: Incoming | None

    @property
    def name(self) -> str:
        """Zalo's event_name."""
        return str(self.payload.get("event_name", ""))


def signature(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The value Zalo puts in X-ZEvent-Signature for this body."""
    digest = hashlib.sha256(app_id.encode() + body + timestamp.encode() + oa_secret_key.encode())
    return "mac=" + digest.hexdigest()


def verify(body: bytes, header: str | None, app_id: str, oa_secret_key: str) -> dict[str, Any]:
    """The event's JSON if the signature is right and it is for our app; else Refused."""
    if not header:
        raise Refused("no X-ZEvent-Signature")
    try:
        payload = json.loads(body)
    except ValueError:
        raise Refused("body is not JSON") from None
    if not isinstance(payload, dict):
        raise Refused("body is not a JSON object")
    if str(payload.get("app_id", "")) != app_id:
        raise Refused("event for another app")
    expected = signature(app_id, body, str(payload.get("timestamp", "")), oa_secret_key)
    if not hmac.compare_digest(header.strip().lower().encode(), expected.encode()):
        raise Refused("bad signature")
    return payload


def to_event(payload: dict[str, Any]) -> Event:
    """The core's view of a verified event (unreadable parts become `unsupported`)."""
    name = payload.get("event_name")
    sent_at = _time(payload.get("timestamp"))
    if name in ("follow", "unfollow"):
        user = _id(payload.get("follower")) or _id(payload.get("sender"))
        if user is None:
            return Event(payload, None)
        incoming = Incoming(
            channel="zalo",
            user_ref=user,
            message_ref=f"{name}:{user}:{payload.get('timestamp', '')}",
            sent_at=sent_at,
            text=FOLLOW_TEXT if name == "follow" else None,
            unsupported="unfollow" if name == "unfollow" else None,
        )
        return Event(payload, incoming)
    user = _id(payload.get("sender"))
    message = payload.get("message")
    if name not in MESSAGES or user is None or not isinstance(message, dict):
        return Event(payload, None)  # our own sends echoed, seen/received receipts...
    ref = message.get("msg_id")
    if not ref:  # no id to deduplicate on: the body's hash is the next best thing
        ref = "body:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    fields: dict[str, Any] = {}
    if name == "user_send_text":
        text = message.get("text")
        tapped = _PAYLOAD.fullmatch(text.strip()) if isinstance(text, str) else None
        if tapped is not None:
            fields["button"] = tapped.group(1)
            fields["button_of"] = button_ref(tapped.group(1))
        elif isinstance(text, str) and text.strip():
            fields["text"] = text
        else:
            fields["unsupported"] = "other"
    elif name == "user_send_image":
        url = _attachment(message, "image", "url")
        fields.update(photo_ref=url, text=message.get("text") or None)
        if url is None:
            fields["unsupported"] = "other"
    elif name == "user_send_location":
        point = _location(message)
        if point is None:
            fields["unsupported"] = "other"
        else:
            fields["location"] = point
    else:
        fields["unsupported"] = UNSUPPORTED[name]
    incoming = Incoming(
        channel="zalo", user_ref=user, message_ref=str(ref), sent_at=sent_at, **fields
    )
    return Event(payload, incoming)


def _id(part: object) -> str | None:
    if isinstance(part, dict) and part.get("id") not in (None, ""):
        return str(part["id"])
    return None


def _time(value: object) -> datetime:
    """Zalo's timestamp in milliseconds (sent as text or a number); now if unreadable."""
    try:
        return datetime.fromtimestamp(int(str(value)) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)


def _attachments(message: dict[str, Any]) -> list[dict[str, Any]]:
    found = message.get("attachments")
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def _attachment(message: dict[str, Any], kind: str, field: str) -> str | None:
    for attachment in _attachments(message):
        payload = attachment.get("payload")
        if attachment.get("type") == kind and isinstance(payload, dict) and payload.get(field):
            return str(payload[field])
    return None


def _location(message: dict[str, Any]) -> tuple[float, float] | None:
    """A shared location: in an attachment's `payload.coordinates` or a `location` field."""
    candidates = [message.get("location")]
    for attachment in _attachments(message):
        payload = attachment.get("payload")
        if isinstance(payload, dict):
            candidates.append(payload.get("coordinates"))
    for point in candidates:
        if isinstance(point, dict):
            try:
                latitude, longitude = float(point["latitude"]), float(point["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            if -90 <= latitude <= 90 and -180 <= longitude <= 180:
                return latitude, longitude
    return None
