"""Read a manager's `/sanpham` command: list, add, rename, hide, show or re-alias a product.

    /sanpham                                   list
    /sanpham them Chè shan | shan, chè cổ thụ | kg
    /sanpham doiten chè khô | chè khô loại 1
    /sanpham an na · /sanpham hien na
    /sanpham bidanh na | mãng cầu, na dai

The action word is accepted with or without diacritics ("thêm", "đổi tên", "ẩn", "hiện",
"bí danh"); parts are separated by "|", aliases by commas.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import fold
from messages.quantity import Kind, unit_named

Action = Literal["list", "add", "rename", "hide", "show", "aliases"]
Problem = Literal["syntax", "unit", "name"]

MAX_NAME = 60
MAX_ALIASES = 30

# folded action words -> action; two-word forms are looked up first
_ACTIONS: dict[str, Action] = {
    "them": "add", "doiten": "rename", "doi ten": "rename", "an": "hide", "hien": "show",
    "bidanh": "aliases", "bi danh": "aliases",
}

# the default units a product may have: folded spelling -> the name stored and shown
_UNITS: dict[str, str] = {
    "g": "g", "kg": "kg", "lang": "lạng", "yen": "yến", "ta": "tạ", "tan": "tấn",
    "qua": "quả", "trai": "trái", "bo": "bó", "buong": "buồng", "cay": "cây",
    "lit": "lít", "l": "lít", "ml": "ml",
}
UNIT_NAMES = ("g", "kg", "lạng", "yến", "tạ", "tấn", "quả", "trái", "bó", "buồng", "cây",
              "lít", "ml")

# the most one entry may hold before the bot asks, in base units (g, ml); none for pieces
_DEFAULT_MAX: dict[str, int | None] = {"weight": 1_000_000, "volume": 1_000_000, "count": None}
_SPACES = re.compile(r"\s+")


class ProductCommand(BaseModel):
    """What a `/sanpham` command asks for; `problem` set when it cannot be read."""

    model_config = ConfigDict(frozen=True)

    action: Action
    name: str = ""
    new_name: str = ""
    aliases: list[str] = []
    unit: str = "kg"
    kind: Kind = "weight"
    problem: Problem | None = None
    detail: str = ""  # the part that could not be read


def clean_name(text: str) -> str:
    """A name as stored: NFC, single spaces, no surrounding punctuation."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip(" .,;:-\"'")


def read_unit(text: str) -> tuple[str, Kind] | None:
    """A default unit ("kg", "trai", "l") as stored ("kg", "trái", "lít") with its kind."""
    name = _UNITS.get(fold(text))
    unit = unit_named(name) if name else None
    return (name, unit.kind) if name and unit else None


def default_max(unit: str, kind: Kind) -> int | None:
    """A sensible most-per-entry for a new product: 1 tấn / 1.000 lít, or 10 of a big unit."""
    base = _DEFAULT_MAX[kind]
    found = unit_named(unit)
    if base is None or found is None:
        return base
    return max(base, 10 * found.factor)


def split_aliases(text: str, name: str = "") -> list[str]:
    """Comma-separated aliases, cleaned, without repeats or the name itself."""
    seen = {fold(name)} if name else set()
    found: list[str] = []
    for part in re.split(r"[,;]", text):
        alias = clean_name(part)
        if alias and fold(alias) not in seen:
            seen.add(fold(alias))
            found.append(alias)
    return found


def parse_product_command(args: str) -> ProductCommand:
    """The command in the text after `/sanpham`."""
    text = unicodedata.normalize("NFC", args).strip()
    if not text:
        return ProductCommand(action="list")
    action, rest = _action(text)
    if action is None:
        return ProductCommand(action="list", problem="syntax", detail=text.split()[0])
    parts = [p.strip() for p in rest.split("|")]
    if action == "add":
        return _add(parts)
    return _named(action, parts, count=1 if action in ("hide", "show") else 2)


def _action(text: str) -> tuple[Action | None, str]:
    tokens = text.split(maxsplit=2)
    if len(tokens) >= 2:
        pair = fold(f"{tokens[0]} {tokens[1]}")
        if pair in _ACTIONS and " " in pair:
            return _ACTIONS[pair], tokens[2] if len(tokens) > 2 else ""
    head, _, rest = text.partition(" ")
    return _ACTIONS.get(fold(head)), rest.strip()


def _add(parts: list[str]) -> ProductCommand:
    if len(parts) > 3:
        return ProductCommand(action="add", problem="syntax")
    name = clean_name(parts[0])
    unit_text = parts[-1] if len(parts) > 1 else "kg"
    aliases = split_aliases(parts[1], name) if len(parts) == 3 else []
    problem = _name_problem(name) or _alias_problem(aliases)
    if problem is not None:
        return ProductCommand(action="add", problem=problem, detail=name)
    unit = read_unit(unit_text)
    if unit is None:
        return ProductCommand(action="add", name=name, problem="unit", detail=unit_text)
    return ProductCommand(action="add", name=name, aliases=aliases, unit=unit[0], kind=unit[1])


def _named(action: Action, parts: list[str], count: int) -> ProductCommand:
    if len(parts) != count:
        return ProductCommand(action=action, problem="syntax")
    name = clean_name(parts[0])
    if _name_problem(name) is not None:
        return ProductCommand(action=action, problem="syntax")
    if action == "rename":
        new_name = clean_name(parts[1])
        problem = _name_problem(new_name)
        return ProductCommand(action=action, name=name, new_name=new_name, problem=problem,
                              detail=new_name)
    if action == "aliases":
        aliases = split_aliases(parts[1])
        return ProductCommand(action=action, name=name, aliases=aliases,
                              problem=_alias_problem(aliases))
    return ProductCommand(action=action, name=name)


def _name_problem(name: str) -> Problem | None:
    if not name:
        return "syntax"
    if len(name) > MAX_NAME or not any(ch.isalpha() for ch in name):
        return "name"
    return None


def _alias_problem(aliases: list[str]) -> Problem | None:
    if len(aliases) > MAX_ALIASES or any(_name_problem(a) for a in aliases):
        return "name"
    return None
