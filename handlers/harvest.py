"""Harvest logging by quick message: read it, record what is sure, ask about the rest."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from handlers import interval_guard
from handlers.catalogue import entries
from handlers.context import Ctx
from handlers.contract import Button, Reply
from handlers.plots import default_plot
from messages import format as fmt
from messages.diary import input_named
from messages.fold import fold
from messages.harvest import HarvestItem, HarvestParse, Question, read_harvest
from messages.harvest_render import canonical_line
from messages.periods import product_period
from messages.plots import crop_fits
from storage import harvests, orgs, state
from storage.models import Harvest, Member

USUAL_SAMPLES = 3  # fewer past entries than this: no "usual" yet
USUAL_WINDOW = timedelta(days=180)  # "usual" is this season's, and reads a bounded range
# The same entries as the member's last message, within this long of it: asked, as maybe
# sent twice (see `_sent_twice`).
REPEAT_WINDOW = timedelta(minutes=10)


async def coop_zone(ctx: Ctx, member: Member) -> ZoneInfo:
    """The time zone of the member's cooperative ("today" is its local day)."""
    if member.cooperative_id is not None:
        zone = await orgs.cooperative_timezone(ctx.tx, member.cooperative_id)
        if zone is not None:
            return ZoneInfo(zone)
    return ctx.config.timezone


async def read(ctx: Ctx, member: Member, text: str) -> HarvestParse:
    """Parse a harvest message against the member's catalogue, habits and send time."""
    assert member.cooperative_id is not None
    catalogue = await entries(ctx.tx, member.cooperative_id, ctx.now)
    sent_local = ctx.incoming.sent_at.astimezone(await coop_zone(ctx, member))
    since = sent_local.date() - USUAL_WINDOW
    reading = read_harvest(text, catalogue, sent_local)
    # Only the habits of the products it names: a member's history of every other product
    # would make each message cost more as the catalogue and the seasons grow.
    named = reading.products()  # None: an unknown name, ranked against the whole catalogue
    asked = named if named is not None else [entry.id for entry in catalogue]
    recent = await harvests.recent_amounts(ctx.tx, member.id, since, asked)
    usual = {pid: int(median(a)) for pid, a in recent.items() if len(a) >= USUAL_SAMPLES}
    return own_name(reading.decide(usual), member.display_name)


def own_name(parse: HarvestParse, display_name: str) -> HarvestParse:
    """ "Lan 30kg chè" from Lan herself: the name is hers, so the item is sure. A name that
    is not the member's stays a question (they may report for a relative)."""
    mine = set(fold(display_name).split())
    sure = [q for q in parse.questions if q.reason == "other_person" and q.options
            and set(fold(q.leftover).split()) <= mine]
    if not sure:
        return parse
    items = sorted([*parse.items, *(q.options[0] for q in sure)], key=lambda i: i.index)
    questions = [q for q in parse.questions if q not in sure]
    return parse.model_copy(update={"items": items, "questions": questions,
                                    "status": "ask" if questions else "ok"})


def item_line(ctx: Ctx, item: HarvestItem, with_year: bool = False) -> str:
    """One reading in canonical form."""
    return canonical_line(
        item.product_name, item.amount, item.kind, item.unit, item.plot, item.day, ctx.locale,
        with_year,
    )


def entry_buttons(ctx: Ctx, first: Harvest) -> list[list[Button]]:
    """Undo and fix, for the entries of one message."""
    return [[
        Button(label=ctx.texts("harvest.button.undo"), data=f"hv:undo:{first.id}"),
        Button(label=ctx.texts("harvest.button.fix"), data=f"hv:fix:{first.id}"),
    ]]


def invalid_reply(ctx: Ctx, parse: HarvestParse, text: str) -> Reply:
    """Say what was understood, that nothing was recorded, and give one example."""
    problem = parse.problem or "unreadable"
    return Reply(
        text=ctx.texts(
            f"harvest.invalid.{problem}",
            detail=fmt.clipped(parse.detail or text.strip(), 60),
            length=len(text),
            example=ctx.texts("harvest.example"),
        )
    )


def question_text(ctx: Ctx, question: Question, drop: str = "harvest.button.drop") -> str:
    """What the bot asks about one item, quoting what was typed (and the unclear words);
    `drop`: the key of the button that answers "wrong" (its label is named)."""
    return ctx.texts(f"harvest.ask.{question.reason}", text=fmt.clipped(question.text, 80),
                     words=fmt.clipped(question.leftover, 40), drop=ctx.texts(drop))


def option_labels(ctx: Ctx, question: Question) -> list[str]:
    """The options' canonical lines; with years when two would otherwise look alike."""
    labels = [item_line(ctx, option) for option in question.options]
    if len(set(labels)) < len(labels):  # "25/12" this year or last: show the years
        labels = [item_line(ctx, option, with_year=True) for option in question.options]
    return labels


def question_reply(
    ctx: Ctx, question: Question, pending: Harvest, for_name: str | None = None
) -> Reply:
    """One question with its options as buttons, plus a way to drop the item (for another
    member: whose entry it is, so the manager knows for whom they choose)."""
    labels = option_labels(ctx, question)
    person = question.reason == "other_person"  # "Lan 30kg chè": the one choice is "mine"
    if person:  # (or, recorded for a member, "it is that member's")
        key, name = ("harvest.button.for", for_name) if for_name else ("harvest.button.mine", "")
        labels = [ctx.texts(key, line=label, name=name) for label in labels]
    options = [
        [Button(label=label, data=f"hv:pick:{pending.id}:{n}")]
        for n, label in enumerate(labels)
    ]
    options.append([Button(label=ctx.texts("harvest.button.drop"), data=f"hv:drop:{pending.id}")])
    text = question_text(ctx, question)
    if for_name and person:
        text = ctx.texts("harvest.ask.other_person_for", text=fmt.clipped(question.text, 80),
                         words=fmt.clipped(question.leftover, 40), name=for_name)
    elif for_name:
        text = ctx.texts("harvest.ask.for", name=for_name) + "\n" + text
    return Reply(text=f"{text}\n{ctx.texts('harvest.ask.waiting')}", buttons=options)


async def record(
    ctx: Ctx,
    member: Member,
    parse: HarvestParse,
    message_ref: str,
    first_item: int = 0,
) -> tuple[list[Harvest], list[tuple[Question, Harvest]]]:
    """Store the sure items as recorded and the unsure ones as pending questions."""
    assert member.cooperative_id is not None and ctx.member is not None
    common = {
        "cooperative_id": member.cooperative_id,
        "member_id": member.id,
        "recorded_by": ctx.member.id,
        "channel": ctx.incoming.channel,
        "message_ref": message_ref,
        "now": ctx.now,
    }
    recorded: list[Harvest] = []
    for item in parse.items:
        entry = await harvests.add(
            ctx.tx, **common, item=first_item + item.index, day=item.day, status="recorded",
            product_id=item.product_id, amount=item.amount, plot=item.plot,
        )
        if entry is not None:
            recorded.append(entry)
            await _audit_new(ctx, entry, item)
    asked: list[tuple[Question, Harvest]] = []
    for question in parse.questions:
        first_option = question.options[0] if question.options else None
        entry = await harvests.add(
            ctx.tx, **common, item=first_item + question.item, status="pending",
            day=first_option.day if first_option else await local_day(ctx, member),
            options=[o.model_dump(mode="json") for o in question.options],
            question=question.model_dump_json(),
        )
        if entry is not None:
            asked.append((question, entry))
            await state.audit(ctx.tx, ctx.now, ctx.member.id, "ask", "harvest", entry.id,
                              after={"reason": question.reason, "text": question.text})
    return recorded, asked


async def local_day(ctx: Ctx, member: Member) -> date:
    """The day the message was sent, in the member's cooperative's time zone."""
    return ctx.incoming.sent_at.astimezone(await coop_zone(ctx, member)).date()


async def _audit_new(ctx: Ctx, entry: Harvest, item: HarvestItem) -> None:
    assert ctx.member is not None
    await state.audit(
        ctx.tx, ctx.now, ctx.member.id, "record", "harvest", entry.id,
        after={"product_id": item.product_id, "amount": item.amount, "day": item.day,
               "plot": item.plot, "member_id": entry.member_id},
    )


def recorded_reply(
    ctx: Ctx, items: list[HarvestItem], first: Harvest, for_name: str | None = None
) -> Reply:
    """The canonical lines of what was recorded, with undo and fix."""
    lines = "\n".join(item_line(ctx, i) for i in sorted(items, key=lambda i: i.index))
    text = (
        ctx.texts("harvest.recorded_for", name=for_name, lines=lines)
        if for_name
        else ctx.texts("harvest.recorded", lines=lines)
    )
    return Reply(text=text, buttons=entry_buttons(ctx, first))


async def log_harvest(
    ctx: Ctx, member: Member, text: str, message_ref: str, for_name: str | None = None
) -> list[Reply] | None:
    """Record a harvest message for `member`; None when it is not about a harvest."""
    if member.cooperative_id is None:
        return [Reply(text=ctx.texts("harvest.no_cooperative"))]
    parse = await read(ctx, member, text)
    if for_name is None and (parse.problem == "no_number" or (
            parse.status == "not_harvest" and parse.problem is None)):
        asked = await _product_period(ctx, member, text)  # "quế tháng này": a question
        if asked is not None:
            return asked
    if parse.status == "not_harvest" and parse.problem is None:
        return None
    if for_name is None and member.role == "manager" and parse.status == "ask":
        from handlers.harvest_proxy import named_later  # it builds on this module

        whose = await named_later(ctx, parse, text, message_ref)  # "chè 30kg chị Lan"
        if whose is not None:
            return [whose]
    if _unknown_product(parse):  # "NPK 20kg lô 2": an input without its verb, no harvest
        from handlers.diary import inputs_for  # the diary handler builds on this module

        named = input_named(text, await inputs_for(ctx.tx, member.cooperative_id, ctx.now))
        if named is not None:
            return [Reply(text=ctx.texts(f"diary.verb_missing.{named.kind}", name=named.name))]
    if parse.problem == "future":  # "mai em hái 30kg chè", "tuần sau bón NPK": a plan
        return [await _plan_reply(ctx, member, parse, text)]
    if parse.status in ("invalid", "not_harvest"):
        return [invalid_reply(ctx, parse, text)]
    parse = await with_default_plot(ctx, member.id, parse)
    if for_name is None and ctx.member is not None and ctx.member.id == member.id:
        parse = await _sent_twice(ctx, member, parse, text)
    recorded, asked = await record(ctx, member, parse, message_ref)
    replies = []
    if recorded:
        reply = recorded_reply(ctx, list(parse.items), recorded[0], for_name)
        warnings = await interval_guard.check(ctx, recorded)
        if warnings:
            reply = reply.model_copy(update={"text": reply.text + "\n" + "\n".join(warnings)})
        replies.append(reply)
    replies.extend(question_reply(ctx, q, entry, for_name) for q, entry in asked)
    return replies


async def _sent_twice(ctx: Ctx, member: Member, parse: HarvestParse, text: str) -> HarvestParse:
    """The very entries of the member's last message, sent within REPEAT_WINDOW of it being
    recorded (or before it was, still unanswered): each is asked ("repeat") instead of
    recorded. One tap records it (another delivery), "Không ghi" drops it (sent twice).
    Someone who got no answer types the same again, and both would be owed; two deliveries
    alike are common at a weighing station too, which is why it is asked, not dropped."""
    if parse.status not in ("ok", "ask") or not parse.items:
        return parse  # (with a question beside them, the sure items are compared alone)
    # One entry more than this message has: enough to tell that the newest message had
    # the same number of entries (and what they were), reading as few rows as that.
    since = ctx.incoming.sent_at - REPEAT_WINDOW
    recent = await harvests.recent_sent(ctx.tx, member.id, since, len(parse.items) + 1)
    if not recent:
        return parse
    newest = recent[0][:2]  # the message of the newest entry: its entries, as recorded now
    last = sorted(_reading(*entry[2:]) for entry in recent if entry[:2] == newest)
    if last != sorted(_reading(i.product_id, i.amount, i.day, i.plot) for i in parse.items):
        return parse
    repeats = [Question(field="plausibility", reason="repeat", item=i.index, text=text,
                        options=[i]) for i in parse.items]
    return parse.model_copy(update={"status": "ask", "items": [], "questions": sorted(
        [*repeats, *parse.questions], key=lambda q: q.item)})


def _reading(product_id: int | None, amount: int | None, day: date, plot: str | None
             ) -> tuple[int, int, date, str]:
    return (product_id or 0, amount or 0, day, plot or "")


async def _product_period(ctx: Ctx, member: Member, text: str) -> list[Reply] | None:
    """ "quế tháng này", "ca phe thang nay", "chè hôm qua?": no amount, one product and a
    period: its intake is answered (None when the message is not of that shape)."""
    from handlers.reports import on_product_period  # the reports build on this module

    assert member.cooperative_id is not None
    catalogue = await entries(ctx.tx, member.cooperative_id, ctx.now)
    found = product_period(text, catalogue, await local_day(ctx, member))
    if found is None:
        return None
    period, product = found
    return await on_product_period(ctx, period, product.id, product.name)


async def _plan_reply(ctx: Ctx, member: Member, parse: HarvestParse, text: str) -> Reply:
    """Nothing recorded for work still to come, with an example of the kind it speaks of (a
    diary one when it names a fertiliser or pesticide)."""
    from handlers.diary import inputs_for  # the diary handler builds on this module

    assert member.cooperative_id is not None
    named = input_named(text, await inputs_for(ctx.tx, member.cooperative_id, ctx.now))
    example = ctx.texts("diary.example" if named is not None else "harvest.example")
    return Reply(text=ctx.texts("harvest.invalid.future", detail=(parse.detail or "")[:30],
                                example=example))


def _unknown_product(parse: HarvestParse) -> bool:
    """Whether a reading found no product it knows (asked about, or refused)."""
    if parse.status == "ask":
        return any(q.reason == "unknown_product" for q in parse.questions)
    return parse.status == "invalid" and parse.problem in ("unknown_product", "unclear",
                                                            "no_product", "unknown_unit")


async def with_default_plot(ctx: Ctx, member_id: int, parse: HarvestParse) -> HarvestParse:
    """A member with one plot: their sure harvests are from it (when they log one, and when
    they correct one), unless the plot's crop is another product (cinnamon is not picked on
    the tea plot, whose sprays would then have warned about it)."""
    if all(i.plot for i in parse.items):  # every item names its plot: nothing to fill in
        return parse
    plot = await default_plot(ctx.tx, member_id)
    if plot is None:
        return parse
    return parse.model_copy(update={"items": [
        i if i.plot or not crop_fits(plot.crop, i.product_name)
        else i.model_copy(update={"plot": plot.name}) for i in parse.items]})


async def on_text(ctx: Ctx) -> list[Reply] | None:
    """A member's plain text: a harvest report for themselves (None if it is not one)."""
    assert ctx.member is not None and ctx.incoming.text is not None
    return await log_harvest(ctx, ctx.member, ctx.incoming.text, ctx.incoming.message_ref)
