"""The core contract: what any channel hands the core, and what the core hands back."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Channel = Literal["telegram", "zalo", "console"]


class Incoming(BaseModel):
    """One thing a person did in a chat, in channel-neutral form."""

    model_config = ConfigDict(frozen=True)

    channel: Channel
    user_ref: str  # the channel's user id, as text
    message_ref: str  # unique per channel+chat: the idempotency key
    sent_at: datetime  # when the person sent it (aware), not when we got it
    text: str | None = None
    button: str | None = None  # the data of a tapped button
    button_of: str | None = None  # the bot message the tapped button was on (to edit it)
    photo_ref: str | None = None
    location: tuple[float, float] | None = None
    display_name: str = ""
    unsupported: str | None = None  # e.g. "sticker", "voice": content we cannot use yet
    edits: str | None = None  # for an edited message: the message_ref of the original
    # Why the channel could not read this update (it is stored, answered if it can be, and
    # never handled further); user_ref is "" when no chat is known.
    unreadable: str | None = None


class Button(BaseModel):
    """One tappable choice; `data` comes back as Incoming.button."""

    model_config = ConfigDict(frozen=True)

    label: str
    data: str


class Attachment(BaseModel):
    """A file to send, held in memory (exports and charts are small)."""

    # Replies are kept in the inbox as JSON until delivered; base64 keeps bytes intact there.
    model_config = ConfigDict(frozen=True, ser_json_bytes="base64", val_json_bytes="base64")

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


class Reply(BaseModel):
    """One message the core wants sent back to the person who wrote."""

    model_config = ConfigDict(frozen=True)

    text: str
    buttons: list[list[Button]] = []
    document: Attachment | None = None
    photo: Attachment | None = None
    edit_of: str | None = None  # edit an earlier bot message instead of sending a new one
