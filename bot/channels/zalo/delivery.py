"""Zalo's delivery workers: announcements to members inside Zalo's messaging window (the
OA's customer-service API) and, outside it, ZNS template messages to their phone numbers.

Both are the shared engine (bot/channels/outbox_worker.py) with their own rate limiter, so
a -32 storm on Zalo slows Zalo only. Outcomes:

- -213 (not a follower) and -217 (blocked): blocked, like Telegram's 403; the identity is
  marked unreachable.
- -230 / -232 (outside the window): the delivery moves to ZNS when the member has a phone
  and the cooperative a template that fits, else it is not reached ("has not written").
- -32 (rate limit): the channel pauses (1 s, doubling to 60 s while it lasts), the delivery
  waits without counting an attempt.
- ZNS: the cooperative's daily quota is taken when a delivery is sent (and given back when
  Zalo refuses it); a spent quota, ours or Zalo's (-115, -211), waits for the next local day.
  -108 / -118 (bad phone, no Zalo account) and -114 (refuses ZNS): not reached, with why.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from bot.channels.outbox_worker import OutboxWorker
from bot.channels.zalo import api as zalo_api
from bot.channels.zalo.api import NotSetUp, ZaloError
from bot.channels.zalo.channel import ZaloChannel
from bot.rate import RateLimiter
from bot.settings import Settings
from handlers import outbox as announcements
from handlers import routing
from handlers.contract import Button, Reply
from storage import reach
from storage.outbox import Announcement, Content, Delivery

log = logging.getLogger(__name__)

MAX_RATE_PAUSE = 60.0
QUOTA_WAIT = "zns_quota"


class _ZaloWorker(OutboxWorker):
    """What both Zalo workers share: the -32 back-off and the token's troubles."""

    def __init__(self, zalo: ZaloChannel, limiter: RateLimiter, channel: str,
                 **options: Any) -> None:
        super().__init__(zalo.core.db, zalo.core.texts, limiter, channel=channel, **options)
        self.zalo = zalo
        self.rate_limited = 0  # -32 answers received
        self._rate_pause = 0.0

    def _calm(self) -> None:
        self._rate_pause = 0.0

    async def _rate_limit(self, delivery: Delivery, exc: ZaloError) -> bool:
        self.rate_limited += 1
        self._rate_pause = min(max(1.0, self._rate_pause * 2), MAX_RATE_PAUSE)
        self.limiter.pause(self._rate_pause)
        log.warning("Zalo said -32 on %s; %s pauses %.0f s", self.channel, self.channel,
                    self._rate_pause)
        return await self._retry(delivery, self._rate_pause, f"{exc.code}: rate limit", False)

    async def _common(self, delivery: Delivery, exc: Exception) -> bool | None:
        """The outcomes both workers share; None when the caller must decide."""
        if isinstance(exc, httpx.HTTPError):
            return await self._transient(delivery, f"{type(exc).__name__}: {exc}")
        if isinstance(exc, NotSetUp):
            self.limiter.pause(60)
            return await self._retry(delivery, 60, "zalo not set up", count=False)
        assert isinstance(exc, ZaloError)
        if exc.code == zalo_api.RATE_LIMITED:
            return await self._rate_limit(delivery, exc)
        if exc.code in zalo_api.TRANSIENT:
            return await self._transient(delivery, str(exc))
        if exc.code == zalo_api.INVALID_TOKEN:  # still refused after a refresh
            self.limiter.pause(60)
            return await self._retry(delivery, 60, str(exc), count=False)
        return None


class ZaloDeliveryWorker(_ZaloWorker):
    """Sends Zalo deliveries (inside the window) through the OA's customer-service API."""

    def __init__(self, zalo: ZaloChannel, limiter: RateLimiter, **options: Any) -> None:
        super().__init__(zalo, limiter, "zalo", **options)

    async def _deliver(self, delivery: Delivery, content: Content) -> bool:
        buttons = [[Button(label=b["label"], data=b["data"]) for b in row]
                   for row in content.buttons]
        turn = await self.limiter.acquire()
        try:
            ref = await self.zalo.send_replies(
                delivery.external_id, [Reply(text=content.text, buttons=buttons)], 0,
                interactive=False)
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            return await self._refused(delivery, exc)
        finally:
            self.limiter.done(turn)
        self._calm()
        return await self._sent(delivery, ref)

    async def _refused(self, delivery: Delivery, exc: Exception) -> bool:
        decided = await self._common(delivery, exc)
        if decided is not None:
            return decided
        assert isinstance(exc, ZaloError)
        if exc.code in zalo_api.GONE:
            return await self._blocked(delivery, str(exc))
        if exc.code in zalo_api.WINDOW:
            return await self._tx(announcements.out_of_window, delivery.id, self.clock(),
                                  str(exc))
        return await self._failed(delivery, str(exc))

    async def _summarise(self, a: Announcement) -> None:
        """Zalo cannot edit a sent message: the sender gets the final summary only."""
        try:
            await self.zalo.send_replies(a.progress_chat or "",
                                         [Reply(text=await self._text(a, final=True))])
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            if isinstance(exc, httpx.HTTPError) or (
                    isinstance(exc, ZaloError) and exc.code in (zalo_api.RATE_LIMITED,
                                                                *zalo_api.TRANSIENT)):
                log.info("summary of announcement %s delayed: %s", a.id, exc)
                return  # at the next report
            log.info("summary of announcement %s not delivered: %s", a.id, exc)
        await super()._summarise(a)


def next_local_midnight(now: datetime, zone: str) -> datetime:
    """The start of the next local day, as an aware time."""
    tz = ZoneInfo(zone)
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), tz)


class ZnsDeliveryWorker(_ZaloWorker):
    """Sends ZNS template messages to members' phone numbers, within the daily quota."""

    def __init__(self, zalo: ZaloChannel, limiter: RateLimiter, **options: Any) -> None:
        super().__init__(zalo, limiter, routing.ZNS, **options)
        self.quota_waits = 0  # deliveries put off to the next day

    async def _deliver(self, delivery: Delivery, content: Content) -> bool:
        job = await self._tx(reach.zns_job, delivery.id)
        if job is None or job.template is None:
            return await self._unreached(delivery, "window_no_template", "no ZNS template")
        if routing.misfit(job.template, job.fields) is not None:
            return await self._unreached(delivery, "window_misfit", "does not fit")
        now = self.clock()
        day = now.astimezone(ZoneInfo(job.timezone)).date()
        if not await self._tx(reach.take_quota, job.cooperative_id, day, job.daily_quota):
            return await self._wait_for_tomorrow(delivery, job.timezone)
        data = routing.template_data(job.template, job.fields)
        turn = await self.limiter.acquire()
        try:
            answer = await self.zalo.api.send_zns(
                delivery.external_id, job.template.template_id, data, f"htx-d{delivery.id}")
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            await self._tx(reach.give_back_quota, job.cooperative_id, day)
            return await self._refused(delivery, exc, job.timezone)
        finally:
            self.limiter.done(turn)
        self._calm()
        ref = (answer.get("data") or {}).get("msg_id")
        return await self._sent(delivery, str(ref) if ref else None)

    async def _wait_for_tomorrow(self, delivery: Delivery, zone: str) -> bool:
        seconds = (next_local_midnight(self.clock(), zone) - self.clock()).total_seconds()
        await self._retry(delivery, max(1.0, seconds), QUOTA_WAIT, count=False)
        self.quota_waits += 1  # counted once committed
        return False

    async def _refused(self, delivery: Delivery, exc: Exception, zone: str) -> bool:
        decided = await self._common(delivery, exc)
        if decided is not None:
            return decided
        assert isinstance(exc, ZaloError)
        if exc.code in (zalo_api.ZNS_OUT_OF_QUOTA, zalo_api.OUT_OF_QUOTA):
            return await self._wait_for_tomorrow(delivery, zone)
        if exc.code in (zalo_api.ZNS_BAD_PHONE, zalo_api.ZNS_NO_ACCOUNT):
            return await self._unreached(delivery, "zns_bad_phone", str(exc))
        if exc.code == zalo_api.ZNS_USER_REFUSES:
            return await self._unreached(delivery, "zns_refused", str(exc))
        if exc.code in zalo_api.ZNS_TEMPLATE:
            return await self._unreached(delivery, "template", str(exc))
        return await self._failed(delivery, str(exc))


def zalo_workers(
    zalo: ZaloChannel, settings: Settings, **options: Any
) -> tuple[ZaloDeliveryWorker, ZnsDeliveryWorker]:
    """The Zalo and ZNS workers, each under its own limit; Zalo's replies wake the Zalo one
    when a member's message puts a missed announcement back in the queue."""
    worker = ZaloDeliveryWorker(
        zalo, RateLimiter(settings.zalo_max_rate, per_chat_interval=0.0), **options)
    zns = ZnsDeliveryWorker(
        zalo, RateLimiter(settings.zns_max_rate, reserve=0, per_chat_interval=0.0), **options)
    zalo.on_reopened = worker.wake
    zalo.limiter = worker.limiter
    return worker, zns
