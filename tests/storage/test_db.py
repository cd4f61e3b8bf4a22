"""The database handle: whole transactions, and single statements without BEGIN/COMMIT."""

from __future__ import annotations

import pytest


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
