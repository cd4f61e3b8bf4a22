"""Reading a polled batch so that no single update can block the others.

python-telegram-bot parses a whole getUpdates answer at once: one update it cannot parse
fails the batch, which is never confirmed and comes back forever. Here such a batch is
parsed update by update; an update that cannot be parsed, or turned into an `Incoming`,
becomes an *unreadable* `Incoming` carrying the reason, which the core stores, answers
(when a private chat is known) and confirms with the rest.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.ext import ExtBot

from bot.channels.telegram.adapter import to_incoming
from handlers.contract import Incoming

log = logging.getLogger(__name__)


def _not_the_batch_parse(record: logging.LogRecord) -> bool:
    """PTB logs a batch it cannot parse as CRITICAL, with the whole batch: the channel reads
    such a batch itself and logs each unreadable update (a warning), so this is noise."""
    return not str(record.msg).startswith("Error while parsing updates!")


for _bot_class in (Bot, ExtBot):
    _bot_class._LOGGER.addFilter(_not_the_batch_parse)


@dataclass
class Read:
    """One polled update: PTB's object (a bare one if PTB could not parse it), what the core
    gets (None: not for the core, e.g. a group chat), and the JSON as Telegram sent it."""

    update: Update
    incoming: Incoming | None
    payload: dict[str, Any]
    query_id: str | None = None  # a callback query to answer, even if unreadable


def read_batch(
    updates: tuple[Update, ...] | None, kept: dict[int, dict[str, Any]], bot: Bot
) -> list[Read]:
    """Every update of a batch, in order. `updates` is None when PTB could not parse the
    batch: then each update of `kept` (Telegram's JSON) is parsed on its own."""
    if updates is not None:
        return [read_update(u, kept.get(u.update_id)) for u in updates]
    reads = []
    for update_id, raw in sorted(kept.items()):
        try:
            update = Update.de_json(dict(raw), bot)
        except Exception as exc:
            incoming = unreadable(raw, update_id, f"{type(exc).__name__}: {exc}")
            payload = {"unparsed": _ascii(raw)}
            reads.append(Read(Update(update_id), incoming, payload, callback_id(raw)))
            continue
        reads.append(read_update(update, raw))
    return reads


def read_update(update: Update, raw: dict[str, Any] | None = None) -> Read:
    """One parsed update (`raw`: its JSON as Telegram sent it, if kept)."""
    query = update.callback_query.id if update.callback_query is not None else None
    try:
        incoming = to_incoming(update)
        if incoming is not None:
            _check_storable(incoming)
    except Exception as exc:
        raw = raw or update.to_dict()
        reason = f"{type(exc).__name__}: {exc}"
        incoming = unreadable(raw, update.update_id, reason)
        return Read(update, incoming, {"unread": _ascii(raw)}, query)
    return Read(update, incoming, raw or update.to_dict(), query)


def _check_storable(incoming: Incoming) -> None:
    """Raise if the inbox could not write this message: text from a client is UTF-16 and
    may hold a lone surrogate, which UTF-8 cannot encode (the only field types that may)."""
    for value in (incoming.text, incoming.display_name, incoming.button, incoming.photo_ref):
        if value and not value.isascii():
            value.encode()


def unreadable(raw: dict[str, Any], update_id: int, reason: str) -> Incoming:
    """The core's view of an update it cannot use: who to answer (if known) and why."""
    log.warning("telegram update %s cannot be read: %s", update_id, reason)
    chat = private_chat(raw)
    return Incoming(
        channel="telegram",
        user_ref=str(chat) if chat is not None else "",
        message_ref=f"update:{update_id}",
        sent_at=datetime.now(UTC),
        unreadable=reason.encode("utf-8", "replace").decode()[:500],
    )


def private_chat(raw: dict[str, Any]) -> int | None:
    """The private chat an update came from, read from its JSON as far as it goes."""
    for kind in ("message", "edited_message"):
        message = raw.get(kind)
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and chat.get("type") == ChatType.PRIVATE:
            return _id(chat.get("id"))
    query = raw.get("callback_query")
    sender = query.get("from") if isinstance(query, dict) else None
    return _id(sender.get("id")) if isinstance(sender, dict) else None


def callback_id(raw: dict[str, Any]) -> str | None:
    """The id of a callback query in an update's JSON, to answer it even if unreadable."""
    query = raw.get("callback_query")
    found = query.get("id") if isinstance(query, dict) else None
    return found if isinstance(found, str) and found else None


def _id(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _ascii(raw: dict[str, Any]) -> str:
    """The JSON of an update as ASCII text: storable whatever it holds (lone surrogates)."""
    return json.dumps(raw, ensure_ascii=True, default=str)
