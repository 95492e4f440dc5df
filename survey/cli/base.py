"""The ``collab`` group and what its commands share: output that never carries a stored
control character, the text rule for typed values, and look-ups that fail with a message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import FlaskGroup

from reports.text import has_control_characters, printable
from scoring.instrument import LANGUAGES
from scoring.national import PEER_GROUPS
from scoring.versions import Instruments
from survey import create_app
from survey.db import get_store
from survey.staff_forms import ROUND_SLUG
from survey.store.base import MAX_ROW_ID


@click.group(
    cls=FlaskGroup, create_app=create_app, add_default_commands=False, add_version_option=False
)
def main():
    """Collaboration maturity self-assessment for UK councils."""


def echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """click.echo with control characters other than newline and tab escaped, so nothing
    stored (an audited sign-in attempt, a council name) can rewrite the terminal."""
    click.echo(printable(str(message)), err=err, nl=nl)


def shown(value) -> str:
    """A stored value in a listing, on one line whatever it holds."""
    return printable("" if value is None else str(value), keep="")


def plain_text(ctx, param, value: str | None) -> str | None:
    """Option callback: the text rule for values typed on the command line."""
    if value is not None and has_control_characters(value):
        raise click.BadParameter("has a control character; remove it and try again")
    return value


def email_address(ctx, param, value: str | None) -> str | None:
    """Option callback: an email address in the form the admin pages accept."""
    plain_text(ctx, param, value)
    if value is not None:
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def new_round_slug(ctx, param, value: str | None) -> str | None:
    """Argument callback: a new round's slug, as the admin page's rule says."""
    if value is not None and not re.fullmatch(ROUND_SLUG, value):
        raise click.BadParameter("use 2 to 41 lower-case letters, numbers and hyphens")
    return value


# An id from a listing: within SQLite's range, so a mistyped one is "not found".
ROW_ID = click.IntRange(0, MAX_ROW_ID)


def versions() -> Instruments:
    """Every questionnaire version the app loaded (``scoring.versions``)."""
    return current_app.extensions["instruments"]


def parse_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2026-03-31", param_hint=name
        ) from None


def round_or_fail(round_slug: str) -> dict:
    round_row = get_store().get_round(round_slug)
    if round_row is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    return round_row


def council_or_fail(gss: str) -> dict:
    council = get_store().get_council(gss)
    if council is None:
        raise click.ClickException(
            f"No council with GSS code {gss!r}. Import councils first, if it is missing."
        )
    return council


def user_or_fail(email: str) -> dict:
    user = get_store().get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}.")
    return user


def write_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(content)
    temporary.replace(path)  # never leave half a PDF under the real name
    echo(f"Wrote {path} ({len(content) // 1024} KB).")


ROUND_OPTION = click.option(
    "--round", "round_slug", required=True, help="The round's slug, such as demo-2026."
)
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF file to write (replaced whole, never left half-written).",
)
PEERS_OPTION = click.option(
    "--peers",
    type=click.Choice(sorted(PEER_GROUPS)),
    default=None,
    help="Peer group to compare with. Unset: councils of the same type or, when fewer "
    "than 5 of them took part, the council's nation (in England its region), then all "
    "councils; the report says which.",
)


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the document: English (en) or Welsh (cy).",
)
