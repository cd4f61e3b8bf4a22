"""Translate between Telegram updates and the core contract."""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, datetime

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import ChatType, MessageLimit
from telegram.error import BadRequest
from telegram.warnings import PTBUserWarning

from bot.channels.text import split_text as split_lines
from handlers.contract import Incoming, Reply

log = logging.getLogger(__name__)

# Content we cannot use yet, by the Message attribute Telegram fills in.
_UNSUPPORTED = {
    "sticker": "sticker",
    "voice": "voice",
    "audio": "voice",
    "video_note": "video",
    "video": "video",
    "animation": "video",
    "document": "document",
}

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def to_incoming(update: Update) -> Incoming | None:
    """The core's view of an update, or None for updates the core does not handle."""
    if update.callback_query is not None:
        query = update.callback_query
        # The bot sends no inline messages and works in private chats only: a tap on
        # anything else is not for the core (the channel still answers the query).
        if query.message is None or query.message.chat.type != ChatType.PRIVATE:
            return None
        return Incoming(
            channel="telegram",
            user_ref=str(query.from_user.id),
            message_ref=f"cb:{query.id}",
            sent_at=datetime.now(UTC),
            button=query.data,
            button_of=button_of(
                query.message.chat.id, query.message.message_id, query.from_user.id
            ),
            display_name=query.from_user.full_name or "",
        )
    message = update.message or update.edited_message
    if message is None or message.chat.type != ChatType.PRIVATE or message.from_user is None:
        return None
    original = f"{message.chat.id}:{message.message_id}"
    edited = update.edited_message is not None
    sent_at = (message.edit_date if edited and message.edit_date else message.date).astimezone(UTC)
    return Incoming(
        channel="telegram",
        user_ref=str(message.from_user.id),
        message_ref=f"{original}:edit:{int(sent_at.timestamp())}" if edited else original,
        sent_at=sent_at,
        text=message.text or message.caption,
        photo_ref=message.photo[-1].file_id if message.photo else None,
        location=(message.location.latitude, message.location.longitude)
        if message.location
        else None,
        # PTB's full_name is None when first_name is empty: a name is not needed to be heard.
        display_name=message.from_user.full_name or "",
        unsupported=_unsupported_kind(message),
        edits=original if edited else None,
    )


def button_of(chat_id: int, message_id: int, user_id: int) -> str:
    """The bot message a button was tapped on, as the core checks it against its records:
    the message id in the tapper's own chat; a message of another chat (a forged query)
    gets a reference that names no message sent to the tapper."""
    return str(message_id) if chat_id == user_id else f"{chat_id}:{message_id}"


def _unsupported_kind(message: Message) -> str | None:
    for attribute, kind in _UNSUPPORTED.items():
        if getattr(message, attribute, None):
            return kind
    if not (message.text or message.caption or message.photo or message.location):
        return "other"
    return None


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Reply buttons as an inline keyboard."""
    if not reply.buttons:
        return None
    rows = [
        [InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in reply.buttons
    ]
    return InlineKeyboardMarkup(rows)


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut a long text at line breaks into pieces Telegram accepts."""
    return split_lines(text, limit)


async def send_reply(bot: Bot, chat_id: int, reply: Reply) -> str | None:
    """Send (or edit) one reply with what Telegram offers; the id of the message that
    carries its buttons (None without buttons)."""
    markup = keyboard(reply)
    if reply.edit_of is not None:
        try:
            await bot.edit_message_text(
                reply.text, chat_id=chat_id, message_id=int(reply.edit_of), reply_markup=markup
            )
        except BadRequest as exc:
            # Telegram refuses an edit that changes nothing; the person already sees the text.
            if "not modified" not in exc.message.lower():
                raise
        return reply.edit_of if markup else None
    if reply.document is not None:
        document = InputFile(reply.document.content, filename=reply.document.filename)
        sent = await bot.send_document(
            chat_id, document, caption=reply.text[:1024], reply_markup=markup
        )
    elif reply.photo is not None:
        photo = InputFile(reply.photo.content, filename=reply.photo.filename)
        sent = await bot.send_photo(chat_id, photo, caption=reply.text[:1024], reply_markup=markup)
    else:
        pieces = split_text(reply.text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            message_id = await send_text(bot, chat_id, piece, markup if last else None)
        return str(message_id) if markup else None
    return str(sent.message_id) if markup else None


# do_api_request's reminder that a method of its own exists: we chose it on purpose.
warnings.filterwarnings(
    "ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning
)


async def send_text(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> int:
    """sendMessage, reading only the sent message's id from Telegram's answer.

    `bot.send_message` turns the answer into a full `Message` (the chat, the sender, the
    keyboard, every entity): most of what a reply costs PTB, for one number we keep. PTB's
    public `do_api_request` sends the same request through the same rate limiter and error
    mapping (a 403 is still `Forbidden`, a 429 `RetryAfter`) and returns the raw result; it
    would only remind us, once, that `send_message` exists (silenced below)."""
    kwargs: dict[str, object] = {"chat_id": chat_id, "text": text}
    if markup is not None:
        kwargs["reply_markup"] = markup
    result = await bot.do_api_request("sendMessage", api_kwargs=kwargs)
    return int(result["message_id"])
