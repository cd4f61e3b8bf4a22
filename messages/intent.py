"""What a free-text message is, decided in one place from the whole message.

`classify(text, today)` reads a joined person's plain text and says which feature answers
it: a price question ("giá chè bao nhiêu"), an intake question ("hôm kia thu được bao
nhiêu"), a period on its own, asked about too ("hôm kia", "tháng trước"), small talk
("cảm ơn", "chào bot", "bao giờ tập huấn"), a price typed by a manager ("giá chè 25k"), a
diary entry ("dạ sáng nay em xịt Actara 1 bình lô 2 ạ"), a message with money in it ("chè
25k một ký"), a harvest typed for someone else ("ghi cho Lan 30kg chè"), or a harvest
report: the rest, which the harvest reader records, asks about or refuses. (An
invite code is the router's to tell: only the database knows whether it exists.)

Pure and rule-based; each answer is memoised per (text, day), since the same short
messages come back all day and a message is classified once but may be asked twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from messages.diary import is_diary_text
from messages.fold import fold
from messages.people import on_behalf
from messages.periods import read_bare_period, read_question
from messages.prices import MoneyMention, is_price_question, is_price_text, money_in
from messages.talk_words import more_talk, spaced
from messages.telex import spelled

Kind = Literal["price_question", "question", "period", "talk", "price", "diary", "money",
               "proxy", "harvest"]
Talk = Literal["thanks", "ok", "hello", "bye", "training", "help", "who", "missing", "fix"]


@dataclass(frozen=True, slots=True)
class Intent:
    """A message's kind, with what was read on the way (small talk's topic, the money)."""

    kind: Kind
    talk: Talk | None = None
    money: MoneyMention | None = None


# Whole messages of small talk, folded, once politeness is set aside.
_TALK: dict[str, Talk] = {}
for _phrases, _topic in (
    (("cam on", "camon", "cam ohn", "thanks", "thank", "thank you", "thank u", "tks", "thx",
      "ty", "cam on nhieu", "xin cam on", "cam on ban", "cam on bot", "da cam on"), "thanks"),
    (("ok", "oke", "okie", "okay", "oki", "okela", "uk", "uh", "u", "um", "vang", "da vang",
      "da", "duoc", "dc", "duoc roi", "roi", "ok roi", "dung roi", "dung", "hieu roi",
      "biet roi", "nhan duoc", "da nhan", "nhan roi", "yes", "👍", "👌", "🙏", "❤", "❤️",
      "😊", "🙂", "😀", "😁"), "ok"),
    (("chao", "xin chao", "hi", "hello", "helo", "alo", "a lo", "chao buoi sang",
      "chao buoi chieu", "chao buoi toi", "hey"), "hello"),
    (("tam biet", "bye", "bye bye", "bai", "chuc ngu ngon", "ngu ngon", "hen gap lai"),
     "bye"),
    (("huong dan", "giup", "giup voi", "tro giup", "help", "lam sao", "lam the nao",
      "dung the nao", "dung sao", "bot lam duoc gi", "lenh", "cac lenh"), "help"),
    (("ban la ai", "may la ai", "bot la ai", "ai day", "ai vay", "ban ten gi"), "who"),
):
    for _phrase in _phrases:
        _TALK[_phrase] = _topic
# Words said around small talk: "dạ cảm ơn bot nhiều ạ", "chào bạn nhé", "ok em".
_POLITE = frozenset({"a", "da", "nhe", "nha", "nhé", "bot", "ad", "admin", "ban", "em", "anh",
                     "chi", "co", "chu", "bac", "oi", "nhieu", "lam", "nhi", "minh", "ha",
                     "vay", "the", "ne", "hihi", "hehe", "haha", "luon", "moi",
                     "nguoi", "ca"})
_ACK = frozenset({"a", "da", "vang", "u", "uh", "um", "ok", "nhe", "nha", "roi", "haha",
                  "hihi", "hehe", "oi", "co"})
_TRAINING = re.compile(r"\btap huan\b|\blop hoc\b|\bhoi thao\b")
_MISSING = re.compile(r"\b(?:ai|nhung ai|nguoi nao|ho nao) (?:van )?chua "
                      r"(?:bao|gui|ghi|nop|giao)\b")
# "em ghi nhầm rồi, 25kg thôi", "xin lỗi em ghi nhầm": a person saying an entry is wrong.
# Nothing is changed on such words; the answer shows /sua and /huy (what was meant is not
# sure: which entry, and whether 25kg replaces it or adds to it).
_FIX = re.compile(r"\b(?:ghi|nhap|go|bam|bao|gui) (?:bi )?(?:nham|sai|lon|lon so)\b"
                  r"|\bnham roi\b|\bsai roi\b|\bghi lai giup\b|\bsua lai giup\b")
_DIGIT = re.compile(r"\d")
_CUT = re.compile(r"[\s?!.,;:…~\-]+")


def small_talk(text: str | None) -> Talk | None:
    """The topic of a short message that reports nothing: thanks, ok, a greeting, goodbye,
    asking for help or about trainings ("bao giờ tập huấn" -> "training")."""
    if not text or len(text) > 120 or _DIGIT.search(text):
        return None  # a number is always a report, a price or a question
    folded = fold(text)
    if _TRAINING.search(folded):
        return "training"
    if _MISSING.search(folded):  # "hôm nay ai chưa báo": /chuabao
        return "missing"
    parts = [p for p in _CUT.split(spaced(folded)) if p]
    whole = " ".join(parts)
    if whole in _TALK:
        return _TALK[whole]
    core = [p for p in parts if p not in _POLITE]
    if not core:  # "dạ", "vâng ạ", "dạ nhé": only when every word acknowledges
        return "ok" if parts and all(p in _ACK for p in parts) else more_talk(
            folded, parts, core)
    said = " ".join(core)
    if said in _TALK:
        return _TALK[said]
    if _only_talk(core):  # "chào bot, cảm ơn nhé": greetings and thanks only
        return next(_TALK[" ".join(core[:n])] for n in (3, 2, 1)
                    if " ".join(core[:n]) in _TALK)
    return more_talk(folded, parts, core)


def _only_talk(words: list[str]) -> bool:
    """Whether words are small talk again ("chào bot, cảm ơn"): greetings and thanks only."""
    k = 0
    while k < len(words):
        for size in (3, 2, 1):
            if " ".join(words[k:k + size]) in _TALK:
                k += size
                break
        else:
            return False
    return True


def _spelled_diary(text: str, today: date) -> bool:
    """ "phunf thuốc regent lô 2", "bo1n NPK lô 2": a diary verb typed with Telex or VNI
    (the diary handler asks before recording what it reads as spelled)."""
    typed = spelled(text, marks=False) if len(text) <= 500 else None
    return typed is not None and is_diary_text(typed, today)


@lru_cache(maxsize=2048)
def classify(text: str, today: date) -> Intent:
    """Which feature answers a joined person's plain message (see the module's doc)."""
    if is_price_question(text):
        return Intent("price_question")
    if len(text) <= 160 and _FIX.search(fold(text)):  # "em ghi nhầm rồi, 25kg thôi"
        return Intent("talk", talk="fix")
    talk = small_talk(text)
    if talk in ("missing", "help"):  # "ai chưa gửi sản lượng", "gửi sản lượng thế nào"
        return Intent("talk", talk=talk)
    question = read_question(text, today)
    if question is not None and not (question.by_noun and is_diary_text(text, today)):
        return Intent("question")  # ("ghi chú: kết quả phun hôm qua tốt" is a diary note)
    if read_bare_period(text, today) is not None:  # "hôm kia", "tuần trước nữa" on its own
        return Intent("period")
    diary = is_diary_text(text, today) or _spelled_diary(text, today)
    if talk is not None and not diary:  # "làm cỏ" is work, whatever its words
        return Intent("talk", talk=talk)
    if is_price_text(text):
        return Intent("price")
    if diary:
        return Intent("diary")
    money = money_in(text, today)
    if money is not None:
        return Intent("money", money=money)
    if on_behalf(text) is not None:
        return Intent("proxy")
    return Intent("harvest")
