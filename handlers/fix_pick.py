"""A correction's text waiting for the entry it is meant for.

When /sua cannot tell which entry a correction is for (the latest was changed already, is
older than the window, or the text names another product than the latest entry), the person
gets their recent entries as buttons, and the text they typed waits here: tapping an entry
applies it, with nothing to type again. A bare /sua's list waits for text too: text sent
before a tap is kept and the list is shown again, so it never becomes a second entry.
Only the entries offered take the text (a ✏️ Sửa on an older reply asks as usual).
"""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Reply
from storage import state

PICK_STATE = "fix_pick"


async def offer(ctx: Ctx, text: str, offered: list[str]) -> None:
    """Keep `text` (may be empty) for the entries offered ("hv:<id>", "dy:<id>")."""
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, PICK_STATE,
                          {"text": text, "offered": offered}, ctx.now)


async def take(ctx: Ctx, ref: str) -> str | None:
    """The text waiting for the entry `ref` ("hv:<id>", "dy:<id>") tapped in the list; None
    when no text waits for it. The waiting list is closed either way."""
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    if pending is None or pending.kind != PICK_STATE:
        return None
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    text = str(pending.data.get("text") or "").strip()
    return text if text and ref in pending.data.get("offered", []) else None


async def drop(ctx: Ctx) -> Reply:
    """hv:fixnone, "✖ Không sửa" under the list: nothing changes; a text that waited is said
    to be not recorded (it may have been a new entry: send it again)."""
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    text = ""
    if pending is not None and pending.kind == PICK_STATE:
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
        text = str(pending.data.get("text") or "").strip()
    key = "fix.pick_none_text" if text else "fix.pick_none"
    return Reply(text=ctx.texts(key, text=text), edit_of=ctx.incoming.button_of)
