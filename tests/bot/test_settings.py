"""Settings: defaults, validation with one clear line, and the CLI's exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "123456789:AAEexampleexampleexampleexample"


def test_defaults():
    settings = load_settings({})
    assert settings.token is None
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.database_url == "sqlite:///data/htx.db"
    assert settings.zone.key == "Asia/Ho_Chi_Minh"
    assert settings.language == "vi"


def test_empty_token_means_telegram_is_off():
    assert load_settings({"telegram_token": "  "}).token is None
    assert load_settings({"telegram_token": TOKEN}).token == TOKEN


@pytest.mark.parametrize(
    ("values", "starts"),
    [
        ({"timezone": "Mars/Olympus"}, "TIMEZONE: unknown time zone"),
        ({"language": "fr"}, "LANGUAGE:"),
        ({"telegram_token": "not-a-token"}, "TELEGRAM_TOKEN: expected a BotFather token"),
        ({"database_url": "mysql://x/y"}, "DATABASE_URL: expected sqlite:///"),
        ({"telegram_api_url": "ftp://x"}, "TELEGRAM_API_URL: expected an http(s) URL"),
        ({"telegram_webhook_url": "https://bot.example.vn/telegram/webhook"},
         "TELEGRAM_WEBHOOK_SECRET: TELEGRAM_WEBHOOK_URL needs a secret"),
        ({"telegram_webhook_url": "https://bot.example.vn/hook",
          "telegram_webhook_secret": "có dấu"}, "TELEGRAM_WEBHOOK_SECRET: expected 1-256 of"),
        ({"telegram_webhook_url": "bot.example.vn/hook", "telegram_webhook_secret": "s"},
         "TELEGRAM_WEBHOOK_URL: expected a URL"),
        ({"claim_lease": "0"}, "CLAIM_LEASE:"),
    ],
)
def test_invalid_values_name_the_variable(values, starts):
    with pytest.raises(SettingsError) as error:
        load_settings(values)
    assert str(error.value).startswith(starts)
    assert "\n" not in str(error.value)


def test_webhook_mode_needs_a_token_and_takes_its_path_from_the_url():
    hook = {"telegram_webhook_url": "https://bot.example.vn/tg/in",
            "telegram_webhook_secret": "s3cret_-"}
    assert not load_settings(hook).webhook_on  # no token: no Telegram at all
    on = load_settings({**hook, "telegram_token": TOKEN})
    assert on.webhook_on and on.telegram_webhook_path == "/tg/in"
    assert "s3cret_-" not in repr(on)
    bare = load_settings({**hook, "telegram_webhook_url": "https://bot.example.vn"})
    assert bare.telegram_webhook_path == "/telegram/webhook"
    assert not load_settings({"telegram_token": TOKEN}).webhook_on  # polling by default


def test_the_token_never_shows_in_a_repr():
    assert TOKEN not in repr(load_settings({"telegram_token": TOKEN}))


def test_cli_prints_one_line_and_exits_2_on_a_bad_setting(tmp_path):
    env = {"PATH": "", "TIMEZONE": "Nowhere/Land", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "members", "--coop", "1"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "htx-bot: TIMEZONE: unknown time zone 'Nowhere/Land', e.g. Asia/Ho_Chi_Minh"
    ]
    assert "Traceback" not in done.stderr
