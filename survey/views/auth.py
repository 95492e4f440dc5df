"""Staff accounts: sign in and out, forgotten passwords, setting a password from a link.

Who is signed in and the role checks are in :mod:`survey.guards`; making account links
and their emails in :mod:`survey.accounts`."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from survey import sessions, throttle
from survey.accounts import account_link
from survey.db import get_store
from survey.guards import audit, client_address, current_user, login_required
from survey.mail import MailError, mailer_from_config
from survey.passwords import hash_password, verify_password
from survey.security import local_target
from survey.staff_forms import ForgottenPasswordForm, SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)


def too_many_attempts(wait: int):
    """429 with Retry-After and a page saying how long to wait."""
    page = render_template(
        "auth/throttled.html", title=gettext("Too many attempts"), minutes=-(-wait // 60)
    )
    return page, 429, {"Retry-After": str(wait)}


@bp.app_context_processor
def signed_in_user():
    """Templates see who is signed in, for the navigation and the sign-out button."""
    return {"signed_in_user": current_user()}


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    store = get_store()
    status = 200
    if form.validate_on_submit():
        email = form.email.data.strip()
        wait = throttle.retry_after(store, "sign-in-account", email) or throttle.retry_after(
            store, "sign-in-client", client_address()
        )
        if wait:
            audit("sign-in-throttled", email, actor=f"anonymous ({client_address()})")
            return too_many_attempts(wait)
        user = store.get_user_by_email(email)
        ok = verify_password(user["password_hash"] if user else None, form.password.data)
        if ok and not user["disabled"]:
            throttle.succeeded(store, "sign-in-account", email)
            sessions.begin(store, user["id"], current_app.config)
            store.audit(user["email"], "sign-in", user["email"], f"from {client_address()}")
            return redirect(local_target(request.args.get("next"), url_for("auth.dashboard")))
        throttle.failed(store, "sign-in-account", email)
        throttle.failed(store, "sign-in-client", client_address())
        audit(
            "sign-in-failed",
            email,
            "disabled account" if ok else "",
            actor=f"anonymous ({client_address()})",
        )
        form.email.errors.append("Enter a correct email address and password")
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template(
        "auth/sign_in.html",
        form=form,
        title="Sign in",
        expired=request.args.get("expired") == "1",
    ), status


@bp.post("/sign-out")
def sign_out():
    user = current_user()
    if user:
        audit("sign-out", user["email"])
    sessions.end(get_store())
    return redirect(url_for("auth.signed_out"))


@bp.get("/signed-out")
def signed_out():
    return render_template("auth/signed_out.html", title="You have signed out")


@bp.route("/forgotten-password", methods=["GET", "POST"])
def forgotten_password():
    form = ForgottenPasswordForm()
    store = get_store()
    mailer = mailer_from_config(current_app.config)
    if form.validate_on_submit():
        wait = throttle.retry_after(store, "reset-client", client_address())
        if wait:
            return too_many_attempts(wait)
        throttle.failed(store, "reset-client", client_address())
        email = form.email.data.strip()
        user = store.get_user_by_email(email)
        audit("password-reset-requested", email, actor=f"anonymous ({client_address()})")
        if user and not user["disabled"] and mailer:
            link = account_link(user["id"], "reset")
            body = render_template(
                "email/reset.txt",
                link=link,
                minutes=current_app.config["RESET_LINK_MINUTES"],
            )
            try:
                mailer.send(user["email"], "Reset your password", body)
            except MailError as exc:
                current_app.logger.error("password reset email not sent: %s", exc)
        # The same page whether or not the address has an account.
        return render_template(
            "auth/reset_sent.html", title="Check your email", email=email, mailer=bool(mailer)
        )
    return render_template(
        "auth/forgotten_password.html",
        form=form,
        title="Reset your password",
        mailer=bool(mailer),
    ), (400 if request.method == "POST" else 200)


@bp.route("/account/password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    store = get_store()
    link = store.check_account_link(token, sessions.clock())
    if link is None:
        # Unknown, used and expired links look the same: the person needs a new one.
        return render_template("auth/link_invalid.html", title="This link does not work"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        user_id = store.use_account_link(token, sessions.clock(), hash_password(form.password.data))
        if user_id is None:
            return render_template("auth/link_invalid.html", title="This link does not work"), 404
        user = store.get_user(user_id)
        # A new password ends every other session of this account.
        store.revoke_user_sessions(user_id, sessions.clock())
        store.audit(user["email"], "password-set", user["email"], link["purpose"])
        return render_template("auth/password_set.html", title="Your password has been saved")
    return render_template("auth/set_password.html", form=form, title="Set your password"), (
        400 if request.method == "POST" else 200
    )


@bp.get("/dashboard")
@login_required
def dashboard():
    """Where each role starts after signing in."""
    role = current_user()["role"]
    if role == "admin":
        return redirect(url_for("admin.index"))
    if role == "analyst":
        return redirect(url_for("results.index"))
    return redirect(url_for("workspace.index"))
