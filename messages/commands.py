"""Recognise commands and invite codes in what a person typed."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

# SQLite's INTEGER (and PostgreSQL's bigint): a larger id cannot name a row, and binding it
# raises instead of finding nothing.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{3,64})?(?:\s+(.*))?$", re.S)
_CODE = re.compile(r"^[A-Z0-9]{6}$")


class Command(BaseModel):
    """A slash command: its lower-case name and the text after it."""

    model_config = ConfigDict(frozen=True)

    name: str
    args: str = ""


def parse_command(text: str | None) -> Command | None:
    """`/start@htx_bot ABC123` -> Command(name="start", args="ABC123"); None for plain text."""
    if not text:
        return None
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    return Command(name=match.group(1).lower(), args=(match.group(2) or "").strip())


def invite_code(text: str | None) -> str | None:
    """The invite code a message consists of (any case, spaces or dashes allowed), if any."""
    if not text or len(text) > 20:
        return None
    candidate = re.sub(r"[\s\-.]", "", text).upper()
    return candidate if _CODE.match(candidate) else None


def read_id(text: str | None, high: int = MAX_ID, *, low: int = 1) -> int | None:
    """A whole number from `low` to `high` typed in a command or carried in button data, in
    ASCII digits: "42" -> 42; None for "", "0", "-3", "4.2", "²", "99999999999999999999".

    Every id and count read from what a person sent goes through here, so that a forged or
    mistyped one finds nothing instead of overflowing the database or a date.
    """
    if text is None or not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None
