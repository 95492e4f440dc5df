"""Security headers on every response, and the per-request nonce for the one inline
script the GOV.UK page template carries (it marks the page as having JavaScript)."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, g, request

# No inline script (except the nonced GOV.UK one), no plugins, no framing, forms post only
# to this site. Styles: 'self' only; Plotly sets styles through the CSS object model,
# which the policy does not restrict.
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
# Paths whose responses may be cached: the static files and the chart library.
CACHEABLE_PREFIXES = ("/static/", "/scripts/")


def local_target(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site, else ``default``: the one check for every
    ``next`` or return address. Werkzeug drops tab, CR and LF when it writes a Location
    header (``/%09/evil.example``, decoded, would become ``//evil.example``), so any control
    character or whitespace refuses the target rather than being cleaned out of it."""
    if not target or any(ch.isspace() or not ch.isprintable() for ch in target):
        return default
    if "\\" in target or target.startswith("//"):  # browsers read ///host as //host
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return default
    return target


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def add_headers(response):
    response.headers["Content-Security-Policy"] = CSP.format(nonce=csp_nonce())
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if not request.path.startswith(CACHEABLE_PREFIXES):
        # Answers, results and staff pages must not be kept by browsers or proxies.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
