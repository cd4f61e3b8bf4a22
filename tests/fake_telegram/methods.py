"""The Bot API methods the fake answers, with Telegram's validation and error wording."""

from __future__ import annotations

import copy
import json
import re
from pathlib import PurePosixPath
from typing import Any

from .records import ApiError, UploadedFile

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)
# Methods whose answer is a new message in a chat; flood control applies to these.
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
ChatKey = int | str


def chat_key(value: Any) -> ChatKey:
    """A chat id as Telegram would read it: digits become an int, anything else stays text."""
    if isinstance(value, bool):
        raise ApiError(400, "Bad Request: chat not found")
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def _inline_markup(value: Any) -> dict[str, Any] | None:
    # Messages only carry inline keyboards; reply keyboards are not echoed back by Telegram.
    if isinstance(value, dict) and value.get("inline_keyboard"):
        return copy.deepcopy(value)
    return None


def _set_or_drop(message: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        message.pop(name, None)
    else:
        message[name] = value


class BotApiMethods:
    """Mixin of FakeTelegram: one `_api_<method>` per Bot API method it answers."""

    def _init_methods(self) -> None:
        self._chat_seq: dict[ChatKey, int] = {}
        self._messages: dict[tuple[ChatKey, int], dict[str, Any]] = {}
        self._files: dict[str, tuple[UploadedFile, str, str]] = {}  # id -> file, unique, path
        self._file_seq = 0
        self._users: dict[int, dict[str, Any]] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._callback_ids: set[str] = set()
        self._query_seq = 0
        self.answered_callbacks: dict[str, dict[str, Any]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None

    # -- helpers shared with the update builders ------------------------------------------

    def _me(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def _chat(self, key: ChatKey) -> dict[str, Any]:
        if key in self._users:
            user = self._users[key]
            chat = {"id": key, "type": "private", "first_name": user["first_name"]}
            chat.update({k: user[k] for k in ("last_name", "username") if k in user})
            return chat
        if self.strict_chats or not isinstance(key, int):  # @channel names are not modelled
            raise ApiError(400, "Bad Request: chat not found")
        if key > 0:
            return {"id": key, "type": "private", "first_name": f"User {key}"}
        if str(key).startswith("-100"):
            return {"id": key, "type": "supergroup", "title": f"Group {key}"}
        return {"id": key, "type": "group", "title": f"Group {key}"}

    def _next_message_id(self, key: ChatKey) -> int:
        # Like Telegram's private chats, user and bot messages share one counter per chat.
        self._chat_seq[key] = self._chat_seq.get(key, 0) + 1
        return self._chat_seq[key]

    def _store_file(self, kind: str, upload: UploadedFile) -> tuple[str, str, str]:
        self._file_seq += 1
        prefix = {"photo": "AgACAgI", "voice": "AwACAgI", "sticker": "CAACAgI"}.get(kind, "BQACAgI")
        file_id = f"{prefix}AAxkBAAI{self._file_seq:06d}fake{self.bot_id}"
        unique = f"AQAD{self._file_seq:06d}"
        # Like Telegram: "documents/file_12.pdf", keeping only the extension of the name.
        suffix = PurePosixPath(upload.filename).suffix.lower()[:10]
        entry = (upload, unique, f"{kind}s/file_{self._file_seq}{suffix}")
        self._files[file_id] = entry
        return file_id, entry[1], entry[2]

    def _new_message(self, key: ChatKey, sender: dict[str, Any], **content: Any) -> dict:
        message = {
            "message_id": self._next_message_id(key),
            "from": sender,
            "chat": self._chat(key),
            "date": int(self._wall_clock()),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        self._messages[(key, message["message_id"])] = message
        return message

    def _bot_message(self, p: dict[str, Any], **content: Any) -> dict[str, Any]:
        key = self._required_chat(p)
        reply_to = None
        target = (p.get("reply_parameters") or {}).get("message_id")
        if target is not None:
            reply_to = self._messages.get((key, int(target)))
            if reply_to is None and not p["reply_parameters"].get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
            reply_to = copy.deepcopy(reply_to)
            if reply_to:
                reply_to.pop("reply_to_message", None)
        message = self._new_message(
            key,
            self._me(),
            reply_to_message=reply_to,
            reply_markup=_inline_markup(p.get("reply_markup")),
            **content,
        )
        return copy.deepcopy(message)

    def _required_chat(self, p: dict[str, Any]) -> ChatKey:
        if p.get("chat_id") in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        key = chat_key(p["chat_id"])
        self._chat(key)  # raises "chat not found" where Telegram would
        return key

    def _caption(self, p: dict[str, Any]) -> str | None:
        caption = p.get("caption")
        if caption is not None and len(str(caption)) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        return None if caption in (None, "") else str(caption)

    def _input_file(self, kind: str, p: dict[str, Any], files: dict[str, UploadedFile]):
        value = p.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            value = files.get(value.removeprefix("attach://"))
        elif value is None:
            value = files.get(kind)
        if isinstance(value, UploadedFile):
            return value, *self._store_file(kind, value)
        if isinstance(value, str) and value in self._files:
            upload, unique, path = self._files[value]
            stored_kind = path.split("s/", 1)[0]
            if stored_kind != kind:
                raise ApiError(
                    400,
                    f"Bad Request: can't use file of type {stored_kind.title()} as {kind.title()}",
                )
            return upload, value, unique, path
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            upload = UploadedFile(kind, value.rsplit("/", 1)[-1], b"")
            return upload, *self._store_file(kind, upload)
        if value in (None, ""):
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    def _editable(self, p: dict[str, Any], verb: str = "edit") -> dict[str, Any]:
        if p.get("inline_message_id"):
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        key = self._required_chat(p)
        message = self._messages.get((key, int(p.get("message_id") or 0)))
        if message is None:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        if verb == "edit" and message["from"].get("id") != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    # -- the methods ------------------------------------------------------------------------

    def _api_getMe(self, p, files):
        me = self._me()
        me.update(
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        return me

    def _api_logOut(self, p, files):
        return True

    def _api_close(self, p, files):
        return True

    def _api_setWebhook(self, p, files):
        self.webhook_url = str(p.get("url") or "")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook_secret = str(secret) if secret else None
        return True

    def _api_deleteWebhook(self, p, files):
        self.webhook_url = ""
        self.webhook_secret = None
        if p.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_getWebhookInfo(self, p, files):
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _commands_key(self, p: dict[str, Any]) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    def _api_setMyCommands(self, p, files):
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not _COMMAND_NAME.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description must be non-empty")
        self._commands[self._commands_key(p)] = copy.deepcopy(commands)
        return True

    def _api_getMyCommands(self, p, files):
        return copy.deepcopy(self._commands.get(self._commands_key(p), []))

    def _api_deleteMyCommands(self, p, files):
        self._commands.pop(self._commands_key(p), None)
        return True

    def _api_getChat(self, p, files):
        chat = self._chat(self._required_chat(p))
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11}

    def _api_sendChatAction(self, p, files):
        self._required_chat(p)
        if p.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _api_sendMessage(self, p, files):
        text = "" if p.get("text") is None else str(p["text"])
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._bot_message(p, text=text, entities=p.get("entities"))

    def _api_sendDocument(self, p, files):
        upload, file_id, unique, _path = self._input_file("document", p, files)
        document = {
            "file_name": upload.filename,
            "mime_type": upload.mimetype,
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": len(upload.content),
        }
        return self._bot_message(p, document=document, caption=self._caption(p))

    def _api_sendPhoto(self, p, files):
        upload, file_id, unique, _path = self._input_file("photo", p, files)
        size = {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": len(upload.content),
            "width": 1280,
            "height": 960,
        }
        return self._bot_message(p, photo=[size], caption=self._caption(p))

    def _api_editMessageText(self, p, files):
        message = self._editable(p)
        text = "" if p.get("text") is None else str(p["text"])
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        # An edit without reply_markup removes the inline keyboard, so it is a change too.
        markup = _inline_markup(p.get("reply_markup"))
        if message["text"] == text and message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        message.update(text=text, edit_date=int(self._wall_clock()))
        _set_or_drop(message, "entities", p.get("entities"))
        _set_or_drop(message, "reply_markup", markup)
        return copy.deepcopy(message)

    def _api_editMessageCaption(self, p, files):
        message = self._editable(p)
        caption, markup = self._caption(p), _inline_markup(p.get("reply_markup"))
        if message.get("caption") == caption and message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        _set_or_drop(message, "caption", caption)
        _set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(self._wall_clock())
        return copy.deepcopy(message)

    def _api_editMessageReplyMarkup(self, p, files):
        message = self._editable(p)
        markup = _inline_markup(p.get("reply_markup"))
        if message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        _set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(self._wall_clock())
        return copy.deepcopy(message)

    def _api_deleteMessage(self, p, files):
        message = self._editable(p, verb="delete")
        del self._messages[(chat_key(p["chat_id"]), message["message_id"])]
        return True

    def _api_answerCallbackQuery(self, p, files):
        query_id = str(p.get("callback_query_id") or "")
        if query_id not in self._callback_ids:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.answered_callbacks[query_id] = dict(p)
        return True

    def _api_getFile(self, p, files):
        file_id = str(p.get("file_id") or "")
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        upload, unique, path = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": len(upload.content),
            "file_path": path,
        }


# Telegram matches method names case-insensitively; map lower case to the canonical name.
_CANONICAL = {n[5:].lower(): n[5:] for n in dir(BotApiMethods) if n.startswith("_api_")}
_CANONICAL["getupdates"] = "getUpdates"  # answered by FakeTelegram itself (long polling)


def canonical_method(name: str) -> str | None:
    """The Bot API spelling of a method name the fake knows ("SENDMESSAGE" -> "sendMessage")."""
    return _CANONICAL.get(name.lower())
