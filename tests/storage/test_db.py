"""The database handle: whole transactions, single statements, and one-trip work."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tests.support import sqlite_only


async def test_statement_commits_its_one_statement(db):
    async with db.statement() as tx:
        changed = await tx.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?)", ("probe", "1")
        )
    assert changed == 1
    async with db.transaction() as tx:
        assert await tx.value("SELECT value FROM kv WHERE key = ?", ("probe",)) == "1"


async def test_statement_refuses_a_second_statement(db):
    with pytest.raises(RuntimeError, match="one statement"):
        async with db.statement() as tx:
            await tx.execute("INSERT INTO kv (key, value) VALUES ('a', '1')")
            await tx.execute("INSERT INTO kv (key, value) VALUES ('b', '2')")
    async with db.transaction() as tx:
        keys = [r["key"] for r in await tx.all("SELECT key FROM kv WHERE key IN ('a', 'b')")]
    assert keys == ["a"]  # the first was its own transaction; the second never ran


async def test_transaction_rolls_back_every_statement_on_error(db):
    with pytest.raises(ValueError):
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO kv (key, value) VALUES ('c', '1')")
            raise ValueError("boom")
    async with db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM kv WHERE key = 'c'") == 0


async def _insert_and_read(tx, key: str) -> tuple[int, str, int]:
    changed = await tx.execute("INSERT INTO kv (key, value) VALUES (?, '1')", (key,))
    await tx.execute_many("INSERT INTO kv (key, value) VALUES (?, ?)", [(key + "2", "2")])
    row = await tx.one("SELECT value FROM kv WHERE key = ?", (key,))
    rows = await tx.all("SELECT key FROM kv WHERE key LIKE ? ORDER BY key", (key + "%",))
    count = await tx.value("SELECT COUNT(*) FROM kv WHERE key LIKE ?", (key + "%",))
    assert row == {"value": "1"} and [r["key"] for r in rows] == [key, key + "2"]
    return changed, row["value"], count


async def test_run_does_the_whole_work_on_the_database_thread_and_commits(db):
    threads = []

    async def work(tx):
        threads.append(threading.get_ident())
        return await _insert_and_read(tx, "run")

    assert await db.run(work) == (1, "1", 2)
    if db.dialect == "sqlite":  # PostgreSQL's driver is asynchronous: no thread to hop to
        assert threads and threads[0] != threading.get_ident()  # not the event loop's thread
    async with db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM kv WHERE key LIKE 'run%'") == 2


async def test_run_rolls_back_everything_when_the_work_fails(db):
    async def work(tx):
        await tx.execute("INSERT INTO kv (key, value) VALUES ('gone', '1')")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await db.run(work)
    async with db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM kv WHERE key = 'gone'") == 0
    assert await db.run(lambda tx: _insert_and_read(tx, "after")) == (1, "1", 2)  # usable


async def test_run_redoes_on_the_event_loop_work_that_awaits_something_else(db, caplog):
    sqlite_only(db, "the one-trip run on aiosqlite's thread; asyncpg's work is awaited as is")
    attempts = []

    async def work(tx):
        attempts.append(threading.get_ident())
        await tx.execute("INSERT INTO kv (key, value) VALUES ('twice', ?)", (len(attempts),))
        await asyncio.sleep(0)  # not the database: cannot finish on its thread
        return await tx.value("SELECT value FROM kv WHERE key = 'twice'")

    assert await db.run(work) == "2"  # the first attempt was rolled back, not kept
    assert attempts[0] != threading.get_ident() and attempts[1] == threading.get_ident()
    assert "awaited outside its Tx" in caplog.text
    async with db.transaction() as tx:
        assert await tx.value("SELECT COUNT(*) FROM kv WHERE key = 'twice'") == 1


async def _keep_some(tx) -> None:
    """Three blocks in savepoints, the middle one failing, one nested failure kept apart."""
    for key in ("s1", "s2", "s3"):
        try:
            async with tx.savepoint():
                await tx.execute("INSERT INTO kv (key, value) VALUES (?, '1')", (key,))
                if key == "s2":
                    raise ValueError("this block only")
                with pytest.raises(ValueError):
                    async with tx.savepoint():
                        await tx.execute("INSERT INTO kv (key, value) VALUES (?, '1')",
                                         (key + "-inner",))
                        raise ValueError("the inner block only")
        except ValueError:
            pass


@pytest.mark.parametrize("way", ["run", "transaction"])
async def test_a_savepoint_undoes_its_block_alone(db, way):
    if way == "run":
        await db.run(_keep_some)
    else:
        async with db.transaction() as tx:
            await _keep_some(tx)
    async with db.transaction() as tx:
        keys = [r["key"] for r in await tx.all("SELECT key FROM kv WHERE key LIKE 's%'")]
    assert sorted(keys) == ["s1", "s3"]
