"""Plot commands: `/lo`, `/lo them Lô 3 | 0,5 ha | chè`; plot names as shown ("lô 3")."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from messages.fold import fold, words
from messages.harvest_words import plot_at

_ADD = frozenset({"them", "moi", "add"})
MAX_NAME = 40


class PlotCommand(BaseModel):
    """What `/lo <args>` asks for."""

    model_config = ConfigDict(frozen=True)

    action: Literal["list", "add"]
    name: str = ""
    area: str | None = None
    crop: str | None = None


def parse_plot_command(args: str) -> PlotCommand | None:
    """`` -> list; `them Lô 3 | 0,5 ha | chè` -> add; None when it makes no sense."""
    text = args.strip()
    if not text:
        return PlotCommand(action="list")
    head, _, rest = text.partition(" ")
    if fold(head) not in _ADD:
        return None
    parts = [p.strip() for p in rest.split("|")]
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
