"""APScheduler jobs that keep the bot honest while it runs."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.channels.telegram.channel import TelegramChannel
from bot.leader import Lease
from handlers import bulletin, trainings
from handlers.core import Core

log = logging.getLogger(__name__)



class Wakeable(Protocol):
    """A delivery worker (of any channel): told when something was queued."""

    def wake(self) -> None: ...


class _All:
    def __init__(self, workers: Sequence[Wakeable | None]) -> None:
        self.workers = [w for w in workers if w is not None]

    def wake(self) -> None:
        for worker in self.workers:
            worker.wake()


RESEND_EVERY = timedelta(seconds=60)
BULLETIN_TICK = timedelta(seconds=60)


def build_scheduler(
    telegram: TelegramChannel | None,
    worker: Wakeable | None = None,
    grace: timedelta = bulletin.DEFAULT_GRACE,
    *,
    core: Core | None = None,
    workers: Sequence[Wakeable] = (),
    leader: Lease | None = None,
) -> AsyncIOScheduler:
    """Jobs: resend replies that a network failure kept from going out; queue the price
    bulletins and training reminders that are due.

    The bulletin and reminder jobs hold no schedule of their own: every minute, and once at
    start-up, they read bulletin times and reminder times from the database, so a restart or
    a changed time needs no job to be rebuilt, and the database alone says what was sent.

    `leader` (several processes): only the process holding that lease queues bulletins and
    reminders, and the resend job sends again only this process's own rows (the webhook's
    sweep takes over those of dead processes).
    """
    scheduler = AsyncIOScheduler(timezone="UTC")
    core = core or (telegram.core if telegram is not None else None)
    everyone = _All([worker, *workers])  # every channel's worker hears of what was queued
    if core is not None:
        scheduler.add_job(
            queue_bulletins,
            "interval",
            seconds=BULLETIN_TICK.total_seconds(),
            args=[core, everyone, grace, leader],
            id="bulletins",
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
        )
        scheduler.add_job(
            queue_reminders,
            "interval",
            seconds=BULLETIN_TICK.total_seconds(),
            args=[core, everyone, leader],
            id="training-reminders",
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
        )
    if telegram is not None:
        scheduler.add_job(
            resend_stale_replies,
            "interval",
            seconds=RESEND_EVERY.total_seconds(),
            args=[telegram, leader.holder if leader is not None else None],
            id="telegram-resend",
            max_instances=1,
            coalesce=True,
        )
    return scheduler


async def resend_stale_replies(telegram: TelegramChannel, holder: str | None = None) -> int:
    """Send replies handled over a minute ago but never confirmed sent; return how many.
    `holder` (several processes): only this process's rows."""
    cutoff = telegram.core.clock() - RESEND_EVERY
    stale = await telegram.core.unreplied("telegram", older_than=cutoff, held_by=holder)
    stale = [(i, r) for i, r in stale if not telegram.replies.holds(i.message_ref)]
    for incoming, replies in stale:
        try:
            await telegram.deliver(int(incoming.user_ref), incoming, replies)
        except Exception:  # one chat's trouble must not stop the others
            log.exception("resend failed for %s", incoming.message_ref)
    await telegram.flush_replied()
    return len(stale)


async def queue_bulletins(
    core: Core, worker: Wakeable | None, grace: timedelta, leader: Lease | None = None
) -> int:
    """Queue the price bulletins due now; wake the delivery worker; return how many."""
    if leader is not None and not leader.held:
        return 0  # another process queues them
    try:
        queued = await bulletin.send_due(core.db, core.texts, core.clock(), grace)
    except Exception:  # the next tick tries again; the day is claimed only with the queueing
        log.exception("queueing price bulletins failed")
        return 0
    if queued and worker is not None:
        worker.wake()
    for made in queued:
        log.info("price bulletin #%d queued for %d members", made.id, made.total)
    return len(queued)


async def queue_reminders(
    core: Core, worker: Wakeable | None, leader: Lease | None = None
) -> int:
    """Queue the training reminders due now; wake the delivery worker; return how many."""
    if leader is not None and not leader.held:
        return 0  # another process queues them
    try:
        queued = await trainings.send_due_reminders(
            core.db, core.texts, core.clock(), core.config.timezone
        )
    except Exception:  # the next tick tries again; a reminder is claimed with its queueing
        log.exception("queueing training reminders failed")
        return 0
    if queued and worker is not None:
        worker.wake()
    return len(queued)
