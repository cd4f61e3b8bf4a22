"""A lock another connection holds is waited for, then the work runs once."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest

from storage.db import Database
from storage.migrate import migrate


def _hold(path, seconds: float, held: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO kv (key, value) VALUES ('holder', '1')")
    held.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
async def quick(tmp_path):
    """SQLite's own wait cut to 0.1 s, so the retries do the waiting."""
    database = await Database.open(tmp_path / "htx.db", busy_timeout_ms=100, busy_for=10)
    await migrate(database)
    yield database
    await database.close()


@pytest.mark.parametrize("how", ["run", "transaction", "statement"])
async def test_work_waits_for_a_lock_held_longer_than_the_busy_timeout(quick, how):
    held = threading.Event()
    holder = threading.Thread(target=_hold, args=(quick.path, 1.0, held))
    holder.start()
    held.wait(5)
    started = time.monotonic()
    insert = "INSERT INTO kv (key, value) VALUES ('mine', '2')"
    if how == "run":
        async def work(tx):
            return await tx.execute(insert)
        assert await quick.run(work) == 1
    elif how == "transaction":
        async with quick.transaction() as tx:
            await tx.execute(insert)
    else:
        async with quick.statement() as tx:
            await tx.execute(insert)
    waited = time.monotonic() - started
    await asyncio.to_thread(holder.join)
    assert 0.8 < waited < 2.5, waited  # until the lock went, not a fixed sleep
    async with quick.transaction() as tx:
        rows = await tx.all("SELECT key FROM kv WHERE key IN ('holder', 'mine') ORDER BY key")
    assert [r["key"] for r in rows] == ["holder", "mine"]  # once each


async def test_a_lock_held_past_the_limit_fails_with_sqlites_error(tmp_path):
    database = await Database.open(tmp_path / "htx.db", busy_timeout_ms=50, busy_for=0.5)
    await migrate(database)
    held = threading.Event()
    holder = threading.Thread(target=_hold, args=(database.path, 2.0, held))
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            async with database.transaction():
                pass
    finally:
        await asyncio.to_thread(holder.join)
        await database.close()
