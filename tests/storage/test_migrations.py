"""The stairway: every migration applies to an empty database, in order, once; on SQLite
and on PostgreSQL (where storage.pg rewrites the files' types)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import asyncpg
import pytest

from storage.db import Database, open_database
from storage.migrate import Migration, applied_versions, bundled_migrations, migrate
from tests.conftest import BACKENDS
from tests.postgres import PgCluster
from tests.support import sqlite_only, table_names


@pytest.fixture(params=BACKENDS)
async def empty(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Database]:
    """A database with nothing in it, once per backend."""
    if request.param == "sqlite":
        database = await Database.open(tmp_path / "fresh.db")
        yield database
        await database.close()
        return
    cluster: PgCluster = request.getfixturevalue("postgres")
    name = cluster.empty()
    database = await open_database(cluster.url(name))
    try:
        yield database
    finally:
        await database.close()
        cluster.drop(name)


async def test_stairway_applies_every_migration_in_order(empty):
    expected = [m.version for m in bundled_migrations()]
    for step in range(1, len(expected) + 1):
        applied = await migrate(empty, bundled_migrations()[:step])
        assert applied == [expected[step - 1]]
        assert await applied_versions(empty) == expected[:step]
    assert await migrate(empty) == []  # a second start applies nothing


async def test_rebuilt_tables_keep_their_rows_and_ids_go_on_after_them(empty):
    """0013 rebuilds plots, copying the rows with their ids: a new plot gets the next id."""
    steps = bundled_migrations()
    await migrate(empty, steps[:12])
    async with empty.transaction() as tx:
        await tx.execute("INSERT INTO cooperatives (id, name, created_at) VALUES (7, 'HTX', 't')")
        await tx.execute("INSERT INTO members (id, display_name, role, cooperative_id, created_at)"
                         " VALUES (5, 'Lan', 'member', 7, 't')")
        await tx.execute("INSERT INTO plots (id, member_id, cooperative_id, name, name_key,"
                         " created_at) VALUES (40, 5, 7, 'lô 3', 'lo 3', 't')")
    await migrate(empty)
    async with empty.transaction() as tx:
        made = await tx.value("INSERT INTO plots (member_id, cooperative_id, name, name_key,"
                              " created_at) VALUES (5, 7, 'lô 4', 'lo 4', 't') RETURNING id")
        assert made == 41
        assert await tx.value("SELECT name FROM plots WHERE id = 40") == "lô 3"


async def test_schema_has_the_foundation_tables(db):
    async with db.transaction() as tx:
        names = await table_names(tx)
    assert {
        "alliances", "cooperatives", "members", "identities", "invites", "inbox",
        "conversation_state", "audit_log", "kv", "schema_migrations",
    } <= names


async def test_connection_pragmas(db):
    sqlite_only(db, "PRAGMAs are SQLite's settings")
    assert (await db.pragma("journal_mode")).lower() == "wal"
    assert await db.pragma("foreign_keys") == 1
    assert await db.pragma("synchronous") == 1  # NORMAL
    assert await db.pragma("busy_timeout") >= 1000
    assert await db.pragma("temp_store") == 2  # MEMORY: savepoint journals stay off the disk
    assert await db.pragma("cache_size") == -65536  # 64 MiB: the indexes' hot pages stay cached


async def test_a_failing_migration_leaves_nothing_behind(empty):
    broken = [
        Migration(1, "good", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "bad", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);"),
    ]
    with pytest.raises((sqlite3.OperationalError, asyncpg.exceptions.UndefinedTableError)):
        await migrate(empty, broken)
    assert await applied_versions(empty) == [1]
    async with empty.transaction() as tx:
        assert "b" not in await table_names(tx) and "a" in await table_names(tx)


async def test_foreign_keys_are_enforced(db, clock):
    async with db.transaction() as tx:
        with pytest.raises((sqlite3.IntegrityError, asyncpg.exceptions.ForeignKeyViolationError)):
            await tx.execute(
                "INSERT INTO cooperatives (name, alliance_id, created_at) VALUES ('x', 999, 't')"
            )
