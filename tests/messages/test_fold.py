"""Folding, tone stripping, tokens and typo distances."""

from __future__ import annotations

import pytest

from messages.fold import edit_distance, fold, plain, strip_tones, typo_distance, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chè  BÚP tươi", "che bup tuoi"),
        ("ĐỒI chè", "doi che"),
        ("quế", "que"),
        ("nấm", "nam"),
        ("năm", "nam"),
        ("Hôm qua\n\t", "hom qua"),
        ("ươ ư ơ ă â ê ô", "uo u o a a e o"),
        ("che\u0300 bu\u0301p", "che bup"),  # typed decomposed
        ("dược liệu", "duoc lieu"),
        ("", ""),
        ("30kg", "30kg"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "bare"),
    [("bưởi", "bươi"), ("bưỡi", "bươi"), ("buổi", "buôi"), ("Đồi", "đôi"), ("chè", "che")],
)
def test_strip_tones_keeps_letter_marks(text: str, bare: str) -> None:
    assert strip_tones(text) == bare


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("que", "qeu", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "", 3),
        ("abc", "abc", 0),
        ("chebuttuoi", "chebuptuoi", 1),
        ("ca", "ac", 1),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_limit_reports_limit_plus_one() -> None:
    assert edit_distance("kitten", "sitting", limit=1) == 2
    assert edit_distance("a", "abcdef", limit=2) == 3
    assert edit_distance("que", "qeu", limit=1) == 1


@pytest.mark.parametrize(
    ("typed", "name", "distance"),
    [
        ("qeu", "que", 1),  # three letters: only two swapped neighbours
        ("qua", "que", None),
        ("nhe", "che", None),
        ("na", "ta", None),  # two letters: exact only
        ("na", "na", 0),
        ("cafee", "cafe", 1),
        ("khoo", "kho", None),  # the name is short
        ("chekhoo", "chekho", 1),
        ("chebuttuoi", "chebuptuoi", 1),
        ("chebuptuoi", "chekho", None),
        ("miendongg", "miendong", 1),
        ("duoclieuuu", "duoclieu", 2),
    ],
)
def test_typo_distance(typed: str, name: str, distance: int | None) -> None:
    assert typo_distance(typed, name) == distance


def test_words_keep_raw_and_folded_forms() -> None:
    tokens = words("Hái chè30kg, 1.200,5 tạ -5 20/11 a - b")
    summary = [(t.raw, t.key, t.kind, t.glued) for t in tokens]
    assert summary == [
        ("hái", "hai", "word", False),
        ("chè", "che", "word", False),
        ("30", "30", "number", True),
        ("kg", "kg", "word", True),
        (",", ",", "sep", True),
        ("1.200,5", "1.200,5", "number", False),
        ("tạ", "ta", "word", False),
        ("-", "-", "sign", False),
        ("5", "5", "number", True),
        ("20/11", "20/11", "slash", False),
        ("a", "a", "word", False),
        ("-", "-", "sep", False),
        ("b", "b", "word", False),
    ]
    assert tokens[0].marked and not tokens[3].marked


def test_words_offsets_point_into_the_text() -> None:
    text = "chè 30kg 🍵"
    assert [text[t.start : t.end] for t in words(text)] == ["chè", "30", "kg", "🍵"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("chè \u221230 kg", "chè -30 kg"),  # the minus sign of phone keyboards
        ("chè \u201330 kg", "chè -30 kg"),  # en dash
        ("chè \u201430 kg", "chè -30 kg"),  # em dash
        ("chè \uff0d30 kg", "chè -30 kg"),  # fullwidth hyphen-minus
        ("chè ３０，５ ｋｇ", "chè 30,5 kg"),  # fullwidth digits, comma and letters
        ("chè 30\u00a0kg\u202flô\u20093", "chè 30 kg lô 3"),  # no-break and thin spaces
        ("chè 3\u200b0kg", "chè 3 0kg"),  # a zero-width space stays a gap, never glue
        ("٣٠ kg", "30 kg"),  # Arabic-Indic digits
        ("𝟑𝟎 kg", "30 kg"),  # mathematical digits
        ("30–40 kg", "30-40 kg"),  # a range typed with an en dash
        ("m² ½", "m² ½"),  # not digits: left as they are
        ("hái 30kg chè", "hái 30kg chè"),
    ],
)
def test_plain_reads_look_alikes_as_what_they_imitate(typed: str, read: str) -> None:
    assert plain(typed) == read
    assert len(plain(typed)) == len(typed)  # offsets into the typed text stay valid


def test_words_read_a_unicode_minus_as_a_sign() -> None:
    tokens = words("chè \u221230 kg")
    assert [(t.raw, t.kind) for t in tokens] == [
        ("chè", "word"), ("-", "sign"), ("30", "number"), ("kg", "word")]
    assert (tokens[1].start, tokens[1].end) == (4, 5)
    assert fold("ｃｈè") == "che"
