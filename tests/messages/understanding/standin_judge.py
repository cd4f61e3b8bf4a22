"""How a message of the second field set (standin_cases.py) is read by the real path, judged
against its expectation: "right", "asked" (nothing recorded, the person is asked back),
"other" (taken for another kind of message, nothing recorded) or "wrong" (recorded, or
answered, with a reading the person did not mean: a silent wrong reading).

Diary lines, small talk and commands: the real `classify`, the readers and the command
guesser the router uses. Prices: the real chat path (`Core`) on a real SQLite file, a
manager and a member of a seeded cooperative. Shared by test_standin_set.py and
benchmarks/field_set.py.
"""

from __future__ import annotations

import re

from handlers.registry import BY_NAME
from handlers.registry import COMMANDS as SPECS
from messages.commands import guess_command, parse_command
from messages.harvest import parse_harvest
from messages.intent import classify
from tests.messages.understanding.common import NOW, TODAY, plain
from tests.messages.understanding.field_cases import CATALOGUE
from tests.messages.understanding.field_judge import judge_diary as _judge_diary
from tests.messages.understanding.standin_cases import MARKED_ONLY

__all__ = ["judge_command", "judge_diary", "judge_prices", "judge_talk", "with_plain"]


def with_plain(cases: list[tuple]) -> list[tuple]:
    """Each case, then its plain spelling when that differs (same expectation)."""
    return list(cases) + [(plain(c[0]), *c[1:]) for c in cases
                          if plain(c[0]) != c[0] and c[0] not in MARKED_ONLY]


def _recorded_harvest(text: str) -> str | None:
    result = parse_harvest(text, CATALOGUE, NOW)
    return f"recorded as harvest {result.items}" if result.status == "ok" and result.items \
        else None


def judge_diary(text: str, expected: tuple | str) -> tuple[str, str]:
    """(verdict, what was read) of a diary line, as the field set's judge says; work still
    to come that the harvest reader answers as a plan ("em sẽ phun…": nothing recorded, a
    diary example given) is asked about too."""
    verdict, why = _judge_diary(text, expected)
    if verdict == "other" and expected == "ask" and classify(text, TODAY).kind == "harvest" \
            and parse_harvest(text, CATALOGUE, NOW).problem == "future":
        return "right", "a plan: nothing recorded"
    return verdict, why


def judge_talk(text: str, topic: str) -> tuple[str, str]:
    """(verdict, what was read) of small talk or another question."""
    intent = classify(text, TODAY)
    if intent.kind == "talk" and intent.talk == topic:
        return "right", ""
    if intent.kind == "harvest":
        recorded = _recorded_harvest(text)
        if recorded:
            return "wrong", recorded
    return "other", f"{intent.kind} {intent.talk or ''}".strip()


def _names(role: str) -> list[str]:
    return [s.name for s in SPECS if not s.roles or role in s.roles]


def judge_command(text: str, role: str, expected: str) -> tuple[str, str]:
    """(verdict, what it led to) of a command typed wrong, as the router reads it: a known
    name runs, else `guess_command` runs one or suggests one."""
    command = parse_command(text)
    if command is not None and command.name in BY_NAME:
        guess = guess_command(text, _names(role)) if command.args else None
        if guess is not None and guess.command is not None and not guess.command.args \
                and guess.command.name == command.name:
            command = guess.command  # "/huy bo": the name in two words
        got = f"run /{command.name} {command.args}".strip()
    else:
        guess = guess_command(text, _names(role))
        if guess is not None and guess.command is not None:
            got = f"run /{guess.command.name} {guess.command.args}".strip()
        elif guess is not None and guess.suggestion is not None:
            got = f"suggest /{guess.suggestion}"
        else:
            got = "unknown"
    if got in (expected, plain(expected)):  # arguments as typed: plain when typed so
        return "right", ""
    if got.startswith("run"):
        return "wrong", got  # ran another command, or with other words
    if got.startswith("suggest") and expected.startswith("run"):
        return "asked", got
    return "other", got


# "✅ Đã đặt giá Chè búp tươi: 12.000 đ/kg từ ngày 23/11."
_SET = re.compile(r"Đã đặt giá (.+?): ([\d.]+ đ/\S+?)(?: = [^ ]+ đ/\S+)? từ (.+?)\.")
_DAY = re.compile(r"\d{1,2}/\d{1,2}")


def _price_verdict(said: str, who: str, expected: str) -> tuple[str, str]:
    found = _SET.search(said)
    if found is not None:
        name, price, day = found.groups()
        days = _DAY.findall(day)
        got = f"set {name.lower()}={price}" + (
            f" from {days[0]}" if days and days[0] != f"{TODAY:%d/%m}" else "")
        return ("right" if got == expected else "wrong"), got
    board = "Giá thu mua ngày" in said
    refused = "giá bạn gửi chưa được ghi" in said
    first = said.split("\n")[0][:90]
    if expected == "board!" and board:
        return "right", ""
    if expected == "board" and board and not refused:
        return "right", ""
    if "Đã ghi" in said:
        return "wrong", f"recorded: {first}"
    if expected == "?":
        return ("right" if not board else "other"), first
    if expected.startswith("set"):
        return "asked", first
    return "other", first


async def judge_prices(cases: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(verdict, text, what was said) of every price message, through the real chat path of
    a cooperative with prices (the field set's seed), a manager and a member."""
    from tests.handlers.test_field_questions import seeded

    out = []
    async with seeded() as people:
        for added in ("/sanpham them bưởi | quả", "/sanpham them mật ong | mật | lít"):
            await people["boss"].text(added)
        for text, who, expected in cases:
            said = await people[who].text(text)
            verdict, why = _price_verdict(said, who, expected)
            out.append((verdict, text, why))
    return out
