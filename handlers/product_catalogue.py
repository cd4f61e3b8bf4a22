"""The cooperative's product list in chat: /sanpham lists; managers add, rename, hide, show
and re-alias products. Every change leaves an audit row with the state before and after."""

from __future__ import annotations

from typing import Any

from handlers.catalogue import as_entry, ensure_seeded
from handlers.context import Ctx
from handlers.contract import Reply
from handlers.orgs import member_org_name
from messages.fold import fold, words
from messages.format import alphabetical, capitalised
from messages.harvest_render import amount_text
from messages.product_commands import (
    MAX_NAME,
    UNIT_NAMES,
    ProductCommand,
    default_max,
    parse_product_command,
)
from messages.products import match_product, rank_products
from storage import products, state
from storage.models import Product

CANDIDATES = 5


async def on_products(ctx: Ctx, args: str) -> list[Reply]:
    """List the cooperative's products, or change one (managers)."""
    member = ctx.member
    assert member is not None and member.cooperative_id is not None
    await ensure_seeded(ctx.tx, member.cooperative_id, ctx.now)
    command = parse_product_command(args)
    if command.action == "list" and command.problem is None:
        return [await _list(ctx, member.cooperative_id)]
    if member.role != "manager":
        return [_say(ctx, "products.managers_only")]
    if command.problem is not None:
        return [_problem(ctx, command)]
    catalogue = await products.list_products(ctx.tx, member.cooperative_id, include_hidden=True)
    if command.action == "add":
        return [await _add(ctx, member.cooperative_id, command, catalogue)]
    found = _find(ctx, command.name, catalogue)
    if isinstance(found, Reply):
        return [found]
    change = {"rename": _rename, "hide": _hide, "show": _show, "aliases": _aliases}
    return [await change[command.action](ctx, found, command, catalogue)]


def _say(ctx: Ctx, key: str, **values: object) -> Reply:
    return Reply(text=ctx.texts(key, **values))


def _line(ctx: Ctx, product: Product) -> str:
    name = capitalised(product.name)
    if product.aliases:
        return ctx.texts("products.line_aliases", name=name, unit=product.unit,
                         aliases=", ".join(product.aliases))
    return ctx.texts("products.line", name=name, unit=product.unit)


async def _list(ctx: Ctx, cooperative_id: int) -> Reply:
    assert ctx.member is not None
    every = sorted(await products.list_products(ctx.tx, cooperative_id, include_hidden=True),
                   key=lambda p: alphabetical(p.name))
    shown = [p for p in every if not p.hidden]
    org = await member_org_name(ctx.tx, ctx.member)
    lines = "\n".join(_line(ctx, p) for p in shown) or ctx.texts("products.none")
    text = ctx.texts("products.title", org=org, lines=lines)
    if ctx.member.role == "manager":
        hidden = [p for p in every if p.hidden]
        if hidden:
            hidden_lines = "\n".join(_line(ctx, p) for p in hidden)
            text += "\n\n" + ctx.texts("products.hidden_title", lines=hidden_lines)
        text += "\n\n" + ctx.texts("products.manager_hint")
    return Reply(text=text)


def _problem(ctx: Ctx, command: ProductCommand) -> Reply:
    example = ctx.texts(f"products.example.{command.action}")
    if command.problem == "unit":
        return _say(ctx, "products.bad_unit", unit=command.detail, units=", ".join(UNIT_NAMES),
                    example=example)
    if command.problem == "name":
        return _say(ctx, "products.bad_name", name=command.detail[:80], max=MAX_NAME,
                    example=example)
    return _say(ctx, "products.syntax", example=example)


def _find(ctx: Ctx, name: str, catalogue: list[Product]) -> Product | Reply:
    """The one product a manager named: exact name first, then the fuzzy matcher."""
    key = fold(name)
    exact = [p for p in catalogue if fold(p.name) == key]
    if len(exact) == 1:
        return exact[0]
    entries = [as_entry(p) for p in catalogue]
    match = match_product(name, entries)
    typed = sum(1 for w in words(name) if w.kind == "word")
    by_id = {p.id: p for p in catalogue}
    if match.status == "one" and match.length == typed:
        return by_id[match.products[0].id]
    if match.status == "several" and match.length == typed:
        names = _names([by_id[e.id] for e in match.products])
        return _say(ctx, "products.ambiguous", name=name, candidates=names)
    near = [by_id[e.id] for e in rank_products(name, entries)[:CANDIDATES]]
    return _say(ctx, "products.unknown", name=name, candidates=_names(near))


def _names(found: list[Product]) -> str:
    return ", ".join(f"\"{p.name}\"" for p in found)


def _taken(name: str, catalogue: list[Product], other_than: int | None = None) -> Product | None:
    """The product already called `name` (by its name or an alias), folded."""
    key = fold(name)
    for product in catalogue:
        if product.id != other_than and key in {fold(n) for n in [product.name, *product.aliases]}:
            return product
    return None


def _snapshot(product: Product) -> dict[str, Any]:
    return {"name": product.name, "aliases": product.aliases, "unit": product.unit,
            "kind": product.kind, "max_per_entry": product.max_per_entry,
            "hidden": product.hidden}


async def _audit(ctx: Ctx, action: str, before: Product | None, after: Product) -> None:
    assert ctx.member is not None
    await state.audit(
        ctx.tx, ctx.now, ctx.member.id, action, "product", after.id,
        before=_snapshot(before) if before else None, after=_snapshot(after),
    )


def _conflict(ctx: Ctx, names: list[str], catalogue: list[Product],
              other_than: int | None = None) -> Reply | None:
    for name in names:
        owner = _taken(name, catalogue, other_than)
        if owner is not None:
            if fold(owner.name) == fold(name):
                return _say(ctx, "products.duplicate", name=owner.name)
            return _say(ctx, "products.alias_taken", alias=name, name=owner.name)
    return None


async def _add(ctx: Ctx, cooperative_id: int, command: ProductCommand,
               catalogue: list[Product]) -> Reply:
    conflict = _conflict(ctx, [command.name, *command.aliases], catalogue)
    if conflict is not None:
        return conflict
    limit = default_max(command.unit, command.kind)
    added = await products.add_product(
        ctx.tx, cooperative_id, command.name, command.aliases, command.unit, command.kind,
        limit, ctx.now,
    )
    if added is None:  # the same name, spelled exactly, raced in
        return _say(ctx, "products.duplicate", name=command.name)
    await _audit(ctx, "add", None, added)
    text = ctx.texts("products.added", line=_line(ctx, added))
    if limit is not None:
        text += "\n" + ctx.texts("products.limit", amount=amount_text(
            limit, command.kind, command.unit, ctx.locale))
    return Reply(text=text)


async def _reload(ctx: Ctx, product: Product) -> Product:
    fresh = await products.get_product(ctx.tx, product.id)
    assert fresh is not None
    return fresh


async def _rename(ctx: Ctx, product: Product, command: ProductCommand,
                  catalogue: list[Product]) -> Reply:
    if command.new_name == product.name:
        return _say(ctx, "products.unchanged", name=product.name)
    conflict = _conflict(ctx, [command.new_name], catalogue, other_than=product.id)
    if conflict is not None:
        return conflict
    # the old name stays an alias: members keep typing what they are used to
    aliases = [a for a in product.aliases if fold(a) != fold(command.new_name)]
    if fold(product.name) != fold(command.new_name):
        aliases.append(product.name)
    if not await products.update_product(ctx.tx, product.id, name=command.new_name,
                                         aliases=aliases):
        return _say(ctx, "products.duplicate", name=command.new_name)
    after = await _reload(ctx, product)
    await _audit(ctx, "rename", product, after)
    return _say(ctx, "products.renamed", old=product.name, new=after.name)


async def _hide(ctx: Ctx, product: Product, command: ProductCommand,
                catalogue: list[Product]) -> Reply:
    if product.hidden:
        return _say(ctx, "products.already_hidden", name=product.name)
    await products.update_product(ctx.tx, product.id, hidden=True)
    await _audit(ctx, "hide", product, await _reload(ctx, product))
    return _say(ctx, "products.hidden", name=product.name)


async def _show(ctx: Ctx, product: Product, command: ProductCommand,
                catalogue: list[Product]) -> Reply:
    if not product.hidden:
        return _say(ctx, "products.already_shown", name=product.name)
    await products.update_product(ctx.tx, product.id, hidden=False)
    await _audit(ctx, "show", product, await _reload(ctx, product))
    return _say(ctx, "products.shown", name=product.name)


async def _aliases(ctx: Ctx, product: Product, command: ProductCommand,
                   catalogue: list[Product]) -> Reply:
    aliases = [a for a in command.aliases if fold(a) != fold(product.name)]
    conflict = _conflict(ctx, aliases, catalogue, other_than=product.id)
    if conflict is not None:
        return conflict
    await products.update_product(ctx.tx, product.id, aliases=aliases)
    await _audit(ctx, "aliases", product, await _reload(ctx, product))
    shown = ", ".join(aliases) if aliases else ctx.texts("products.no_aliases")
    return _say(ctx, "products.aliases_set", name=product.name, aliases=shown)
