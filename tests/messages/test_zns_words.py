"""/zns and /sdt read the way managers and farmers type them."""

from __future__ import annotations

import pytest

from messages.zns import read_phone, read_zns, shown_phone


@pytest.mark.parametrize(("typed", "phone"), [
    ("0912345678", "84912345678"), ("0912 345 678", "84912345678"),
    ("+84 912.345.678", "84912345678"), ("84912345678", "84912345678"),
    ("0385-123-456", "84385123456"), ("091234567", None), ("02438 123 456", None),
    ("abc", None), ("0612345678", None),
])
def test_phone_numbers(typed, phone):
    assert read_phone(typed) == phone


def test_a_phone_is_shown_as_people_write_it():
    assert shown_phone("84912345678") == "0912 345 678"


@pytest.mark.parametrize(("args", "action", "extra"), [
    ("", "list", {}),
    ("huongdan", "help", {}),
    ("hạn mức 200", "quota", {"quota": 200}),
    ("hanmuc 1.000", "quota", {"quota": 1000}),
    ("hanmuc nhiều", "problem", {"problem": "zns.quota_bad"}),
    ("mau bantin 123 ten_htx=htx bang_gia=gia:200", "save",
     {"kind": "bulletin", "template_id": "123",
      "params": [("ten_htx", "htx", 30), ("bang_gia", "gia", 200)]}),
    ("mẫu tập huấn 9 a=tieude", "save", {"kind": "training", "template_id": "9"}),
    ("mau lich 9 a=tieude", "problem", {"problem": "zns.bad_kind"}),
    ("mau taphuan 9 a=tieude", "save", {"kind": "training"}),
    ("mau bantin abc a=htx", "problem", {"problem": "zns.bad_template"}),
    ("mau bantin 1 a=gia_ban", "problem", {"problem": "zns.bad_param"}),
    ("mau bantin 1", "problem", {"problem": "zns.no_params"}),
    ("xoa nhaclich", "remove", {"kind": "reminder"}),
])
def test_zns_commands(args, action, extra):
    command = read_zns(args)
    assert command.action == action
    for key, value in extra.items():
        assert getattr(command, key) == value
