"""The database handle: one aiosqlite connection per process, serialised transactions."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine, Hashable, Sequence, Sized
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage.checkpoint import BACKSTOP_PAGES, CHECKPOINT_EVERY, Checkpointer

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")
Work = Callable[["Tx"], Coroutine[Any, Any, T]]


def to_db_time(moment: datetime) -> str:
    """Encode an aware datetime as fixed-width UTC text, so text order is time order."""
    global _last_time
    last = _last_time  # one tuple, read once: threads may replace it, never change it
    if last[0] is moment:  # a message's rows all carry the one `now`: encoded once
        return last[1]
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times are stored in UTC and must be aware")
    text = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    _last_time = (moment, text)
    return text


# The last datetime to_db_time encoded and its text: compared by identity (datetimes are
# immutable), so an equal datetime that is another object is simply encoded again.
_last_time: tuple[datetime | None, str] = (None, "")


def from_db_time(text: str) -> datetime:
    """Decode a time written by to_db_time (fromisoformat: 25 times faster than strptime)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def marks(values: Sized) -> str:
    """One `?` parameter mark per value, comma-separated, for `IN (...)` and VALUES lists."""
    return ", ".join("?" * len(values))


def sqlite_path(url: str) -> Path:
    """Turn `sqlite:///relative/path` or `sqlite:////absolute/path` into a Path."""
    match = re.fullmatch(r"sqlite:///(.+)", url)
    if not match:
        raise ValueError("expected sqlite:///path/to/file.db")
    return Path(match.group(1))


class Tx:
    """A transaction in progress; repositories take one of these."""

    dialect: str = "sqlite"

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        # What this transaction read and may read again unchanged: it holds the write lock
        # (BEGIN IMMEDIATE), so only its own writes can change the rows, and the repository
        # that writes them drops its entry. A savepoint rolled back drops everything.
        self.memo: dict[Hashable, Any] = {}

    # Each await below is one trip to aiosqlite's worker thread (execute_fetchall runs,
    # fetches and closes in one); trips, not SQLite, are what a message costs here, which
    # is why a whole transaction can instead run on that thread (Database.run, _ThreadTx).

    async def _rows(self, sql: str, params: Params) -> Sequence[sqlite3.Row]:
        """Run a statement and fetch all its rows: the one primitive the readers share."""
        return await self._conn.execute_fetchall(sql, params)  # type: ignore[return-value]

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement and return the number of rows it changed."""
        before = self._conn.total_changes
        await self._rows(sql, params)
        return self._conn.total_changes - before

    async def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement for each parameter row."""
        await self._conn.executemany(sql, rows)

    async def insert_id(self, sql: str, params: Params = ()) -> int | None:
        """Run one `INSERT ... ON CONFLICT ... DO NOTHING` (without RETURNING); the new
        row's id, None when it was not inserted. SQLite's RETURNING cost a quarter of a
        harvest entry's insert (a fifth of it at 100,000 entries); PostgreSQL, which has no
        row id to ask for, gets `RETURNING id` (storage.pg)."""
        async with self._conn.execute(sql, params) as cursor:
            return cursor.lastrowid if cursor.rowcount == 1 else None

    async def one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        """Return the first row as a dict, or None."""
        rows = await self._rows(sql, params)
        return dict(rows[0]) if rows else None

    async def all(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Return every row as a dict."""
        return [dict(row) for row in await self._rows(sql, params)]

    async def value(self, sql: str, params: Params = ()) -> Any:
        """Return the first column of the first row, or None."""
        rows = await self._rows(sql, params)
        return rows[0][0] if rows else None

    async def tuples(self, sql: str, params: Params = ()) -> tuple[tuple[Any, ...], ...]:
        """Return every row as a plain tuple: hashable, so it can key a cache."""
        return tuple(tuple(row) for row in await self._rows(sql, params))

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """Make a block atomic inside the transaction: an error undoes the block alone.

        Savepoints nest (SQLite, like PostgreSQL, releases the innermost of a name first).
        """
        await self.execute("SAVEPOINT part")
        try:
            yield
        except BaseException:
            await self.execute("ROLLBACK TO part")
            await self.execute("RELEASE part")
            self.memo.clear()
            raise
        await self.execute("RELEASE part")


class _OneStatement(Tx):
    """A Tx that refuses a second statement, which would not be atomic with the first."""

    def __init__(self, conn: aiosqlite.Connection, retry: _BusyRetry) -> None:
        super().__init__(conn)
        self._used = False
        self._retry = retry

    async def execute(self, sql: str, params: Params = ()) -> int:
        if self._used:
            raise RuntimeError("Database.statement() runs one statement; use transaction()")
        self._used = True
        # A statement refused as busy did nothing: it is atomic on its own, so run it again.
        return await self._retry.call(lambda: Tx.execute(self, sql, params))


def is_busy(exc: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the lock (it will pass)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class _Busy(Exception):
    """BEGIN IMMEDIATE was refused as busy: nothing ran, so the work may run again."""


class _BusyRetry:
    """Run again what SQLite refused as busy: after 0.05, 0.1, 0.2 … s (at most `most` s
    apart), for `give_up_after` seconds in all, each try also waiting the busy timeout.

    Another process may hold the write lock for a while (a backup, a `sqlite3` shell, a
    second tool): the bot waits for it instead of failing, and goes on as soon as it goes.
    """

    def __init__(self, give_up_after: float, most: float = 0.5) -> None:
        self.give_up_after = give_up_after
        self.most = most

    async def call(self, attempt: Callable[[], Coroutine[Any, Any, T]]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.give_up_after
        delay, tries = 0.05, 0
        while True:
            try:
                return await attempt()
            except (_Busy, sqlite3.OperationalError) as exc:
                cause = exc.__cause__ if isinstance(exc, _Busy) else exc
                if not isinstance(exc, _Busy) and not is_busy(exc):
                    raise
                tries += 1
                if loop.time() + delay > deadline:
                    raise (cause or exc) from None
                if tries == 1:
                    log.warning("the database is locked by another connection; waiting (%s)",
                                cause)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.most)


class _ThreadTx(Tx):
    """A Tx on the sqlite3 connection itself, for work running on aiosqlite's worker thread.

    Its methods are coroutines that never suspend, so code written against `Tx` runs
    unchanged; `Database.run` drives that code to the end in a single trip to the thread.
    """

    def __init__(self, raw: sqlite3.Connection) -> None:
        super().__init__(raw)  # type: ignore[arg-type]  # total_changes reads the same on both
        self._raw = raw

    async def _rows(self, sql: str, params: Params) -> Sequence[sqlite3.Row]:
        return self._raw.execute(sql, params).fetchall()

    async def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        self._raw.executemany(sql, rows).close()

    async def insert_id(self, sql: str, params: Params = ()) -> int | None:
        cursor = self._raw.execute(sql, params)
        return cursor.lastrowid if cursor.rowcount == 1 else None


class NeedsEventLoop(Exception):
    """Work given to `Database.run` awaited something other than the database."""


def _drive(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends to its end, here and now."""
    try:
        work.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    work.close()
    raise NeedsEventLoop("the work awaited something besides its Tx")


class Database:
    """Owns the connection. All work happens inside `run()`, `transaction()` or `statement()`.

    aiosqlite gives one connection a single worker thread; two coroutines interleaving
    statements on it would share one transaction. The lock makes each transaction whole,
    which also matches SQLite's one-writer model.
    """

    dialect: str = "sqlite"
    checkpointer: Checkpointer | None = None

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: Path,
        busy_for: float = 600.0,
        checkpointer: Checkpointer | None = None,
    ) -> None:
        self._conn = conn
        self.checkpointer = checkpointer  # copies the log into the file, beside the writer
        self._lock = asyncio.Lock()
        self.path = path
        self.url = f"sqlite:///{path}"  # what open_database() opens again (another process)
        # How long a transaction waits for a lock another connection holds before it fails.
        self._busy = _BusyRetry(busy_for)

    @classmethod
    async def open(
        cls,
        path: Path,
        busy_timeout_ms: int = 5000,
        busy_for: float = 600.0,
        checkpoint_every: float | None = CHECKPOINT_EVERY,
        checkpointed_elsewhere: bool = False,
    ) -> Database:
        """Open (creating folders as needed) and configure the database file.
        `checkpoint_every`: seconds between background checkpoints (None: SQLite's own,
        inside the commit that takes the log past 1,000 pages; see storage/checkpoint.py).
        `checkpointed_elsewhere`: another process that has the file open runs the
        checkpoint thread (the channel, for its handling process): none here, and only
        the backstop inside commits."""
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            f"PRAGMA busy_timeout={int(busy_timeout_ms)}",
            # A savepoint (handlers' own, and each message's when a batch is handled
            # again one by one after a failure) keeps the pages it changes in a journal of
            # its own, in a temporary file by default: in memory, a harvest message handled
            # in one cost a twentieth less (benchmarks/ingest.py, scratch timer).
            "PRAGMA temp_store=MEMORY",
            # SQLite's own page cache is 2 MiB by default, while a harvest message touches a
            # page of each of the harvest table's indexes, spread over 50 members' entries:
            # with 100,000 entries those pages no longer stayed cached and each statement
            # read them again from the OS. 64 MiB keeps them (it is a ceiling, not taken up
            # front): the statements of a harvest message cost a sixth less
            # (benchmarks/ingest_growth.py, "SQL µs").
            "PRAGMA cache_size=-65536",
        ):
            await conn.execute(pragma)
        checkpointer = None
        async with conn.execute("PRAGMA journal_mode") as cursor:
            mode = await cursor.fetchone()
        wal = mode is not None and str(mode[0]).lower() == "wal"  # a file (not :memory:)
        if wal and (checkpoint_every is not None or checkpointed_elsewhere):
            await conn.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
        if wal and checkpoint_every is not None and not checkpointed_elsewhere:
            checkpointer = Checkpointer(path, checkpoint_every)
            checkpointer.start()
        return cls(conn, path, busy_for, checkpointer)

    async def close(self) -> None:
        """Close the connection (the checkpointer's first: the last one to close copies
        what is left of the log into the file and removes the log)."""
        if self.checkpointer is not None:
            await asyncio.to_thread(self.checkpointer.stop)
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """Run a block in one write transaction: commit on success, roll back on error.
        BEGIN waits while another connection holds the write lock (see _BusyRetry)."""
        async with self._lock:
            await self._busy.call(self._begin)
            try:
                yield Tx(self._conn)
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def _begin(self) -> None:
        try:
            await self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise _Busy() from exc
            raise

    async def run(self, work: Work[T]) -> T:
        """Run `work(tx)` as one write transaction, in one trip to the database thread.

        A message's handling is a dozen statements; as separate awaits each is a hop to
        aiosqlite's worker thread and back, and the hops cost more than SQLite does. Here the
        whole coroutine runs on that thread, against a Tx whose awaits never suspend. Work
        that awaits anything else (it must not, but a handler might) is rolled back and run
        again the ordinary way, so the result is the same either way, only slower.
        """
        hop = getattr(self._conn, "_execute", None)  # aiosqlite's own "run this on my thread"
        if hop is not None:
            async with self._lock:
                try:
                    return await self._busy.call(  # type: ignore[no-any-return]
                        lambda: hop(self._run_on_thread, work)
                    )
                except NeedsEventLoop:
                    log.warning("work awaited outside its Tx; ran it again on the event loop")
        async with self.transaction() as tx:
            return await work(tx)

    def _run_on_thread(self, work: Work[T]) -> T:
        raw: sqlite3.Connection = self._conn._conn  # aiosqlite private: its sqlite3 connection
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise _Busy() from exc
            raise
        try:
            result = _drive(work(_ThreadTx(raw)))
        except BaseException:
            raw.execute("ROLLBACK")
            raise
        raw.execute("COMMIT")
        return result

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[Tx]:
        """Run exactly one statement, atomic on its own: no BEGIN/COMMIT trips around it.

        SQLite makes every single statement a transaction of its own; for the inbox's one
        INSERT or UPDATE per message this saves two of its three trips to the worker thread.
        """
        async with self._lock:
            yield _OneStatement(self._conn, self._busy)

    @asynccontextmanager
    async def raw(self) -> AsyncIterator[aiosqlite.Connection]:
        """Hand out the connection itself, for the migration runner and diagnostics."""
        async with self._lock:
            yield self._conn

    async def applied_versions(self) -> list[int]:
        """Versions recorded in schema_migrations (made here when missing)."""
        async with self.raw() as conn:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            async with conn.execute("SELECT version FROM schema_migrations ORDER BY version") as c:
                return [row[0] for row in await c.fetchall()]

    async def apply_migration(self, version: int, name: str, script: str, stamp: str) -> None:
        """Run one migration file and record it, together or not at all."""
        record = (
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
            f"({int(version)}, '{name}', '{stamp}');"
        )
        # executescript runs statements one by one; wrapping them in BEGIN/COMMIT makes the
        # file and its record land together or not at all.
        async with self.raw() as conn:
            try:
                await conn.executescript(f"BEGIN;\n{script}\n{record}\nCOMMIT;")
            except Exception:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise

    async def pragma(self, name: str) -> Any:
        """Read one PRAGMA value (used by tests and diagnostics)."""
        if not name.isidentifier():
            raise ValueError(name)
        async with self._lock, self._conn.execute(f"PRAGMA {name}") as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None


class DatabaseUnreachable(Exception):
    """The database could not be reached, or refused us, at start-up: a one-line reason."""

    def __init__(self, reason: str, where: str) -> None:
        super().__init__(reason)
        self.where = where  # the URL without its password


def is_postgres_url(url: str) -> bool:
    """Whether a DATABASE_URL names PostgreSQL (postgresql:// or postgres://)."""
    return url.startswith(("postgresql://", "postgres://"))


async def open_database(target: str | Path, **options: Any) -> Database:
    """Open the database a DATABASE_URL (or an SQLite file's path) names."""
    if isinstance(target, str) and is_postgres_url(target):
        from storage.pg import PgDatabase  # asyncpg is loaded only when asked for

        return await PgDatabase.connect(target, **options)
    path = sqlite_path(target) if isinstance(target, str) else target
    return await Database.open(path, **options)
