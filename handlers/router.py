"""Decide which feature answers an incoming message."""

from __future__ import annotations

from datetime import timedelta

from handlers import (
    diary,
    diary_fix,
    fix_pick,
    harvest,
    harvest_fix,
    harvest_proxy,
    join,
    last_entry,
    plots,
    prices,
    reports,
    talk,
    training_form,
)
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.registry import BUTTONS, BY_NAME, COMMANDS, MANAGERS, ORGANISERS
from messages.commands import SLASHES, guess_command, invite_code, parse_command
from messages.intent import Intent, classify
from messages.people import for_self
from storage import bot_messages, invites, state

# A question the bot asked is answered within minutes; after that, a message is new talk,
# so a forgotten "send the correction" can never swallow tomorrow's harvest report.
STATE_TTL = timedelta(minutes=15)
# Channels whose buttons are numbered options the channel itself just showed this person
# (the terminal): there is no platform message a tap could name, so none to check.
SELF_RENDERED = frozenset({"console"})


async def route(ctx: Ctx) -> list[Reply]:
    """Answer one message: buttons and commands by the tables, codes by joining, then text."""
    incoming, texts = ctx.incoming, ctx.texts
    if incoming.button is not None:
        return await _button(ctx, incoming.button)
    if incoming.text and incoming.text.lstrip().startswith(SLASHES):
        answer = await _command(ctx)
        if answer is not None:
            return answer
    code = invite_code(incoming.text)
    # A stranger's code-shaped message is an attempt to join; a member's only when the code
    # exists, so that a short quick message is never mistaken for a code.
    if code is not None and (ctx.member is None or await invites.get_invite(ctx.tx, code)):
        return await join.join_with_code(ctx, code)
    if ctx.member is None:
        return [Reply(text=texts("welcome.stranger"))]
    if not incoming.text and ctx.member.cooperative_id is not None:
        if incoming.photo_ref:  # a photo alone joins the entry the member just made
            return await diary.on_photo(ctx)
        if incoming.location:
            return await plots.on_location(ctx)
    if not incoming.text:
        return [_unsupported(ctx)]
    answer = await _text(ctx)
    if answer is not None:
        return answer
    if ctx.member.cooperative_id is not None:
        example = texts("harvest.example")
        return [Reply(text=texts("harvest.not_understood", example=example))]
    return [Reply(text=texts("not_understood"))]


async def _command(ctx: Ctx) -> list[Reply] | None:
    """A slash command, by the table; typed wrong, the command it leads to or a suggestion
    (`messages.commands.guess_command`). None: no command after all ("/ 30kg chè")."""
    text, texts = ctx.incoming.text, ctx.texts
    command = parse_command(text)
    if command is not None and command.name in BY_NAME and command.args:
        # "/huy bo", "/sua lai": the command's own name in two words, with no arguments
        guess = guess_command(text, _usable(ctx))
        if guess is not None and guess.command is not None and not guess.command.args \
                and guess.command.name == command.name:
            command = guess.command
    if command is None or command.name not in BY_NAME:
        guess = guess_command(text, _usable(ctx))
        if guess is not None and guess.command is not None:
            command = guess.command  # "/today", "/hôm nay": that command
        elif command is None and guess is None:
            return None
        elif ctx.member is None:
            return [Reply(text=texts("welcome.stranger"))]
        else:
            typed = command.name if command else (text or "").strip()[1:33]
            if guess is not None and guess.suggestion is not None:
                return [Reply(text=texts("command.did_you_mean", command=typed,
                                         suggestion=guess.suggestion))]
            return [Reply(text=texts("unknown_command", command=typed))]
    spec = BY_NAME[command.name]
    refusal = _refusal(ctx, spec.roles, command.name)
    if refusal is not None:
        return [refusal]
    return await spec.handler(ctx, command.args)


def _usable(ctx: Ctx) -> list[str]:
    """The commands this person may use: the only ones a mistyped name is guessed as."""
    role = ctx.member.role if ctx.member is not None else None
    return [spec.name for spec in COMMANDS if not spec.roles or role in spec.roles]


def joins(text: str | None) -> bool:
    """Whether a message may change who the sender is (a /start or an invite code)."""
    command = parse_command(text)
    return (command is not None and command.name == "start") or invite_code(text) is not None


def _refusal(ctx: Ctx, roles: frozenset[str], name: str) -> Reply | None:
    if not roles:
        return None
    if ctx.member is None:
        return Reply(text=ctx.texts("welcome.stranger"))
    if ctx.member.role not in roles:
        key = {MANAGERS: "access.managers_only", ORGANISERS: "access.organisers_only"}.get(
            roles, "access.members_only"
        )
        return Reply(text=ctx.texts(key, command=name))
    return None


async def _button(ctx: Ctx, data: str) -> list[Reply]:
    handler, roles = BUTTONS.get(data.split(":", 1)[0], (None, frozenset()))
    if ctx.member is None:
        return [Reply(text=ctx.texts("welcome.stranger"))]
    if not await _on_own_message(ctx):
        return [Reply(text=ctx.texts("button.not_yours"))]
    if handler is None or ctx.member.role not in roles:
        return [Reply(text=ctx.texts("harvest.settled"))]
    return await handler(ctx, data)


async def _on_own_message(ctx: Ctx) -> bool:
    """Whether the tapped button sits on a message the bot sent to the person who tapped,
    by our own records: a forged tap may name anyone's message."""
    incoming = ctx.incoming
    if incoming.button_of is None:
        return incoming.channel in SELF_RENDERED
    return await bot_messages.sent_to(
        ctx.tx, incoming.channel, incoming.user_ref, incoming.button_of
    )


def _unsupported(ctx: Ctx) -> Reply:
    incoming = ctx.incoming
    kind = incoming.unsupported or ("photo" if incoming.photo_ref else None)
    kind = kind or ("location" if incoming.location else "other")
    key = f"unsupported.{kind}"
    shown = ctx.texts(key if ctx.texts.has(key) else "unsupported.other")
    return Reply(text=ctx.texts("unsupported", kind=shown))


async def _text(ctx: Ctx) -> list[Reply] | None:
    """A joined person's plain text: a pending conversation, an edit, or what `classify`
    reads the whole message as."""
    assert ctx.member is not None
    incoming = ctx.incoming
    if incoming.edits is not None:
        if ctx.member.cooperative_id is None:
            return None
        return await diary_fix.on_edit(ctx) or await harvest_fix.on_edit(ctx)
    pending = await state.get_state(ctx.tx, incoming.channel, incoming.user_ref)
    ttl = diary.INTERVAL_TTL if pending is not None and pending.kind == diary.INTERVAL_STATE \
        else STATE_TTL
    if pending is not None and ctx.now - pending.updated_at > ttl:
        await state.clear_state(ctx.tx, incoming.channel, incoming.user_ref)
        pending = None
    if pending is not None and pending.kind == training_form.FORM_STATE:
        return await training_form.on_text(ctx, pending.data)
    if pending is not None and pending.kind == diary.INTERVAL_STATE and ctx.member.cooperative_id:
        # "14", "7 ngày", "không biết" answer the interval question; other text reads as usual
        answer = await diary.on_interval_text(ctx, pending.data["id"])
        if answer is not None:
            return answer
    intent = classify(incoming.text or "", ctx.now.date())
    if intent.kind == "price_question" or (intent.kind == "price" and ctx.member.role == "staff"):
        # "giá chè bao nhiêu": prices, not the intake; staff's "giá chè 30k": prices, not set
        return await prices.on_price_text(ctx)
    if intent.kind == "question" or (intent.kind == "period" and not ctx.member.cooperative_id):
        return await reports.on_question(ctx)
    if ctx.member.cooperative_id is None:
        return await talk.on_talk(ctx, intent.talk) if intent.talk else None
    if (pending is not None and pending.kind == fix_pick.PICK_STATE
            and intent.kind in ("harvest", "diary", "proxy")):  # a correction's text
        return await last_entry.on_text(ctx, pending.data)
    fixed = None  # a fix prompt's entry cancelled since: the text is a new message
    if pending is not None and pending.kind == diary_fix.FIX_STATE:
        fixed = await diary_fix.on_fix_text(ctx, pending.data["id"])
    if pending is not None and pending.kind == harvest_fix.FIX_STATE:
        fixed = await harvest_fix.on_fix_text(ctx, pending.data["ids"])
    if fixed is not None:
        return fixed
    if pending is not None and pending.kind == harvest_proxy.MEMBER_STATE:
        return await harvest_proxy.on_member_text(ctx, pending.data["member_id"])
    return await _by_intent(ctx, intent)


async def _by_intent(ctx: Ctx, intent: Intent) -> list[Reply] | None:
    assert ctx.member is not None
    if intent.kind == "talk" and intent.talk is not None:
        return await talk.on_talk(ctx, intent.talk)
    if intent.kind == "period":  # "hôm kia" on its own, once no pending answer takes it
        return await reports.on_question(ctx)
    if intent.kind == "price":
        return await prices.on_price_text(ctx)
    if intent.kind == "diary":
        answer = await diary.on_text(ctx)
        if answer is not None:
            return answer
    if intent.kind == "money" and intent.money is not None:
        return await prices.on_money_text(ctx, intent.money)
    if intent.kind == "proxy":
        if ctx.member.role != "manager" and for_self(ctx.incoming.text, ctx.member.display_name):
            return await harvest.on_text(ctx)  # "ghi giúp em chè 30kg": their own
        if ctx.member.role != "manager":
            return [Reply(text=ctx.texts("proxy.managers_only"))]
        return await harvest_proxy.on_text(ctx)
    if ctx.member.role == "manager":  # "Lan 30kg chè": Lan's delivery, or the manager's?
        asked = await harvest_proxy.name_first(ctx)
        if asked is not None:
            return asked
    return await harvest.on_text(ctx)
