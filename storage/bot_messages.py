"""The bot's messages with buttons, by recipient: whose a tapped message is."""

from __future__ import annotations

from collections.abc import Sequence

from storage.db import Tx


async def record(tx: Tx, sent: Sequence[tuple[str, str, str]]) -> None:
    """Note messages the bot sent, (channel, user_ref, message_ref) each."""
    await tx.execute_many(
        "INSERT INTO bot_messages (channel, user_ref, message_ref) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        sent,
    )


async def sent_to(tx: Tx, channel: str, user_ref: str, message_ref: str) -> bool:
    """Whether the bot sent this message to this person."""
    found = await tx.value(
        "SELECT 1 FROM bot_messages WHERE channel = ? AND user_ref = ? AND message_ref = ?",
        (channel, user_ref, message_ref),
    )
    return found is not None
