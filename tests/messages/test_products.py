"""Product matching: folded, several words, longest first, small typos, ambiguity."""

from __future__ import annotations

import pytest

from messages.fold import fold, words
from messages.harvest_words import PLAIN_MEANINGS, STOP_WORDS
from messages.product_seed import DEFAULT_PRODUCTS, seed_catalogue
from messages.products import ProductEntry, match_product, match_product_at, rank_products

SEED = seed_catalogue()
NAMES = {p.id: p.name for p in SEED}


@pytest.mark.parametrize(
    ("text", "names", "tier"),
    [
        ("chè", ["chè búp tươi"], "exact"),
        ("che", ["chè búp tươi"], "exact"),
        ("CHÈ BÚP TƯƠI", ["chè búp tươi"], "exact"),
        ("chè khô", ["chè khô"], "exact"),
        ("che kho", ["chè khô"], "exact"),
        ("trà khô", ["chè khô"], "exact"),
        ("trà", ["chè búp tươi", "chè khô"], "prefix"),
        ("quế", ["quế vỏ"], "exact"),
        ("quế lá", ["quế lá"], "exact"),
        ("lá quế", ["quế lá"], "exact"),
        ("mãng cầu", ["na"], "exact"),
        ("thóc", ["lúa"], "exact"),
        ("caphe", ["cà phê"], "exact"),
        ("cà phé", ["cà phê"], "folded"),
        ("cà phe", ["cà phê"], "exact"),
        ("chebuptuoi", ["chè búp tươi"], "folded"),
        ("chè bút tươi", ["chè búp tươi"], "fuzzy"),
        ("qeu", ["quế vỏ"], "fuzzy"),
        ("chè khoo", ["chè khô"], "fuzzy"),
        ("miến dongg", ["miến dong"], "fuzzy"),
        ("nâm", ["nấm"], "folded"),
        ("xoài", [], None),
        ("nhe", [], None),
        ("", [], None),
    ],
)
def test_match_product(text: str, names: list[str], tier: str | None) -> None:
    found = match_product(text, SEED)
    assert sorted(p.name for p in found.products) == sorted(names)
    assert found.tier == tier


def test_without_a_bare_alias_the_first_word_is_ambiguous() -> None:
    catalogue = [
        ProductEntry(id=1, name="chè búp tươi"),
        ProductEntry(id=2, name="chè khô"),
    ]
    assert match_product("chè", catalogue).status == "several"
    assert match_product("chè khô", catalogue).status == "one"
    with_alias = [catalogue[0].model_copy(update={"aliases": ["chè"]}), catalogue[1]]
    assert match_product("chè", with_alias).products[0].id == 1


def test_longest_match_wins() -> None:
    tokens = words("chè khô 30kg")
    found = match_product_at(tokens, 0, SEED)
    assert (found.products[0].name, found.length) == ("chè khô", 2)
    assert match_product_at(words("chè búp tươi"), 0, SEED).length == 3


def test_small_words_are_not_bent_into_products() -> None:
    tokens = words("che cho htx")  # "chè for the cooperative", not "chè khô"
    found = match_product_at(tokens, 0, SEED, stop_words=STOP_WORDS)
    assert (found.products[0].name, found.length) == ("chè búp tươi", 1)
    thoi = match_product_at(words("thoi"), 0, SEED, stop_words=STOP_WORDS)
    assert thoi.status == "none"  # "thôi", not a typo of "thóc"
    buoi = match_product_at(words("buổi"), 0, SEED, stop_words=STOP_WORDS | {"buoi"})
    assert buoi.status == "none"


def test_plain_word_in_a_message_with_diacritics() -> None:
    accented = words("mang chè")
    kwargs = {"stop_words": STOP_WORDS, "plain_words": PLAIN_MEANINGS}
    assert match_product_at(accented, 0, SEED, has_marks=True, **kwargs).status == "none"
    plain = words("mang 40kg")
    assert match_product_at(plain, 0, SEED, has_marks=False, **kwargs).products[0].name == "măng"


def test_rank_products_puts_the_closest_first() -> None:
    ranked = rank_products("nam", SEED)
    assert ranked[0].name == "nấm"
    assert len(ranked) == len(SEED)
    assert rank_products("x", SEED, kind="count") == []


def test_seed_catalogue_is_sensible() -> None:
    names = [p["name"] for p in DEFAULT_PRODUCTS]
    assert len(names) == len(set(names)) == 11
    owner: dict[str, str] = {}
    for product in SEED:
        assert product.kind == "weight" and product.unit == "kg"
        assert product.max_per_entry and product.max_per_entry >= 100_000
        for phrase in [product.name, *product.aliases]:
            key = fold(phrase)
            assert owner.setdefault(key, product.name) == product.name, phrase
    assert owner["che"] == "chè búp tươi"
    assert owner["que"] == "quế vỏ"
    assert "tra" not in owner
