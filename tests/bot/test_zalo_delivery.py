"""Announcements on both apps: routing per member, the Zalo and ZNS workers over the fake
Zalo OA (real HTTP), Telegram's worker over the fake Bot API, one real SQLite file, and a
clock that runs from a fixed morning and jumps when the test says so."""

from __future__ import annotations

import asyncio
import io
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from bot.channels.telegram.delivery import DeliveryWorker
from bot.channels.zalo.api import ZaloApi
from bot.channels.zalo.channel import ZaloChannel
from bot.channels.zalo.delivery import ZaloDeliveryWorker, ZnsDeliveryWorker
from bot.rate import RateLimiter
from handlers import outbox as announcements
from storage import members, orgs, outbox, reach
from storage.db import Database
from tests.fake_telegram import FakeTelegram, fake_bot
from tests.fake_zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo, FakeZaloServer
from tests.support import Person

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

START = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội
TEMPLATE = "555"


class MovingClock:
    """Real time from START on, plus the jumps the test makes (a day, a week)."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return START + timedelta(seconds=time.monotonic() - self.t0) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)

    def seconds(self) -> float:
        return self().timestamp()


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock()


@pytest.fixture
def server(clock) -> Iterator[FakeZaloServer]:
    fake = FakeZalo(clock=clock.seconds,
                    zns_templates={TEMPLATE: {"ten_htx": 30, "noi_dung": 200}})
    with FakeZaloServer(fake) as running:
        yield running


@pytest.fixture
def telegram() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def zalo(core, server) -> AsyncIterator[ZaloChannel]:
    api = ZaloApi(core.db, APP_ID, APP_SECRET, server.url, server.url, core.clock,
                  zns_url=server.url)
    await api.setup("refresh-0")
    channel = ZaloChannel(core, api, APP_ID, OA_SECRET_KEY)
    await channel.start()
    yield channel
    await channel.stop()


def _limiter(rate: int) -> RateLimiter:
    return RateLimiter(rate, reserve=0, per_chat_interval=0.0)


@dataclass
class Workers:
    telegram: DeliveryWorker
    zalo: ZaloDeliveryWorker
    zns: ZnsDeliveryWorker
    all: list = field(default_factory=list)

    async def start(self) -> None:
        for worker in (self.telegram, self.zalo, self.zns):
            await worker.start()


@pytest.fixture
async def workers(core, zalo, telegram) -> AsyncIterator[Workers]:
    bot = fake_bot(telegram)
    await bot.initialize()
    fast = {"idle": 0.02, "progress_every": 0.1, "backoff": 0.01, "clock": core.clock}
    made = Workers(
        DeliveryWorker(core.db, bot, core.texts, _limiter(100), **fast),
        ZaloDeliveryWorker(zalo, _limiter(100), **fast),
        ZnsDeliveryWorker(zalo, _limiter(100), **fast),
    )
    zalo.on_reopened = made.zalo.wake
    yield made
    for worker in (made.telegram, made.zalo, made.zns):
        await worker.stop()
    await bot.shutdown()


@dataclass
class Someone:
    """A member as the test made them: their chats and phone."""

    name: str
    member_id: int
    telegram: int | None = None
    zalo: str | None = None
    phone: str | None = None


async def _coop(core, clock) -> tuple[int, Person]:
    """A cooperative and its manager, who chats on the console."""
    async with core.db.transaction() as tx:
        coop = await orgs.add_cooperative(tx, "HTX Chè Tân Cương", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
        boss = await members.add_member(tx, "Hùng", "manager", clock(), cooperative_id=coop.id)
        await members.link_identity(tx, "console", "boss", boss.id, clock())
    return coop.id, Person(core, "boss", "Hùng")


async def _someone(
    db: Database, clock, fake: FakeZalo, coop_id: int, name: str, *, telegram: int | None = None,
    zalo: str | None = None, seen_hours: float | None = None, phone: str | None = None,
) -> Someone:
    """A member with the chats given; on Zalo, last seen `seen_hours` ago (both by us and
    by the fake OA, which refuses a customer-service message after 7 days)."""
    async with db.transaction() as tx:
        m = await members.add_member(tx, name, "member", clock(), cooperative_id=coop_id,
                                     phone=phone)
        if telegram is not None:
            await members.link_identity(tx, "telegram", str(telegram), m.id, clock())
        if zalo is not None:
            await members.link_identity(tx, "zalo", zalo, m.id, clock())
            if seen_hours is not None:
                seen = clock() - timedelta(hours=seen_hours)
                await reach.seen_on(tx, "zalo", zalo, seen)
                fake.saw(zalo, seen.timestamp())
    return Someone(name, m.id, telegram, zalo, phone)


async def _until_done(db: Database, announcement_id: int, within: float = 15.0):
    deadline = time.monotonic() + within
    while True:
        async with db.transaction() as tx:
            a = await outbox.get_announcement(tx, announcement_id)
        if a is not None and a.status == "done":
            return a
        if time.monotonic() > deadline:
            raise AssertionError(f"announcement not finished: {a}")
        await asyncio.sleep(0.02)


async def _until_sent(db: Database, announcement_id: int, sent: int, within: float = 10.0):
    """The fake sees a send just before its result is committed: wait for the commit."""
    deadline = time.monotonic() + within
    while True:
        async with db.transaction() as tx:
            a = await outbox.get_announcement(tx, announcement_id)
        assert a is not None
        if a.sent >= sent or time.monotonic() > deadline:
            return a
        await asyncio.sleep(0.02)


async def _register_template(boss: Person) -> None:
    assert "100" in await boss.text("/zns hanmuc 100")
    saved = await boss.text(f"/zns mau thongbao {TEMPLATE} ten_htx=htx noi_dung=noidung:200")
    assert saved.startswith("✅ Đã lưu mẫu ZNS 555 cho thongbao")


async def _broadcast(boss: Person, text: str) -> tuple[str, int]:
    [preview] = await boss.say(f"/thongbao {text}")
    send = preview.buttons[0][0]
    [queued] = await boss.say(button=send.data)
    number = int(queued.text.split("#")[1].split()[0])
    return preview.text, number


async def _until(condition, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def _zalo_texts(fake: FakeZalo, user: str, needle: str) -> int:
    return sum(needle in t for t in fake.texts_to(user))


def _telegram_texts(fake: FakeTelegram, chat: int, needle: str) -> int:
    return sum(needle in c.params.get("text", "")
               for c in fake.calls("sendMessage", chat_id=chat, ok=True))


async def test_each_member_gets_it_once_on_the_expected_app_or_is_reported_with_the_reason(
    core, clock, server, telegram, workers, zalo
):
    fake = server.fake
    coop, boss = await _coop(core, clock)
    await _register_template(boss)
    make = lambda name, **kw: _someone(core.db, clock, fake, coop, name, **kw)  # noqa: E731
    tg = await make("An", telegram=7001)
    both = await make("Bình", telegram=7002, zalo="z2", seen_hours=1)
    inside = await make("Chi", zalo="z3", seen_hours=30)
    outside = await make("Dung", zalo="z4", seen_hours=100, phone="84912000004")
    no_phone = await make("Em", zalo="z5", seen_hours=100)
    no_account = await make("Giang", zalo="z6", seen_hours=100, phone="84912000006")
    stale = await make("Hà", zalo="z7", seen_hours=2, phone="84912000007")
    blocked = await make("Khoa", zalo="z8", seen_hours=1)
    left = await make("Lan", zalo="z9", seen_hours=1)
    fake.zns_no_account.add("84912000006")
    fake.saw("z7", (clock() - timedelta(days=8)).timestamp())  # Zalo knows better than us
    fake.blocked.add("z8")
    fake.unfollow_event("z9")  # the fake OA has it; our bot never heard (-213 tells it)
    text = "Họp thành viên 8 giờ sáng mai ở nhà văn hoá"

    preview, number = await _broadcast(boss, text)
    assert "Sẽ gửi qua: Telegram 2 · Zalo 4 · tin ZNS 2" in preview
    assert "📵 Chưa liên lạc được lúc này: 1" in preview
    await workers.start()
    a = await _until_done(core.db, number)

    # Exactly once, on the expected app.
    assert _telegram_texts(telegram, 7001, text) == 1
    assert _telegram_texts(telegram, 7002, text) == 1 and _zalo_texts(fake, "z2", text) == 0
    assert _zalo_texts(fake, "z3", text) == 1
    assert [z.data for z in fake.zns_to("84912000004")] == [
        {"ten_htx": "HTX Chè Tân Cương", "noi_dung": text}]
    assert len(fake.zns_to("84912000007")) == 1  # -230 on Zalo, then ZNS
    assert _zalo_texts(fake, "z7", text) == 0
    assert fake.zns_to("84912000006") == []  # -118: nobody got anything
    for user in ("z4", "z5", "z6", "z8", "z9"):
        assert _zalo_texts(fake, user, text) == 0
    # The counters and the outcome of every delivery.
    assert (a.total, a.sent, a.blocked, a.failed, a.unreached) == (9, 5, 2, 0, 2)
    async with core.db.transaction() as tx:
        rows = {d.member_id: d for d in await outbox.deliveries_of(tx, number)}
    assert {p.name: (rows[p.member_id].channel, rows[p.member_id].status,
                     rows[p.member_id].reason)
            for p in (tg, both, inside, outside, no_phone, no_account, stale, blocked, left)} == {
        "An": ("telegram", "sent", None), "Bình": ("telegram", "sent", None),
        "Chi": ("zalo", "sent", None), "Dung": ("zns", "sent", None),
        "Em": ("zalo", "failed", "window_no_phone"),
        "Giang": ("zns", "failed", "zns_bad_phone"), "Hà": ("zns", "sent", None),
        "Khoa": ("zalo", "blocked", None), "Lan": ("zalo", "blocked", None)}
    async with core.db.transaction() as tx:  # -217 and -213 mark the Zalo chat dead
        assert await outbox.is_reachable(tx, "zalo", "z8") is False
        assert await outbox.is_reachable(tx, "zalo", "z9") is False
    # The sender's view: per app, per reason, and who.
    summary = await announcements.report_text_for(core.db, core.texts, number)
    assert "📱 Đã nhận theo ứng dụng: Telegram 2 · Zalo 1 · tin ZNS 2" in summary
    assert "📵 Chưa liên lạc được lúc này: 2" in summary
    assert "1 người số điện thoại sai hoặc không dùng Zalo" in summary
    detail = await boss.text(f"/thongbao trangthai {number}")
    assert detail.startswith(f"📣 thông báo chung #{number}: 5/9 người đã nhận. Chưa nhận (4):")
    assert "• Em (Zalo): đã hơn 2 ngày không nhắn cho HTX trên Zalo và chưa có số" in detail
    assert "• Giang (tin ZNS): số điện thoại sai hoặc không dùng Zalo" in detail
    assert "• Khoa (Zalo): đã chặn hoặc bỏ quan tâm HTX" in detail

    # Em writes the same day: the announcement follows her reply, once; the count moves.
    body = fake.body_of(event := fake.text_event("z5", "giá chè hôm nay"))
    assert await zalo.receive(body, fake.sign(body, event["timestamp"])) == 200
    await zalo.idle()
    await _until(lambda: _zalo_texts(fake, "z5", text) >= 1)
    await asyncio.sleep(0.3)
    assert _zalo_texts(fake, "z5", text) == 1
    await _until_sent(core.db, number, 6)
    async with core.db.transaction() as tx:
        after = await outbox.get_announcement(tx, number)
        late = [d for d in await outbox.deliveries_of(tx, number)
                if d.member_id == no_phone.member_id]
    assert after is not None and (after.sent, after.unreached) == (6, 1)
    assert (late[0].status, late[0].reason) == ("sent", "late")
    # So does Giang, whose phone ZNS did not know: on Zalo, now that she wrote.
    body = fake.body_of(event := fake.text_event("z6", "/homnay"))
    assert await zalo.receive(body, fake.sign(body, event["timestamp"])) == 200
    await zalo.idle()
    await _until(lambda: _zalo_texts(fake, "z6", text) >= 1)
    after = await _until_sent(core.db, number, 7)
    assert (after.sent, after.unreached) == (7, 0)
    # The manager's /baocao has a sheet with each member's outcome.
    [report] = await boss.say("/baocao")
    assert report.document is not None
    sheet = load_workbook(io.BytesIO(report.document.content))["Thông báo"]
    rows = {row[2]: row for row in sheet.iter_rows(values_only=True)
            if str(row[0]).startswith(f"#{number} thông báo chung: ")}  # and how it begins
    assert rows["Dung"][3:5] == ("tin ZNS", "đã nhận")
    assert rows["Em"][3:6] == ("Zalo", "đã nhận", "nhận muộn, khi người đó nhắn lại cho HTX")
    assert rows["Giang"][3:6] == ("Zalo", "đã nhận", "nhận muộn, khi người đó nhắn lại cho HTX")
    assert rows["Khoa"][4] == "đã chặn hoặc bỏ quan tâm HTX"
    assert len(rows) == 9


async def test_the_next_day_a_member_who_writes_does_not_get_yesterdays_announcement(
    core, clock, server, workers, zalo
):
    fake = server.fake
    coop, boss = await _coop(core, clock)
    await _someone(core.db, clock, fake, coop, "Em", zalo="z5", seen_hours=100)
    _, number = await _broadcast(boss, "Giá chè hôm nay 25.000 đ/kg")
    await workers.start()
    a = await _until_done(core.db, number)
    assert a.unreached == 1
    clock.advance(days=1)
    body = fake.body_of(event := fake.text_event("z5", "chào HTX"))
    assert await zalo.receive(body, fake.sign(body, event["timestamp"])) == 200
    await zalo.idle()
    await asyncio.sleep(0.3)
    assert _zalo_texts(fake, "z5", "25.000") == 0
    async with core.db.transaction() as tx:
        again = await outbox.get_announcement(tx, number)
    assert again is not None and again.unreached == 1


async def test_a_zns_quota_spent_halfway_sends_the_rest_the_next_day(
    core, clock, server, workers
):
    fake = server.fake
    coop, boss = await _coop(core, clock)
    await _register_template(boss)
    await boss.text("/zns hanmuc 3")
    phones = [f"8491200010{n}" for n in range(6)]
    for n, phone in enumerate(phones):
        await _someone(core.db, clock, fake, coop, f"Người {n}", zalo=f"q{n}", seen_hours=100,
                       phone=phone)
    _, number = await _broadcast(boss, "Tập huấn bón phân hữu cơ thứ bảy")
    await workers.start()
    deadline = time.monotonic() + 10
    while len(fake.zns_sent) < 3 or workers.zns.quota_waits < 3:
        assert time.monotonic() < deadline, (len(fake.zns_sent), workers.zns.quota_waits)
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.3)
    assert len(fake.zns_sent) == 3  # the day's quota, not one more
    summary = await announcements.report_text_for(core.db, core.texts, number)
    assert "⏳ Chờ hạn mức tin ZNS của ngày mai: 3" in summary
    detail = await boss.text(f"/thongbao trangthai {number}")
    assert detail.count("chờ hạn mức tin ZNS của ngày mai") == 3
    async with core.db.transaction() as tx:
        assert await reach.used_on(tx, coop, clock().date()) == 3
    clock.advance(hours=15)  # 00:30 the next day in Hà Nội
    a = await _until_done(core.db, number)
    assert (a.sent, a.pending) == (6, 0)
    assert Counter(z.phone for z in fake.zns_sent) == Counter(phones)  # each exactly once


async def test_zalos_own_zns_quota_answer_waits_for_the_next_day_too(
    core, clock, server, workers
):
    fake = server.fake
    fake.zns_daily_quota = 2  # the OA's balance runs out before ours
    coop, boss = await _coop(core, clock)
    await _register_template(boss)
    phones = [f"8491200020{n}" for n in range(4)]
    for n, phone in enumerate(phones):
        await _someone(core.db, clock, fake, coop, f"Người {n}", zalo=f"r{n}", seen_hours=100,
                       phone=phone)
    _, number = await _broadcast(boss, "Nhắc nộp sổ nhật ký")
    await workers.start()
    deadline = time.monotonic() + 10
    while workers.zns.quota_waits < 2:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)
    assert len(fake.zns_sent) == 2
    async with core.db.transaction() as tx:
        assert await reach.used_on(tx, coop, clock().date()) == 2  # refused ones given back
    clock.advance(hours=15)
    a = await _until_done(core.db, number)
    assert a.sent == 4 and Counter(z.phone for z in fake.zns_sent) == Counter(phones)


async def test_a_message_too_long_for_the_template_is_refused_at_preview(
    core, clock, server
):
    fake = server.fake
    coop, boss = await _coop(core, clock)
    await _register_template(boss)
    await _someone(core.db, clock, fake, coop, "Dung", zalo="z4", seen_hours=100,
                   phone="84912000004")
    refused = await boss.text("/thongbao " + "Giá chè " * 30)
    assert refused.startswith("✋ Chưa gửi: 1 người sẽ nhận bằng tin ZNS")
    assert "chỉ cho 200 ký tự ở tham số noi_dung, tin này dài 239 ký tự" in refused
    async with core.db.transaction() as tx:
        assert await outbox.recent_announcements(tx, cooperative_id=coop) == []


async def test_a_rate_limit_storm_on_zalo_leaves_telegram_at_its_own_rate(
    core, clock, server, telegram, workers
):
    fake = server.fake
    coop, boss = await _coop(core, clock)
    for n in range(120):
        await _someone(core.db, clock, fake, coop, f"T{n}", telegram=8000 + n)
    for n in range(30):
        await _someone(core.db, clock, fake, coop, f"Z{n}", zalo=f"s{n}", seen_hours=1)
    workers.telegram.limiter = RateLimiter(40, reserve=0, per_chat_interval=0.0)
    fake.storm(2.0)  # every Zalo send answers -32 for two seconds
    _, number = await _broadcast(boss, "Giá quế hôm nay")
    began = time.monotonic()
    await workers.start()
    a = await _until_done(core.db, number, within=30)
    assert a.sent == 150
    times = sorted(c.at for c in telegram.calls("sendMessage", ok=True))
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate >= 0.9 * 40, rate  # Telegram kept its own limit through Zalo's storm
    assert times[-1] - began < 5  # and did not wait for the storm to pass
    assert workers.zalo.rate_limited >= 1 and fake.rate_limited >= 1
    for n in range(30):
        assert _zalo_texts(fake, f"s{n}", "Giá quế") == 1


async def test_a_manager_on_zalo_gets_the_summary_on_zalo(core, clock, server, workers, zalo):
    fake = server.fake
    async with core.db.transaction() as tx:
        coop = await orgs.add_cooperative(tx, "HTX Quế Văn Yên", None, None,
                                          "Asia/Ho_Chi_Minh", clock())
        boss = await members.add_member(tx, "Hùng", "manager", clock(), cooperative_id=coop.id)
        await members.link_identity(tx, "zalo", "boss", boss.id, clock())
    fake.saw("boss", clock().timestamp())
    await _someone(core.db, clock, fake, coop.id, "Chi", zalo="z3", seen_hours=1)
    await _someone(core.db, clock, fake, coop.id, "Em", zalo="z5", seen_hours=100)
    await workers.start()
    for make in (lambda: fake.text_event("boss", "/thongbao Giá quế khô 60.000 đ/kg"),
                 lambda: fake.tap_event("boss", core.texts("broadcast.button.send"))):
        body = fake.body_of(event := make())
        assert await zalo.receive(body, fake.sign(body, event["timestamp"])) == 200
        await zalo.idle()
    await _until(lambda: any("Đã gửi xong" in t for t in fake.texts_to("boss")))
    summary = next(t for t in fake.texts_to("boss") if "Đã gửi xong" in t)
    assert "tới 2 người" in summary and "📱 Đã nhận theo ứng dụng: Zalo 1" in summary
    assert "📵 Chưa liên lạc được lúc này: 1" in summary
    assert _zalo_texts(fake, "z3", "Giá quế khô") == 1


async def test_a_warning_goes_first_on_zalo_and_by_zns_with_the_template_filled(
    core, clock, server, workers
):
    """/canhbao on the shared engine: queued after a broadcast, it still reaches each Zalo
    chat and each ZNS phone before the broadcast, and ZNS gets the template's fields."""
    fake = server.fake
    coop, boss = await _coop(core, clock)
    await _register_template(boss)
    for n in range(3):
        await _someone(core.db, clock, fake, coop, f"Người {n}", zalo=f"w{n}", seen_hours=1)
    await _someone(core.db, clock, fake, coop, "Xa", zalo="wx", seen_hours=100,
                   phone="84912000099")
    _, first = await _broadcast(boss, "Giá chè tuần này 25.000 đ/kg")
    warning = "Lũ quét đêm nay, rời khỏi sườn đồi"
    [preview] = await boss.say(f"/canhbao {warning}")
    assert "Sẽ gửi qua: Zalo 3 · tin ZNS 1" in preview.text
    [queued] = await boss.say(button=preview.buttons[0][0].data)
    number = int(queued.text.split("#")[1].split()[0])
    await workers.start()
    a = await _until_done(core.db, number)
    b = await _until_done(core.db, first)
    assert a.urgent and (a.sent, a.total) == (4, 4) and (b.sent, b.total) == (4, 4)
    for n in range(3):
        texts = fake.texts_to(f"w{n}")
        assert len(texts) == 2 and warning in texts[0]  # the warning first, once
    zns = fake.zns_to("84912000099")
    assert zns[0].data == {"ten_htx": "HTX Chè Tân Cương", "noi_dung": warning}
    assert len(zns) == 2
