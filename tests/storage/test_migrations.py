"""The stairway: every migration applies to an empty database, in order, once."""

from __future__ import annotations

import sqlite3

import pytest

from storage.db import Database
from storage.migrate import Migration, applied_versions, bundled_migrations, migrate


async def test_stairway_applies_every_migration_in_order(tmp_path):
    db = await Database.open(tmp_path / "fresh.db")
    try:
        expected = [m.version for m in bundled_migrations()]
        for step in range(1, len(expected) + 1):
            applied = await migrate(db, bundled_migrations()[:step])
            assert applied == [expected[step - 1]]
            assert await applied_versions(db) == expected[:step]
        assert await migrate(db) == []  # a second start applies nothing
    finally:
        await db.close()


async def test_schema_has_the_foundation_tables(db):
    async with db.transaction() as tx:
        rows = await tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = {r["name"] for r in rows}
    assert {
        "alliances", "cooperatives", "members", "identities", "invites", "inbox",
        "conversation_state", "audit_log", "kv", "schema_migrations",
    } <= names


async def test_connection_pragmas(db):
    assert (await db.pragma("journal_mode")).lower() == "wal"
    assert await db.pragma("foreign_keys") == 1
    assert await db.pragma("synchronous") == 1  # NORMAL
    assert await db.pragma("busy_timeout") >= 1000
    assert await db.pragma("temp_store") == 2  # MEMORY: savepoint journals stay off the disk


async def test_a_failing_migration_leaves_nothing_behind(tmp_path):
    db = await Database.open(tmp_path / "broken.db")
    try:
        broken = [
            Migration(1, "good", "CREATE TABLE a (x INTEGER);"),
            Migration(2, "bad", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);"),
        ]
        with pytest.raises(sqlite3.OperationalError):
            await migrate(db, broken)
        assert await applied_versions(db) == [1]
        async with db.transaction() as tx:
            assert await tx.value("SELECT name FROM sqlite_master WHERE name = 'b'") is None
    finally:
        await db.close()


async def test_foreign_keys_are_enforced(db, clock):
    async with db.transaction() as tx:
        with pytest.raises(sqlite3.IntegrityError):
            await tx.execute(
                "INSERT INTO cooperatives (name, alliance_id, created_at) VALUES ('x', 999, 't')"
            )
