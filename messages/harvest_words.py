"""The small words of harvest messages: verbs, fillers, plots, joins and question words.

All folded (no diacritics). A word listed here is skipped when reading a harvest, and is
never bent into a product name by typo tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence

from messages.fold import Word

# hái, thu (hoạch), cắt, bẻ, bóc (quế), gặt (lúa), giao, bán, nộp, lấy, gửi, nhập, cân, ghi...
VERBS = frozenset(
    {
        "ban", "bao", "be", "boc", "can", "cao", "cat", "cho", "chuyen", "dc", "dem", "duoc",
        "gat", "ghi", "giao", "gui", "hai", "hoach", "lay", "mang", "nhan", "nhap", "nop", "thu",
        "xuat",
    }
)

# people, particles, times of day, plot words without a label, small talk
FILLERS = frozenset(
    {
        "ad", "e",  # "e" is "em" typed short, "ad" the admin
        "a", "ah", "anh", "ba", "bac", "bang", "bi", "bua", "buoi", "ca", "cam", "chao", "chau",
        "chi", "chieu", "chu", "chua", "chung", "co", "con", "cong", "cua", "cung", "cuoi", "da",
        "dat", "dau", "den", "dep", "deu", "di", "dinh", "doi", "dot", "duoi", "em", "gan", "gia",
        "gio", "giup", "gom", "ha", "hang", "he", "hello", "het", "hi", "hihi", "ho", "hok",
        "hom", "hon", "hong", "hop", "htx", "it", "k", "ket", "kha", "kho", "khoang", "khong",
        "khu", "ko", "la", "lai", "lan", "len", "lo", "loai", "luc", "luong", "ma", "may", "minh",
        "moi", "mot", "mua", "muon", "nay", "nen", "ngay", "ngoai", "ngon", "nha", "nhat", "nhe",
        "nhieu", "nho", "nhu", "nhung", "nua", "nuong", "o", "oi", "ok", "oke", "okie", "on",
        "ong", "phai", "phut", "qua", "r", "ra", "roi", "ruong", "sach", "san", "sang", "sau",
        "so", "tac", "tai", "tam", "tat", "tay", "thang", "them", "thi", "thoi", "thua", "tien",
        "tin", "toi", "tong", "tot", "tren", "trong", "trua", "truoc", "tu", "tuan", "tui", "uh",
        "um", "vang", "vao", "vay", "ve", "voi", "vua", "vuon", "xa", "xap", "xau", "xe", "xi",
        "xin", "xong", "xuong",
        # chatty words around a report: "quên báo", "để … luôn", "nhen", "50 cân chẵn", "tròn"
        "quen", "luon", "de", "nhen", "hen", "nghen", "chan", "tron",
        "bot", "day", "the", "do",  # "nhé bot", "chè 30kg đấy", "thế thôi", "đó ạ"
    }
)

# words that make a message a question even with numbers in it ("chè mấy nghìn một cân")
ASKING_WORDS = frozenset({"mấy", "hỏi"})
# words that make a message without any amount a question or a "not yet", not a report
QUESTION_WORDS = frozenset({"không", "khong", "ko", "hok", "chưa", "chua", "nào", "gì", "gi"})
# words whose plain spelling means something else than the product spelled with diacritics:
# "mang" (bring) versus "măng" (bamboo shoots), told apart when the message has diacritics
PLAIN_MEANINGS = frozenset({"mang"})

# words that correct or offer another reading ("nhầm", "2 hay 3 tạ", "30 hoặc 35kg"):
# never a product name, always a reason to ask
CORRECTION_WORDS = frozenset({"nham", "hay", "hoac"})
# words that make an amount a bound, not the amount: "hơn 30kg", "gần 30kg", "30 ký hơn",
# "ngót 3 tạ", "trên/dưới 1 tấn", "30 ký non". Folded -> (spellings, before, after it).
# "khoảng", "tầm", "chừng" (about) are the farmer's own estimate, recorded as said.
BOUNDS: dict[str, tuple[tuple[str, ...], bool, bool]] = {
    "hon": (("hơn",), True, True), "gan": (("gần",), True, False),
    "ngot": (("ngót",), True, False), "tren": (("trên",), True, False),
    "duoi": (("dưới",), True, False), "non": (("non",), False, True),
}


def bounds(word: Word, before: bool) -> bool:
    """Whether the word, right before (or after) an amount, makes it a bound."""
    found = BOUNDS.get(word.key) if word.kind == "word" else None
    if found is None or (word.marked and word.raw not in found[0]):
        return False
    return found[1] if before else found[2]


# "30kg trừ 2kg", "bớt 2kg": sums the farmer leaves to the bot, which never does them
ARITHMETIC_WORDS = frozenset({"tru", "bot"})
# "40kg à không 45kg": between two amounts, a "no" takes the first one back
NEGATIONS = frozenset({"khong", "ko", "k", "hong", "hok", "khg"})
_NEGATION_FORMS = frozenset({"không", "hông", "hổng", "khống"})


def is_negation(word: Word) -> bool:
    """ "không", "ko", "hông" (not "hỏng", spoilt, whose plain spelling is the same)."""
    return word.key in NEGATIONS and (not word.marked or word.raw in _NEGATION_FORMS)

# baskets, sacks and bunches farmers count in, which weigh what they happen to hold: after a
# bare number they are a unit the bot cannot convert ("chè 4 thúng", "quế 2 gùi"), even
# where their plain spelling is a small word ("gui": gửi, "bi": bị). Folded -> spellings.
CONTAINERS: dict[str, tuple[str, ...]] = {
    "thung": ("thúng", "thùng"), "sot": ("sọt",), "gui": ("gùi",), "ro": ("rổ", "rá"),
    "ra": ("rá",), "bi": ("bì",), "met": ("mẹt",), "nia": ("nia",), "nai": ("nải",),
    "chum": ("chùm",), "cap": ("cặp",), "ganh": ("gánh",), "bo": ("bồ",), "gio": ("giỏ",),
    "tui": ("túi",), "ket": ("két",), "khay": ("khay",), "hop": ("hộp",), "xo": ("xô",),
    "thau": ("thau",), "can": ("can",), "chai": ("chai",), "xe": ("xe",), "mam": ("mâm",),
}

def is_container(word: Word | None) -> bool:
    """ "thúng", "gùi", "sọt"...: a container or bunch word (plain spellings that are also
    small words, like "gui" for gửi, count only when typed with their diacritics)."""
    if word is None or word.kind != "word" or word.key not in CONTAINERS:
        return False
    if word.raw in CONTAINERS[word.key]:
        return True  # "thúng", "xe", "khay": spelled as the container is
    return not word.marked and word.key not in STOP_WORDS


# how farmers name themselves before their name ("em Hoa", "chú Tư", "bác Ba")
PRONOUNS = frozenset({"em", "anh", "chi", "co", "chu", "bac", "con", "chau", "toi", "minh",
                      "tui", "ba", "me", "ong", "di", "thim", "duong"})

# Given names that are also small words of a harvest message ("lần", "từ", "ba", "hông",
# "mình", "tầm"...), folded -> their spellings as names. Typed with other marks, the word is
# the small word ("Lần 2 chè 30kg"); a name is never glued to a count ("Lan 2": lần 2).
NAME_WORDS = {"lan": ("lan",), "tu": ("tư",), "ba": ("ba",), "hong": ("hồng",),
               "minh": ("minh",), "ha": ("hà",), "nhung": ("nhung",), "tuan": ("tuấn",),
               "luong": ("lương",), "hoa": ("hoa",), "dao": ("đào",), "cuc": ("cúc",),
               "xuan": ("xuân",), "son": ("sơn",), "vinh": ("vinh",), "mai": ("mai",)}
JOINS = frozenset({"va", "voi"})
_JOIN_FORMS = {"va": ("và",), "voi": ("với",)}
# a number after these words is a price, not an amount
MONEY_MARKERS = frozenset({"gia", "tien"})
_MONEY_FORMS = {"gia": ("giá",), "tien": ("tiền",)}
# a number after these words counts batches ("lần 2", "đợt 3"), not an amount
BATCH_MARKERS = frozenset({"lan", "dot"})
_BATCH_FORMS = {"lan": ("lần",), "dot": ("đợt",)}

# plot words: folded key -> (display word, spellings with diacritics)
PLOTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "lo": ("lô", ("lô",)),
    "thua": ("thửa", ("thửa", "thữa", "thủa")),
    "vuon": ("vườn", ("vườn",)),
    "doi": ("đồi", ("đồi",)),
    "nuong": ("nương", ("nương",)),
    "ruong": ("ruộng", ("ruộng",)),
    "khu": ("khu", ()),
}

STOP_WORDS = (
    VERBS | FILLERS | JOINS | MONEY_MARKERS | BATCH_MARKERS | CORRECTION_WORDS
    | ARITHMETIC_WORDS | frozenset(BOUNDS) | frozenset(PLOTS)
)


def _is(word: Word | None, key: str, forms: dict[str, tuple[str, ...]]) -> bool:
    if word is None or word.kind != "word" or word.key != key:
        return False
    return not word.marked or word.raw in forms.get(key, ())


def is_join(word: Word | None) -> bool:
    """ "và", "với": joins two items like a comma does."""
    return word is not None and word.key in ("va", "voi") and _is(word, word.key, _JOIN_FORMS)


def is_money_marker(word: Word | None) -> bool:
    """ "giá", "tiền": the number after it is a price."""
    return word is not None and word.key in MONEY_MARKERS and _is(word, word.key, _MONEY_FORMS)


# a bare number after these words labels something ("tháng 11", "tuần 2", "số 3", "loại 1",
# "tổ 4"): never an amount, and a meaning the bot does not read beside a harvest (asked).
# Folded -> spellings; the plain spelling counts too, except where it is another word
# ("nam" is also "nấm", "to" "tô", "doi" "đôi", "ma" "mà", "lua" "lúa", "vu" "vú").
LABEL_MARKERS: dict[str, tuple[str, ...]] = {
    "thang": ("tháng",), "tuan": ("tuần",), "nam": ("năm",), "so": ("số",),
    "loai": ("loại",), "hang": ("hạng",), "ma": ("mã",), "to": ("tổ",), "doi": ("đội",),
    "xom": ("xóm",), "vu": ("vụ",), "lua": ("lứa",),
}
_LABEL_MARKED_ONLY = frozenset({"nam", "to", "doi", "ma", "lua", "vu"})


def is_label_marker(word: Word | None) -> bool:
    """ "tháng", "tuần", "số", "loại"...: the bare number after it is a label."""
    if word is None or word.kind != "word" or word.key not in LABEL_MARKERS:
        return False
    if not word.marked:
        return word.key not in _LABEL_MARKED_ONLY
    return word.raw in LABEL_MARKERS[word.key]


def is_batch_marker(word: Word | None) -> bool:
    """ "lần", "đợt": the number after it counts batches."""
    return word is not None and word.key in BATCH_MARKERS and _is(word, word.key, _BATCH_FORMS)


def plot_at(items: Sequence[Word], i: int) -> tuple[str, int] | None:
    """ "lô 3", "lo A2", "thửa 12", "vườn A", "lô số 3" -> ("lô 3", index after)."""
    word = items[i]
    if word.kind != "word" or word.key not in PLOTS:
        return None
    display, forms = PLOTS[word.key]
    if word.marked and word.raw not in forms:
        return None
    j = i + 1
    if j < len(items) and items[j].kind == "word" and items[j].key == "so" and (
        not items[j].marked or items[j].raw == "số"
    ):
        j += 1
    label, end = _label(items, j)
    return (f"{display} {label}", end) if label else None


def _label(items: Sequence[Word], j: int) -> tuple[str | None, int]:
    """A plot label: 3, 12, 3b, A, A2, B12 (glued letters and digits, nothing else)."""
    parts: list[str] = []
    k = j
    while k < len(items) and len(parts) < 3:
        token = items[k]
        if parts and not token.glued:
            break
        if token.kind == "number" and token.raw.isdigit() and len(token.raw) <= 4:
            parts.append(token.raw)
        elif token.kind == "word" and not token.marked and len(token.raw) <= 2:
            if not token.raw.isascii():
                break
            parts.append(token.raw.upper())
        else:
            break
        k += 1
    label = "".join(parts)
    has_digit = any(ch.isdigit() for ch in label)
    if not label or (not has_digit and len(label) > 1):
        return None, j
    return label, k
