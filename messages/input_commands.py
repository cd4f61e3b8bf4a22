"""Input catalogue commands: `/vattu`, `/vattu cachly Regent 7`, `/vattu them Tên | thuốc | 7`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.commands import read_id
from messages.fold import fold

MAX_INTERVAL_DAYS = 365

_SET = frozenset({"cachly", "cach ly", "cl", "phi"})
_ADD = frozenset({"them", "moi", "add"})
_PESTICIDE = frozenset({"thuoc", "thuoc bvtv", "thuoc tru sau", "bvtv", "pesticide"})
_FERTILISER = frozenset({"phan", "phan bon", "fertiliser", "fertilizer"})


class InputCommand(BaseModel):
    """What `/vattu <args>` asks for; `problem` when it cannot be done as typed."""

    model_config = ConfigDict(frozen=True)

    action: Literal["list", "interval", "add"]
    name: str = ""
    kind: Literal["fertiliser", "pesticide"] = "pesticide"
    days: int | None = None
    problem: Literal["days", "kind", "name"] | None = None


def parse_input_command(args: str) -> InputCommand:
    """Read the words after /vattu."""
    text = args.strip()
    folded = fold(text)
    if not text:
        return InputCommand(action="list")
    for word in sorted(_SET, key=len, reverse=True):
        if folded.startswith(word + " "):
            rest = text[len(word):].strip()
            name, _, days = rest.rpartition(" ")
            interval = read_id(days, MAX_INTERVAL_DAYS, low=0)
            if interval is None:
                return InputCommand(action="interval", name=rest, problem="days")
            return InputCommand(action="interval", name=name.strip(), days=interval,
                                problem=None if name.strip() else "name")
    head, _, rest = text.partition(" ")
    if fold(head) not in _ADD:
        return InputCommand(action="list")
    parts = [p.strip() for p in rest.split("|")]
    name = parts[0]
    kind_word = fold(parts[1]) if len(parts) > 1 else "thuoc"
    kind: Literal["fertiliser", "pesticide"]
    if kind_word in _PESTICIDE:
        kind = "pesticide"
    elif kind_word in _FERTILISER:
        kind = "fertiliser"
    else:
        return InputCommand(action="add", name=name, problem="kind")
    days_text = parts[2] if len(parts) > 2 else ""
    days = read_id(days_text, MAX_INTERVAL_DAYS, low=0)
    if days_text and days is None:
        return InputCommand(action="add", name=name, kind=kind, problem="days")
    if not name or len(name) > 60:
        return InputCommand(action="add", problem="name")
    return InputCommand(action="add", name=name, kind=kind, days=days)
