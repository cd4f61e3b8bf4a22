"""Telex and VNI leftovers, written for issue 24: phones without a Vietnamese keyboard.
Each is read as what it spells and asked about with that reading first (never recorded
silently), unless the catalogue's typo rule already reads it. Same notation as
harvest_cases.py: "?" then the first option the bot must offer ("chè búp tươi=30000"), or
the reading recorded."""

from __future__ import annotations

CHE = "chè búp tươi"

TELEX: list[tuple[str, str]] = [
    ("chef 30kg", f"?{CHE}=30000"),
    ("chef 30 kg lo 3", f"?{CHE}=30000 @lô 3"),
    ("haí chef 25kg", f"?{CHE}=25000"),
    ("hais 30kg che", f"?{CHE}=30000"),
    ("hais chef 30kg", f"?{CHE}=30000"),
    ("hais 12kg chef hom qua", f"?{CHE}=12000 ~-1"),
    ("quees 2 ta", "?quế vỏ=200000"),
    ("quees 2 taj", "?quế vỏ=200000"),
    ("quees 50kg", "?quế vỏ=50000"),
    ("luas 1 taans", "?lúa=1000000"),
    ("luas 3 taj", "?lúa=300000"),
    ("naams 5kg", "?nấm=5000"),
    ("mawng 10kg", "măng=10000"),  # one typo from "mang": read as spelled
    ("buwowir 200 quar", "?bưởi=200"),
    ("chef khoo 5kg", "?chè khô=5000"),
    ("che2 30kg", f"?{CHE}=30000"),
    ("che2 30 kg lo 2", f"?{CHE}=30000 @lô 2"),
    ("hai1 30kg che2", f"?{CHE}=30000"),
    ("hai1 30kg che2 lo3", f"?{CHE}=30000 @lô 3"),
    ("que61 2 ta5", "?quế vỏ=200000"),
    ("que61 50kg", "?quế vỏ=50000"),
    ("lua1 1 ta61n", "?lúa=1000000"),
    ("na6m1 5kg", "?nấm=5000"),
    ("ma8ng 10kg", "?măng=10000"),
    ("che2 25kg ho6m qua", f"?{CHE}=25000 ~-1"),
]
