"""The written rule that picks, for each recipient of an announcement, one channel.

1. a live Telegram identity;
2. else Zalo, when the person wrote to the OA within `ZALO_WINDOW` (Zalo accepts free
   customer-service messages for 48 hours after the person's last message, and refuses them
   with -230 after 7 days);
3. else ZNS (a template message to the phone number), when the member has a phone number,
   the cooperative registered an approved template for this kind of announcement, has a ZNS
   quota above 0, and the announcement's fields fit the template;
4. else not reachable now, with the reason (not on any app in reach, no phone, no template,
   the message does not fit the template). A member every one of whose chats is known dead
   (blocked the bot, unfollowed the OA) is counted blocked, as before.

A member on both apps gets one delivery. Members with no chat identity and no ZNS route
(never joined on an app) are left out, as they always were.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from storage.outbox import UNREACHABLE
from storage.reach import Recipient, Route, ZnsTemplate

ZALO_WINDOW = timedelta(hours=48)
ZNS = "zns"


class Misfit(BaseModel):
    """Why an announcement does not fit a template: a parameter whose field is missing or
    too long (its length and the template's most)."""

    model_config = ConfigDict(frozen=True)

    param: str
    field: str
    length: int = 0
    most: int = 0

    @property
    def missing(self) -> bool:
        """The field has no value."""
        return self.length == 0


def misfit(template: ZnsTemplate, fields: dict[str, str]) -> Misfit | None:
    """The first parameter the fields cannot fill, or None when they all fit."""
    for p in template.params:
        value = (fields.get(p.field) or "").strip()
        if not value:
            return Misfit(param=p.param, field=p.field)
        if len(value) > p.max:
            return Misfit(param=p.param, field=p.field, length=len(value), most=p.max)
    return None


def template_data(template: ZnsTemplate, fields: dict[str, str]) -> dict[str, str]:
    """The template's parameters filled from the fields (ZNS's `template_data`)."""
    return {p.param: (fields.get(p.field) or "").strip() for p in template.params}


def in_window(last_seen: datetime | None, now: datetime, window: timedelta = ZALO_WINDOW) -> bool:
    """Whether Zalo will take a customer-service message for someone last seen then."""
    return last_seen is not None and now - last_seen <= window


def route(
    recipient: Recipient,
    templates: dict[int, ZnsTemplate],
    fields: dict[str, str],
    now: datetime,
) -> Route | None:
    """Where this recipient's delivery goes (None: left out, no app and no ZNS route)."""
    member = recipient.member_id
    live = [i for i in recipient.identities if i.reachable]
    for ident in live:
        if ident.channel == "telegram":
            return Route(member_id=member, channel="telegram", external_id=ident.external_id)
    zalo = next((i for i in live if i.channel == "zalo"), None)
    if zalo is not None and in_window(zalo.last_seen_at, now):
        return Route(member_id=member, channel="zalo", external_id=zalo.external_id)
    other = next((i for i in live if i.channel not in ("zalo", "telegram")), None)
    if other is not None:  # the console (demos): queued as it always was
        return Route(member_id=member, channel=other.channel, external_id=other.external_id)
    if recipient.identities and not live:
        dead = recipient.identities[0]
        return Route(member_id=member, channel=dead.channel, external_id=dead.external_id,
                     status="blocked", last_error=UNREACHABLE)
    zns, why = zns_route(recipient, templates, fields)
    if zns is not None:
        return zns
    if zalo is None:
        return None  # no chat app at all and no ZNS: not one of ours to reach
    return Route(member_id=member, channel="zalo", external_id=zalo.external_id,
                 status="failed", reason=why)


def zns_route(
    recipient: Recipient, templates: dict[int, ZnsTemplate], fields: dict[str, str]
) -> tuple[Route | None, str]:
    """The ZNS route of a member outside Zalo's window, or None and the reason there is none
    (window_no_phone, window_no_template, window_misfit)."""
    template = templates.get(recipient.cooperative_id or 0)
    if not recipient.phone:
        return None, "window_no_phone"
    if template is None:
        return None, "window_no_template"
    if misfit(template, fields) is not None:
        return None, "window_misfit"
    return Route(member_id=recipient.member_id, channel=ZNS, external_id=recipient.phone), ""
