"""Who is signed in, and the checks every staff page makes before it shows anything.

- :func:`current_user`: the signed-in user, re-read on every request;
- :func:`login_required` and :func:`roles_required`: decorators for views;
- :func:`council_round`: the round and council of a page about one council, 404 when
  either is unknown and an audited 403 unless the rule in :mod:`survey.access` allows;
- :func:`deny` and :func:`audit`: the audited 403 and the audit-log entry.

The rules themselves (who may see what) are pure functions in :mod:`survey.access`.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, g, redirect, request, url_for

from survey import sessions
from survey.db import get_store


def current_user() -> dict | None:
    """The signed-in user, re-read with their councils on every request, so that signing
    out, disabling or a role change takes effect on the very next request."""
    if "user" not in g:
        g.user, g.session_ended = sessions.current(get_store(), current_app.config)
    return g.user


def client_address() -> str:
    return request.remote_addr or "unknown"


def audit(event: str, object_: str = "", detail: str = "", actor: str | None = None) -> None:
    """Record a security event. Never pass answers, tokens or passwords."""
    if actor is None:
        user = current_user()
        actor = user["email"] if user else f"anonymous ({client_address()})"
    get_store().audit(actor, event, object_, detail)


def deny(object_: str = ""):
    """403 for a signed-in user asking for something their role does not allow."""
    audit("access-denied", object_ or request.path)
    abort(403)


def council_round(round_slug: str, gss: str, allowed, denied_as: str) -> tuple[dict, dict]:
    """The round and council rows for a page about one council in one round: 404 when
    either is unknown, then 403 (audited as ``denied_as``) unless ``allowed(user, gss)``."""
    store = get_store()
    round_row = store.get_round(round_slug)
    council = store.get_council(gss)
    if round_row is None or council is None:
        abort(404)
    if not allowed(current_user(), gss):
        deny(denied_as)
    return round_row, council


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            expired = "1" if g.get("session_ended") == "expired" else None
            return redirect(
                url_for("auth.sign_in", next=request.full_path.rstrip("?"), expired=expired)
            )
        return view(*args, **kwargs)

    return wrapped


def roles_required(*roles: str):
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user()["role"] not in roles:
                deny()
            return view(*args, **kwargs)

        return wrapped

    return decorate
