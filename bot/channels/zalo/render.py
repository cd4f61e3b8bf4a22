"""Replies as the bodies the Zalo OA send API takes.

Zalo cannot edit a sent message, so an edit is sent as a new one. A text message holds
2000 characters; a button template a few buttons, each of which sends its payload back as
the person's text (`oa.query.show`). Buttons beyond those become numbered lines the person
can type ("1", "2"...); the channel remembers which number is which. Options that are
quantities ("14 ngày") are never numbered: a typed number is the quantity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.channels.text import quantity_options, split_text
from bot.channels.zalo.events import BUTTON_MARK
from handlers.contract import Attachment, Button, Reply

TEXT_LIMIT = 2000
MAX_BUTTONS = 5
BUTTON_TYPE = "oa.query.show"
BUTTON_TITLE_LIMIT = 100


@dataclass(frozen=True)
class Step:
    """One call to the send API: the `message` part of its body. With `upload`, the file is
    uploaded first and its token (file) or attachment id (image) goes into the body."""

    message: dict[str, Any]
    upload: tuple[Literal["file", "image"], Attachment] | None = None


@dataclass
class Rendered:
    """What a batch of replies becomes: the calls in order, and the numbered options."""

    steps: list[Step] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)  # typed number -> button data


def render(replies: list[Reply], hint: str, typed_hint: str | None = None) -> Rendered:
    """The send calls for a batch of replies; `hint` heads the numbered options. Options that
    are quantities ("14 ngày", `quantity_options`) are listed with bullets under `typed_hint`
    and none of the batch is numbered: a typed "1" is then 1 (day), never an option."""
    out = Rendered()
    numbered = not quantity_options(b for reply in replies for row in reply.buttons for b in row)
    for reply in replies:
        buttons = [b for row in reply.buttons for b in row]
        shown, extra = buttons[:MAX_BUTTONS], buttons[MAX_BUTTONS:]
        text = reply.text
        if extra:
            lines = []
            for button in extra:
                if not numbered:
                    lines.append(f"• {button.label}")
                    continue
                number = str(len(out.options) + 1)
                out.options[number] = button.data
                lines.append(f"{number}. {button.label}")
            head = hint if numbered else (typed_hint or hint)
            text = f"{text}\n\n{head}\n" + "\n".join(lines)
        pieces = split_text(text, TEXT_LIMIT)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            message = _with_buttons(piece, shown) if last and shown else {"text": piece}
            out.steps.append(Step(message))
        if reply.document is not None:
            out.steps.append(
                Step({"attachment": {"type": "file", "payload": {}}}, ("file", reply.document))
            )
        if reply.photo is not None:
            media = {"template_type": "media", "elements": [{"media_type": "image"}]}
            out.steps.append(
                Step({"attachment": {"type": "template", "payload": media}}, ("image", reply.photo))
            )
    return out


def _with_buttons(text: str, buttons: list[Button]) -> dict[str, Any]:
    return {
        "attachment": {
            "type": "template",
            "payload": {
                "template_type": "button",
                "text": text,
                "buttons": [
                    {
                        "title": b.label[:BUTTON_TITLE_LIMIT],
                        "type": BUTTON_TYPE,
                        "payload": BUTTON_MARK + b.data,
                    }
                    for b in buttons
                ],
            },
        }
    }


def fill_upload(message: dict[str, Any], kind: str, uploaded: str) -> dict[str, Any]:
    """The body of an upload step once the file is uploaded (`uploaded`: token or id)."""
    attachment = message["attachment"]
    if kind == "file":
        return {"attachment": {**attachment, "payload": {"token": uploaded}}}
    element = {"media_type": "image", "attachment_id": uploaded}
    payload = {**attachment["payload"], "elements": [element]}
    return {"attachment": {**attachment, "payload": payload}}
