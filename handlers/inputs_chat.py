"""/vattu: the cooperative's fertilisers and pesticides; managers set a pesticide's
pre-harvest interval and add inputs. Entries keep the interval they were recorded with."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Reply
from handlers.diary import inputs_for
from messages.diary import InputEntry
from messages.input_commands import InputCommand, parse_input_command
from messages.products import ProductEntry, match_product
from storage import diary, state


async def on_inputs(ctx: Ctx, args: str) -> list[Reply]:
    """/vattu [cachly Tên N | them Tên | thuốc/phân | N]."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    inputs = await inputs_for(ctx.tx, member.cooperative_id, ctx.now)
    command = parse_input_command(args)
    if command.action == "list":
        return [Reply(text=_list(ctx, inputs, member.role == "manager"))]
    if member.role != "manager":
        return [Reply(text=ctx.texts("inputs.managers_only"))]
    if command.problem is not None:
        return [Reply(text=ctx.texts(f"inputs.problem.{command.problem}"))]
    if command.action == "interval":
        return [await _interval(ctx, inputs, command)]
    added = await diary.add_input(ctx.tx, member.cooperative_id, command.name, command.kind,
                                  command.days, ctx.now)
    if added is None:
        return [Reply(text=ctx.texts("inputs.exists", name=command.name))]
    await state.audit(ctx.tx, ctx.now, member.id, "add", "input", added.id,
                      after={"name": added.name, "kind": added.kind,
                             "interval_days": added.interval_days})
    return [Reply(text=ctx.texts("inputs.added", line=_line(ctx, InputEntry.model_validate(
        added.model_dump()))))]


async def _interval(ctx: Ctx, inputs: list[InputEntry], command: InputCommand) -> Reply:
    assert ctx.member is not None
    pesticides = [i for i in inputs if i.kind == "pesticide"]
    found = match_product(command.name, [ProductEntry(id=i.id, name=i.name, aliases=i.aliases)
                                         for i in pesticides])
    if found.status != "one":
        names = ", ".join(i.name for i in pesticides)
        return Reply(text=ctx.texts("inputs.unknown", name=command.name, names=names))
    target = next(i for i in pesticides if i.id == found.products[0].id)
    await diary.set_interval(ctx.tx, target.id, command.days)
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "interval", "input", target.id,
                      before={"interval_days": target.interval_days},
                      after={"interval_days": command.days})
    return Reply(text=ctx.texts("inputs.interval_set", name=target.name, days=command.days))


def _line(ctx: Ctx, item: InputEntry) -> str:
    if item.kind == "fertiliser":
        return ctx.texts("inputs.line", name=item.name)
    if item.interval_days is None:
        return ctx.texts("inputs.line_unknown", name=item.name)
    return ctx.texts("inputs.line_interval", name=item.name, days=item.interval_days)


def _list(ctx: Ctx, inputs: list[InputEntry], manager: bool) -> str:
    fertilisers = "\n".join(_line(ctx, i) for i in inputs if i.kind == "fertiliser") or "–"
    pesticides = "\n".join(_line(ctx, i) for i in inputs if i.kind == "pesticide") or "–"
    text = ctx.texts("inputs.list", fertilisers=fertilisers, pesticides=pesticides)
    return text + ("\n\n" + ctx.texts("inputs.manager_hint") if manager else "")
