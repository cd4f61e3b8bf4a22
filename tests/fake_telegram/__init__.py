"""An offline fake of the Telegram Bot API for tests and benchmarks.

In-process:  fake_bot(fake)  (a Bot whose request AND get_updates_request are FakeRequests)
Over HTTP:   with FakeBotAPIServer(fake) as server: Bot(fake.token, base_url=server.url)
By webhook:  with WebhookPusher(fake, [bot_url, ...]): updates are POSTed once set
"""

from .core import CHAT_STATES, DEFAULT_TOKEN, FakeTelegram
from .methods import NOT_MODIFIED, SEND_METHODS
from .records import ApiError, Call, Response, UploadedFile
from .server import FakeBotAPIServer
from .transport import FakeRequest, fake_application_builder, fake_bot
from .updates import command_entities
from .webhook import WebhookPusher

__all__ = [
    "CHAT_STATES",
    "DEFAULT_TOKEN",
    "NOT_MODIFIED",
    "SEND_METHODS",
    "ApiError",
    "Call",
    "FakeBotAPIServer",
    "FakeRequest",
    "FakeTelegram",
    "Response",
    "UploadedFile",
    "WebhookPusher",
    "command_entities",
    "fake_application_builder",
    "fake_bot",
]
