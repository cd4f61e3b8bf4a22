"""The correction a button answers, if it is the tapper's and still open."""

from __future__ import annotations

from typing import Literal

from handlers.context import Ctx
from handlers.contract import Reply
from messages.commands import read_id
from storage import corrections


async def open_correction(
    ctx: Ctx, ref: str, entity: Literal["harvest", "diary"]
) -> corrections.Correction | Reply:
    """The open correction `ref` names, asked by the person tapping; else what to say."""
    correction_id = read_id(ref)
    found = await corrections.get(ctx.tx, correction_id) if correction_id is not None else None
    if found is None or found.entity != entity or ctx.member is None or (
            found.asked_by != ctx.member.id):
        return Reply(text=ctx.texts("harvest.not_yours"))
    if found.status != "open":
        return Reply(text=ctx.texts("harvest.settled"))
    return found
