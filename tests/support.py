"""Helpers shared by the tests: a clock the test moves, and a person who chats with the core."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from handlers import admin
from handlers.contract import Incoming, Reply
from handlers.core import Core

START = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội time


@dataclass
class Clock:
    """A clock that only moves when the test says so."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


_refs = itertools.count(1)


@dataclass
class Person:
    """Someone chatting with the core on one channel, the way a channel adapter would."""

    core: Core
    user_ref: str
    name: str = ""
    channel: str = "console"
    last: list[Reply] = field(default_factory=list)
    last_ref: str = ""  # the message_ref of the last message sent

    async def say(self, text: str | None = None, **extra: object) -> list[Reply]:
        self.last_ref = f"m{next(_refs)}"
        incoming = Incoming(
            channel=self.channel,  # type: ignore[arg-type]
            user_ref=self.user_ref,
            message_ref=self.last_ref,
            sent_at=self.core.clock(),
            text=text,
            display_name=self.name or self.user_ref,
            **extra,  # type: ignore[arg-type]
        )
        self.last = await self.core.handle(incoming)
        return self.last

    async def text(self, text: str | None = None, **extra: object) -> str:
        """Say something and return the replies' text joined."""
        return "\n".join(r.text for r in await self.say(text, **extra))


@dataclass
class Cooperative:
    """A cooperative made for a test, with people who joined it by code."""

    id: int
    manager: Person
    members: list[Person]
    staff: Person | None = None


async def cooperative(
    core: Core, names: list[str], *, manager: str = "Hùng", staff: str | None = None,
    name: str = "HTX Chè Phình Hồ",
) -> Cooperative:
    """Create a cooperative (in an alliance when `staff` is named); its manager ("boss"),
    members (user refs f0, f1, ...) and staff ("staff") join with their codes."""
    now = core.clock()
    alliance = await admin.create_alliance(core.db, "Liên minh HTX Yên Bái", None,
                                           now) if staff else None
    made = await admin.create_cooperative(core.db, name, None,
                                          alliance.alliance.id if alliance else None,
                                          "Asia/Ho_Chi_Minh", now)
    boss = Person(core, "boss", manager)
    await boss.say(made.manager.invite.code)
    people = [Person(core, f"f{n}", person) for n, person in enumerate(names)]
    for person in people:
        await person.say(made.member.invite.code)
    officer = None
    if alliance is not None and staff is not None:
        officer = Person(core, "staff", staff)
        await officer.say(alliance.staff.invite.code)
    return Cooperative(made.cooperative.id, boss, people, officer)


def sqlite_only(db: object, why: str) -> None:
    """Skip a test of SQLite's own machinery when it runs on PostgreSQL; `why` says what."""
    import pytest

    if getattr(db, "dialect", "sqlite") != "sqlite":
        pytest.skip(f"SQLite only: {why}")


async def table_names(tx: object) -> set[str]:
    """The tables of the database a Tx is on, on either backend."""
    if getattr(tx, "dialect", "sqlite") == "sqlite":
        rows = await tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")  # type: ignore[attr-defined]
    else:
        rows = await tx.all(  # type: ignore[attr-defined]
            "SELECT table_name AS name FROM information_schema.tables"
            " WHERE table_schema = current_schema()"
        )
    return {r["name"] for r in rows}


async def refuse_writes(db: object, event: str, when: str) -> None:
    """Make the database refuse some writes with 'disk trouble', on either backend: a
    trigger on `event` (e.g. "BEFORE INSERT ON harvests") firing when `when` holds."""
    async with db.raw() as conn:  # type: ignore[attr-defined]
        if getattr(db, "dialect", "sqlite") == "sqlite":
            await conn.execute(
                f"CREATE TEMP TRIGGER refuse {event} WHEN {when}"
                " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
            )
            return
        await conn.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" IF {when} THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$"
        )
        await conn.execute(f"CREATE TRIGGER refuse {event} FOR EACH ROW EXECUTE FUNCTION refuse()")


def rows_at(url: str, sql: str, *params: object) -> list[tuple]:
    """Rows of one statement (committed), run outside the event loop as another program
    would, on the database a DATABASE_URL names; `?` marks on both backends."""
    if url.startswith("sqlite:///"):
        import sqlite3

        from storage.db import sqlite_path

        with sqlite3.connect(sqlite_path(url)) as conn:
            return conn.execute(sql, params).fetchall()
    import psycopg  # blocking, and a test tool only: the bot's driver is asyncpg

    with psycopg.connect(url) as conn:
        cursor = conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)  # type: ignore[arg-type]
        return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
