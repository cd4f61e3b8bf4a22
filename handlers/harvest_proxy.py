"""A manager records intake for a member: "ghi cho Lan 30kg chè", or /nhap then a choice."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.harvest import log_harvest, read
from handlers.harvest_correct import correct, entry_lines
from messages.commands import read_id
from messages.harvest import HarvestParse
from messages.people import named, on_behalf, without_name
from storage import members, state
from storage.models import Harvest, Member

PICK_STATE = "proxy_pick"  # "ghi cho Lan …" matched several members: which one?
MEMBER_STATE = "proxy_member"  # /nhap chose a member: the next message is their delivery
MAX_BUTTONS = 40


def _name(member: Member) -> str:
    return member.display_name


async def _people(ctx: Ctx) -> list[Member]:
    assert ctx.member is not None and ctx.member.cooperative_id is not None
    return [m for m in await members.list_members(ctx.tx, ctx.member.cooperative_id) if m.active]


async def _named(ctx: Ctx, name_words: list[str], rest: str
                 ) -> tuple[list[Member], str, str]:
    """The members the longest run of the words names, the harvest text, the name typed."""
    people = await _people(ctx)
    found: list[Member] = []
    for size in range(len(name_words), 0, -1):  # the longest run of words that names someone
        found = named(" ".join(name_words[:size]), people, _name)
        if found:
            rest = " ".join([*name_words[size:], rest]).strip()
            break
    return found, rest, " ".join(name_words)


async def correct_for(ctx: Ctx, entries: list[Harvest], text: str, whole: bool = False
                      ) -> list[Reply]:
    """A manager's correction of entries recorded for a member (an edited message, /sua,
    ✏️ Sửa): "ghi cho Lan 35kg chè" corrects them when it names the same member; naming
    another member changes nothing (the entry is not moved silently): the reply says how."""
    split = on_behalf(text)
    if split is None:  # /nhap then "chè 12kg": the edit is the harvest itself
        return await correct(ctx, entries, text, whole)
    found, rest, name = await _named(ctx, *split)
    if entries[0].member_id in [m.id for m in found]:  # the same member (or a namesake pair)
        return await correct(ctx, entries, rest, whole)
    owner = await members.get_member(ctx.tx, entries[0].member_id)
    return [Reply(text=ctx.texts("proxy.edit_other", name=name,
                                 owner=owner.display_name if owner else "?",
                                 lines=await entry_lines(ctx, entries)))]


async def on_text(ctx: Ctx, message_ref: str | None = None) -> list[Reply] | None:
    """Handle "ghi cho <name> <harvest>"; None when the text is not of that shape.
    `message_ref`: the message the entry is keyed on (an edit's: the message it edits)."""
    split = on_behalf(ctx.incoming.text)
    if split is None:
        return None
    ref = message_ref or ctx.incoming.message_ref
    found, rest, name = await _named(ctx, *split)
    if not found:
        return [Reply(text=ctx.texts("proxy.unknown_member", name=name))]
    if len(found) == 1:
        return await log_harvest(ctx, found[0], rest, ref, for_name=found[0].display_name)
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, PICK_STATE,
                          {"text": rest, "message_ref": ref}, ctx.now)
    buttons = [[Button(label=m.display_name, data=f"px:for:{m.id}")] for m in found[:MAX_BUTTONS]]
    return [Reply(text=ctx.texts("proxy.which_member", name=name), buttons=buttons)]


async def name_first(ctx: Ctx) -> list[Reply] | None:
    """A manager's "Lan 30kg chè": the delivery may be Lan's, not the manager's own. When
    the first words name another member and the rest reads as the same harvest without
    them, ask whose it is (that member, or the manager) instead of recording it for the
    manager; None when the message is not of that shape."""
    assert ctx.member is not None and ctx.incoming.text is not None
    words = ctx.incoming.text.split()
    if len(words) < 2 or any(ch.isdigit() for ch in words[0]):
        return None
    people = [m for m in await _people(ctx) if m.id != ctx.member.id]
    for size in (2, 1):  # "Thị Lan 30kg chè", "Lan 30kg chè"
        if len(words) <= size or any(ch.isdigit() for w in words[:size] for ch in w):
            continue
        found = named(" ".join(words[:size]), people, _name)
        if not found:
            continue
        rest = " ".join(words[size:])
        whole = await read(ctx, ctx.member, ctx.incoming.text)
        alone = await read(ctx, ctx.member, rest)
        # the name read as a person ("Lan 30kg chè" asks whose it is): its items as read
        person = [q.options[0] for q in whole.questions if q.reason == "other_person"]
        if not alone.items or [(i.product_id, i.amount, i.day) for i in
                               sorted([*whole.items, *person], key=lambda i: i.index)] != [
            (i.product_id, i.amount, i.day) for i in alone.items
        ]:
            return None  # the words are part of the reading ("Hoa hồi 2 tạ"), or no harvest
        return [await _ask_whose(ctx, found, " ".join(words[:size]), rest)]
    return None


async def _ask_whose(ctx: Ctx, found: list[Member], name: str, rest: str,
                     message_ref: str | None = None) -> Reply:
    """Whose delivery is `rest`: one of the members `name` names, or the manager's own.
    `message_ref`: the message the entry is keyed on (an edit's: the message it edits)."""
    assert ctx.member is not None
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, PICK_STATE,
                          {"text": rest, "message_ref": message_ref or ctx.incoming.message_ref},
                          ctx.now)
    buttons = [[Button(label=ctx.texts("proxy.for_member", name=m.display_name),
                       data=f"px:for:{m.id}")] for m in found[:MAX_BUTTONS]]
    buttons.append([Button(label=ctx.texts("proxy.for_self"), data=f"px:for:{ctx.member.id}")])
    return Reply(text=ctx.texts("proxy.whose", name=name, text=rest[:80]), buttons=buttons)


async def named_later(ctx: Ctx, parse: HarvestParse, text: str, message_ref: str
                      ) -> Reply | None:
    """A manager's "chè 30kg chị Lan", "quế 2 tạ Tư": the reader found a person's name
    (read only then: no member list for a plain "chè 30kg"). When it names members, ask
    whose delivery it is, as for a name typed first; None otherwise."""
    assert ctx.member is not None
    asked = [q for q in parse.questions if q.reason == "other_person"]
    if not asked or parse.items or len(asked) != len(parse.questions):
        return None
    name = asked[0].leftover
    found = named(name, [m for m in await _people(ctx) if m.id != ctx.member.id], _name)
    if not found:
        return None
    return await _ask_whose(ctx, found, name, without_name(text, name), message_ref)


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """px:for:<member id> (answer to "which member") and px:nhap:<member id> (/nhap)."""
    _, action, ref = [*data.split(":"), "", ""][:3]
    target_id = read_id(ref)
    target = await members.get_member(ctx.tx, target_id) if target_id is not None else None
    assert ctx.member is not None
    if target is None or target.cooperative_id != ctx.member.cooperative_id:
        return [Reply(text=ctx.texts("proxy.expired"))]
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    if action == "for":
        if pending is None or pending.kind != PICK_STATE:
            return [Reply(text=ctx.texts("proxy.expired"))]
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
        replies = await log_harvest(ctx, target, pending.data["text"],
                                    pending.data["message_ref"], for_name=target.display_name)
        return replies or [Reply(text=ctx.texts("not_understood"))]
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, MEMBER_STATE,
                          {"member_id": target.id}, ctx.now)
    return [Reply(text=ctx.texts("proxy.send_for", name=target.display_name))]


async def on_member_text(ctx: Ctx, member_id: int) -> list[Reply]:
    """The delivery typed after /nhap picked a member."""
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    target = await members.get_member(ctx.tx, member_id)
    if target is None:
        return [Reply(text=ctx.texts("proxy.expired"))]
    replies = await log_harvest(ctx, target, ctx.incoming.text or "", ctx.incoming.message_ref,
                                for_name=target.display_name)
    return replies or [Reply(text=ctx.texts("not_understood"))]


async def on_nhap(ctx: Ctx, args: str) -> list[Reply]:
    """/nhap [name]: choose a member to record a delivery for."""
    people = await _people(ctx)
    unknown = ""
    if args.strip():
        found = named(args, people, _name)
        if len(found) == 1:  # "/nhap Hoa": no one-button list to tap, the delivery next
            await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref,
                                  MEMBER_STATE, {"member_id": found[0].id}, ctx.now)
            return [Reply(text=ctx.texts("proxy.send_for", name=found[0].display_name))]
        if not found:  # say so, then everyone to pick from
            unknown = ctx.texts("proxy.nhap_unknown", name=args.strip()[:40]) + "\n"
        people = found or people
    if not people:
        return [Reply(text=ctx.texts("proxy.no_members"))]
    buttons = [[Button(label=m.display_name, data=f"px:nhap:{m.id}")] for m in people[:MAX_BUTTONS]]
    return [Reply(text=unknown + ctx.texts("proxy.pick_member"), buttons=buttons)]
