"""Reading `/sanpham` commands, with and without diacritics."""

from __future__ import annotations

import pytest

from messages.product_commands import default_max, parse_product_command, read_unit


@pytest.mark.parametrize(
    ("args", "action", "name", "aliases", "unit", "kind"),
    [
        ("them Chè shan | shan, chè cổ thụ | kg", "add", "Chè shan", ["shan", "chè cổ thụ"],
         "kg", "weight"),
        ("thêm  Bưởi   Diễn | trai", "add", "Bưởi Diễn", [], "trái", "count"),
        ("THEM Mật ong | | l", "add", "Mật ong", [], "lít", "volume"),
        ("them Rau ngót", "add", "Rau ngót", [], "kg", "weight"),
        ("them Sắn | tan", "add", "Sắn", [], "tấn", "weight"),
        ("them Na | na, mãng cầu, Mãng Cầu | lạng", "add", "Na", ["mãng cầu"], "lạng",
         "weight"),
        ("an miến dong", "hide", "miến dong", [], "kg", "weight"),
        ("ẩn miến dong", "hide", "miến dong", [], "kg", "weight"),
        ("hien na", "show", "na", [], "kg", "weight"),
        ("hiện na", "show", "na", [], "kg", "weight"),
        ("bidanh na | mãng cầu;na dai", "aliases", "na", ["mãng cầu", "na dai"], "kg",
         "weight"),
        ("bí danh na |", "aliases", "na", [], "kg", "weight"),
        ("bi danh na | x", "aliases", "na", ["x"], "kg", "weight"),
    ],
)
def test_commands_are_read(args, action, name, aliases, unit, kind):
    command = parse_product_command(args)
    assert command.problem is None
    assert (command.action, command.name, command.aliases) == (action, name, aliases)
    if action == "add":
        assert (command.unit, command.kind) == (unit, kind)


@pytest.mark.parametrize("args", ["doiten chè khô | chè khô loại 1",
                                  "đổi tên chè khô | chè khô loại 1",
                                  "doi ten chè khô|chè khô loại 1"])
def test_rename(args):
    command = parse_product_command(args)
    assert (command.action, command.name, command.new_name) == (
        "rename", "chè khô", "chè khô loại 1"
    )


def test_nothing_lists():
    assert parse_product_command("  ").action == "list"


@pytest.mark.parametrize(
    ("args", "problem"),
    [("xoa na", "syntax"), ("them", "syntax"), ("them a | b | kg | d", "syntax"),
     ("them Xoài | hộp", "unit"), ("them 123 | kg", "name"), ("them " + "a" * 61, "name"),
     ("doiten na", "syntax"), ("doiten na | 42", "name"), ("an", "syntax"),
     ("an na | x", "syntax"), ("bidanh na", "syntax")],
)
def test_problems(args, problem):
    assert parse_product_command(args).problem == problem


def test_units_and_default_limits():
    assert read_unit("Kg") == ("kg", "weight")
    assert read_unit("buong") == ("buồng", "count")
    assert read_unit("hộp") is None
    assert default_max("kg", "weight") == 1_000_000
    assert default_max("tạ", "weight") == 1_000_000
    assert default_max("tấn", "weight") == 10_000_000
    assert default_max("lít", "volume") == 1_000_000
    assert default_max("quả", "count") is None
