"""Settings from environment variables and an optional .env file, validated up front."""

from __future__ import annotations

import re
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
FREE_RATE = 30  # Telegram: about 30 messages per second per bot
PAID_RATE = 1000  # with allow_paid_broadcast


class Settings(BaseSettings):
    """Everything configurable. Tests build one from a dict; `run` reads the environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite:///data/htx.db"
    timezone: str = "Asia/Ho_Chi_Minh"
    language: Literal["vi", "en"] = "vi"
    poll_timeout: int = Field(default=25, ge=0, le=50)
    # Paid broadcasts (Telegram Stars) lift the bot-wide ceiling from 30 to 1000 messages/s.
    telegram_paid_broadcast: bool = False
    telegram_max_rate: int | None = Field(default=None, ge=1)
    # getMe at start-up: a network failure is tried again after this many seconds, then
    # twice and four times as long (three retries), before the bot gives up in one line.
    telegram_start_retry: float = Field(default=1.0, ge=0, le=60)
    # A bulletin missed while the bot was down still goes out this long after its time.
    bulletin_grace_hours: float = Field(default=3.0, ge=0, le=24)
    # Handle polled messages in a second process (two cores at work); "auto": when the
    # machine gives this process at least two cores.
    handling_process: Literal["auto", "on", "off"] = "auto"
    # Zalo Official Account: on when the app id and both secrets are set.
    zalo_app_id: str | None = None
    zalo_app_secret: SecretStr | None = None
    zalo_oa_secret_key: SecretStr | None = Field(default=None, validate_default=True)
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    zalo_webhook_host: str = "127.0.0.1"
    zalo_webhook_port: int = Field(default=8080, ge=1, le=65535)
    zalo_webhook_path: str = "/zalo/webhook"
    zalo_zns_url: str = "https://business.openapi.zalo.me"
    # Announcements on Zalo: messages a second to the OA's customer-service API and to ZNS
    # (sources say 20 requests a second for sending; see README, Connecting Zalo).
    zalo_max_rate: int = Field(default=10, ge=1, le=100)
    zns_max_rate: int = Field(default=10, ge=1, le=100)
    # Telegram's webhook mode (several processes on one database): Telegram POSTs updates
    # to this public URL, which your HTTPS proxy passes to any process's web server (the
    # ZALO_WEBHOOK_HOST/PORT server) at the URL's path; each request must carry the secret.
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    # Seconds a process holds what it took (inbox rows, the outbox lease) without renewing
    # it: after a process dies, the others take its work over this long after.
    claim_lease: float = Field(default=30.0, ge=1, le=600)

    @field_validator("telegram_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value).strip()
        if not _TOKEN.match(text):
            raise ValueError("expected a BotFather token such as 123456789:AAE...")
        return text

    @field_validator("telegram_max_rate")
    @classmethod
    def _max_rate(cls, value: int | None, info: ValidationInfo) -> int | None:
        ceiling = PAID_RATE if info.data.get("telegram_paid_broadcast") else FREE_RATE
        if value is not None and value > ceiling:
            raise ValueError(
                f"at most {ceiling} messages per second"
                + ("" if ceiling == PAID_RATE else " (1000 with TELEGRAM_PAID_BROADCAST=true)")
            )
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected an http(s) URL such as https://api.telegram.org/bot")
        return value

    @field_validator("zalo_app_id", "zalo_app_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("zalo_app_id")
    @classmethod
    def _zalo_app_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{5,25}", value.strip()):
            raise ValueError("expected the numeric App ID from developers.zalo.me")
        return value.strip() if value else None

    @field_validator("zalo_oa_secret_key", mode="before")
    @classmethod
    def _zalo_complete(cls, value: object, info: ValidationInfo) -> object:
        # Declared after the app id and secret: all three are set together or not at all.
        if isinstance(value, str) and not value.strip():
            value = None
        given = {
            "ZALO_APP_ID": info.data.get("zalo_app_id") is not None,
            "ZALO_APP_SECRET": info.data.get("zalo_app_secret") is not None,
            "ZALO_OA_SECRET_KEY": value is not None,
        }
        if any(given.values()) and not all(given.values()):
            missing = ", ".join(name for name, ok in given.items() if not ok)
            raise ValueError(f"Zalo needs ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY;"
                             f" missing {missing}")
        return value

    @field_validator("zalo_api_url", "zalo_oauth_url", "zalo_zns_url")
    @classmethod
    def _zalo_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected an http(s) URL such as https://openapi.zalo.me")
        return value.rstrip("/")

    @field_validator("telegram_webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if not re.fullmatch(r"https?://[^\s/]+(/[A-Za-z0-9/_.-]*)?", text):
            raise ValueError("expected a URL such as https://bot.example.vn/telegram/webhook")
        return text

    @field_validator("telegram_webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object, info: ValidationInfo) -> object:
        # Declared after the URL: a webhook without a secret would take anyone's updates.
        if isinstance(value, str) and not value.strip():
            value = None
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if info.data.get("telegram_webhook_url") is not None and text is None:
            raise ValueError("TELEGRAM_WEBHOOK_URL needs a secret: 1-256 of A-Z a-z 0-9 _ -")
        if text is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(text)):
            raise ValueError("expected 1-256 of A-Z a-z 0-9 _ - (Telegram's secret_token)")
        return value

    @field_validator("zalo_webhook_path")
    @classmethod
    def _webhook_path(cls, value: str) -> str:
        if not re.fullmatch(r"/[A-Za-z0-9/_.-]*", value) or value == "/health":
            raise ValueError("expected a path such as /zalo/webhook")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not re.fullmatch(r"sqlite:///.+|postgres(ql)?://\S*", value):
            raise ValueError("expected sqlite:///path/to/file.db or"
                             " postgresql://user:password@host:port/database")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}, e.g. Asia/Ho_Chi_Minh") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The cooperative's default time zone."""
        return ZoneInfo(self.timezone)

    @property
    def max_rate(self) -> int:
        """Messages per second the bot may send in total (Telegram's limit by default)."""
        if self.telegram_max_rate is not None:
            return self.telegram_max_rate
        return PAID_RATE if self.telegram_paid_broadcast else FREE_RATE

    @property
    def webhook_on(self) -> bool:
        """Whether Telegram delivers by webhook (several processes) instead of polling."""
        return self.telegram_webhook_url is not None and self.token is not None

    @property
    def telegram_webhook_path(self) -> str:
        """The path of the webhook URL: where the web server takes Telegram's updates."""
        url = self.telegram_webhook_url or ""
        path = re.sub(r"^https?://[^/]+", "", url)
        return path if path not in ("", "/") else "/telegram/webhook"

    @property
    def zalo_on(self) -> bool:
        """Whether the Zalo OA channel is configured."""
        return self.zalo_app_id is not None and self.zalo_oa_secret_key is not None

    @property
    def token(self) -> str | None:
        """The Telegram token, or None when the Telegram channel is off."""
        return self.telegram_token.get_secret_value() if self.telegram_token else None


class SettingsError(Exception):
    """A setting is invalid; the message is one line naming the variable."""


def load_settings(values: dict[str, object] | None = None) -> Settings:
    """Build settings from a dict (tests) or from the environment and .env (the CLI)."""
    try:
        if values is not None:
            return Settings(_env_file=None, **values)  # type: ignore[call-arg]
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None
