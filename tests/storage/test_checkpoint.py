"""Background checkpoints: the log is copied into the file beside the writer, never lost."""

from __future__ import annotations

import asyncio
import sqlite3

from storage.checkpoint import BACKSTOP_PAGES
from storage.db import Database
from storage.migrate import migrate


async def _write(db: Database, rows: int, start: int = 0) -> None:
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO kv (key, value) VALUES (?, ?)",
            [(f"k{n}", "x" * 500) for n in range(start, start + rows)],
        )


async def test_the_log_is_copied_into_the_file_without_a_commit_doing_it(tmp_path):
    db = await Database.open(tmp_path / "htx.db", checkpoint_every=0.05)
    try:
        await migrate(db)
        assert db.checkpointer is not None and db.checkpointer.alive
        # The writer's own checkpoint waits for a far longer log: it is only a backstop.
        assert await db.pragma("wal_autocheckpoint") == BACKSTOP_PAGES
        path = tmp_path / "htx.db"
        await asyncio.sleep(0.2)  # the migrations' pages are copied first
        before = path.stat().st_size
        await _write(db, 300)  # about 40 pages, far below the writer's own mark
        # A commit only appends to the log; the file grows when a checkpoint copies them.
        for _ in range(200):
            if path.stat().st_size >= before + 30 * 4096:
                break
            await asyncio.sleep(0.02)
        assert path.stat().st_size >= before + 30 * 4096
        assert db.checkpointer.runs >= 1
        async with db.transaction() as tx:  # and the writer reads all of it back
            assert await tx.value("SELECT COUNT(*) FROM kv WHERE key LIKE 'k%'") == 300
    finally:
        await db.close()


async def test_closing_stops_the_thread_and_leaves_every_row_in_the_file(tmp_path):
    path = tmp_path / "htx.db"
    db = await Database.open(path, checkpoint_every=0.01)
    await migrate(db)
    for start in range(0, 2000, 200):  # commits while the thread checkpoints
        await _write(db, 200, start)
    checkpointer = db.checkpointer
    assert checkpointer is not None
    await db.close()
    assert not checkpointer.alive
    assert not path.with_name("htx.db-wal").exists()  # the last connection emptied the log
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM kv WHERE key LIKE 'k%'").fetchone()[0] == 2000


async def test_without_background_checkpoints_sqlite_keeps_its_own(tmp_path):
    db = await Database.open(tmp_path / "htx.db", checkpoint_every=None)
    try:
        assert db.checkpointer is None
        assert await db.pragma("wal_autocheckpoint") == 1000  # SQLite's default
    finally:
        await db.close()


async def test_a_file_checkpointed_by_another_process_keeps_only_the_backstop(tmp_path):
    # the handling process: the channel that started it runs the checkpoint thread
    db = await Database.open(tmp_path / "htx.db", checkpointed_elsewhere=True)
    try:
        assert db.checkpointer is None
        assert await db.pragma("wal_autocheckpoint") == BACKSTOP_PAGES
    finally:
        await db.close()
