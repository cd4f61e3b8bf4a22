"""The one web server: Zalo's webhook, Telegram's webhook mode and a health endpoint.

Starlette, served by uvicorn inside `htx-bot run`'s event loop, so the webhook shares the
process's database connection and core.
"""

from __future__ import annotations

import asyncio
import contextlib

import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.telegram.webhook import SECRET_HEADER as TELEGRAM_SECRET_HEADER
from bot.channels.telegram.webhook import TelegramWebhook
from bot.channels.zalo.channel import ZaloChannel

SIGNATURE_HEADER = "X-ZEvent-Signature"


def build_app(
    zalo: ZaloChannel | None,
    zalo_path: str,
    telegram: TelegramWebhook | None = None,
    telegram_path: str = "/telegram/webhook",
) -> Starlette:
    """The ASGI app: GET /health, POST `zalo_path` when Zalo is on, and POST
    `telegram_path` in Telegram's webhook mode."""

    async def health(request: Request) -> Response:
        return JSONResponse(
            {"ok": True, "zalo": zalo is not None,
             "telegram": telegram.stats() if telegram is not None else None}
        )

    routes = [Route("/health", health, methods=["GET"])]
    if zalo is not None:

        async def zalo_webhook(request: Request) -> Response:
            # The signature covers the raw bytes: read them before anything parses the body.
            body = await request.body()
            status = await zalo.receive(body, request.headers.get(SIGNATURE_HEADER))
            return Response(status_code=status)

        routes.append(Route(zalo_path, zalo_webhook, methods=["POST"]))
    if telegram is not None:

        async def telegram_webhook(request: Request) -> Response:
            status, then = await telegram.receive(
                await request.body(), request.headers.get(TELEGRAM_SECRET_HEADER)
            )
            # The replies go out once Telegram has its answer (the update is stored).
            return Response(status_code=status, background=BackgroundTask(then) if then else None)

        routes.append(Route(telegram_path, telegram_webhook, methods=["POST"]))
    return Starlette(routes=routes)


class WebServer:
    """uvicorn serving the app as a task of the running event loop."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        config = uvicorn.Config(
            app, host=host, port=port, lifespan="off", log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)
        # Signals are the CLI's to handle: uvicorn must not install its own.
        self.server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Bind and serve; returns once the socket is listening."""
        self._task = asyncio.create_task(self.server.serve(), name="web-server")
        while not self.server.started:
            if self._task.done():
                self._task.result()  # raises why it could not start (port in use...)
                raise RuntimeError("web server stopped at start")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        """Stop accepting, finish the requests in flight."""
        if self._task is None:
            return
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
