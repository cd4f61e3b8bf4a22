"""Trainings (tập huấn): create and announce them, answer them, count the answers, remind.

The notice goes out through the outbox at once with `Tham gia` / `Không tham gia` buttons;
reminders a day and two hours before go to everyone invited who did not decline (members
who turned announcements off get them only for a training they accepted).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers import outbox as announcements
from handlers import training_form as form
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.orgs import member_org_name, org_name
from handlers.training_notice import audience_of, notice_text, training_fields, when_text
from messages.commands import read_id
from messages.i18n import Texts
from messages.trainings import parse_training_command
from storage import state, trainings
from storage.db import Database
from storage.models import Member
from storage.outbox import Announcement
from storage.trainings import Answer, Training

ORGANISERS = frozenset({"manager", "staff"})
RECENT = timedelta(days=1)  # the list shows trainings that started up to a day ago


async def on_training(ctx: Ctx, args: str) -> list[Reply]:
    """/taphuan: list; /taphuan moi [form]: create (organisers); /taphuan 3: one, with answers."""
    member = ctx.member
    assert member is not None
    command = parse_training_command(args)
    if command.action == "new":
        if member.role not in ORGANISERS:
            return [Reply(text=ctx.texts("access.organisers_only", command="taphuan moi"))]
        return await form.start(ctx, command.form)
    if command.action == "show" and command.training_id is None:
        return [Reply(text=ctx.texts("training.bad_id"))]
    if command.action == "show" and command.training_id is not None:
        return [await _show(ctx, member, command.training_id)]
    return [await _list(ctx, member)]


def _mine(member: Member, training: Training) -> bool:
    """Whether a member organises for the training's cooperative or alliance."""
    if member.role == "staff":
        return training.alliance_id is not None and training.alliance_id == member.alliance_id
    return member.role == "manager" and training.cooperative_id == member.cooperative_id


async def _list(ctx: Ctx, member: Member) -> Reply:
    since = ctx.now - RECENT
    lines: list[str] = []
    first: int | None = None  # the number the example names: one the person can open
    if member.role in ORGANISERS:
        for t in await trainings.organised_by(ctx.tx, cooperative_id=member.cooperative_id,
                                              alliance_id=member.alliance_id, since=since):
            counts = _counts(await trainings.invitees(ctx.tx, t.id))
            first = first or t.id
            lines.append(ctx.texts("training.list.organiser", id=t.id, title=t.title,
                                   when=when_text(ctx.texts, t.starts_at, ctx.config.timezone),
                                   **counts))
    invited = await trainings.invited_to(ctx.tx, member.id, since)
    for t, said in invited:
        first = first or t.id
        lines.append(ctx.texts("training.list.member", id=t.id, title=t.title,
                               when=when_text(ctx.texts, t.starts_at, ctx.config.timezone),
                               answer=ctx.texts(f"training.answer.{said or 'none'}")))
    if not lines:
        key = "training.none_organiser" if member.role in ORGANISERS else "training.none"
        return Reply(text=ctx.texts(key))
    return Reply(text=ctx.texts("training.list", lines="\n".join(lines), first=first))


def _counts(people: list[trainings.Invitee]) -> dict[str, int]:
    yes = sum(p.answer == "yes" for p in people)
    no = sum(p.answer == "no" for p in people)
    return {"yes": yes, "no": no, "waiting": len(people) - yes - no, "total": len(people)}


async def _show(ctx: Ctx, member: Member, training_id: int) -> Reply:
    training = await trainings.get_training(ctx.tx, training_id)
    invited = training is not None and await trainings.is_invited(ctx.tx, training.id, member.id)
    if training is None or not (_mine(member, training) or invited):
        return Reply(text=ctx.texts("training.not_found", id=training_id))
    org = await org_name(ctx.tx, training.cooperative_id, training.alliance_id)
    text = notice_text(ctx.texts, training.model_dump(), org, ctx.config.timezone)
    people = await trainings.invitees(ctx.tx, training.id)
    if _mine(member, training):
        yes = ", ".join(p.name for p in people if p.answer == "yes") or "–"
        no = ", ".join(p.name for p in people if p.answer == "no") or "–"
        text += "\n\n" + ctx.texts("training.answers", yes_names=yes, no_names=no,
                                   **_counts(people))
        return Reply(text=text)
    mine = next((p.answer for p in people if p.member_id == member.id), None)
    text += "\n\n" + ctx.texts(f"training.answer.{mine or 'none'}")
    return Reply(text=text, buttons=rsvp_buttons(ctx.texts, training.id))


def rsvp_buttons(texts: Texts, training_id: int) -> list[list[Button]]:
    """Tham gia / Không tham gia."""
    return [[Button(label=texts("training.button.yes"), data=f"rsvp:yes:{training_id}"),
             Button(label=texts("training.button.no"), data=f"rsvp:no:{training_id}")]]


async def on_create_button(ctx: Ctx, data: str) -> list[Reply]:
    """th:create writes the training, invites its audience and queues the notice; th:cancel."""
    member = ctx.member
    assert member is not None
    channel, user = ctx.incoming.channel, ctx.incoming.user_ref
    draft = await state.get_state(ctx.tx, channel, user)
    if draft is None or draft.kind != form.DRAFT_STATE:
        return [Reply(text=ctx.texts("training.expired"), edit_of=ctx.incoming.button_of)]
    await state.clear_state(ctx.tx, channel, user)
    if data != "th:create":
        return [Reply(text=ctx.texts("training.cancelled"), edit_of=ctx.incoming.button_of)]
    fields = draft.data["fields"]
    view = form.draft_view(fields)
    if view["starts_at"] <= ctx.now:
        return [Reply(text=ctx.texts("training.bad.past_day", text=fields["starts_at"][:16]))]
    coops, products = await form.resolve_audience(ctx, fields)
    training = await trainings.create_training(
        ctx.tx, title=view["title"], starts_at=view["starts_at"], place=view["place"],
        description=view["description"], organiser_id=member.id,
        audience={"cooperatives": coops, "products": fields.get("products", [])},
        now=ctx.now, **form.organiser_of(member),
    )
    people = await audience_of(ctx, member, coops, products)
    notice = notice_text(ctx.texts, view, await member_org_name(ctx.tx, member),
                         ctx.config.timezone)
    buttons = [[b.model_dump() for b in row] for row in rsvp_buttons(ctx.texts, training.id)]
    org = await member_org_name(ctx.tx, member)
    queued = await announcements.enqueue(ctx.tx, "broadcast", notice, people, ctx.now,
                                         sender=member, progress_to=(channel, user),
                                         buttons=buttons, template_kind="training",
                                         fields=training_fields(view, org, ctx.config.timezone))
    await trainings.invite(ctx.tx, training.id, people, queued.id)
    for label, due in form.reminder_times(training.starts_at).items():
        await trainings.add_reminder(ctx.tx, training.id, label, due, skipped=due <= ctx.now)
    await state.audit(ctx.tx, ctx.now, member.id, "create", "training", training.id,
                      after={"title": training.title, "invited": len(people)})
    return [Reply(text=ctx.texts("training.created", id=training.id, count=len(people)),
                  edit_of=ctx.incoming.button_of)]


async def on_rsvp_button(ctx: Ctx, data: str) -> list[Reply]:
    """rsvp:yes:<id> / rsvp:no:<id>: a member's answer (the latest one counts)."""
    member = ctx.member
    assert member is not None
    _, said, ref = [*data.split(":"), "", ""][:3]
    training_id = read_id(ref)
    training = await trainings.get_training(ctx.tx, training_id) if training_id else None
    if training is None or said not in ("yes", "no") or not await trainings.is_invited(
        ctx.tx, training.id, member.id
    ):
        return [Reply(text=ctx.texts("training.not_invited"))]
    if training.starts_at <= ctx.now:
        return [Reply(text=ctx.texts("training.started", title=training.title))]
    answer: Answer = "yes" if said == "yes" else "no"
    before = await trainings.answer(ctx.tx, training.id, member.id, answer, ctx.now)
    await state.audit(ctx.tx, ctx.now, member.id, "rsvp", "training", training.id,
                      before={"answer": before}, after={"answer": said})
    when = when_text(ctx.texts, training.starts_at, ctx.config.timezone)
    return [Reply(text=ctx.texts(f"training.rsvp.{said}", title=training.title, when=when,
                                 place=training.place))]


async def send_due_reminders(
    db: Database, texts: Texts, now: datetime, zone: ZoneInfo
) -> list[Announcement]:
    """Queue the reminders whose time has come, each once; return what was queued."""
    async with db.transaction() as tx:
        due = await trainings.due_reminders(tx, now)
    queued = []
    for training, label in due:
        async with db.transaction() as tx:
            people = await trainings.reminder_audience(tx, training.id)
            if not await trainings.claim_reminder(tx, training.id, label, skipped=not people):
                continue
            if not people:
                continue
            org = await org_name(tx, training.cooperative_id, training.alliance_id)
            text = texts(f"training.reminder.{label}") + "\n" + notice_text(
                texts, training.model_dump(), org, zone)
            buttons = [[b.model_dump() for b in row] for row in rsvp_buttons(texts, training.id)]
            made = await announcements.enqueue(
                tx, "reminder", text, people, now, buttons=buttons,
                fields=training_fields(training.model_dump(), org, zone))
            await trainings.set_reminder_announcement(tx, training.id, label, made.id)
        queued.append(made)
    return queued
