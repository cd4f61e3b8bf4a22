"""The DTOs repositories return: pydantic models, never rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["member", "manager", "staff"]
InboxStatus = Literal["received", "done", "replied", "failed"]
HarvestStatus = Literal["pending", "recorded", "cancelled"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Alliance(_Model):
    id: int
    name: str
    province: str | None
    created_at: datetime


class Cooperative(_Model):
    id: int
    name: str
    province: str | None
    alliance_id: int | None
    timezone: str
    created_at: datetime
    bulletin_time: str = "06:00"  # local HH:MM of the daily price bulletin
    zns_daily_quota: int = 0  # ZNS messages a local day (0: no ZNS)


class Member(_Model):
    id: int
    display_name: str
    phone: str | None
    role: Role
    cooperative_id: int | None
    alliance_id: int | None
    active: bool
    created_at: datetime
    announcements_off: bool = False  # /tatthongbao: no bulletins or broadcasts
    # Whether the identity this member was found through can be written to; None when the
    # member was not read through an identity.
    reachable: bool | None = None


class Identity(_Model):
    channel: str
    external_id: str
    member_id: int
    reachable: bool


class Invite(_Model):
    code: str
    role: Role
    cooperative_id: int | None
    alliance_id: int | None
    expires_at: datetime
    max_uses: int
    uses: int
    revoked: bool
    created_at: datetime

    def problem(self, now: datetime) -> Literal["revoked", "expired", "used_up"] | None:
        """Why this invite cannot be used now, or None when it can."""
        if self.revoked:
            return "revoked"
        if now >= self.expires_at:
            return "expired"
        if self.uses >= self.max_uses:
            return "used_up"
        return None


class Product(_Model):
    """A product a cooperative buys; amounts of it are in base units by `kind`."""

    id: int
    cooperative_id: int
    name: str
    aliases: list[str]
    unit: str
    kind: str
    max_per_entry: int | None
    hidden: bool


class Harvest(_Model):
    """A harvest entry; `amount` is in the product's base units (g, ml or pieces)."""

    id: int
    cooperative_id: int
    member_id: int
    product_id: int | None
    amount: int | None
    day: date
    plot: str | None
    status: HarvestStatus
    options: list[dict[str, Any]] | None
    question: str | None
    recorded_by: int
    channel: str
    message_ref: str
    item: int
    created_at: datetime
    updated_at: datetime
    interval_warning: str | None = None  # harvested inside a spray's pre-harvest interval


class HarvestLine(_Model):
    """A harvest with the names needed to show it."""

    harvest: Harvest
    product_name: str | None
    unit: str | None
    kind: str | None
    member_name: str


class InboxRow(_Model):
    id: int
    channel: str
    message_ref: str
    payload: dict[str, Any]
    incoming: dict[str, Any]
    status: InboxStatus
    replies: list[dict[str, Any]] | None
    error: str | None
    received_at: datetime
    done_at: datetime | None
    claimed_by: str | None = None
    claimed_until: datetime | None = None


class ConversationState(_Model):
    kind: str
    data: dict[str, Any]
    updated_at: datetime


class AuditEntry(_Model):
    id: int
    at: datetime
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
