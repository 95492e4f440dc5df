"""Staff accounts, API tokens and the audit log: ``collab users``, ``collab tokens``,
``collab audit``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from survey import sessions
from survey.access import COUNCIL_ROLES, ROLE_NAMES, ROLES
from survey.accounts import account_link
from survey.cli.base import (
    ROW_ID,
    echo,
    email_address,
    main,
    plain_text,
    shown,
    user_or_fail,
)
from survey.db import get_store
from survey.passwords import MIN_LENGTH, hash_password


@main.group()
def users():
    """Staff accounts: admins, national analysts, council leads and facilitators."""


def _print_account_link(user_id: int, purpose: str) -> None:
    # Links are built as in a request to BASE_URL, so they match what the pages show.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        echo(account_link(user_id, purpose))


@users.command("create")
@click.option("--email", required=True, callback=email_address, help="The account's email address.")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
@click.option(
    "--council",
    "councils",
    multiple=True,
    help="GSS code of a council the lead or facilitator works with (repeatable).",
)
@click.option(
    "--name", default="", callback=plain_text, help="The person's name, for the users page."
)
@click.option(
    "--password-file",
    type=click.File("r"),
    help="Set the password from this file; otherwise print a one-use link to set it.",
)
@with_appcontext
def users_create(email: str, role: str, councils: tuple[str, ...], name: str, password_file):
    """Create a user. Prints a link to set the password unless --password-file is given."""
    store = get_store()
    codes = sorted({c.strip().upper() for c in councils})
    if role in COUNCIL_ROLES and not codes:
        raise click.ClickException(f"A {role} needs at least one --council GSS code.")
    if role not in COUNCIL_ROLES and codes:
        raise click.ClickException(f"An {role} sees every council: leave out --council.")
    if unknown := [c for c in codes if store.get_council(c) is None]:
        raise click.ClickException("No council with GSS code " + ", ".join(unknown) + ".")
    if store.get_user_by_email(email):
        raise click.ClickException(f"A user with email {email} exists already.")
    password_hash = None
    if password_file is not None:
        password = password_file.read().strip()
        if len(password) < MIN_LENGTH:
            raise click.ClickException(f"The password must be at least {MIN_LENGTH} characters.")
        password_hash = hash_password(password)
    user_id = store.create_user(email, role, name, password_hash)
    for code in codes:
        store.assign_council(user_id, code)
    store.audit("command line", "user-created", email, f"role {role}")
    echo(f"{ROLE_NAMES[role]} {email} created.", err=password_hash is None)
    if password_hash is None:
        echo("Send them this link to set a password (it works once):", err=True)
        _print_account_link(user_id, "activate")


@users.command("disable")
@click.argument("email")
@with_appcontext
def users_disable(email: str):
    """Disable a user and end their sessions at once."""
    store = get_store()
    user = user_or_fail(email)
    store.set_disabled(user["id"], True)
    ended = store.revoke_user_sessions(user["id"], sessions.clock())
    store.audit("command line", "user-disable", user["email"])
    echo(f"{user['email']} disabled; {ended} session(s) ended.")


@users.command("enable")
@click.argument("email")
@with_appcontext
def users_enable(email: str):
    """Enable a disabled user."""
    store = get_store()
    user = user_or_fail(email)
    store.set_disabled(user["id"], False)
    store.audit("command line", "user-enable", user["email"])
    echo(f"{user['email']} enabled.")


@users.command("list")
@with_appcontext
def users_list():
    """Every user with role, councils and status."""
    rows = get_store().list_users()
    echo(f"{'Email':<36} {'Role':<18} {'Status':<12} Councils")
    for user in rows:
        status = (
            "disabled" if user["disabled"] else "active" if user["password_hash"] else "no password"
        )
        echo(
            f"{shown(user['email']):<36} {ROLE_NAMES[user['role']]:<18} {status:<12} "
            f"{' '.join(user['councils']) or '-'}"
        )


@users.command("reset-link")
@click.argument("email")
@with_appcontext
def users_reset_link(email: str):
    """Print a one-use link for the user to set a new password."""
    store = get_store()
    user = user_or_fail(email)
    store.audit("command line", "password-reset-link", user["email"])
    _print_account_link(user["id"], "reset" if user["password_hash"] else "activate")


@main.group()
def tokens():
    """API tokens: each acts as its user, with that user's role."""


@tokens.command("create")
@click.option("--email", required=True, callback=plain_text, help="The account's email address.")
@click.option(
    "--label", default="", callback=plain_text, help="What the token is for, to tell tokens apart."
)
@with_appcontext
def tokens_create(email: str, label: str):
    """Create an API token and print it (shown only this once)."""
    store = get_store()
    user = user_or_fail(email)
    if user["disabled"]:
        raise click.ClickException(f"{email} is disabled.")
    token = store.create_api_token(user["id"], label)
    store.audit("command line", "api-token-created", user["email"], label)
    echo(f"Token for {email} ({ROLE_NAMES[user['role']]}); it is not stored:", err=True)
    echo(token)


@tokens.command("list")
@with_appcontext
def tokens_list():
    """Every token: id, owner, label, dates (never the token itself)."""
    for row in get_store().list_api_tokens():
        state = f"revoked {row['revoked_at'][:10]}" if row["revoked_at"] else "active"
        used = row["last_used_on"] or "never used"
        echo(
            f"{row['id']:>4}  {shown(row['email']):<36} {state:<18} {used:<12} "
            f"{shown(row['label'])}"
        )


@tokens.command("revoke")
@click.argument("token_id", type=ROW_ID)
@with_appcontext
def tokens_revoke(token_id: int):
    """Revoke a token by its id (from ``collab tokens list``); it stops working at once."""
    store = get_store()
    if not store.revoke_api_token(token_id):
        raise click.ClickException(f"No active token with id {token_id}.")
    store.audit("command line", "api-token-revoked", str(token_id))
    echo(f"Token {token_id} revoked.")


@main.command()
@click.option(
    "--limit",
    type=click.IntRange(1, 100000),
    default=50,
    show_default=True,
    help="How many events to show.",
)
@click.option("--event", help="Only this kind of event, such as sign-in-failed.")
@with_appcontext
def audit(limit: int, event: str | None):
    """The latest security events, newest first (times in UTC)."""
    for row in get_store().audit_events(limit, event):
        fields = (row["at"], row["actor"], row["event"], row["object"], row["detail"])
        echo("  ".join(shown(f) for f in fields).rstrip())
