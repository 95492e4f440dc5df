"""Emailing invitation links and reminders from the command line: ``collab invites send``
and ``collab invites remind`` (``collab invites create`` prints links instead)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from survey.cli.base import ROUND_OPTION, council_or_fail, echo, round_or_fail
from survey.cli.service import invites
from survey.db import get_store
from survey.invitation_mail import send_links
from survey.mail import Mailer, mailer_from_config
from survey.outreach import Link, parse_email_csv, write_links_csv

COUNCIL_OPTION = click.option("--council", "gss", required=True, help="GSS code of the council.")
BILINGUAL_OPTION = click.option(
    "--bilingual",
    is_flag=True,
    help="Send in Welsh and English, Welsh first (always so for councils in Wales).",
)


def _mailer() -> Mailer:
    mailer = mailer_from_config(current_app.config)
    if mailer is None:
        raise click.ClickException(
            "No mail server is set up (COLLAB_SMTP_HOST). Use 'collab invites create' to "
            "print links to send yourself."
        )
    return mailer


def _open_for(round_row: dict, gss: str) -> None:
    if round_row["state"] != "open" or get_store().council_round_closed(round_row["slug"], gss):
        raise click.ClickException("The round is closed for this council: nothing was sent.")


def _report(links: list[Link], failures: list[str], what: str) -> None:
    sent = sum(link.sent for link in links)
    echo(f"{sent} {what} sent.")
    unsent = [link for link in links if not link.sent]
    if unsent:
        # Links are stored only as hashes: the ones not sent are printed, or they are lost.
        for failure in sorted(set(failures)):
            echo(failure, err=True)
        echo(f"{len(unsent)} could not be sent; send these links yourself:", err=True)
        write_links_csv(sys.stdout, unsent)
        raise SystemExit(1)


@invites.command("send")
@ROUND_OPTION
@COUNCIL_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--keep", is_flag=True, help="Keep the addresses so that reminders can be sent.")
@BILINGUAL_OPTION
@with_appcontext
def invites_send(round_slug: str, gss: str, file: Path, keep: bool, bilingual: bool):
    """Email one invitation link to each address in FILE (a CSV, addresses in the first
    column), as the workspace's upload does."""
    round_row, council = round_or_fail(round_slug), council_or_fail(gss)
    mailer = _mailer()
    _open_for(round_row, gss)
    emails, errors = parse_email_csv(file.read_bytes())
    if errors:
        for error in errors[:50]:
            echo(error.message, err=True)
        raise click.ClickException(f"{len(errors)} problems in {file.name}: nothing was sent.")
    store = get_store()
    tokens = store.create_invitations(round_slug, gss, len(emails), emails if keep else None)
    store.audit(
        "command line", "invitations-created", f"{round_slug}/{gss}", f"{len(tokens)} links"
    )
    base = current_app.config["BASE_URL"].rstrip("/")
    links = [Link(e, f"{base}/i/{t}") for e, t in zip(emails, tokens, strict=True)]
    links, failures = send_links(
        links,
        "invitations",
        council,
        round_row,
        mailer,
        current_app.config["MIN_RESPONDENTS"],
        bilingual,
    )
    _report(links, failures, "invitations")


@invites.command("remind")
@ROUND_OPTION
@COUNCIL_OPTION
@BILINGUAL_OPTION
@with_appcontext
def invites_remind(round_slug: str, gss: str, bilingual: bool):
    """Email a reminder, with a fresh link, to each kept address that has not submitted."""
    round_row, council = round_or_fail(round_slug), council_or_fail(gss)
    mailer = _mailer()
    _open_for(round_row, gss)
    store = get_store()
    base = current_app.config["BASE_URL"].rstrip("/")
    targets = store.reminder_targets(round_slug, gss)
    links = [Link(t["email"], f"{base}/i/{store.issue_reminder_token(t['id'])}") for t in targets]
    store.audit("command line", "reminders", f"{round_slug}/{gss}", f"{len(links)} people")
    links, failures = send_links(
        links,
        "reminders",
        council,
        round_row,
        mailer,
        current_app.config["MIN_RESPONDENTS"],
        bilingual,
    )
    _report(links, failures, "reminders")
