"""Small talk: a short, natural answer to "cảm ơn", "ok", "chào bot", and the right command
for "bao giờ tập huấn" (/taphuan), "hướng dẫn" (/help) or "hôm nay ai chưa báo" (/chuabao)."""

from __future__ import annotations

from handlers import profile, reports, trainings
from handlers.context import Ctx
from handlers.contract import Reply
from messages.intent import Talk


async def on_talk(ctx: Ctx, topic: Talk) -> list[Reply]:
    """Answer small talk; trainings and help are answered by their commands."""
    assert ctx.member is not None
    if topic == "training":
        return await trainings.on_training(ctx, "")
    if topic == "help":
        return await profile.on_help(ctx, "")
    if topic == "missing":
        if ctx.member.role != "manager":
            return [Reply(text=ctx.texts("access.managers_only", command="chuabao"))]
        return await reports.on_missing(ctx, "")
    name = ctx.member.display_name.split()[-1] if ctx.member.display_name.split() else ""
    return [Reply(text=ctx.texts(f"talk.{topic}", name=name))]
