"""Sign-in for staff accounts (the admin, until the accounts issue adds roles)."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, g, redirect, render_template, request, session, url_for

from survey.db import get_store
from survey.forms import SignInForm
from survey.passwords import verify_password

bp = Blueprint("auth", __name__)


def current_user() -> dict | None:
    """The signed-in user, re-read on every request so disabling takes effect at once."""
    if "user" not in g:
        user_id = session.get("user_id")
        user = get_store().get_user(user_id) if user_id else None
        g.user = user if user and not user["disabled"] else None
    return g.user


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("auth.sign_in", next=request.path))
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    # Only local paths: never redirect to another site after sign-in.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("results.index")


@bp.app_context_processor
def signed_in_user():
    """Templates see who is signed in, for the navigation and the sign-out button."""
    return {"signed_in_user": current_user()}


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        user = get_store().get_user_by_email(form.email.data.strip())
        ok = verify_password(user["password_hash"] if user else None, form.password.data)
        if ok and not user["disabled"]:
            session.clear()
            session["user_id"] = user["id"]
            return redirect(_safe_next(request.args.get("next")))
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/sign_in.html", form=form, title="Sign in")


@bp.post("/sign-out")
def sign_out():
    session.pop("user_id", None)
    return redirect(url_for("pages.home"))
