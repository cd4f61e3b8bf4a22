"""What every channel does to a long text: cut it into pieces the app accepts."""

from __future__ import annotations

from collections.abc import Iterable

from handlers.contract import Button


def split_text(text: str, limit: int) -> list[str]:
    """Cut a long text at line breaks (inside a line only if it alone is too long), keeping
    its order: each piece holds at most `limit` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    pieces.append(current)
    return pieces


def quantity_options(buttons: Iterable[Button]) -> bool:
    """Whether some option's label is itself a number ("7 ngày"): then the options are
    quantities, and a typed bare number is that quantity, never an option's index. A
    channel that numbers options for typing must not number these (nor any shown with them)."""
    return any(b.label.lstrip()[:1].isdigit() for b in buttons)
