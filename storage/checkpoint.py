"""Copies the write-ahead log back into the database file on a thread of its own.

In WAL mode every commit appends the pages it changed to the log, and by default the commit
that takes the log past 1,000 pages also copies the whole log into the database file and
syncs it: a few milliseconds, spent by whoever committed, while the handling process's
messages wait behind it. Here a thread with its own connection runs a PASSIVE checkpoint
(it never waits for, nor blocks, readers and writers) every half second, so the copying
and its syncing happen beside the writer instead of inside its commits: a harvest
message's commit costs half as much (26-30 µs instead of 59-63, at 100,000 entries).

The writer keeps its own automatic checkpoint as a backstop, at a higher mark
(`BACKSTOP_PAGES`), for when this thread falls behind or is gone.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Seconds between checkpoints. Each copies the pages changed since the last one, a page
# changed in several commits once: at half a second, a flood of harvest messages (about
# 2,000 pages a second) is copied about as often as SQLite's own 1,000-page mark would,
# and a quiet bot checks an unchanged log twice a second, which costs nothing.
CHECKPOINT_EVERY = 0.5
BACKSTOP_PAGES = 10_000  # the writer's own automatic checkpoint (about 40 MB of log)


class Checkpointer:
    """A daemon thread checkpointing one SQLite file until `stop`."""

    def __init__(self, path: Path, every: float = CHECKPOINT_EVERY) -> None:
        self.path = path
        self.every = every
        self.runs = 0  # checkpoints that copied at least one page (for tests, diagnostics)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """End the thread (at most one checkpoint's time) and close its connection."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=True)
        except sqlite3.Error as exc:
            log.warning("no background checkpoints for %s: %s", self.path, exc)
            return
        warned = False
        try:
            while not self._stopping.wait(self.every):
                try:
                    row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as exc:  # e.g. another checkpoint running: next time
                    if not warned:
                        log.info("a background checkpoint of %s did not run: %s", self.path, exc)
                        warned = True
                    continue
                if row is not None and row[2] > 0:
                    self.runs += 1
        finally:
            conn.close()
