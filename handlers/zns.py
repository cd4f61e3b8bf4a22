"""ZNS templates and quota (/zns, managers) and a member's phone number (/sdt)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.context import Ctx
from handlers.contract import Reply
from messages.zns import KIND_NAMES, read_phone, read_zns, shown_phone
from storage import members, orgs, reach, state
from storage.reach import TemplateParam, ZnsTemplate


def _params(ctx: Ctx, template: ZnsTemplate) -> str:
    return ", ".join(ctx.texts("zns.param", param=p.param, field=p.field, most=p.max)
                     for p in template.params)


async def on_zns(ctx: Ctx, args: str) -> list[Reply]:
    """/zns: list; /zns hanmuc N; /zns mau <loại> <mã> p=f[:n] ...; /zns xoa <loại>."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    coop_id = member.cooperative_id
    command = read_zns(args)
    if command.action == "help":
        return [Reply(text=ctx.texts("zns.usage"))]
    if command.action == "problem":
        return [Reply(text=ctx.texts(command.problem or "zns.usage", word=command.word))]
    if command.action == "quota":
        assert command.quota is not None
        before = await reach.daily_quota(ctx.tx, coop_id)
        await reach.set_daily_quota(ctx.tx, coop_id, command.quota)
        await state.audit(ctx.tx, ctx.now, member.id, "set", "zns_quota", coop_id,
                          before={"quota": before}, after={"quota": command.quota})
        return [Reply(text=ctx.texts("zns.quota_set", quota=command.quota))]
    kind_word = KIND_NAMES.get(command.kind or "", "")
    if command.action == "remove":
        assert command.kind is not None
        if not await reach.remove_template(ctx.tx, coop_id, command.kind):
            return [Reply(text=ctx.texts("zns.not_found", kind=kind_word))]
        await state.audit(ctx.tx, ctx.now, member.id, "remove", "zns_template", coop_id,
                          before={"kind": command.kind})
        return [Reply(text=ctx.texts("zns.removed", kind=kind_word))]
    if command.action == "save":
        assert command.kind is not None and command.template_id is not None
        template = ZnsTemplate(
            cooperative_id=coop_id, kind=command.kind, template_id=command.template_id,
            params=tuple(TemplateParam(param=p, field=f, max=n) for p, f, n in command.params),
        )
        await reach.save_template(ctx.tx, template, member.id, ctx.now)
        await state.audit(ctx.tx, ctx.now, member.id, "set", "zns_template", coop_id,
                          after=template.model_dump(mode="json"))
        replies = [Reply(text=ctx.texts("zns.saved", template=template.template_id,
                                        kind=kind_word, params=_params(ctx, template)))]
        if await reach.daily_quota(ctx.tx, coop_id) == 0:
            replies.append(Reply(text=ctx.texts("zns.quota_zero")))
        return replies
    return await _listing(ctx, coop_id)


async def _listing(ctx: Ctx, coop_id: int) -> list[Reply]:
    quota = await reach.daily_quota(ctx.tx, coop_id)
    zone = ZoneInfo(await orgs.cooperative_timezone(ctx.tx, coop_id) or ctx.config.timezone.key)
    used = await reach.used_on(ctx.tx, coop_id, ctx.now.astimezone(zone).date())
    templates = await reach.list_templates(ctx.tx, coop_id)
    lines = [ctx.texts("zns.list_header", quota=quota, used=used)]
    lines += [ctx.texts("zns.list_line", kind=KIND_NAMES.get(t.kind, t.kind),
                        template=t.template_id, params=_params(ctx, t)) for t in templates]
    if not templates:
        lines.append(ctx.texts("zns.list_none"))
    elif quota == 0:
        lines.append(ctx.texts("zns.quota_zero"))
    return [Reply(text="\n".join(lines))]


async def on_phone(ctx: Ctx, args: str) -> list[Reply]:
    """/sdt [số]: show or set my phone number (used for ZNS)."""
    member = ctx.member
    assert member is not None
    if not args.strip():
        if member.phone:
            return [Reply(text=ctx.texts("phone.show", phone=shown_phone(member.phone)))]
        return [Reply(text=ctx.texts("phone.usage"))]
    phone = read_phone(args)
    if phone is None:
        return [Reply(text=ctx.texts("phone.bad", text=args.strip()[:30]))]
    await members.set_phone(ctx.tx, member.id, phone)
    await state.audit(ctx.tx, ctx.now, member.id, "set", "phone", member.id,
                      before={"phone": member.phone}, after={"phone": phone})
    return [Reply(text=ctx.texts("phone.saved", phone=shown_phone(phone)))]
