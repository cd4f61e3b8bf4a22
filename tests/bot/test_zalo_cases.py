"""The Zalo channel's two tables (courier style): incoming event -> the core's Incoming (or
a refusal), and outgoing Reply -> the body of each send call."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.channels.text import split_text
from bot.channels.zalo.events import Refused, signature, to_event, verify
from bot.channels.zalo.render import TEXT_LIMIT, Step, fill_upload, render
from handlers.contract import Attachment, Button, Reply

APP, SECRET = "1234567890123456789", "oa-secret"
TS = "1764547200000"  # 2025-12-01 00:00:00 UTC
AT = datetime(2025, 12, 1, tzinfo=UTC)


def _message(name: str, message: dict, user: str = "u1") -> dict:
    return {"app_id": APP, "event_name": name, "timestamp": TS, "sender": {"id": user},
            "recipient": {"id": "oa"}, "message": message}


IMAGE = {"msg_id": "m2", "attachments": [{"type": "image", "payload": {
    "url": "https://photo.example/a.jpg", "thumbnail": "https://photo.example/t.jpg"}}]}
LOCATION_ATTACHMENT = {"msg_id": "m3", "attachments": [{"type": "location", "payload": {
    "coordinates": {"latitude": "21.5942", "longitude": "105.8481"}}}]}

INCOMING = [
    ("text", _message("user_send_text", {"msg_id": "m1", "text": "hái 30kg chè lô 3"}),
     {"message_ref": "m1", "text": "hái 30kg chè lô 3"}),
    ("tapped button", _message("user_send_text", {"msg_id": "m9", "text": "#hv:undo:12"}),
     {"message_ref": "m9", "button": "hv:undo:12", "text": None}),
    ("a lone # is text", _message("user_send_text", {"msg_id": "m8", "text": "#"}),
     {"text": "#", "button": None}),
    ("a typed # message is text", _message("user_send_text", {"msg_id": "m8",
                                                               "text": "#chè 30kg"}),
     {"text": "#chè 30kg", "button": None}),
    ("empty text", _message("user_send_text", {"msg_id": "m7", "text": "  "}),
     {"text": None, "unsupported": "other"}),
    ("image: photo_ref is its URL", _message("user_send_image", IMAGE),
     {"message_ref": "m2", "photo_ref": "https://photo.example/a.jpg", "text": None}),
    ("image with a caption", _message("user_send_image", {**IMAGE, "text": "lô 3 bị sâu"}),
     {"photo_ref": "https://photo.example/a.jpg", "text": "lô 3 bị sâu"}),
    ("location in an attachment", _message("user_send_location", LOCATION_ATTACHMENT),
     {"location": (21.5942, 105.8481)}),
    ("location field", _message("user_send_location", {"msg_id": "m4", "location": {
        "latitude": 21.0, "longitude": 105.5}}), {"location": (21.0, 105.5)}),
    ("unreadable location", _message("user_send_location", {"msg_id": "m5"}),
     {"location": None, "unsupported": "other"}),
    ("sticker", _message("user_send_sticker", {"msg_id": "m6", "attachments": []}),
     {"unsupported": "sticker"}),
    ("audio", _message("user_send_audio", {"msg_id": "m6"}), {"unsupported": "voice"}),
    ("file", _message("user_send_file", {"msg_id": "m6"}), {"unsupported": "document"}),
    ("follow: what Telegram's Start button sends",
     {"app_id": APP, "event_name": "follow", "timestamp": TS, "oa_id": "oa",
      "follower": {"id": "u7"}},
     {"user_ref": "u7", "message_ref": f"follow:u7:{TS}", "text": "/start"}),
    ("unfollow", {"app_id": APP, "event_name": "unfollow", "timestamp": TS,
                  "follower": {"id": "u7"}},
     {"user_ref": "u7", "message_ref": f"unfollow:u7:{TS}", "unsupported": "unfollow"}),
    ("our own send echoed: nothing to handle",
     {"app_id": APP, "event_name": "oa_send_text", "timestamp": TS, "sender": {"id": "oa"},
      "recipient": {"id": "u1"}, "message": {"msg_id": "x", "text": "hi"}}, None),
    ("seen receipt: nothing", _message("user_seen_message", {"msg_ids": ["x"]}), None),
    ("message without a sender: nothing", {**_message("user_send_text", {"msg_id": "m"}),
                                           "sender": {}}, None),
]


@pytest.mark.parametrize(("payload", "expected"), [c[1:] for c in INCOMING],
                         ids=[c[0] for c in INCOMING])
def test_incoming(payload, expected):
    body = json.dumps(payload, ensure_ascii=False).encode()
    verified = verify(body, signature(APP, body, TS, SECRET), APP, SECRET)
    incoming = to_event(verified).incoming
    if expected is None:
        assert incoming is None
        return
    assert incoming is not None
    assert incoming.channel == "zalo" and incoming.sent_at == AT
    assert incoming.user_ref == expected.get("user_ref", "u1")
    for name, value in expected.items():
        assert getattr(incoming, name) == value, name


def test_an_event_without_msg_id_gets_a_stable_ref_from_its_content():
    payload = _message("user_send_text", {"text": "chè 30kg"})
    first, again = to_event(payload).incoming, to_event(dict(payload)).incoming
    assert first is not None and again is not None
    assert first.message_ref.startswith("body:") and first.message_ref == again.message_ref


def _signed(payload: dict) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    return body, signature(APP, body, TS, SECRET)


GOOD = _message("user_send_text", {"msg_id": "m1", "text": "chè 30kg"})
REFUSALS = [
    ("no header", _signed(GOOD)[0], None),
    ("empty header", _signed(GOOD)[0], ""),
    ("signed with another key", _signed(GOOD)[0],
     signature(APP, _signed(GOOD)[0], TS, "guessed")),
    ("body changed after signing", _signed(GOOD)[0].replace(b"30kg", b"90kg"), _signed(GOOD)[1]),
    ("a made-up mac", _signed(GOOD)[0], "mac=" + "0" * 64),
    ("another app's event", *_signed({**GOOD, "app_id": "999"})),
    ("not JSON", b"hello", "mac=abc"),
    ("a JSON list", b"[1]", "mac=abc"),
]


@pytest.mark.parametrize(("body", "header"), [c[1:] for c in REFUSALS],
                         ids=[c[0] for c in REFUSALS])
def test_refused(body, header):
    with pytest.raises(Refused):
        verify(body, header, APP, SECRET)


def test_the_signature_header_is_accepted_in_any_case():
    body, header = _signed(GOOD)
    assert verify(body, header.upper().replace("MAC=", "mac="), APP, SECRET)["app_id"] == APP


UNDO, FIX = Button(label="↩️ Huỷ", data="hv:undo:12"), Button(label="✏️ Sửa", data="hv:fix:12")
SIX = [[Button(label=f"Lô {n}", data=f"lo:loc:{n}")] for n in range(1, 8)]
XLSX = Attachment(filename="baocao.xlsx", content=b"PK\x03\x04", mime_type="application/zip")
PNG = Attachment(filename="bieudo.png", content=b"\x89PNG", mime_type="image/png")


def _buttons(text: str, *buttons: Button) -> dict:
    return {"attachment": {"type": "template", "payload": {
        "template_type": "button", "text": text,
        "buttons": [{"title": b.label, "type": "oa.query.show", "payload": "#" + b.data}
                    for b in buttons]}}}


OUTGOING = [
    ("text", [Reply(text="Đã ghi.")], [{"text": "Đã ghi."}], {}),
    ("buttons become a template whose payload is the data",
     [Reply(text="Chè · 30 kg", buttons=[[UNDO, FIX]])],
     [_buttons("Chè · 30 kg", UNDO, FIX)], {}),
    ("an edit is a new message", [Reply(text="Đã huỷ.", edit_of="55")], [{"text": "Đã huỷ."}],
     {}),
    ("beyond five buttons: numbered options to type",
     [Reply(text="Lô nào?", buttons=SIX)],
     [_buttons("Lô nào?\n\nGõ số:\n1. Lô 6\n2. Lô 7", *[row[0] for row in SIX[:5]])],
     {"1": "lo:loc:6", "2": "lo:loc:7"}),
    ("a document: its text, then the uploaded file",
     [Reply(text="Báo cáo tháng 11", document=XLSX)],
     [{"text": "Báo cáo tháng 11"},
      {"attachment": {"type": "file", "payload": {"token": "uploaded-1"}}}], {}),
    ("a photo: its text, then the uploaded image",
     [Reply(text="Biểu đồ", photo=PNG)],
     [{"text": "Biểu đồ"},
      {"attachment": {"type": "template", "payload": {"template_type": "media", "elements": [
          {"media_type": "image", "attachment_id": "uploaded-1"}]}}}], {}),
    ("two replies in order", [Reply(text="Một"), Reply(text="Hai")],
     [{"text": "Một"}, {"text": "Hai"}], {}),
]


def _bodies(steps: list[Step]) -> list[dict]:
    return [fill_upload(s.message, s.upload[0], "uploaded-1") if s.upload else s.message
            for s in steps]


@pytest.mark.parametrize(("replies", "bodies", "options"), [c[1:] for c in OUTGOING],
                         ids=[c[0] for c in OUTGOING])
def test_outgoing(replies, bodies, options):
    rendered = render(replies, "Gõ số:")
    assert _bodies(rendered.steps) == bodies
    assert rendered.options == options
    uploads = [s.upload[1] for s in rendered.steps if s.upload]
    assert uploads == [a for r in replies for a in (r.document, r.photo) if a is not None]


def test_a_long_text_is_split_at_line_breaks_under_2000_and_buttons_go_on_the_last_piece():
    lines = [f"{n:04d} " + "chè búp tươi " * 10 for n in range(40)]
    rendered = render([Reply(text="\n".join(lines), buttons=[[UNDO]])], "Gõ số:")
    bodies = _bodies(rendered.steps)
    assert len(bodies) == 3
    assert all(len(b["text"]) <= 2000 for b in bodies[:-1])
    last = bodies[-1]["attachment"]["payload"]
    assert last["buttons"][0]["payload"] == "#hv:undo:12"
    joined = "\n".join([b["text"] for b in bodies[:-1]] + [last["text"]])
    assert joined == "\n".join(lines)


def test_a_line_longer_than_the_limit_is_cut():
    assert [len(p) for p in split_text("x" * 4500, TEXT_LIMIT)] == [2000, 2000, 500]
    assert split_text("a\n" + "y" * 2001, TEXT_LIMIT) == ["a", "y" * 2000, "y"]
