"""Fixtures: a real database per test, migrated (an SQLite file, and a PostgreSQL database on
a server the session starts); a core on it with a test clock.

HTX_TEST_BACKENDS=sqlite (or postgresql) runs one backend only; both by default. Under
pytest-xdist (`python3 dev.py test`), each worker has its own server and SQLite template."""

from __future__ import annotations

import compileall
import fcntl
import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handlers.context import CoreConfig
from handlers.core import Core
from storage.db import Database, open_database, sqlite_path
from storage.migrate import migrate
from tests.postgres import PgCluster
from tests.sqlite_template import copy_migrated
from tests.support import Clock

BACKENDS = [
    name for name in os.environ.get("HTX_TEST_BACKENDS", "sqlite,postgresql").split(",") if name
]


def pytest_configure(config: pytest.Config) -> None:
    """Compile the project's modules once, before any test (or xdist worker) starts: the
    tests start `htx-bot` as a process a few hundred times, and where bytecode is not written
    (PYTHONDONTWRITEBYTECODE, a fresh clone) each start compiled all of it again, 0.4 s of
    CPU each time. The files are written atomically, as imports would write them."""
    if hasattr(config, "workerinput"):
        return  # a worker: its controller did it
    root = Path(__file__).resolve().parents[1]
    for package in ("bot", "handlers", "messages", "storage"):
        compileall.compile_dir(root / package, quiet=1)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a test tries to resolve any host but this machine: tests stay offline."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1", None):
            raise OSError(f"test tried to reach {host!r}; tests must stay offline")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture(scope="session")
def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder all of this run's xdist workers share (their base folders' parent)."""
    return tmp_path_factory.getbasetemp().parent


@pytest.fixture(autouse=True)
def alone_or_together(request: pytest.FixtureRequest) -> Iterator[None]:
    """With pytest-xdist, a test marked `alone` (it measures real-time rates or latencies,
    which a neighbour's CPU load would distort) runs while no other worker runs a test; the
    others run side by side. A gate taken first keeps new tests out while an `alone` one
    waits for the running ones to end."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    folder: Path = request.getfixturevalue("_run_folder")
    alone = request.node.get_closest_marker("alone") is not None
    with open(folder / "htx-gate.lock", "a") as gate, open(folder / "htx-room.lock", "a") as room:
        fcntl.flock(gate, fcntl.LOCK_EX)
        fcntl.flock(room, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        if not alone:
            fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(room, fcntl.LOCK_UN)
            if alone:
                fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PgCluster]:
    """One PostgreSQL server for the whole session, in a temporary folder."""
    cluster = PgCluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A DATABASE_URL of a fresh, migrated database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/htx.db"
        return
    cluster: PgCluster = request.getfixturevalue("postgres")
    name = cluster.fresh()
    try:
        yield cluster.url(name)
    finally:
        cluster.release(name)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    if database_url.startswith("sqlite:"):  # a copy of a migrated file: migrate finds it done
        await copy_migrated(sqlite_path(database_url))
    database = await open_database(database_url)
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture
def core(db: Database, clock: Clock) -> Core:
    return Core(db, CoreConfig(timezone=ZoneInfo("Asia/Ho_Chi_Minh"), language="vi"), clock)
