"""Pages anyone may read: the home page, privacy, and the chart library."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, current_app, render_template
from plotly.offline import get_plotlyjs

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template(
        "pages/home.html",
        title="About this service",
        instrument=current_app.extensions["instrument"],
    )


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html", title="Privacy and confidentiality")


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
