"""The catalogue a new cooperative starts with, as plain data.

Amounts are in base units: grams for weight. `max_per_entry` is the most one member can
plausibly deliver in one message; above it the bot asks before recording.
Bare "chè" means fresh leaves (what members bring to the cooperative every day) and bare
"quế" means the bark (the main cinnamon product); "trà" alone is left ambiguous, since
people say it of fresh and of dried tea.
"""

from __future__ import annotations

from typing import Any

from messages.products import ProductEntry

KG = 1000
TAN = 1_000_000

DEFAULT_PRODUCTS: tuple[dict[str, Any], ...] = (
    {
        "name": "chè búp tươi",
        "aliases": [
            "chè", "chè tươi", "chè búp", "búp chè", "lá chè", "chè xanh", "chè hái",
            "chè nguyên liệu", "trà tươi", "trà búp", "búp trà", "trà xanh tươi",
        ],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 1 * TAN,
    },
    {
        "name": "chè khô",
        "aliases": [
            "trà khô", "chè thành phẩm", "chè sao", "chè mạn", "chè móc câu", "trà móc câu",
            "chè đã sao",
        ],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 200 * KG,
    },
    {
        "name": "quế vỏ",
        "aliases": ["quế", "vỏ quế", "quế khô", "quế tươi"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 2 * TAN,
    },
    {
        "name": "quế lá",
        "aliases": ["lá quế", "cành lá quế", "lá cành quế"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 5 * TAN,
    },
    {
        "name": "na",
        "aliases": ["mãng cầu", "na dai", "na bở", "quả na", "trái na"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 1 * TAN,
    },
    {
        "name": "lúa",
        "aliases": ["thóc", "lúa tươi", "lúa khô"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 10 * TAN,
    },
    {
        "name": "cà phê",
        "aliases": ["cafe", "café", "cafê", "cà fê", "caphe", "cf", "cà phê quả", "cà phê nhân"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 10 * TAN,
    },
    {
        "name": "miến dong",
        "aliases": ["miến"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 1 * TAN,
    },
    {
        "name": "nấm",
        "aliases": ["nấm tươi", "nấm hương", "nấm rơm", "nấm sò"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 500 * KG,
    },
    {
        "name": "măng",
        "aliases": ["măng tươi", "măng khô"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 2 * TAN,
    },
    {
        "name": "dược liệu",
        "aliases": ["thuốc nam", "cây dược liệu"],
        "unit": "kg",
        "kind": "weight",
        "max_per_entry": 1 * TAN,
    },
)


def seed_catalogue(start_id: int = 1) -> list[ProductEntry]:
    """DEFAULT_PRODUCTS as entries numbered from start_id (for tests and a fresh database)."""
    return [
        ProductEntry(id=start_id + n, **data) for n, data in enumerate(DEFAULT_PRODUCTS)
    ]
