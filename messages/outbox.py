"""Words of the announcement commands: `/thongbao trangthai` (with or without diacritics)."""

from __future__ import annotations

from typing import Literal

from messages.fold import fold

_STATUS_WORDS = frozenset({"trangthai", "tinhtrang", "status", "tt"})


def announce_action(args: str) -> Literal["status"] | None:
    """What `/thongbao <args>` asks for: "status" for trạng thái, None for anything else."""
    word = fold(args).replace(" ", "")
    return "status" if word in _STATUS_WORDS else None
