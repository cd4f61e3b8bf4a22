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
from storage.outbox import Announcement, Claimed, Content, Outcome

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

    def _rate_limit(self, row: Claimed, exc: ZaloError) -> Outcome:
        self.rate_limited += 1
        self._rate_pause = min(max(1.0, self._rate_pause * 2), MAX_RATE_PAUSE)
        self.limiter.pause(self._rate_pause)
        log.warning("Zalo said -32 on %s; %s pauses %.0f s", self.channel, self.channel,
                    self._rate_pause)
        return self._later(row, self._rate_pause, f"{exc.code}: rate limit", False)

    def _common(self, row: Claimed, exc: Exception) -> Outcome | None:
        """The outcomes both workers share; None when the caller must decide."""
        if isinstance(exc, httpx.HTTPError):
            return self._transient(row, f"{type(exc).__name__}: {exc}")
        if isinstance(exc, NotSetUp):
            self.limiter.pause(60)
            return self._later(row, 60, "zalo not set up", count=False)
        assert isinstance(exc, ZaloError)
        if exc.code == zalo_api.RATE_LIMITED:
            return self._rate_limit(row, exc)
        if exc.code in zalo_api.TRANSIENT:
            return self._transient(row, str(exc))
        if exc.code == zalo_api.INVALID_TOKEN:  # still refused after a refresh
            self.limiter.pause(60)
            return self._later(row, 60, str(exc), count=False)
        return None


class ZaloDeliveryWorker(_ZaloWorker):
    """Sends Zalo deliveries (inside the window) through the OA's customer-service API."""

    def __init__(self, zalo: ZaloChannel, limiter: RateLimiter, **options: Any) -> None:
        super().__init__(zalo, limiter, "zalo", **options)

    def _render_content(self, content: Content) -> list[Reply]:
        """The announcement as Zalo gets it, made once for all its recipients."""
        buttons = [[Button(label=b["label"], data=b["data"]) for b in row]
                   for row in content.buttons]
        return [Reply(text=content.text, buttons=buttons)]

    async def _deliver(self, row: Claimed, turn: float) -> Outcome:
        try:
            replies = await self._rendered_for(row)
            ref = await self.zalo.send_replies(row.external_id, replies, 0, interactive=False)
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            return await self._refused(row, exc)
        finally:
            self.limiter.done(turn)
        self._calm()
        return Outcome(row.id, "sent", message_ref=ref)

    async def _refused(self, row: Claimed, exc: Exception) -> Outcome:
        decided = self._common(row, exc)
        if decided is not None:
            return decided
        assert isinstance(exc, ZaloError)
        if exc.code in zalo_api.GONE:
            return self._blocked(row, str(exc))
        if exc.code in zalo_api.WINDOW:  # to ZNS, or not reached: committed here
            finished = await self._tx(announcements.out_of_window, row.id, self.clock(),
                                      str(exc))
            return self._settled(row, finished)
        return self._failed(row, str(exc))

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

    async def _deliver(self, row: Claimed, turn: float) -> Outcome:
        try:
            return await self._send_zns(row)
        finally:
            self.limiter.done(turn)

    async def _send_zns(self, row: Claimed) -> Outcome:
        job = await self._tx(reach.zns_job, row.id)
        if job is None or job.template is None:
            return self._unreached(row, "window_no_template", "no ZNS template")
        if routing.misfit(job.template, job.fields) is not None:
            return self._unreached(row, "window_misfit", "does not fit")
        now = self.clock()
        day = now.astimezone(ZoneInfo(job.timezone)).date()
        if not await self._tx(reach.take_quota, job.cooperative_id, day, job.daily_quota):
            return self._wait_for_tomorrow(row, job.timezone)
        data = routing.template_data(job.template, job.fields)
        try:
            answer = await self.zalo.api.send_zns(
                row.external_id, job.template.template_id, data, f"htx-d{row.id}")
        except (ZaloError, NotSetUp, httpx.HTTPError) as exc:
            await self._tx(reach.give_back_quota, job.cooperative_id, day)
            return self._refused(row, exc, job.timezone)
        self._calm()
        ref = (answer.get("data") or {}).get("msg_id")
        return Outcome(row.id, "sent", message_ref=str(ref) if ref else None)

    def _wait_for_tomorrow(self, row: Claimed, zone: str) -> Outcome:
        seconds = (next_local_midnight(self.clock(), zone) - self.clock()).total_seconds()
        self.quota_waits += 1
        return self._later(row, max(1.0, seconds), QUOTA_WAIT, count=False)

    def _refused(self, row: Claimed, exc: Exception, zone: str) -> Outcome:
        decided = self._common(row, exc)
        if decided is not None:
            return decided
        assert isinstance(exc, ZaloError)
        if exc.code in (zalo_api.ZNS_OUT_OF_QUOTA, zalo_api.OUT_OF_QUOTA):
            return self._wait_for_tomorrow(row, zone)
        if exc.code in (zalo_api.ZNS_BAD_PHONE, zalo_api.ZNS_NO_ACCOUNT):
            return self._unreached(row, "zns_bad_phone", str(exc))
        if exc.code == zalo_api.ZNS_USER_REFUSES:
            return self._unreached(row, "zns_refused", str(exc))
        if exc.code in zalo_api.ZNS_TEMPLATE:
            return self._unreached(row, "template", str(exc))
        return self._failed(row, str(exc))


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
