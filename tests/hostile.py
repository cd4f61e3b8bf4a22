"""Hostile input: what careless thumbs, odd keyboards and attackers type at the bot.

One generator serves two drivers: the fuzz test draws through hypothesis (so a failure
shrinks to a short example), and benchmarks/hostile.py through a seeded `random.Random`.
Both only need `choice(seq)` and `randint(a, b)`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

from handlers.registry import BUTTONS, COMMANDS

T = TypeVar("T")


class Chooser(Protocol):
    def choice(self, seq: Sequence[T]) -> T: ...
    def randint(self, a: int, b: int) -> int: ...


FARMER_WORDS = (
    "hái", "hai", "chè", "che", "quế", "que", "na", "lúa", "thóc", "nấm", "chè búp tươi",
    "lô 3", "lo", "thửa 12", "vườn A", "hôm qua", "hôm nay", "hôm kia", "sáng nay", "thứ hai",
    "ngày", "tháng", "tuần này", "tuần trước", "từ mai", "từ", "bón", "NPK", "phun", "Regent",
    "xịt", "tưới nước", "làm cỏ", "ghi chú:", "giá", "gia", "ghi cho Lan", "ghi cho", "tổng",
    "bao nhiêu", "huỷ", "sửa", "rưỡi", "ruoi", "nửa", "ba chục", "hai mươi", "năm", "triệu",
    "nghìn", "tỷ", "một", "và", "va", "thêm", "them", "cachly", "giobantin", "moi", "trangthai",
    "tất cả", "VietGAP", "Lan", "Hùng", "Mai", "bình", "gói", "bao", "cây", "tấn ruoi",
)
UNITS = (
    "kg", "Kg", "KG", "ký", "kí", "ki", "cân", "g", "gam", "lạng", "yến", "tạ", "ta", "tấn",
    "tan", "quả", "trái", "bó", "buồng", "lít", "l", "ml", "k", "đ", "d", "vnđ", "tr", "ha",
    "/kg", "/tạ", "/quả", "%", "h", "giờ", "phút",
)
MINUS = ("-", "\u2212", "\u2013", "\u2014", "\u2012", "\u2010", "\ufe63", "\uff0d", "\u2796")
SPACES = (" ", " ", " ", "\u00a0", "\u202f", "\u2009", "\u3000", "\u200b", "\t", "\n", "")
EMOJI = ("🌿", "🍵", "👨\u200d🌾", "❤️", "👍🏽", "🇻🇳", "🔥🔥🔥", "\u2063", "\ufe0f", "🫖")
MARKUP = (
    "<b>", "</b>", "<i>chè</i>", "<a href=\"tg://user?id=1\">", "</a>", "&amp;", "&lt;", "**",
    "__", "`", "```", "```python\nprint(1)\n```", "[lô](http://x.y)", "||", "~~", "<script>",
    "{{7*7}}", "${jndi:ldap://x}", "%s%s%n", "\\", "\\n", "/* */", "#", "@htx_test_bot",
)
SQLISH = (
    "'); DELETE FROM harvests;--", "' OR 1=1 --", "\"; DROP TABLE members; --", "1; SELECT",
    "UNION SELECT * FROM inbox", "0x7fffffff", "NULL", "NaN", "Infinity", "-0", "1e308",
    "9223372036854775808", "%", "_", "?", "?1", ":id", "$1",
)
STRANGE = (
    "\u202e", "\u200d", "\ufeff", "\x00", "\x07", "\ud7ff", "ǅ", "ﬁ", "Ⅻ", "²", "½", "٣",
    "३", "𝟑𝟎", "ｋｇ", "ｃｈè", "Ⓐ", "i̇", "ß", "\U0001f600" * 5, "a" * 60, "9" * 40,
)
DIGITS_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def number(ch: Chooser) -> str:
    """A number the way farmers and keyboards write it, or a hostile one."""
    kind = ch.randint(0, 11)
    if kind == 0:
        return str(ch.randint(0, 100))
    if kind == 1:
        return str(ch.randint(0, 10 ** ch.randint(1, 45)))
    if kind == 2:  # thousands dots
        return f"{ch.randint(1, 999)}.{ch.randint(0, 999):03d}" + (
            f".{ch.randint(0, 999):03d}" * ch.randint(0, 8)
        )
    if kind == 3:  # a decimal comma, sometimes absurdly long
        return f"{ch.randint(0, 999)},{ch.randint(0, 10 ** ch.randint(1, 30))}"
    if kind == 4:
        return ch.choice(MINUS) + str(ch.randint(0, 10 ** ch.randint(1, 25)))
    if kind == 5:
        return str(ch.randint(0, 999)).translate(DIGITS_FULLWIDTH)
    if kind == 6:  # days, fractions, ranges
        sep = ch.choice(("/", "-", "\u2013", "/", "."))
        low, high = (ch.randint(0, 10 ** ch.randint(1, 22)) for _ in range(2))
        return f"{low}{sep}{high}"
    if kind == 7:  # clock times, money shorthands
        return ch.choice(("7h30", "25h99", "99:99", "5:30", "2tr5", "25k5", "2tr", "1tỷ"))
    if kind == 8:
        return f"{ch.randint(0, 99)}/{ch.randint(0, 99)}/{ch.randint(0, 99999)}"
    if kind == 9:
        return ch.choice(SQLISH[5:13])
    if kind == 10:
        return f"{ch.randint(1, 999)}.{ch.randint(0, 999):03d},{ch.randint(0, 99)}"
    return str(-ch.randint(0, 2**70))


PIECES: tuple[Callable[[Chooser], str], ...] = (
    lambda ch: ch.choice(FARMER_WORDS),
    lambda ch: ch.choice(FARMER_WORDS),
    number,
    number,
    lambda ch: number(ch) + ch.choice(("", "", " ")) + ch.choice(UNITS),
    lambda ch: ch.choice(UNITS),
    lambda ch: ch.choice(EMOJI),
    lambda ch: ch.choice(MARKUP),
    lambda ch: ch.choice(SQLISH),
    lambda ch: ch.choice(STRANGE),
)


def free_text(ch: Chooser, pieces: int | None = None) -> str:
    """Words, numbers, units, emoji, markup and SQL-ish bits, glued by odd spaces."""
    count = pieces if pieces is not None else ch.randint(1, 7)
    parts = [ch.choice(PIECES)(ch) for _ in range(count)]
    text = parts[0]
    for part in parts[1:]:
        text += ch.choice(SPACES) + part
    return text


def command(ch: Chooser) -> str:
    """A registered /command (sometimes misspelled or addressed to a bot) with odd arguments."""
    name = ch.choice([spec.name for spec in COMMANDS])
    shape = ch.randint(0, 5)
    if shape == 0:
        name = name.upper()
    elif shape == 1:
        name += "@htx_test_bot"
    elif shape == 2:
        name += ch.choice(("x", "_", "1"))
    args = "" if ch.randint(0, 4) == 0 else free_text(ch, ch.randint(1, 4))
    if ch.randint(0, 3) == 0:  # commands that take an id, a count or a day
        args = number(ch)
    elif ch.randint(0, 2) == 0:  # sub-commands that take numbers and |-separated parts
        args = ch.choice(("moi ", "them ", "cachly Regent ", "giobantin ", "trangthai ",
                          "doiten ", "an ", "bidanh ", "Lan ", "lô 3 ")) + args
        args = args.replace(" ", ch.choice((" ", " | ", "|", " ")), ch.randint(0, 3))
    return f"/{name} {args}".rstrip() if ch.randint(0, 5) else f"/{name}{args}"


ACTIONS = ("undo", "fix", "pick", "drop", "loc", "phi", "for", "nhap", "send", "cancel",
           "create", "yes", "no", "", "x")


def button_data(ch: Chooser, known_ids: Sequence[int] = ()) -> str:
    """Callback data for a registered prefix: right shapes with wrong ids, and wrong shapes."""
    prefix = ch.choice([*BUTTONS, "", "zz"])
    parts = [prefix, ch.choice(ACTIONS)]
    for _ in range(ch.randint(0, 3)):
        kind = ch.randint(0, 4)
        if kind == 0 and known_ids:
            parts.append(str(ch.choice(known_ids)))
        elif kind == 1:
            parts.append(str(ch.randint(-3, 10 ** ch.randint(1, 30))))
        else:
            parts.append(number(ch) if kind == 2 else free_text(ch, 1))
    data = ":".join(parts)
    if ch.randint(0, 6) == 0:
        data = data.replace(":", ch.choice(("", "::", " : ", ";")))
    return data.encode("utf-8")[:64].decode("utf-8", "ignore")  # Telegram's 64-byte limit


# Real message shapes with a hostile slot: they get past the first checks to the deep ones.
# {n}: a number, {u}: a unit, {w}: any piece.
TEMPLATES = (
    "hái {n}{u} chè lô {n}", "chè {n} {u}", "{n} {u} quế hôm qua", "chè {n}kg, quế {n} {u}",
    "chè {n} ngày {n}", "hái {n}kg chè {w}", "bón NPK {n}{u} lô {n}", "phun Regent {n} {u}",
    "xịt {w} {n} gói/bình lô {n}", "ghi chú: {w}", "tưới nước lô {n} {w}", "trồng {n} cây chè",
    "ghi cho Lan {n}kg chè", "ghi cho {w} {n} {u} chè", "giá chè {n}{u}", "/gia chè búp {n}k",
    "gia que vo {n}tr{n}/ta", "chè {n}đ/{u} từ {n}", "/gia chè {n} từ {w}", "/sua chè {n}{u}",
    "/sua {w}", "/caidat giobantin {n}", "/caidat giobantin {n}:{n}", "/lo them {w} | {n} ha",
    "/lo them Lô {n} | {w} | chè", "/sanpham them {w} | {w} | {u}", "/sanpham doiten {w} | {w}",
    "/sanpham an {w}", "/sanpham bidanh chè | {w}", "/vattu cachly Regent {n}",
    "/vattu them {w} | thuốc | {n}", "/thongbao {w}", "/taphuan moi {w} | {w} | {w}",
    "/taphuan moi Họp | {n}/{n} {n}h | Nhà văn hoá", "/taphuan moi A | thứ {w} {n}h | B | {w}",
    "/saoke Lan {n}/{n}", "/saoke {w}", "/tonghop {n} ngày", "/tonghop tháng {n}",
    "/tonghop {n}/{n}-{n}/{n}", "/baocao {w}", "/bieudo {n} ngày", "/nhatky Lan lô {n} {w}",
    "/xuatnhatky lô {n} {n}/{n}", "/chuaghi {n}", "/moi {n}", "/nhap {w}", "/taphuan {n}",
    "/start {w}", "{w} hôm nay thu được bao nhiêu", "tổng {w}", "chè {w} bao nhiêu",
)


def template(ch: Chooser) -> str:
    """A real message shape with hostile slots."""
    fills: dict[str, Callable[[Chooser], str]] = {
        "n": number, "u": lambda c: c.choice(UNITS), "w": lambda c: free_text(c, 1)}
    return re.sub(r"\{([nuw])\}", lambda slot: fills[slot.group(1)](ch), ch.choice(TEMPLATES))


def message_text(ch: Chooser) -> str:
    """Any text a person might send: free text, a command, a real message shape with a
    hostile slot, or an unbounded oddity."""
    shape = ch.randint(0, 11)
    if shape >= 10:
        return template(ch)
    if shape <= 5:
        return free_text(ch)
    if shape <= 7:
        return command(ch)
    if shape == 8:
        return free_text(ch, ch.randint(20, 80))  # long, maybe over the 500-character limit
    return ch.choice(SQLISH + MARKUP + STRANGE + EMOJI)


class Drawn:
    """A Chooser that draws from hypothesis, so failing inputs shrink."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self._draw = draw

    def choice(self, seq: Sequence[T]) -> T:
        return self._draw(st.sampled_from(seq))

    def randint(self, a: int, b: int) -> int:
        return self._draw(st.integers(a, b))


@st.composite
def _drawn_text(draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    return message_text(Drawn(draw))


@st.composite
def _drawn_button(draw: Callable[[st.SearchStrategy[Any]], Any], known_ids: Sequence[int]) -> str:
    return button_data(Drawn(draw), known_ids)


def _seeded(make: Callable[[random.Random], str]) -> st.SearchStrategy[str]:
    return st.integers(0, 2**32).map(lambda seed: make(random.Random(seed)))


# Half drawn through hypothesis (shrinks well, but a few hundred derandomized examples keep
# mutating the same few inputs), half from a seeded Random (every example a new input).
def texts() -> st.SearchStrategy[str]:
    """Hypothesis strategy of message texts."""
    return st.one_of(_drawn_text(), _seeded(message_text))


def buttons(known_ids: Sequence[int] = ()) -> st.SearchStrategy[str]:
    """Hypothesis strategy of callback data."""
    return st.one_of(_drawn_button(known_ids),
                     _seeded(lambda rng: button_data(rng, known_ids)))
