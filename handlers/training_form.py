"""Creating a training: the one-message form or a guided flow, then a preview to confirm.

Every step keeps its progress in the conversation state, so a half-filled form survives a
restart; nothing is written to the trainings table before the organiser taps "Tạo".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from handlers import outbox as announcements
from handlers.catalogue import entries
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.orgs import member_org_name
from handlers.training_notice import audience_of, notice_text, training_fields
from messages.fold import fold
from messages.products import match_product
from messages.trainings import MAX_TITLE, is_skip, means_all, read_when, split_names
from storage import orgs, state
from storage.models import Cooperative, Member

FORM_STATE = "training_form"
DRAFT_STATE = "training_draft"
STEPS = ("title", "when", "place", "description", "cooperatives", "products")


def local_now(ctx: Ctx) -> datetime:
    """The organiser's send time in the bot's time zone."""
    return ctx.incoming.sent_at.astimezone(ctx.config.timezone)


async def start(ctx: Ctx, form: list[str]) -> list[Reply]:
    """`/taphuan moi`: a form in one message, or the first question of the guided flow."""
    if not form:
        await _save(ctx, FORM_STATE, {"step": "title", "fields": {}})
        return [Reply(text=ctx.texts("training.ask.title"))]
    fields: dict[str, Any] = {}
    for step, value in zip(STEPS, form, strict=False):
        if step in ("description", "cooperatives", "products") and is_skip(value):
            continue
        problem = await _take(ctx, step, value, fields)
        if problem is not None:
            return [Reply(text=problem + "\n" + ctx.texts("training.form_example"))]
    for step, key in (("title", "title"), ("when", "starts_at"), ("place", "place")):
        if key not in fields:
            return [Reply(text=ctx.texts(f"training.missing.{step}") + "\n"
                          + ctx.texts("training.form_example"))]
    return await _preview(ctx, fields)


async def on_text(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """The organiser's answer to the current question of the guided flow."""
    step, fields = data["step"], data["fields"]
    text = (ctx.incoming.text or "").strip()
    if fold(text) in {"huy", "thoat", "/huy"}:
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
        return [Reply(text=ctx.texts("training.cancelled"))]
    optional = step in ("description", "cooperatives", "products")
    if not (optional and is_skip(text)):
        problem = await _take(ctx, step, text, fields)
        if problem is not None:
            return [Reply(text=problem)]  # the state stays: the same question again
    following = await _next_step(ctx, step)
    if following is None:
        return await _preview(ctx, fields)
    await _save(ctx, FORM_STATE, {"step": following, "fields": fields})
    return [Reply(text=await _question(ctx, following))]


async def _next_step(ctx: Ctx, step: str) -> str | None:
    assert ctx.member is not None
    for candidate in STEPS[STEPS.index(step) + 1:]:
        if candidate == "cooperatives" and ctx.member.role != "staff":
            continue  # a manager's training is for their own cooperative
        return candidate
    return None


async def _question(ctx: Ctx, step: str) -> str:
    if step != "cooperatives":
        return ctx.texts(f"training.ask.{step}")
    names = "\n".join(f"• {c.name}" for c in await _coops_of(ctx))
    return ctx.texts("training.ask.cooperatives", names=names)


async def _take(ctx: Ctx, step: str, value: str, fields: dict[str, Any]) -> str | None:
    """Check one part and store it in `fields`; the problem's text when it does not fit."""
    value = value.strip()
    if step == "title":
        if not value or len(value) > MAX_TITLE:
            return ctx.texts("training.bad.title", most=MAX_TITLE)
        fields["title"] = value
    elif step == "when":
        return _take_when(ctx, value, fields)
    elif step == "place":
        if not value or len(value) > 200:
            return ctx.texts("training.bad.place")
        fields["place"] = value
    elif step == "description":
        fields["description"] = value[:1000]
    elif step == "cooperatives":
        return await _take_cooperatives(ctx, value, fields)
    elif step == "products":
        return await _take_products(ctx, value, fields)
    return None


def _take_when(ctx: Ctx, value: str, fields: dict[str, Any]) -> str | None:
    now = local_now(ctx)
    when = read_when(value, now.date(), now.time())
    if when.problem is not None:
        return ctx.texts(f"training.bad.{when.problem}", text=value[:60])
    assert when.day is not None and when.at is not None
    starts = datetime.combine(when.day, when.at, ctx.config.timezone)
    if starts <= now:
        return ctx.texts("training.bad.past_day", text=value[:60])
    fields["starts_at"] = starts.isoformat()
    return None


async def _coops_of(ctx: Ctx) -> list[Cooperative]:
    assert ctx.member is not None
    if ctx.member.alliance_id is not None:
        return await orgs.list_cooperatives(ctx.tx, ctx.member.alliance_id)
    coop = await orgs.get_cooperative(ctx.tx, ctx.member.cooperative_id or 0)
    return [coop] if coop else []


async def _take_cooperatives(ctx: Ctx, value: str, fields: dict[str, Any]) -> str | None:
    coops = await _coops_of(ctx)
    if means_all(value):
        fields.pop("cooperatives", None)
        return None
    chosen = []
    for name in split_names(value):
        # a number or the exact name wins; else any name containing what was typed
        exact = [c for c in coops if str(c.id) == name.strip() or fold(c.name) == fold(name)]
        found = exact or [c for c in coops if fold(name) in fold(c.name)]
        if len(found) != 1:  # names alike: each with its number, which may be typed instead
            listed = ", ".join(ctx.texts("training.coop_numbered", name=c.name, id=c.id)
                               for c in coops)
            return ctx.texts("training.bad.cooperative", text=name[:60], names=listed)
        chosen.append(found[0].id)
    fields["cooperatives"] = sorted(set(chosen))
    return None


async def _take_products(ctx: Ctx, value: str, fields: dict[str, Any]) -> str | None:
    names = split_names(value)
    for name in names:
        if not await _product_ids(ctx, [name], await _target_coops(ctx, fields)):
            return ctx.texts("training.bad.product", text=name[:60])
    fields["products"] = names
    return None


async def _target_coops(ctx: Ctx, fields: dict[str, Any]) -> list[int]:
    if "cooperatives" in fields:
        return list(fields["cooperatives"])
    return [c.id for c in await _coops_of(ctx)]


async def _product_ids(ctx: Ctx, names: list[str], coop_ids: list[int]) -> list[int]:
    """The products these names mean in each cooperative's own catalogue."""
    ids: list[int] = []
    for coop_id in coop_ids:
        catalogue = await entries(ctx.tx, coop_id, ctx.now)
        for name in names:
            found = match_product(name, catalogue)
            ids += [p.id for p in found.products]
    return sorted(set(ids))


async def resolve_audience(ctx: Ctx, fields: dict[str, Any]) -> tuple[list[int], list[int] | None]:
    """(cooperative ids, product ids or None for every member) of a finished form."""
    coops = await _target_coops(ctx, fields)
    products = fields.get("products")
    return coops, (await _product_ids(ctx, products, coops) if products else None)


async def _preview(ctx: Ctx, fields: dict[str, Any]) -> list[Reply]:
    member = ctx.member
    assert member is not None
    coops, products = await resolve_audience(ctx, fields)
    people = await audience_of(ctx, member, coops, products)
    if not people:
        await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
        return [Reply(text=ctx.texts("training.nobody"))]
    org = await member_org_name(ctx.tx, member)
    named = training_fields(draft_view(fields), org, ctx.config.timezone)
    routes, missed = await announcements.plan(ctx.tx, "training", people, named, ctx.now)
    if missed is not None:  # the cooperative's ZNS template cannot carry this notice
        return [Reply(text=announcements.misfit_text(ctx.texts, missed, routes))]
    await _save(ctx, DRAFT_STATE, {"fields": fields})
    notice = notice_text(ctx.texts, draft_view(fields), org, ctx.config.timezone)
    text = "\n".join([ctx.texts("training.preview", count=len(people), notice=notice),
                      *announcements.route_lines(ctx.texts, routes)])
    buttons = [[Button(label=ctx.texts("training.button.create"), data="th:create"),
                Button(label=ctx.texts("training.button.cancel"), data="th:cancel")]]
    return [Reply(text=text, buttons=buttons)]


def draft_view(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "starts_at": datetime.fromisoformat(fields["starts_at"]),
            "description": fields.get("description", "")}


async def _save(ctx: Ctx, kind: str, data: dict[str, Any]) -> None:
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, kind, data,
                          ctx.now)


def reminder_times(starts_at: datetime) -> dict[str, datetime]:
    """The reminders of a training: a day before and two hours before."""
    return {"1d": starts_at - timedelta(days=1), "2h": starts_at - timedelta(hours=2)}


def organiser_of(member: Member) -> dict[str, int | None]:
    """Which organisation a training belongs to."""
    if member.role == "staff":
        return {"alliance_id": member.alliance_id, "cooperative_id": None}
    return {"alliance_id": None, "cooperative_id": member.cooperative_id}
