"""Throttling of sign-in, password-reset and invitation-link attempts.

Written here rather than with Flask-Limiter because the limits must hold across all
gunicorn workers and Flask-Limiter's storage backends need Redis, Memcached or MongoDB;
we keep state in the SQLite file the service already has. Only failures are counted, and
identifiers are stored hashed, so the table holds no email or IP address.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from survey.sessions import clock
from survey.store import Store


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int


LIMITS = {
    # per email address: a slow password guesser against one account
    "sign-in-account": Limit(5, 15 * 60),
    # per client address: one client trying many accounts
    "sign-in-client": Limit(20, 15 * 60),
    "reset-client": Limit(5, 15 * 60),
    # per client address: guessing invitation links
    "invitation-client": Limit(20, 10 * 60),
    # per signed-in user: response codes of paper copies not recognised
    "paper-code": Limit(20, 10 * 60),
}


def _key(kind: str, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"{kind}:{digest}"


def retry_after(store: Store, kind: str, ident: str) -> int | None:
    """Seconds to wait if ``ident`` has used up its attempts, else None."""
    limit = LIMITS[kind]
    now = clock()
    since = now - limit.window_seconds
    if store.count_attempts(_key(kind, ident), since) >= limit.attempts:
        return max(1, math.ceil(limit.window_seconds))
    return None


def failed(store: Store, kind: str, ident: str) -> None:
    now = clock()
    store.record_attempt(_key(kind, ident), now)
    store.prune_attempts(now - 24 * 3600)


def succeeded(store: Store, kind: str, ident: str) -> None:
    store.clear_attempts(_key(kind, ident))
