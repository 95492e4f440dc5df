"""Pages anyone may read: the home page, privacy, and the chart library."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, redirect, render_template, request
from flask_babel import gettext as _
from plotly.offline import get_plotlyjs

from survey import i18n, instruments
from survey.security import local_target

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template(
        "pages/home.html",
        title=_("About this service"),
        instrument=instruments.latest(),
    )


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html", title=_("Privacy and confidentiality"))


ACCESSIBILITY_STATEMENT_DATE = "2026-11-28"


@bp.get("/accessibility")
def accessibility():
    return render_template(
        "pages/accessibility.html",
        title=_("Accessibility statement"),
        prepared=ACCESSIBILITY_STATEMENT_DATE,
    )


@bp.get("/language/<lang>")
def language(lang: str):
    """Switch between English and Welsh, then go back to the same page. Only a path on
    this site is followed, so the link cannot send anyone elsewhere."""
    if lang not in i18n.LANGUAGES:
        abort(404)
    i18n.choose(lang)
    return redirect(local_target(request.args.get("next"), "/"))


@bp.get("/healthz")
def health():
    """For load balancers and monitoring: the app answers (it touches no database), and the
    load benchmark's baseline route."""
    return Response("ok\n", mimetype="text/plain")


@cache
def _plotly_js() -> bytes:
    return get_plotlyjs().encode("utf-8")


@bp.get("/scripts/plotly.min.js")
def plotly_js():
    """Plotly's bundle from the installed package, never from a CDN."""
    response = Response(_plotly_js(), mimetype="text/javascript")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
