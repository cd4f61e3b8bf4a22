"""An offline fake of the Zalo OA API (send, upload, tokens) that also posts signed webhook
events to the bot, over real HTTP on 127.0.0.1.

    with FakeZaloServer(FakeZalo()) as server:
        env = server.env(webhook_url)       # what `htx-bot run` needs to use it
        server.fake.post(server.fake.text_event("u1", "hái 30kg chè"))
"""

from .core import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo, Sent
from .server import FakeZaloServer

__all__ = ["APP_ID", "APP_SECRET", "OA_SECRET_KEY", "FakeZalo", "FakeZaloServer", "Sent"]
