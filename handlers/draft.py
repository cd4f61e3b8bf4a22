"""The draft-and-confirm steps /thongbao and /canhbao share: check a text, keep it as a draft
in the conversation state, preview it (how many it reaches, by which app) with Gửi / Huỷ;
the send button queues it once, the cancel button drops it.

What differs between them is a `DraftKind`: its sentences, its state, its buttons, whether
it goes before everything else; and who it reaches, which the caller works out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers import outbox as announcements
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.orgs import member_org_name
from messages import format as fmt
from storage import state
from storage.models import Member

MAX_TEXT = 3500  # room for the header within Telegram's 4096 characters


@dataclass(frozen=True)
class DraftKind:
    """One kind of announcement drafted before it is sent."""

    texts: str  # the catalogue prefix of its sentences: "broadcast" -> broadcast.preview...
    state: str  # the conversation state that holds its draft
    button: str  # its buttons' data prefix: "tb" -> tb:send, tb:cancel
    audit: str  # the audit trail's action once queued
    urgent: bool = False  # queued before every other delivery

    def data(self, action: str) -> str:
        """A button's data: "tb:send"."""
        return f"{self.button}:{action}"


async def preview(
    ctx: Ctx, kind: DraftKind, text: str, people: list[int], **extra: str
) -> list[Reply]:
    """Refuse a text too long, nobody to reach, or a text that does not fit the ZNS template
    (before anything is queued); else keep the draft and show it with its buttons. `extra`
    fills the preview's own fields (a warning's count of opted-out members)."""
    assert ctx.member is not None
    if len(text) > MAX_TEXT:
        return [Reply(text=ctx.texts("broadcast.too_long", length=len(text), most=MAX_TEXT))]
    if not people:
        return [Reply(text=ctx.texts(f"{kind.texts}.nobody"))]
    org = await member_org_name(ctx.tx, ctx.member)
    body = ctx.texts(f"{kind.texts}.body", org=org, text=text)
    # Routed on every app (Telegram, Zalo, ZNS outside Zalo's window): a text that does not
    # fit the cooperative's ZNS template is refused here, before anything is queued.
    fields = {"htx": org, "noidung": text}
    routes, missed = await announcements.plan(ctx.tx, "broadcast", people, fields, ctx.now)
    if missed is not None:  # the sender can fix it
        return [Reply(text=announcements.misfit_text(ctx.texts, missed, routes))]
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, kind.state,
                          {"text": body, "fields": fields}, ctx.now)
    head = ctx.texts(f"{kind.texts}.preview", count=fmt.number(len(people), ctx.locale, 0),
                     body=body, **extra)
    return [Reply(
        text="\n".join([head, *announcements.route_lines(ctx.texts, routes)]),
        buttons=[[Button(label=ctx.texts(f"{kind.texts}.button.send"), data=kind.data("send")),
                  Button(label=ctx.texts("broadcast.button.cancel"),
                         data=kind.data("cancel"))]],
    )]


async def confirm(
    ctx: Ctx, kind: DraftKind, data: str, audience: Callable[[Member], Awaitable[list[int]]]
) -> list[Reply]:
    """The send button queues the draft (once: the draft goes with the first tap) for
    `audience(sender)`, read again now; the cancel button drops it."""
    sender = ctx.member
    assert sender is not None
    channel, user = ctx.incoming.channel, ctx.incoming.user_ref
    draft = await state.get_state(ctx.tx, channel, user)
    if draft is None or draft.kind != kind.state:
        return [Reply(text=ctx.texts(f"{kind.texts}.expired"), edit_of=ctx.incoming.button_of)]
    await state.clear_state(ctx.tx, channel, user)
    if data != kind.data("send"):
        return [Reply(text=ctx.texts(f"{kind.texts}.cancelled"),
                      edit_of=ctx.incoming.button_of)]
    queued = await announcements.enqueue(ctx.tx, "broadcast", draft.data["text"],
                                         await audience(sender), ctx.now, sender=sender,
                                         progress_to=(channel, user),
                                         fields=draft.data.get("fields"), urgent=kind.urgent)
    await state.audit(ctx.tx, ctx.now, sender.id, kind.audit, "announcement", queued.id,
                      after={"total": queued.total})
    count = fmt.number(queued.total, ctx.locale, 0)
    return [Reply(text=ctx.texts(f"{kind.texts}.queued", id=queued.id, count=count),
                  edit_of=ctx.incoming.button_of)]
