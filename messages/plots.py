"""Plot commands: `/lo`, `/lo them Lô 3 | 0,5 ha | chè`; plot names as shown ("lô 3")."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import fold, words
from messages.harvest_words import plot_at

_ADD = frozenset({"them", "moi", "add"})
_RENAME = frozenset({"doiten", "rename"})
_REMOVE = frozenset({"xoa", "bo", "remove"})
MAX_NAME = 40


class PlotCommand(BaseModel):
    """What `/lo <args>` asks for."""

    model_config = ConfigDict(frozen=True)

    action: Literal["list", "add", "rename", "remove"]
    name: str = ""
    new_name: str = ""  # rename: the name it gets
    area: str | None = None
    crop: str | None = None


def parse_plot_command(args: str) -> PlotCommand | None:
    """`` -> list; `them Lô 3 | 0,5 ha | chè` -> add; `doiten Lô 3 | Lô chè` -> rename;
    `xoa Lô 3` -> remove; None when it makes no sense."""
    text = args.strip()
    if not text:
        return PlotCommand(action="list")
    head, _, rest = text.partition(" ")
    if fold(head) == "doi":  # "đổi tên Lô 3 | Lô chè", two words
        second, _, after = rest.strip().partition(" ")
        if fold(second) == "ten":
            head, rest = "doiten", after
    parts = [p.strip() for p in rest.split("|")]
    if fold(head) in _RENAME:
        if len(parts) != 2 or not all(parts) or any(len(p) > MAX_NAME for p in parts):
            return None
        return PlotCommand(action="rename", name=parts[0], new_name=parts[1])
    if fold(head) in _REMOVE:
        name = rest.strip()
        return PlotCommand(action="remove", name=name) if 0 < len(name) <= MAX_NAME else None
    if fold(head) not in _ADD:
        return None
    if not parts[0] or len(parts[0]) > MAX_NAME:
        return None
    return PlotCommand(action="add", name=parts[0],
                       area=(parts[1] or None) if len(parts) > 1 else None,
                       crop=(parts[2] or None) if len(parts) > 2 else None)


def plot_name(text: str) -> str:
    """ "Lô 3" / "lo 3" -> "lô 3" (as harvests and diary entries name plots); other names
    stay as typed."""
    items = words(unicodedata.normalize("NFC", text.strip()))
    found = plot_at(items, 0) if items else None
    if found is not None and found[1] == len(items):
        return found[0]
    return text.strip()


def leading_plot(text: str) -> tuple[str, str] | None:
    """ "lô 3 tháng 11" -> ("lô 3", "tháng 11"): a plot at the start and the rest."""
    nfc = unicodedata.normalize("NFC", text.strip())
    items = words(nfc)
    found = plot_at(items, 0) if items else None
    if found is None:
        return None
    name, end = found
    rest = nfc[items[end].start:] if end < len(items) else ""
    return name, rest.strip()


def crop_fits(crop: str | None, product_name: str) -> bool:
    """Whether a plot whose crop was given as `crop` ("chè", "Quế") may be where a harvest of
    `product_name` ("chè búp tươi", "quế vỏ") was picked: no crop given, or the crop's first
    word is the product's (or the whole crop is in its name: "cà phê" in "cà phê nhân")."""
    if not crop or not crop.strip():
        return True
    grown, product = fold(crop), fold(product_name)
    return grown in product or grown.split()[0] == product.split()[0]
