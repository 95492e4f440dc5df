"""Account links (set or reset a password, once) and the email that gives someone a new
account; used by the sign-in, admin and workspace pages and by the command line."""

from __future__ import annotations

from flask import current_app, render_template, url_for

from survey import sessions
from survey.access import ROLE_NAMES
from survey.db import get_store
from survey.guards import current_user


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
