"""One product picked in several batches, written for issue 24: each batch is its own entry
of the product named once. Same notation as harvest_cases.py ("-" for not a harvest, "!"
for a refusal)."""

from __future__ import annotations

CHE = "chè búp tươi"

# "buoi" without diacritics is "bưởi" (pomelo) as much as "buổi" (session); "toi" is "tối"
# (evening) as much as "tôi" (I)
DIACRITICS_ONLY = frozenset({"buổi sáng 20kg, buổi chiều 18kg chè",
                             "tôi hái 2 yến, chiều 15 cân chè"})

BATCHES: list[tuple[str, str]] = [
    ("sáng hái 2 yến, chiều 15 cân chè", f"{CHE}=20000 ; {CHE}=15000"),
    ("sang hai 2 yen, chieu 15 can che", f"{CHE}=20000 ; {CHE}=15000"),
    ("sáng 2 yến chiều 15 cân chè", f"{CHE}=20000 ; {CHE}=15000"),
    ("sáng hái chè 2 yến, chiều 15 cân", f"{CHE}=20000 ; {CHE}=15000"),
    ("sáng 20kg chè chiều 15kg", f"{CHE}=20000 ; {CHE}=15000"),
    ("sáng 20kg, chiều 15kg chè", f"{CHE}=20000 ; {CHE}=15000"),
    ("lần 1 được 20kg, lần 2 15kg chè", f"{CHE}=20000 ; {CHE}=15000"),
    ("lan 1 duoc 20kg, lan 2 15kg che", f"{CHE}=20000 ; {CHE}=15000"),
    ("đợt 1 30kg đợt 2 25kg chè lô 3", f"{CHE}=30000 @lô 3 ; {CHE}=25000 @lô 3"),
    ("sáng 12kg trưa 8kg chiều 10kg chè", f"{CHE}=12000 ; {CHE}=8000 ; {CHE}=10000"),
    ("buổi sáng 20kg, buổi chiều 18kg chè", f"{CHE}=20000 ; {CHE}=18000"),
    ("hôm qua sáng 20kg chiều 10kg chè", f"{CHE}=20000 ~-1 ; {CHE}=10000 ~-1"),
    ("sáng hái 30kg chè, chiều hái 2 yến", f"{CHE}=30000 ; {CHE}=20000"),
    ("sáng na 20kg, chiều 15kg", "na=20000 ; na=15000"),
    # without batch words, an amount without its product is still refused, never guessed
    ("chè 30kg, 20kg", "!no_product"),
    ("30kg, 20kg chè", "!no_product"),
    ("sáng 2 yến, chiều 15 cân chè, quế 2 tạ", "!no_product"),
    ("tôi hái 2 yến, chiều 15 cân chè", "!no_product"),  # "tôi" (I) opens no batch
]
