"""How often a person may try an invite code: a few wrong codes, then a pause.

Codes are 6 characters of a 27-letter alphabet (storage.invites): 27**6 = 387,420,489. At
most WRONG_CODES wrong codes in any WINDOW (5 in 15 minutes: 20 an hour) keeps one account
far from guessing one (the README has the arithmetic). A person who reaches the limit is
told until when to wait; codes tried meanwhile are not even looked up, so a guess during
the pause learns nothing, and does not count either, so a farmer who retries is not held
longer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.context import Ctx
from handlers.contract import Reply
from storage import join_attempts

WRONG_CODES = 5
WINDOW = timedelta(minutes=15)


async def pause(ctx: Ctx) -> Reply | None:
    """The answer while this person must wait before trying a code again, else None."""
    until = await _paused_until(ctx)
    if until is None:
        return None
    local = until.astimezone(ctx.config.timezone)
    when = f"{local.hour:02d}:{local.minute:02d}"
    return Reply(text=ctx.texts("join.paused", count=WRONG_CODES, time=when))


async def note_wrong(ctx: Ctx) -> None:
    """Count a wrong (unknown, expired, revoked or used-up) code against this person."""
    incoming = ctx.incoming
    await join_attempts.note_wrong(
        ctx.tx, incoming.channel, incoming.user_ref, ctx.now, ctx.now - WINDOW
    )


async def _paused_until(ctx: Ctx) -> datetime | None:
    incoming = ctx.incoming
    tries = await join_attempts.wrong_since(
        ctx.tx, incoming.channel, incoming.user_ref, ctx.now - WINDOW
    )
    if len(tries) < WRONG_CODES:
        return None
    # Free again once the oldest of the last WRONG_CODES tries leaves the window, rounded
    # up to the minute the sentence names.
    until = tries[-WRONG_CODES] + WINDOW
    minute = until.replace(second=0, microsecond=0)
    return minute if minute == until else minute + timedelta(minutes=1)
