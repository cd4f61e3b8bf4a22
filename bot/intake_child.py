"""The handling process: stores and handles polled batches on its own database connection.

Started by `bot.intake_process.ProcessIntake` as `python -m bot.intake_child`, it reads
requests on stdin and answers on stdout. It runs `Core.store_batch` then
`Core.handle_batch_stored` for each batch, in the order they come, and answers after each:
first "stored" (the parent may now confirm the batch to Telegram and fetch the next one while
this process handles it),
then "handled" with the replies (each message's as the JSON text stored with its inbox row,
which the parent decodes: pickling them again was a tenth of this process's time), part by
part: each `part` messages (PART unless the parent
says otherwise) are handled in a transaction of their own and answered at once. The
'replied' marks of sent replies arrive with the next batch, or alone, and are written with
it; when that fails they are dropped here and the parent, which keeps them until they are
written, notes them again.

Messages both ways are frames (`bot.intake_wire`: only types both sides can import). Requests are
numbered (n); each answer names its request and, for "handled", the part (k, from 0):

    parent -> child   ("start", 0, db_path, config, log_level, part)
                      ("take", n, batch, marks)   ("marks", n, marks)   ("stop", n)
    child -> parent   ("ready", 0, 0, pid)   ("stored", n, 0, fresh | Failure)
                      ("handled", n, k, answers | Failure)   ("marked", n, 0, None | Failure)
                      ("stopped", n, 0, None)

The end of stdin (the parent is gone) ends the process too.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
from typing import IO, Any

from bot.intake_wire import Failure, frame, read_blocking
from handlers.core import Core
from storage.db import is_postgres_url, open_database

log = logging.getLogger(__name__)

# Messages handled (and answered) per transaction: a whole polled batch (getUpdates gives
# at most 100). Parts of 25 answered the first messages of a flood 25 ms sooner, but each
# commit writes every index page its messages touched, spread over 50 members' entries:
# the handling process spent 6% more a message (scratch, after 6,000 messages), while
# Telegram's 30 messages a second make a flood's replies take seconds anyway.
PART = 100


class _Answers:
    """This process's stdout, for frames only."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def send(self, message: tuple[Any, ...]) -> None:
        self._stream.write(frame(message))
        self._stream.flush()


def main() -> None:
    """Serve the parent until it says stop or goes away."""
    requests, answers = sys.stdin.buffer, _Answers(sys.stdout.buffer)
    sys.stdout = sys.stderr  # a stray print must not land in the frames
    # Ctrl-C reaches the whole process group, and a service manager's SIGTERM often the whole
    # control group: the parent stops this process once it has stopped itself (or its pipe
    # closes when it dies), so the 'replied' marks it still holds get written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    start = read_blocking(requests)
    if not (isinstance(start, tuple) and start[0] == "start"):
        raise SystemExit("expected a start request on stdin")
    _, _, db_path, config, log_level, part = start
    logging.basicConfig(
        level=log_level, format="%(asctime)s %(levelname)s handling %(name)s: %(message)s"
    )
    with asyncio.Runner() as runner:
        # an SQLite file's path or a PostgreSQL URL; the channel, which has the file open
        # as long as this process lives, runs its checkpoint thread: one is enough
        sqlite = not (isinstance(db_path, str) and is_postgres_url(db_path))
        options = {"checkpointed_elsewhere": True} if sqlite else {}
        db = runner.run(open_database(db_path, **options))
        try:
            core = Core(db, config)
            # What start-up made (modules, the catalogs, the connection) lives as long as the
            # process: out of the collector's way, its full passes no longer walk it (a
            # harvest message's share of collecting fell from 17 µs to 5).
            gc.collect()
            gc.freeze()
            answers.send(("ready", 0, 0, os.getpid()))
            while (message := read_blocking(requests)) is not None:
                if not runner.run(_answer(core, answers, message, part)):
                    break
        finally:
            runner.run(db.close())


async def _answer(core: Core, answers: _Answers, message: tuple[Any, ...], part: int) -> bool:
    """Do what one message asks and answer it; False once asked to stop."""
    kind, n = message[0], message[1]
    if kind == "take":
        batch, marks = message[2], message[3]
        core.note_replied_refs(marks)
        try:
            fresh = await core.store_batch(batch)
        except Exception as exc:  # not stored: the parent polls the batch again
            log.exception("storing a batch failed")
            core.take_noted_replied()  # not written either: the parent notes them again
            answers.send(("stored", n, 0, Failure.of(exc)))
            return True
        answers.send(("stored", n, 0, fresh))  # the parent confirms it while it is handled
        for k, start in enumerate(range(0, len(batch), part)):
            these = slice(start, start + part)
            try:
                # each message's replies as the JSON text stored with it: no second encoding
                replies: Any = await core.handle_batch_stored(batch[these], fresh[these])
            except Exception as exc:  # stored, not handled: the parent has it handled its way
                log.exception("handling part of a batch failed")
                replies = Failure.of(exc)
            answers.send(("handled", n, k, replies))
    elif kind == "marks":
        core.note_replied_refs(message[2])
        try:
            await core.flush_replied()
            answers.send(("marked", n, 0, None))
        except Exception as exc:
            log.exception("writing 'replied' marks failed")
            core.take_noted_replied()  # the parent notes them again
            answers.send(("marked", n, 0, Failure.of(exc)))
    elif kind == "stop":
        answers.send(("stopped", n, 0, None))
        return False
    else:
        log.error("unknown request %r", kind)
    return True


if __name__ == "__main__":
    main()
