"""More of small talk's words, for `messages.intent.small_talk`: calling the bot ("bot ơi",
"ê bot"), asking who or what it is ("ai đấy", "bot là gì"), how to use it ("gửi sản lượng
thế nào", "cách dùng bot"), about a course ("lớp VietGAP hôm nào học"), and emoji typed
against words or each other ("ok👍", "👍👍").

All folded (no diacritics); a message with a digit never reaches here.
"""

from __future__ import annotations

import re

# whole messages, folded, once politeness is set aside
MORE: dict[str, str] = {}
for _phrases, _topic in (
    (("ai", "bot la gi", "day la bot gi", "day la gi", "ai do", "ai the", "ban la gi",
      "bot ten gi", "ai dang tra loi", "ai dang nhan tin"), "who"),
    (("bot oi", "e bot", "ad oi", "co do khong", "do khong", "co ai khong", "chao ca nha",
      "chao moi nguoi", "alo ad", "he lo", "xin chao ca nha"), "hello"),
    (("ro", "ro roi", "nhan", "da nhan", "hieu", "da hieu", "ok ok", "u u", "um um",
      "oke oke", "vang vang", "chuan", "chuan roi", "ok la"), "ok"),
    (("hdsd", "huong dan su dung", "cach dung", "cach su dung", "biet lam gi",
      "bot biet lam gi", "lam duoc gi", "su dung the nao", "dung nhu nao"), "help"),
):
    for _phrase in _phrases:
        MORE[_phrase] = _topic

_EMOJI = re.compile("([\U0001F300-\U0001FAFF\u2600-\u27BF])")
_CALLING = frozenset({"oi", "e", "alo"})
# "gửi sản lượng thế nào", "làm sao để ghi nhật ký": how to do something with the bot
_HOW = re.compile(r"\b(?:cach|lam sao|lam the nao|the nao|nhu nao|ntn|kieu gi|ra sao)\b")
_DOING = re.compile(r"\b(?:dung|su dung|ghi|gui|bao|nhap|xem|sua|huy|dang ky|tham gia)\b")
_HOW_MUCH = re.compile(r"\b(?:bao nhieu|bn|bnhieu|may|gia)\b")
# "lớp VietGAP hôm nào học", "khi nào học VietGAP": a course
_COURSE = re.compile(r"\bvietgap\b|\blop\b.*\bhoc\b|\b(?:khi nao|bao gio|hom nao|o dau)\b.*"
                     r"\bhoc\b|\bhoc\b.*\b(?:khi nao|bao gio|hom nao|o dau)\b")


def spaced(folded: str) -> str:
    """Emoji set apart from words and each other: "ok👍" -> "ok 👍 "."""
    return _EMOJI.sub(r" \1 ", folded)


def more_talk(folded: str, parts: list[str], core: list[str]) -> str | None:
    """The topic of small talk the main table does not have, if any."""
    said = " ".join(core)
    if " ".join(parts) in MORE or said in MORE:
        return MORE.get(" ".join(parts)) or MORE[said]
    if not core and any(p in _CALLING for p in parts):  # "bot ơi", "ê bot"
        return "hello"
    if _HOW.search(folded) and _DOING.search(folded) and not _HOW_MUCH.search(folded):
        return "help"
    if _COURSE.search(folded):
        return "training"
    return None
