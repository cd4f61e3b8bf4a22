"""Fuzz the real core: any text, command or button data gets a clean answer, never the
apology of a handler that failed (tests/hostile.py makes the input)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.core import Core
from tests import hostile
from tests.support import Person, cooperative

TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_DATA_LIMIT = 64

# In the suite: the same 300 examples on every run (no flaky suite), a few seconds. For a
# hunt, FUZZ_EXAMPLES=5000 draws that many fresh random examples.
_HUNT = os.environ.get("FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_HUNT or 300),
    derandomize=_HUNT is None,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# The world below has fewer rows than this in each table: button data draws real ids too.
KNOWN_IDS = range(1, 12)


@dataclass
class World:
    """A cooperative in an alliance with some history (harvests, a question waiting, diary
    entries, a plot, an announcement preview, a training), and a stranger."""

    people: dict[str, Person]


@pytest.fixture
async def world(core: Core) -> World:
    coop = await cooperative(core, ["Lò Thị Lan", "Hoa"], staff="Mai")
    lan = coop.members[0]
    await lan.say("hái 30kg chè lô 3")
    await lan.say("chè 1.500")  # a question still waiting
    await lan.say("bón NPK 20kg lô 2")
    await lan.say("phun Regent 2 bình lô 3")  # waits for its interval
    await coop.manager.say("/lo them Lô 5 | 0,5 ha | chè")
    await coop.manager.say("/thongbao Mai họp lúc 8h")
    await coop.manager.say("/taphuan moi Tập huấn VietGAP | thứ hai 8h | Nhà văn hoá xã")
    await coop.manager.say(button="th:create")
    people = {"member": lan, "manager": coop.manager, "staff": coop.staff or lan,
              "stranger": Person(core, "x1", "")}
    return World(people)


def _action() -> st.SearchStrategy[tuple[str, str, Any]]:
    who = st.sampled_from(["member", "member", "manager", "staff", "stranger"])
    what = st.one_of(
        st.tuples(st.just("text"), hostile.texts()),
        st.tuples(st.just("text"), hostile.texts()),
        st.tuples(st.just("button"), hostile.buttons(KNOWN_IDS)),
        st.tuples(st.just("edit"), hostile.texts()),
        st.tuples(st.just("photo"), st.one_of(st.none(), hostile.texts())),  # caption or not
        st.tuples(st.just("location"), st.tuples(st.floats(), st.floats())),
        st.tuples(st.just("unsupported"), st.sampled_from(
            ["sticker", "voice", "video", "document", "contact", "poll", "dice", "zzz", ""])),
    )
    return st.tuples(who, what).map(lambda t: (t[0], *t[1]))


async def _act(core: Core, world: World, who: str, kind: str, value: Any):
    person = world.people[who]
    if kind == "button":
        return await person.say(button=value)
    if kind == "photo":
        return await person.say(value, photo_ref="AgACAgUAAxkBAAIBZ2")
    if kind == "location":
        return await person.say(location=value)
    if kind == "unsupported":
        return await person.say(unsupported=value)
    if kind == "edit":  # the person edits the message they sent first
        async with core.db.transaction() as tx:
            rows = await tx.all("SELECT message_ref, incoming FROM inbox ORDER BY id")
        mine = [r for r in rows if json.loads(r["incoming"])["user_ref"] == person.user_ref]
        ref = mine[0]["message_ref"] if mine else None
        return await person.say(value, edits=ref)
    return await person.say(value)


@FUZZ
@given(actions=st.lists(_action(), min_size=1, max_size=4))
async def test_every_generated_input_gets_a_clean_answer(core, world, actions):
    apology = core.texts("error.apology")
    for who, kind, value in actions:
        replies = await _act(core, world, who, kind, value)
        said = f"{who} {kind} {value!r}"
        async with core.db.transaction() as tx:
            row = await tx.one("SELECT error FROM inbox ORDER BY id DESC LIMIT 1")
        assert row["error"] is None, f"{said} failed: {row['error']}"
        assert replies, f"{said} got no answer"
        for reply in replies:
            assert reply.text.strip() and reply.text != apology, f"{said}: {reply.text!r}"
            assert len(reply.text) <= TELEGRAM_TEXT_LIMIT, f"{said}: {len(reply.text)} chars"
            for row_ in reply.buttons:
                for button in row_:
                    assert len(button.data.encode()) <= TELEGRAM_DATA_LIMIT, button.data
