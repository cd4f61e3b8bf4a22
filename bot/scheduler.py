"""APScheduler jobs that keep the bot honest while it runs."""

from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.telegram_channel import TelegramChannel

log = logging.getLogger(__name__)

RESEND_EVERY = timedelta(seconds=60)


def build_scheduler(telegram: TelegramChannel | None) -> AsyncIOScheduler:
    """Jobs: resend replies that a network failure kept from going out."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    if telegram is not None:
        scheduler.add_job(
            resend_stale_replies,
            "interval",
            seconds=RESEND_EVERY.total_seconds(),
            args=[telegram],
            id="telegram-resend",
            max_instances=1,
            coalesce=True,
        )
    return scheduler


async def resend_stale_replies(telegram: TelegramChannel) -> int:
    """Send replies handled over a minute ago but never confirmed sent; return how many."""
    cutoff = telegram.core.clock() - RESEND_EVERY
    stale = await telegram.core.unreplied("telegram", older_than=cutoff)
    for incoming, replies in stale:
        try:
            await telegram.deliver(int(incoming.user_ref), incoming, replies)
        except Exception:  # one chat's trouble must not stop the others
            log.exception("resend failed for %s", incoming.message_ref)
    return len(stale)
