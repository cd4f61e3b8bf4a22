"""Words of /zns (templates and quota) and /sdt (a phone number), read without diacritics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from messages.fold import fold

# The kinds of announcement a template serves, by the word a manager types.
KIND_WORDS: dict[str, str] = {
    "bantin": "bulletin", "bantingia": "bulletin", "gia": "bulletin",
    "taphuan": "training", "nhaclich": "reminder", "nhac": "reminder",
    "thongbao": "broadcast",
}
KIND_NAMES: dict[str, str] = {"bulletin": "bantin", "training": "taphuan",
                              "reminder": "nhaclich", "broadcast": "thongbao"}
FIELDS = ("htx", "ngay", "gio", "noidung", "tieude", "diadiem", "gia")
DEFAULT_MOST = 30  # Zalo's "custom label" parameter holds 30 characters
_PARAM = re.compile(r"^([a-z0-9_]{1,50})=([a-z]+)(?::(\d{1,4}))?$")


@dataclass(frozen=True)
class ZnsCommand:
    """What `/zns ...` asks: list, help, quota N, save a template, remove one, or a problem
    (a catalog key and the word it is about)."""

    action: str  # list | help | quota | save | remove | problem
    kind: str | None = None
    quota: int | None = None
    template_id: str | None = None
    params: list[tuple[str, str, int]] = field(default_factory=list)
    problem: str | None = None
    word: str = ""


def read_zns(args: str) -> ZnsCommand:
    """Read the arguments of /zns."""
    words = args.split()
    if not words:
        return ZnsCommand("list")
    if len(words) > 1 and fold(words[0] + words[1]) in ("hanmuc", "huongdan"):
        words = [words[0] + words[1], *words[2:]]  # "hạn mức 200", "hướng dẫn"
    if len(words) > 2 and fold(words[1] + words[2]) in KIND_WORDS:
        words = [words[0], words[1] + words[2], *words[3:]]  # "mẫu bản tin 123 ..."
    verb = fold(words[0])
    if verb in ("huongdan", "help", "hd"):
        return ZnsCommand("help")
    if verb in ("hanmuc", "quota"):
        value = "".join(words[1:]).replace(".", "").replace(",", "")
        if not value.isdigit() or int(value) > 100_000:
            return ZnsCommand("problem", problem="zns.quota_bad")
        return ZnsCommand("quota", quota=int(value))
    if verb not in ("mau", "xoa", "bo"):
        return ZnsCommand("help")
    if len(words) < 2:
        return ZnsCommand("help")
    kind = KIND_WORDS.get(fold(words[1]).replace(" ", ""))
    if kind is None:
        return ZnsCommand("problem", problem="zns.bad_kind", word=words[1][:30])
    if verb != "mau":
        return ZnsCommand("remove", kind=kind)
    if len(words) < 3 or not words[2].isdigit() or len(words[2]) > 30:
        return ZnsCommand("problem", problem="zns.bad_template")
    params = []
    for word in words[3:]:
        match = _PARAM.match(word.lower())
        if match is None or match.group(2) not in FIELDS:
            return ZnsCommand("problem", problem="zns.bad_param", word=word[:40])
        most = int(match.group(3)) if match.group(3) else DEFAULT_MOST
        if not 1 <= most <= 2000:
            return ZnsCommand("problem", problem="zns.bad_param", word=word[:40])
        params.append((match.group(1), match.group(2), most))
    if not params:
        return ZnsCommand("problem", problem="zns.no_params")
    return ZnsCommand("save", kind=kind, template_id=words[2], params=params)


_MOBILE = re.compile(r"^(?:\+?84|0)([35789]\d{8})$")


def read_phone(text: str) -> str | None:
    """A Vietnamese mobile number in ZNS's form 84xxxxxxxxx (0912 345 678, +84 912.345.678,
    84912345678), or None when it is not one."""
    digits = re.sub(r"[\s.\-()]", "", text)
    match = _MOBILE.match(digits)
    return "84" + match.group(1) if match else None


def shown_phone(phone: str) -> str:
    """84912345678 -> 0912 345 678, as people write it."""
    if phone.startswith("84") and len(phone) == 11:
        local = "0" + phone[2:]
        return f"{local[:4]} {local[4:7]} {local[7:]}"
    return phone
