"""Configuration: defaults, COLLAB_ environment variables, then test overrides."""

from __future__ import annotations

import pytest

from survey import create_app
from survey.config import ConfigError, check_production


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("COLLAB_DATABASE", str(tmp_path / "env.sqlite"))
    monkeypatch.setenv("COLLAB_MIN_RESPONDENTS", "7")
    monkeypatch.setenv("COLLAB_PUBLIC_MIN_RESPONDENTS", "12")
    monkeypatch.setenv("COLLAB_BASE_URL", "https://collab.example.org")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "env.sqlite")
    assert (app.config["MIN_RESPONDENTS"], app.config["PUBLIC_MIN_RESPONDENTS"]) == (7, 12)
    assert app.config["BASE_URL"] == "https://collab.example.org"
    assert (tmp_path / "env.sqlite").exists()


def test_threshold_below_three_is_refused(tmp_path):
    with pytest.raises(ValueError, match="cannot be set below 3"):
        create_app({"DATABASE": str(tmp_path / "x.sqlite"), "MIN_RESPONDENTS": 2})


def test_public_threshold_below_the_council_threshold_is_refused(tmp_path):
    with pytest.raises(ValueError, match="PUBLIC_MIN_RESPONDENTS"):
        create_app(
            {
                "DATABASE": str(tmp_path / "x.sqlite"),
                "MIN_RESPONDENTS": 8,
                "PUBLIC_MIN_RESPONDENTS": 6,
            }
        )


@pytest.mark.parametrize("key", [None, "", "dev-only-change-me", "short"])
def test_production_refuses_missing_or_placeholder_secret(key):
    with pytest.raises(ConfigError, match="COLLAB_SECRET_KEY"):
        check_production({"SECRET_KEY": key})


def test_production_accepts_a_real_secret_with_secure_cookies():
    check_production({"SECRET_KEY": "f" * 64, "SESSION_COOKIE_SECURE": True})


@pytest.mark.parametrize(
    ("base_url", "allowed"),
    [
        ("http://127.0.0.1:5000", True),
        ("http://localhost:8000", True),
        ("https://collab.example.gov.uk", False),
        ("http://collab.example.gov.uk", False),
        ("http://localhost.example.com", False),
        ("http://127.0.0.1.example.com", False),
    ],
)
def test_insecure_cookies_are_allowed_only_for_local_http(base_url, allowed):
    config = {"SECRET_KEY": "f" * 64, "SESSION_COOKIE_SECURE": False, "BASE_URL": base_url}
    if allowed:
        check_production(config)
    else:
        with pytest.raises(ConfigError, match="COLLAB_SESSION_COOKIE_SECURE"):
            check_production(config)
