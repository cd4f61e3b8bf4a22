"""The getUpdates request, keeping each update as Telegram sent it for the inbox."""

from __future__ import annotations

from typing import Any

from telegram.request import BaseRequest, HTTPXRequest, RequestData

JSONDict = dict[str, Any]


class KeptUpdates(BaseRequest):
    """Wraps the request PTB polls getUpdates with and keeps the updates it decoded.

    The inbox stores each update's JSON so that an unfinished one can be handled again after
    a crash. Telegram's own JSON is the truest record of it, and PTB's `Update.to_dict()`
    rebuilds much the same JSON from the objects (deep copies) for a sixth of the channel's
    time. `parse_json_payload` is PTB's documented hook for reading the answer.
    """

    def __init__(self, inner: BaseRequest | None = None) -> None:
        # PTB's own default for getUpdates: one connection (a long poll at a time).
        self._inner = inner if inner is not None else HTTPXRequest(connection_pool_size=1)
        self._kept: dict[int, JSONDict] = {}

    @property
    def read_timeout(self) -> float | None:
        """The read timeout PTB adds the long poll's `timeout` to."""
        return self._inner.read_timeout

    async def initialize(self) -> None:
        """Open the wrapped request."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Close the wrapped request."""
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send through the wrapped request."""
        return await self._inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )

    def parse_json_payload(self, payload: bytes) -> JSONDict:
        """Decode the answer as the wrapped request does, keeping a batch of updates."""
        data = self._inner.parse_json_payload(payload)
        result = data.get("result") if isinstance(data, dict) else None
        if isinstance(result, list):
            self._kept = {
                u["update_id"]: u
                for u in result
                if isinstance(u, dict) and isinstance(u.get("update_id"), int)
            }
        return data

    def take(self) -> dict[int, JSONDict]:
        """The updates of the last batch by update_id, as sent; each batch is taken once."""
        kept, self._kept = self._kept, {}
        return kept
