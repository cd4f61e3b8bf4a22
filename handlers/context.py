"""What a feature handler is given: the transaction, the message, who sent it, the language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.contract import Incoming
from messages.i18n import Texts
from storage.db import Tx
from storage.models import Member


@dataclass(frozen=True)
class CoreConfig:
    """Settings the core needs, passed in by the wiring (never read from the environment)."""

    timezone: ZoneInfo
    language: str = "vi"


@dataclass
class Ctx:
    """One message being handled, inside the transaction that will also mark it done."""

    tx: Tx
    incoming: Incoming
    member: Member | None
    texts: Texts
    now: datetime  # aware, UTC: when we process it
    config: CoreConfig

    @property
    def locale(self) -> str:
        """Babel locale for numbers and dates."""
        return self.texts.locale
