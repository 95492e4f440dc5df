"""Configuration defaults.

Order of precedence: these defaults, then ``COLLAB_``-prefixed environment variables
(``COLLAB_DATABASE``, ``COLLAB_SECRET_KEY``, ``COLLAB_BASE_URL``, ``COLLAB_MIN_RESPONDENTS``,
``COLLAB_PUBLIC_MIN_RESPONDENTS``), then the mapping a test passes to ``create_app``.
Nothing else in the code reads the process environment.
"""

from __future__ import annotations

from scoring.confidentiality import DEFAULT_MIN_RESPONDENTS, DEFAULT_PUBLIC_MIN_RESPONDENTS
from scoring.instrument import DEFAULT_INSTRUMENT

PLACEHOLDER_SECRET_KEY = "dev-only-change-me"


class Defaults:
    # Path of the SQLite file; None means instance/collab.sqlite under the app's instance folder.
    DATABASE: str | None = None
    SECRET_KEY = PLACEHOLDER_SECRET_KEY
    BASE_URL = "http://127.0.0.1:5000"
    MIN_RESPONDENTS = DEFAULT_MIN_RESPONDENTS
    PUBLIC_MIN_RESPONDENTS = DEFAULT_PUBLIC_MIN_RESPONDENTS
    INSTRUMENT = str(DEFAULT_INSTRUMENT)
    # Milliseconds a request waits for another writer before giving up.
    BUSY_TIMEOUT_MS = 5000
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a respondent may take a long break on one page
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to change."""


def check_production(config) -> None:
    """Refuse to serve with a missing or placeholder secret key."""
    key = config.get("SECRET_KEY")
    if not key or key == PLACEHOLDER_SECRET_KEY or len(str(key)) < 16:
        raise ConfigError(
            "COLLAB_SECRET_KEY is missing or is the development placeholder. Set it to a long "
            "random value before serving, for example:\n"
            "  export COLLAB_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex())')"
        )
