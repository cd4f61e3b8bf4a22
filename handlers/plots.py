"""Members' plots: /lo lists them, /lo them Lô 3 | 0,5 ha | chè adds one, /lo doiten Lô 3 |
Lô chè renames one and /lo xoa Lô 3 removes one (hidden, its entries keep their plot name),
a shared location attaches to one. A member with a single plot gets it by default on diary
entries and harvests."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.contract import Button, Reply
from messages.commands import read_id
from messages.fold import fold
from messages.format import capitalised
from messages.plots import parse_plot_command, plot_name
from storage import diary, state
from storage.db import Tx
from storage.diary import Plot

LOCATION_STATE = "plot_location"


async def default_plot(tx: Tx, member_id: int) -> Plot | None:
    """The member's only plot, if they have exactly one."""
    found = await diary.plots_of(tx, member_id)
    return found[0] if len(found) == 1 else None


async def on_plots(ctx: Ctx, args: str) -> list[Reply]:
    """/lo: my plots; /lo them Tên | diện tích | cây trồng: add one."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    command = parse_plot_command(args)
    if command is None:
        return [Reply(text=ctx.texts("plots.usage"))]
    if command.action == "list":
        plots = await diary.plots_of(ctx.tx, member.id)
        if not plots:
            return [Reply(text=ctx.texts("plots.none"))]
        lines = "\n".join(_line(ctx, p) for p in plots)
        return [Reply(text=ctx.texts("plots.list", lines=lines))]
    if command.action == "rename":
        return [await _rename(ctx, command.name, command.new_name)]
    if command.action == "remove":
        return [await _remove(ctx, command.name)]
    name = plot_name(command.name)
    added = await diary.add_plot(ctx.tx, member.id, member.cooperative_id, name, fold(name),
                                 command.area, command.crop, ctx.now)
    if added is None:
        return [Reply(text=ctx.texts("plots.exists", name=name))]
    await state.audit(ctx.tx, ctx.now, member.id, "add", "plot", added.id,
                      after={"name": name, "area": command.area, "crop": command.crop})
    return [Reply(text=ctx.texts("plots.added", line=_line(ctx, added)))]


async def _named(ctx: Ctx, text: str) -> Plot | None:
    """The member's plot in use with this name ("lo 3" names "lô 3")."""
    assert ctx.member is not None
    key = fold(plot_name(text))
    return next((p for p in await diary.plots_of(ctx.tx, ctx.member.id) if p.name_key == key),
                None)


async def _rename(ctx: Ctx, old: str, new: str) -> Reply:
    assert ctx.member is not None
    plot = await _named(ctx, old)
    if plot is None:
        return Reply(text=ctx.texts("plots.unknown", name=old))
    name = plot_name(new)
    renamed = await diary.rename_plot(ctx.tx, plot.id, name, fold(name))
    if renamed is None:
        return Reply(text=ctx.texts("plots.exists", name=name))
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "rename", "plot", plot.id,
                      before={"name": plot.name}, after={"name": name})
    return Reply(text=ctx.texts("plots.renamed", old=capitalised(plot.name),
                                line=_line(ctx, renamed)))


async def _remove(ctx: Ctx, name: str) -> Reply:
    assert ctx.member is not None
    plot = await _named(ctx, name)
    if plot is None:
        return Reply(text=ctx.texts("plots.unknown", name=name))
    await diary.remove_plot(ctx.tx, plot.id, ctx.now)
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "remove", "plot", plot.id,
                      before={"name": plot.name, "area": plot.area, "crop": plot.crop})
    return Reply(text=ctx.texts("plots.removed", name=capitalised(plot.name)))


def _line(ctx: Ctx, plot: Plot) -> str:
    parts = [capitalised(plot.name)]
    parts += [p for p in (plot.area, plot.crop) if p]
    if plot.latitude is not None and plot.longitude is not None:
        parts.append(f"📍 {plot.latitude:.5f}, {plot.longitude:.5f}")
    return "• " + " · ".join(parts)


async def on_location(ctx: Ctx) -> list[Reply]:
    """A shared location: attach it to the only plot, or ask which plot."""
    member = ctx.member
    assert member is not None and ctx.incoming.location is not None
    plots = await diary.plots_of(ctx.tx, member.id)
    if not plots:
        return [Reply(text=ctx.texts("plots.location_no_plot"))]
    latitude, longitude = ctx.incoming.location
    if len(plots) == 1:
        return [await _attach(ctx, plots[0], latitude, longitude)]
    await state.set_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref, LOCATION_STATE,
                          {"latitude": latitude, "longitude": longitude}, ctx.now)
    buttons = [[Button(label=p.name, data=f"lo:loc:{p.id}")] for p in plots]
    return [Reply(text=ctx.texts("plots.location_which"), buttons=buttons)]


async def on_button(ctx: Ctx, data: str) -> list[Reply]:
    """lo:loc:<plot id>: the plot a shared location belongs to."""
    member = ctx.member
    assert member is not None
    ref = data.rsplit(":", 1)[-1]
    plots = {p.id: p for p in await diary.plots_of(ctx.tx, member.id)}
    pending = await state.get_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    plot_id = read_id(ref)
    if plot_id not in plots or pending is None or pending.kind != LOCATION_STATE:
        return [Reply(text=ctx.texts("harvest.settled"))]
    await state.clear_state(ctx.tx, ctx.incoming.channel, ctx.incoming.user_ref)
    return [await _attach(ctx, plots[plot_id], pending.data["latitude"],
                          pending.data["longitude"])]


async def _attach(ctx: Ctx, plot: Plot, latitude: float, longitude: float) -> Reply:
    assert ctx.member is not None
    await diary.set_location(ctx.tx, plot.id, latitude, longitude)
    await state.audit(ctx.tx, ctx.now, ctx.member.id, "locate", "plot", plot.id,
                      before={"latitude": plot.latitude, "longitude": plot.longitude},
                      after={"latitude": latitude, "longitude": longitude})
    return Reply(text=ctx.texts("plots.located", name=plot.name), edit_of=ctx.incoming.button_of)
