"""Staff accounts: sign in and out, forgotten passwords, account links, role checks."""

from __future__ import annotations

from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from survey import sessions, throttle
from survey.access import ROLE_NAMES
from survey.db import get_store
from survey.mail import MailError, mailer_from_config
from survey.passwords import hash_password, verify_password
from survey.security import local_target
from survey.staff_forms import ForgottenPasswordForm, SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)


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


def too_many_attempts(wait: int):
    """429 with Retry-After and a page saying how long to wait."""
    page = render_template(
        "auth/throttled.html", title=gettext("Too many attempts"), minutes=-(-wait // 60)
    )
    return page, 429, {"Retry-After": str(wait)}


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


def account_link(user_id: int, purpose: str) -> str:
    """A full one-use link for setting a password (``activate`` or ``reset``)."""
    config = current_app.config
    lifetime = (
        config["ACCOUNT_LINK_DAYS"] * 86400
        if purpose == "activate"
        else config["RESET_LINK_MINUTES"] * 60
    )
    at = sessions.clock()
    token = get_store().create_account_link(user_id, purpose, at, at + lifetime)
    return config["BASE_URL"].rstrip("/") + url_for("auth.set_password", token=token)


def account_email(link: str, role: str) -> str:
    """The body of the email that gives someone a new account."""
    user = current_user()
    return render_template(
        "email/account.txt",
        inviter=user["email"] if user else "An administrator",
        role_name=ROLE_NAMES[role].lower(),
        days=current_app.config["ACCOUNT_LINK_DAYS"],
        link=link,
        sign_in=current_app.config["BASE_URL"].rstrip("/") + url_for("auth.sign_in"),
    )


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
