"""Zalo settings: off by default, on with all three secrets, one clear line otherwise."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings

ZALO = {"zalo_app_id": "1234567890123456789", "zalo_app_secret": "s3cret",
        "zalo_oa_secret_key": "oa-key"}


def test_zalo_is_off_by_default_and_on_with_its_three_values():
    off = load_settings({})
    assert not off.zalo_on
    assert (off.zalo_api_url, off.zalo_oauth_url) == (
        "https://openapi.zalo.me", "https://oauth.zaloapp.com")
    assert (off.zalo_webhook_host, off.zalo_webhook_port, off.zalo_webhook_path) == (
        "127.0.0.1", 8080, "/zalo/webhook")
    on = load_settings({**ZALO, "zalo_api_url": "http://127.0.0.1:9/"})
    assert on.zalo_on and on.zalo_api_url == "http://127.0.0.1:9"
    assert load_settings({k: " " for k in ZALO}).zalo_on is False  # blank means unset


@pytest.mark.parametrize(
    ("values", "starts"),
    [
        ({**ZALO, "zalo_app_id": "my-app"}, "ZALO_APP_ID: expected the numeric App ID"),
        ({"zalo_app_id": ZALO["zalo_app_id"]},
         "ZALO_OA_SECRET_KEY: Zalo needs ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY;"
         " missing ZALO_APP_SECRET, ZALO_OA_SECRET_KEY"),
        ({**ZALO, "zalo_app_secret": ""}, "ZALO_OA_SECRET_KEY: Zalo needs"),
        ({**ZALO, "zalo_api_url": "openapi.zalo.me"}, "ZALO_API_URL: expected an http(s) URL"),
        ({**ZALO, "zalo_oauth_url": "ftp://x"}, "ZALO_OAUTH_URL: expected an http(s) URL"),
        ({**ZALO, "zalo_webhook_port": 70000}, "ZALO_WEBHOOK_PORT:"),
        ({**ZALO, "zalo_webhook_path": "zalo"}, "ZALO_WEBHOOK_PATH: expected a path"),
        ({**ZALO, "zalo_webhook_path": "/health"}, "ZALO_WEBHOOK_PATH: expected a path"),
    ],
)
def test_invalid_zalo_values_name_the_variable(values, starts):
    with pytest.raises(SettingsError) as error:
        load_settings(values)
    assert str(error.value).startswith(starts)
    assert "\n" not in str(error.value)
