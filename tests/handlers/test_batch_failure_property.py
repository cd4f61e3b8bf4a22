"""Property: a message that fails in a batch is undone alone, whatever else the batch holds.

The handling process handles a polled batch in one transaction, first without a savepoint a
message; when one fails, the whole transaction is undone and the batch handled again, each
message in a savepoint of its own (`Core._each_undone_alone`). Hypothesis plays random
batches of two members' messages (harvests sure and unsure, diary entries, small talk, a
correction, a command) with random messages failing at their very end, after their
effects were written (the database refuses to mark them done), on the real Core over real
SQLite files, through the handling process's own calls (`store_batch`, then
`handle_batch_stored`) and through `take_in`. It checks against the same batch without
the failing messages, handled on a second database:

- every entry and diary row, and every other message's replies, are the same;
- each failing message is marked failed, with the apology as its reply, and left nothing;
- the 'replied' marks noted before the batch are written once, with the batch.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.context import CoreConfig
from handlers.contract import Incoming
from handlers.core import Core
from storage.db import Database
from tests.sqlite_template import copy_migrated
from tests.support import Clock, cooperative, refuse_writes

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TEXTS = ["chè 30kg", "chè 31kg lô 2", "quế 2 tạ, chè 20kg", "na 1.500", "tưới nước lô 2",
         "phun Sherpa 1 bình lô 1", "cảm ơn", "/homnay", "/sua chè 25kg", "🍵🍵"]
USERS = ["f0", "f1"]

messages = st.lists(
    st.tuples(st.sampled_from(TEXTS), st.sampled_from(USERS), st.booleans()),
    min_size=1, max_size=12,
)


async def _play(path: Path, batch: list[tuple[str, str, bool]], fail: bool, split: bool):
    """Handle the batch (only the messages not failing, unless `fail`) on a new database;
    its rows, each message's (status, replies) and the statuses of two earlier messages."""
    db = await Database.open(await copy_migrated(path), checkpoint_every=None)
    try:
        clock = Clock()
        core = Core(db, CoreConfig(timezone=ZONE, language="vi"), clock)
        await cooperative(core, ["Lò Thị Lan", "Hà Văn Tư"])
        earlier = [_incoming(clock, "f0", "chào", "0:1"), _incoming(clock, "f1", "chào", "0:2")]
        for incoming in earlier:
            await core.handle(incoming)
            core.note_replied(incoming)  # written by the batch's transaction
        refs = [f"9:{n}" for n in range(len(batch))]
        failing = [ref for ref, (_, _, fails) in zip(refs, batch, strict=True) if fails]
        if fail and failing:
            await refuse_writes(db, "BEFORE UPDATE ON inbox",
                                "NEW.status = 'done' AND NEW.message_ref IN ("
                                + ", ".join(f"'{r}'" for r in failing) + ")")
        kept = [(_incoming(clock, user, text, ref), {"update_id": n})
                for n, (ref, (text, user, fails)) in enumerate(zip(refs, batch, strict=True))
                if fail or not fails]
        if split:
            fresh = await core.store_batch(kept)
            stored = await core.handle_batch_stored(kept, fresh)
            replies = [json.loads(s) if s else None for s in stored]
        else:
            answers = await core.take_in(kept)
            replies = [[r.model_dump(mode="json") for r in a] if a else None for a in answers]
        async with db.transaction() as tx:
            harvests = await tx.tuples(
                "SELECT member_id, message_ref, item, status, product_id, amount, day, plot"
                " FROM harvests ORDER BY message_ref, item")
            diary = await tx.tuples(
                "SELECT member_id, message_ref, activity, status, plot FROM diary_entries"
                " ORDER BY message_ref, id")
            inbox = dict(await tx.tuples("SELECT message_ref, status FROM inbox"))
        outcome = {incoming.message_ref: (inbox[incoming.message_ref], answer)
                   for (incoming, _), answer in zip(kept, replies, strict=True)}
        return (harvests, diary, outcome, [inbox[i.message_ref] for i in earlier],
                core.texts("error.apology"))
    finally:
        await db.close()


def _incoming(clock: Clock, user: str, text: str, ref: str) -> Incoming:
    """A message from a member of `tests.support.cooperative` (they joined on the console)."""
    return Incoming(channel="console", user_ref=user, message_ref=ref, sent_at=clock(),
                    text=text, display_name=user)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(messages, st.booleans())
def test_a_failing_message_is_undone_alone(batch, split):
    with tempfile.TemporaryDirectory() as folder:
        got = asyncio.run(_play(Path(folder) / "a.db", batch, fail=True, split=split))
        want = asyncio.run(_play(Path(folder) / "b.db", batch, fail=False, split=split))
    harvests, diary, outcome, earlier, apology = got
    assert (harvests, diary) == want[:2]
    assert earlier == ["replied", "replied"]  # the batch (never empty here) wrote them
    for n, (_, _, fails) in enumerate(batch):
        status, replies = outcome[f"9:{n}"]
        if fails:
            assert (status, [r["text"] for r in replies]) == ("failed", [apology])
        else:
            assert (status, replies) == want[2][f"9:{n}"]
