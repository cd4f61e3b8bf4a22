"""Decide which feature answers an incoming message."""

from __future__ import annotations

from handlers import join
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.registry import BY_NAME, MANAGERS
from messages.commands import invite_code, parse_command
from storage import invites


async def route(ctx: Ctx) -> list[Reply]:
    """Answer one message: commands by the table, codes by joining, the rest by content."""
    incoming, texts = ctx.incoming, ctx.texts
    command = parse_command(incoming.text)
    if command is not None:
        spec = BY_NAME.get(command.name)
        if spec is None:
            if ctx.member is None:
                return [Reply(text=texts("welcome.stranger"))]
            return [Reply(text=texts("unknown_command", command=command.name))]
        if spec.roles and ctx.member is None:
            return [Reply(text=texts("welcome.stranger"))]
        if spec.roles and ctx.member is not None and ctx.member.role not in spec.roles:
            key = "access.managers_only" if spec.roles == MANAGERS else "access.members_only"
            return [Reply(text=texts(key, command=command.name))]
        return await spec.handler(ctx, command.args)
    code = invite_code(incoming.text)
    # A stranger's code-shaped message is an attempt to join; a member's only when the code
    # exists, so that a short quick message is never mistaken for a code.
    if code is not None and (ctx.member is None or await invites.get_invite(ctx.tx, code)):
        return await join.join_with_code(ctx, code)
    if ctx.member is None:
        return [Reply(text=texts("welcome.stranger"))]
    if incoming.unsupported is not None:
        key = f"unsupported.{incoming.unsupported}"
        kind = texts(key if texts.has(key) else "unsupported.other")
        return [Reply(text=texts("unsupported", kind=kind))]
    return [Reply(text=texts("not_understood"))]
