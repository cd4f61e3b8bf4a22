"""Fixtures: a real SQLite file per test, migrated; a core on it with a test clock."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

import pytest

from handlers.context import CoreConfig
from handlers.core import Core
from storage.db import Database
from storage.migrate import migrate
from tests.support import Clock


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a test tries to resolve any host but this machine: tests stay offline."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1", None):
            raise OSError(f"test tried to reach {host!r}; tests must stay offline")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "htx.db")
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture
def core(db: Database, clock: Clock) -> Core:
    return Core(db, CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi"), clock)
