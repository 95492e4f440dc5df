"""Server-side staff sessions: revocable on the very next request.

The signed Flask cookie holds only a random session id; the database holds its hash, the
user, when it began and when it was last used. Signing out, disabling a user or an admin
revoking sessions therefore takes effect at once, and idle and absolute time-outs are
enforced here rather than trusted to the browser.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping

from flask import session

from survey.store import Store, hash_token

SESSION_KEY = "sid"
# Last-used times are written at most this often, to keep reads from writing every time.
TOUCH_EVERY_SECONDS = 60


def clock() -> float:
    """Seconds since the epoch; tests replace this to move time on."""
    return time.time()


def begin(store: Store, user_id: int, config: Mapping) -> None:
    """A new session on every sign-in: nothing from before sign-in is carried over."""
    session.clear()
    sid = secrets.token_urlsafe(32)
    now = clock()
    store.create_session(hash_token(sid), user_id, now)
    # Sessions past the absolute limit can never be used again: forget them.
    store.prune_sessions(now - config["SESSION_ABSOLUTE_HOURS"] * 3600)
    session[SESSION_KEY] = sid


def end(store: Store) -> None:
    sid = session.get(SESSION_KEY)
    if sid:
        store.revoke_session(hash_token(sid), clock())
    session.clear()


def current(store: Store, config: Mapping) -> tuple[dict | None, str | None]:
    """The signed-in user, or None and why not ("expired" when a time-out ended it)."""
    sid = session.get(SESSION_KEY)
    if not sid:
        return None, None
    row = store.get_session(hash_token(sid))
    now = clock()
    if row is None or row["revoked_at"] is not None:
        session.pop(SESSION_KEY, None)
        return None, None
    idle = config["SESSION_IDLE_MINUTES"] * 60
    absolute = config["SESSION_ABSOLUTE_HOURS"] * 3600
    if now - row["last_seen_at"] > idle or now - row["created_at"] > absolute:
        store.revoke_session(row["id_hash"], now)
        session.pop(SESSION_KEY, None)
        return None, "expired"
    user = store.get_user(row["user_id"])
    if user is None or user["disabled"]:
        store.revoke_session(row["id_hash"], now)
        session.pop(SESSION_KEY, None)
        return None, None
    if now - row["last_seen_at"] > TOUCH_EVERY_SECONDS:
        store.touch_session(row["id_hash"], now)
    user["councils"] = frozenset(store.user_councils(user["id"]))
    return user, None
