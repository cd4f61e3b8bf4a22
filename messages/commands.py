"""Recognise commands and invite codes in what a person typed."""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import BaseModel, ConfigDict

from messages.fold import edit_distance, fold

# SQLite's INTEGER (and PostgreSQL's bigint): a larger id cannot name a row, and binding it
# raises instead of finding nothing.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{3,64})?(?:\s+(.*))?$", re.S)
_CODE = re.compile(r"^[A-Z0-9]{6}$")


class Command(BaseModel):
    """A slash command: its lower-case name and the text after it."""

    model_config = ConfigDict(frozen=True)

    name: str
    args: str = ""


def parse_command(text: str | None) -> Command | None:
    """`/start@htx_bot ABC123` -> Command(name="start", args="ABC123"); None for plain text."""
    if not text:
        return None
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    return Command(name=match.group(1).lower(), args=(match.group(2) or "").strip())


def invite_code(text: str | None) -> str | None:
    """The invite code a message consists of (any case, spaces or dashes allowed), if any."""
    if not text or len(text) > 20:
        return None
    candidate = re.sub(r"[\s\-.]", "", text).upper()
    return candidate if _CODE.match(candidate) else None


def read_id(text: str | None, high: int = MAX_ID, *, low: int = 1) -> int | None:
    """A whole number from `low` to `high` typed in a command or carried in button data, in
    ASCII digits: "42" -> 42; None for "", "0", "-3", "4.2", "²", "99999999999999999999".

    Every id and count read from what a person sent goes through here, so that a forged or
    mistyped one finds nothing instead of overflowing the database or a date.
    """
    if text is None or not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


# Commands asked for by another name: English ones, and the Vietnamese words spelled out.
ALIASES: dict[str, str] = {
    "today": "homnay", "week": "tuan", "me": "toi", "profile": "toi", "invite": "moi",
    "undo": "huy", "cancel": "huy", "delete": "huy", "edit": "sua", "fix": "sua",
    "proxy": "nhap", "products": "sanpham", "product": "sanpham", "diary": "nhatky",
    "journal": "nhatky", "export": "xuatnhatky", "plots": "lo", "plot": "lo", "inputs": "vattu",
    "missing": "chuabao", "silent": "chuaghi", "report": "tonghop", "summary": "tonghop",
    "total": "tonghop", "tong": "tonghop", "members": "thanhvien", "excel": "baocao",
    "chart": "bieudo", "statement": "saoke", "price": "gia", "prices": "gia",
    "settings": "caidat", "announce": "thongbao", "broadcast": "thongbao",
    "training": "taphuan", "trainings": "taphuan", "mute": "tatthongbao",
    "unmute": "batthongbao", "link": "lienket", "giup": "help", "huongdan": "help",
    "batdau": "start", "giaca": "gia", "banggia": "gia", "sanluong": "tonghop",
    "xoa": "huy", "ngay": "homnay", "trogiup": "help", "nhatki": "nhatky", "huybo": "huy",
    "sualai": "sua", "xemgia": "gia",
}
# a command typed with a backslash ("\homnay", the key beside "/" on some phones)
SLASHES = ("/", "／", "\\")
_LOOSE = re.compile(r"^[/／\\]\s*(\S.*)$", re.S)
_TRAILING = ".?!,;:…"
_BOT = re.compile(r"@[A-Za-z0-9_]{3,64}$")


class CommandGuess(BaseModel):
    """What a command typed wrong leads to: `command` to run ("/today", "/hôm nay"), or only
    a `suggestion` to offer ("/homnya": did you mean /homnay?)."""

    model_config = ConfigDict(frozen=True)

    command: Command | None = None
    suggestion: str | None = None


def guess_command(text: str | None, names: Collection[str]) -> CommandGuess | None:
    """Read a slash message whose name is not one of `names`: its English name or the
    Vietnamese words typed with diacritics or spaces ("/hôm nay", "/tong hop tuần này") run
    that command; a near spelling ("/homnya", "/tonghp") is only suggested. None: no guess."""
    match = _LOOSE.match(text.strip()) if text else None
    if match is None:
        return None
    typed = match.group(1).split()
    if not typed:
        return None
    typed[0] = _BOT.sub("", typed[0]).rstrip(_TRAILING)  # "/homnay.", "/help!"
    if not typed[0]:
        return None
    folded = [fold(word).rstrip(_TRAILING) for word in typed]  # "/hom nay?", "/tập huấn!"
    for size in range(min(len(folded), 3), 0, -1):
        name = "".join(folded[:size]).replace("_", "")
        name = ALIASES.get(name, name)
        if name in names:
            return CommandGuess(command=Command(name=name, args=" ".join(typed[size:])))
    best, distance = None, 3
    for size in range(min(len(folded), 3), 0, -1):  # "/thàn viên": "thanvien", then "than"
        word = "".join(folded[:size]).replace("_", "")
        for name in sorted(names):
            limit = 1 if len(name) <= 4 else 2
            found = edit_distance(word, name, limit)
            if found <= limit and found < distance:
                best, distance = name, found
    return CommandGuess(suggestion=best) if best is not None else None
