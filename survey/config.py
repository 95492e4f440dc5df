"""Configuration defaults.

Order of precedence: these defaults, then ``COLLAB_``-prefixed environment variables
(``COLLAB_DATABASE``, ``COLLAB_SECRET_KEY``, ``COLLAB_SMTP_HOST`` and so on: every name
below with the prefix), then the mapping a test passes to ``create_app``.
Nothing else in the code reads the process environment.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scoring.confidentiality import DEFAULT_MIN_RESPONDENTS, DEFAULT_PUBLIC_MIN_RESPONDENTS
from scoring.instrument import CURRENT_INSTRUMENT

PLACEHOLDER_SECRET_KEY = "dev-only-change-me"


class Defaults:
    # Path of the SQLite file; None means instance/collab.sqlite under the app's instance folder.
    DATABASE: str | None = None
    SECRET_KEY = PLACEHOLDER_SECRET_KEY
    BASE_URL = "http://127.0.0.1:5000"
    MIN_RESPONDENTS = DEFAULT_MIN_RESPONDENTS
    PUBLIC_MIN_RESPONDENTS = DEFAULT_PUBLIC_MIN_RESPONDENTS
    INSTRUMENT = str(CURRENT_INSTRUMENT)
    # Milliseconds a request waits for another writer before giving up.
    BUSY_TIMEOUT_MS = 5000
    # Cap on the database file's size in pages (4 KiB each); None for no cap.
    DATABASE_MAX_PAGES: int | None = None
    # Days after a round closes before `collab retention` deletes its unsubmitted drafts
    # and unused invitation links.
    RETENTION_DAYS = 90
    # Seconds a client is told to wait (Retry-After) when the database is busy.
    RETRY_AFTER_SECONDS = 5
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Secure cookies are sent only over HTTPS. Turn off only to try the service on
    # http://127.0.0.1 (``make run`` does); ``collab serve`` refuses it for any other address.
    SESSION_COOKIE_SECURE = True
    # Staff sessions end after this long without a request, and this long after sign-in.
    SESSION_IDLE_MINUTES = 30
    SESSION_ABSOLUTE_HOURS = 12
    # Account invitation and password reset links.
    ACCOUNT_LINK_DAYS = 7
    RESET_LINK_MINUTES = 60
    # Email. With no SMTP_HOST nothing is sent: links are shown to the lead instead.
    SMTP_HOST: str | None = None
    SMTP_PORT = 25
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS = False
    MAIL_FROM = "collaboration-survey@localhost"
    # How many reverse proxies in front of the app set X-Forwarded-For (for throttling).
    PROXY_COUNT = 0
    WTF_CSRF_TIME_LIMIT = None  # a respondent may take a long break on one page
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to change."""


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def is_local_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


def check_production(config) -> None:
    """Refuse to serve with a missing or placeholder secret key, or with cookies that may
    travel over plain HTTP anywhere but this machine."""
    key = config.get("SECRET_KEY")
    if not key or key == PLACEHOLDER_SECRET_KEY or len(str(key)) < 16:
        raise ConfigError(
            "COLLAB_SECRET_KEY is missing or is the development placeholder. Set it to a long "
            "random value before serving, for example:\n"
            "  export COLLAB_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex())')"
        )
    base = str(config.get("BASE_URL", ""))
    if not config.get("SESSION_COOKIE_SECURE") and not is_local_http(base):
        raise ConfigError(
            f"COLLAB_SESSION_COOKIE_SECURE is off but COLLAB_BASE_URL is {base}. Cookies "
            "may be sent without HTTPS only when trying the service on http://127.0.0.1."
        )
