"""Issue 24's leftovers, in other words than the issue's: each family is run as typed and
without diacritics (test_leftovers.py), except the texts in MARKED_ONLY.

NAMED: a harvest that names a person ("Lan 30kg chè", "bà Tư 20kg quế"): the reader asks
    whose it is ("other_person", its one option the reading); the handler records it at once
    only when the name is the sender's own (tests/handlers/test_member_names.py).
NOT_NAMED: the same shapes where the word is no name (a batch count, the sender naming
    themselves after "em"): read as usual, in the harvest set's notation.
NO_UNIT: a bare number from a member with no history: "?" with the first option offered
    when the kg reading is far below the product's range, else the reading recorded.
TELEX_DIARY: a diary verb typed with Telex/VNI leftovers, read plain as
    (activity, plot) once spelled (the handler asks before recording it).
PRODUCT_PERIOD: a product and a period with no asking word: (period "dd/mm" or
    "dd/mm-dd/mm", product) answered as a question, or None when it is no question.
UNKNOWN_PRODUCT: a question about a product the cooperative does not have: the word quoted.
QUESTION_NAMED: a question about one person whose name is also a small word: the name quoted.
QUOTED: a Telex word the bot does not understand, quoted as typed.
DIARY_PERSON: diary work for another person: refused as such, their words quoted (as typed).
LABELED: a bare number after a label word ("tháng 11", "loại 1"): never an amount.
FILLERS: chatty words and "=" around a plain report, read in the harvest set's notation.
"""

from __future__ import annotations

CHE = "chè búp tươi"
QUE = "quế vỏ"

NAMED: list[tuple[str, str]] = [
    ("Lan 25kg chè", f"{CHE}=25000"),
    ("Tư 3 tạ quế vỏ", f"{QUE}=300000"),
    ("bà Tư hái 20 cân chè", f"{CHE}=20000"),
    ("chị Lan chè 32kg", f"{CHE}=32000"),
    ("chè 28kg Lan", f"{CHE}=28000"),
    ("quế 150kg bác Tư", f"{QUE}=150000"),
    ("Hồng 4 yến chè", f"{CHE}=40000"),
    ("ông Ba 2 tạ quế", f"{QUE}=200000"),
    ("cô Nhung chè búp 19kg", f"{CHE}=19000"),
    ("chè 33kg lô 2 chị Hà", f"{CHE}=33000 @lô 2"),
    ("anh Tuấn 60kg quế", f"{QUE}=60000"),
    ("chị loan 27kg chè", f"{CHE}=27000"),
    ("Xuân 36kg chè hôm qua", f"{CHE}=36000 ~-1"),
    ("hà 24kg chè", f"{CHE}=24000"),  # typed first, before the amount: a name in any case
    ("tư 35 ký chè", f"{CHE}=35000"),
    ("chè 26kg lan", f"{CHE}=26000"),  # last, right after the amount
    ("quế 2 tạ hồng", f"{QUE}=200000"),
]

NOT_NAMED: list[tuple[str, str]] = [
    ("lần 2 chè 31kg", f"{CHE}=31000"),
    ("Lần 3 hái chè 24kg", f"{CHE}=24000"),
    ("đợt 2 quế 1 tạ", f"{QUE}=100000"),
    ("em Lan chè 26kg", f"{CHE}=26000"),
    ("tôi Tư giao 2 tạ quế", f"{QUE}=200000"),
    ("Mình hái 34kg chè", f"{CHE}=34000"),
    ("từ sáng hái 29kg chè", f"{CHE}=29000"),
    ("minh hai 38kg che", f"{CHE}=38000"),  # "mình" typed plain: the sender
    ("Anh ơi chè 27kg", f"{CHE}=27000"),
]

NO_UNIT: list[tuple[str, str]] = [
    ("quế vỏ 3", f"?{QUE}=300000"),
    ("quế 5 lô 1", f"?{QUE}=500000 @lô 1"),
    ("chè 4", f"?{CHE}=40000"),
    ("hái chè 6", f"?{CHE}=60000"),
    ("lúa 8", "?lúa=800000"),
    ("chè 35", f"{CHE}=35000"),
    ("quế 40", f"{QUE}=40000"),
    ("hôm qua chè 22", f"{CHE}=22000 ~-1"),
    ("lúa 300", "lúa=300000"),
]

TELEX_DIARY: list[tuple[str, tuple[str, str | None]]] = [
    ("phunf regent lô 4", ("spray", "lô 4")),
    ("tuowis nước lô 1", ("water", "lô 1")),
    ("bons phaan NPK lô 3", ("fertilise", "lô 3")),
    ("xits actara 2 binhf lo 5", ("spray", "lô 5")),
    ("lamf cor lô 6", ("weed", "lô 6")),
    ("bo1n phan chuong lo 2", ("fertilise", "lô 2")),
    ("cawts tiar lo 1", ("prune", "lô 1")),
    ("don5 co3 lo 2", ("weed", "lô 2")),
]

PRODUCT_PERIOD: list[tuple[str, tuple[str, str] | None]] = [
    ("quế vỏ tháng này", ("01/11-23/11", QUE)),
    ("cà phê tuần này", ("23/11-23/11", "cà phê")),
    ("chè hôm kia?", ("21/11", CHE)),
    ("chè búp tuần trước", ("16/11-22/11", CHE)),
    ("nấm hôm qua nhé", ("22/11", "nấm")),
    ("quế tháng 10", ("01/10-31/10", QUE)),
    ("chè 20/11?", ("20/11", CHE)),
    ("hái chè hôm kia", None),  # a report missing its amount
    ("giao quế tháng này", None),
    ("chè lô 3 hôm qua", None),
    ("hôm nay trời mưa", None),
]

UNKNOWN_PRODUCT: list[tuple[str, str]] = [
    ("gừng tháng này được bao nhiêu", "gừng"),
    ("tuần này thu bao nhiêu xoài", "xoài"),
    ("hôm qua mít được mấy tạ", "mít"),
    ("tổng bơ tuần trước", "bơ"),
]

# a question about one person, their name a small word too ("lần", "hông"): never the whole
# cooperative's figures; the name quoted back
QUESTION_NAMED: list[tuple[str, str]] = [
    ("Lan tháng này giao bao nhiêu", "Lan"),
    ("lan hôm qua được mấy cân", "lan"),
    ("Hồng tuần trước được bao nhiêu", "Hồng"),
    ("tuần này Nhung giao được bao nhiêu", "Nhung"),
    ("hà tuần này được mấy tạ quế", "hà"),
    ("quế của lan tháng này bao nhiêu", "lan"),
    ("hôm qua lan giao được bao nhiêu", "lan"),
    ("tuần này nhà Hồng được mấy tạ", "Hồng"),  # ("tư hôm nay": "thứ tư"? the period is asked)
]

QUOTED: list[tuple[str, str]] = [
    ("chè 30kg hôm kiaa", "kiaa"),
    ("quế 2 tạ hom quaa", "quaa"),
    ("chef 25kg hôm kiaa", "kiaa"),
]

# diary work that names another person: never recorded as the sender's own, the words quoted
DIARY_PERSON: list[tuple[str, str]] = [
    ("bón phân chuồng lô 3 hộ bà Tư", "bà Tư"),
    ("phun Regent lô 2 giúp chị Hoa", "chị Hoa"),
    ("tưới lô 4 cho Lan", "Lan"),
    ("làm cỏ lô 1 bác Tư", "Tư"),
    ("bón NPK 20kg lô 5 nhà cô Lan", "cô Lan"),
]

# a bare number after "tháng", "tuần", "số", "loại", "tổ"... labels something: never an
# amount ("?": asked or refused, nothing recorded; "chè tháng 11" is then a question)
LABELED: list[tuple[str, str]] = [
    ("chè tháng 11", "?"),
    ("quế tháng 13", "?"),
    ("chè tuần 3", "?"),
    ("chè tháng 10 28kg", "?"),
    ("quế loại 1 70kg", "?"),
    ("chè số 4", "?"),
    ("tổ 2 chè 45kg", "?"),
    ("chè 33kg hạng 2", "?"),
    ("chè năm 2025 40kg", "?"),
    ("cả tuần chè 210kg", "?"),  # a week's or a month's total is no one day's delivery
    ("tháng này quế 6 tạ", "?"),
    ("chè 44kg tuần này", "?"),
]

FILLERS: list[tuple[str, str]] = [
    ("chè 40 cân chẵn", f"{CHE}=40000"),
    ("quế 2 tạ tròn", f"{QUE}=200000"),
    ("chè=26kg", f"{CHE}=26000"),
    ("quế = 1 tạ", f"{QUE}=100000"),
    ("chè=21kg, quế=80kg", f"{CHE}=21000 ; {QUE}=80000"),
    ("quên báo chè 37kg hôm qua", f"{CHE}=37000 ~-1"),
    ("để chè 23kg luôn nhé", f"{CHE}=23000"),
    ("ghi luôn quế 90kg ạ", f"{QUE}=90000"),
    ("chè 31kg nhen", f"{CHE}=31000"),
    ("chè 29kg nghen", f"{CHE}=29000"),
    ("quế 1 tạ đấy", f"{QUE}=100000"),
    ("chè 22kg nhé bot", f"{CHE}=22000"),
    ("chè 24kg, em cảm ơn", f"{CHE}=24000"),
    ("chè 32kg đó ạ", f"{CHE}=32000"),
    ("2 tạ quế thế thôi", f"{QUE}=200000"),
    ("cám ơn bot, chè 18kg", f"{CHE}=18000"),
]

# their plain spelling is another word: "tôi tu" is no pronoun and name, "bơ" is "bo"
# "ba Tu" is three Tu, "nam hom qua" a year; each is then refused or asked, never recorded
MARKED_ONLY = frozenset({"tôi Tư giao 2 tạ quế", "tổng bơ tuần trước", "từ sáng hái 29kg chè",
                         "Mình hái 34kg chè", "bà Tư hái 20 cân chè", "nấm hôm qua nhé",
                         "quế 2 tạ hồng"})  # plain "hong" at the end is "hông" (not) as often
