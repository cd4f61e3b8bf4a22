"""Builders of realistic incoming updates (what a farmer's phone would make Telegram send)."""

from __future__ import annotations

import copy
import re
import zlib
from typing import Any

from .methods import chat_key
from .records import UploadedFile

# Telegram marks /commands (optionally /command@bot) that start a word as bot_command.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
_FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00fake-photo\xff\xd9"
_FAKE_OGG = b"OggS\x00\x02fake-voice"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram attaches to `text` (offsets in UTF-16 code units)."""
    return [
        {
            "type": "bot_command",
            "offset": _utf16_len(text[: m.start()]),
            "length": _utf16_len(m.group()),
        }
        for m in _COMMAND.finditer(text)
    ]


class UpdateBuilders:
    """Mixin of FakeTelegram: build update JSON; ids increment, nothing is queued until pushed."""

    def add_user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """Register (or update) a person; returns their User JSON. Builders call this for you."""
        with self._lock:
            user = self._users.setdefault(
                user_id,
                {"id": user_id, "is_bot": False, "first_name": "Nông dân", "language_code": "vi"},
            )
            given = {
                "first_name": first_name,
                "last_name": last_name,
                "username": username,
                "language_code": language_code,
            }
            user.update({k: v for k, v in given.items() if v is not None})
            return copy.deepcopy(user)

    def _user_message(self, user_id: int, profile: dict[str, Any], **content: Any) -> dict:
        with self._lock:
            sender = self.add_user(user_id, **profile)
            return copy.deepcopy(self._new_message(user_id, sender, **content))

    def _wrap(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            update_id = self._next_update_id
            self._next_update_id += 1
        return {"update_id": update_id, kind: payload}

    def _user_file(self, kind: str, filename: str, content: bytes, mimetype: str):
        with self._lock:
            return self._store_file(kind, UploadedFile(kind, filename, content, mimetype))

    def text_update(self, user_id: int, text: str, **profile: Any) -> dict[str, Any]:
        """A private text message; /commands get bot_command entities like Telegram adds.

        `profile` may hold first_name, last_name, username, language_code.
        """
        entities = command_entities(text) or None
        return self._wrap(
            "message", self._user_message(user_id, profile, text=text, entities=entities)
        )

    def edited_update(self, original: dict[str, Any], text: str) -> dict[str, Any]:
        """An edited_message for an earlier message (pass its update or its message JSON)."""
        message = original.get("message") or original.get("edited_message") or original
        with self._lock:
            key = chat_key(message["chat"]["id"])
            stored = self._messages.get((key, message["message_id"]), copy.deepcopy(message))
            stored.update(text=text, edit_date=int(self._wall_clock()))
            stored.pop("entities", None)
            if entities := command_entities(text):
                stored["entities"] = entities
            self._messages[(key, message["message_id"])] = stored
            return self._wrap("edited_message", copy.deepcopy(stored))

    def callback_update(
        self, user_id: int, message: dict[str, Any] | int, data: str, **profile: Any
    ) -> dict[str, Any]:
        """A button press on a bot message (its JSON, or its message_id in the user's chat)."""
        with self._lock:
            sender = self.add_user(user_id, **profile)
            if isinstance(message, dict):
                key, message_id = chat_key(message["chat"]["id"]), message["message_id"]
            else:
                key, message_id = user_id, message
            current = self._messages.get((key, message_id))
            if current is None:
                raise KeyError(f"no message {message_id} in chat {key} to press a button on")
            self._query_seq += 1
            query_id = f"{self.bot_id}{self._query_seq:010d}"
            self._callback_ids.add(query_id)
            query = {
                "id": query_id,
                "from": sender,
                "message": copy.deepcopy(current),
                "chat_instance": str(zlib.crc32(str(key).encode()) * 4099 + 1),
                "data": data,
            }
        return self._wrap("callback_query", query)

    def inline_callback_update(self, user_id: int, data: str, **profile: Any) -> dict:
        """A button press on an inline-mode message: an inline_message_id and no message."""
        with self._lock:
            sender = self.add_user(user_id, **profile)
            self._query_seq += 1
            query_id = f"{self.bot_id}{self._query_seq:010d}"
            self._callback_ids.add(query_id)
            query = {
                "id": query_id,
                "from": sender,
                "inline_message_id": f"AAAAA{self._query_seq:08d}",
                "chat_instance": str(user_id * 4099 + 7),
                "data": data,
            }
        return self._wrap("callback_query", query)

    def sticker_update(self, user_id: int, emoji: str = "👍", **profile: Any) -> dict:
        """A sticker message."""
        file_id, unique, _ = self._user_file("sticker", "sticker.webp", b"RIFF", "image/webp")
        sticker = {
            "file_id": file_id,
            "file_unique_id": unique,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": 4,
        }
        return self._wrap("message", self._user_message(user_id, profile, sticker=sticker))

    def voice_update(
        self, user_id: int, duration: int = 3, content: bytes = _FAKE_OGG, **profile: Any
    ) -> dict[str, Any]:
        """A voice note (downloadable with getFile + the file URL)."""
        file_id, unique, _ = self._user_file("voice", "", content, "audio/ogg")
        voice = {
            "file_id": file_id,
            "file_unique_id": unique,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return self._wrap("message", self._user_message(user_id, profile, voice=voice))

    def photo_update(
        self,
        user_id: int,
        caption: str | None = None,
        content: bytes = _FAKE_JPEG,
        **profile: Any,
    ) -> dict[str, Any]:
        """A photo with an optional caption; two sizes, the largest last as in Telegram."""
        sizes = []
        for width, height in ((90, 68), (1280, 960)):
            file_id, unique, _ = self._user_file("photo", "", content, "image/jpeg")
            sizes.append(
                {
                    "file_id": file_id,
                    "file_unique_id": unique,
                    "width": width,
                    "height": height,
                    "file_size": len(content),
                }
            )
        message = self._user_message(user_id, profile, photo=sizes, caption=caption)
        return self._wrap("message", message)

    def document_update(
        self,
        user_id: int,
        filename: str = "tai_lieu.pdf",
        content: bytes = b"%PDF-1.4\n",
        caption: str | None = None,
        mimetype: str = "application/pdf",
        **profile: Any,
    ) -> dict[str, Any]:
        """A file sent as a document."""
        file_id, unique, _ = self._user_file("document", filename, content, mimetype)
        document = {
            "file_name": filename,
            "mime_type": mimetype,
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": len(content),
        }
        message = self._user_message(user_id, profile, document=document, caption=caption)
        return self._wrap("message", message)

    def location_update(
        self, user_id: int, latitude: float, longitude: float, **profile: Any
    ) -> dict[str, Any]:
        """A shared location pin."""
        location = {"latitude": latitude, "longitude": longitude}
        return self._wrap("message", self._user_message(user_id, profile, location=location))
