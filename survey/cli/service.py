"""Running the service: the database, councils, rounds, invitation links, demo data,
retention, backup and restore, and ``collab serve``."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import ScriptInfo, pass_script_info, with_appcontext

from survey.access import ROLE_NAMES
from survey.backup import BackupError, backup, check_restorable, restore
from survey.cli.base import (
    ROUND_OPTION,
    council_or_fail,
    echo,
    main,
    new_round_slug,
    parse_date,
    plain_text,
    round_or_fail,
    shown,
    versions,
)
from survey.config import ConfigError, check_production
from survey.db import get_db, get_store
from survey.demo import DEMO_USERS, load_demo
from survey.passwords import hash_password
from survey.register import RegisterError, read_register
from survey.server import run_gunicorn


@main.command("init-db")
@with_appcontext
def init_db():
    """Create the database (or bring it up to date) and report where it is."""
    get_db()  # the app factory has already applied every migration
    echo(f"Database ready: {current_app.config['DATABASE']}")


@main.group()
def councils():
    """Councils: import the register."""


@councils.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def councils_import(file: Path):
    """Import councils from mySociety's register CSV (upsert on GSS code)."""
    try:
        rows = read_register(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{file}: not UTF-8 text ({exc.reason})") from None
    except RegisterError as exc:
        raise click.ClickException(f"{file}: {exc}. Nothing was imported.") from None
    result = get_store().upsert_councils(rows)
    echo(
        f"{len(rows)} councils in {file.name}: {result.inserted} added, "
        f"{result.updated} updated, {result.unchanged} unchanged."
    )


def _version(value: str | None) -> int | None:
    """``v2`` (or ``2``) to 2."""
    if value is None:
        return None
    digits = value.lower().removeprefix("v")
    if not digits.isdigit() or len(digits) > 3:
        raise click.BadParameter(f"{value!r} is not a version such as v1 or v2.")
    return int(digits)


@main.group()
def rounds():
    """Rounds of the assessment."""


@rounds.command("create")
@click.argument("slug", callback=new_round_slug)
@click.option(
    "--title", required=True, callback=plain_text, help="The round's name, as people see it."
)
@click.option(
    "--title-cy",
    callback=plain_text,
    help="Its Welsh name, for Welsh pages and reports (default: the English title).",
)
@click.option("--opens", help="First day answers are taken (YYYY-MM-DD).")
@click.option("--closes", help="Last day answers are taken (YYYY-MM-DD).")
@click.option(
    "--instrument",
    "version",
    metavar="v1|v2",
    callback=lambda ctx, param, value: _version(value),
    help="Questionnaire version (default: the current one). A round keeps its version.",
)
@with_appcontext
def rounds_create(
    slug: str,
    title: str,
    title_cy: str | None,
    opens: str | None,
    closes: str | None,
    version: int | None,
):
    """Create a round; it is always scored, shown and exported with its questionnaire
    version."""
    store = get_store()
    if store.get_round(slug):
        raise click.ClickException(f"A round called {slug!r} exists already.")
    opens, closes = parse_date(opens, "--opens"), parse_date(closes, "--closes")
    if opens and closes and closes < opens:
        raise click.ClickException("--closes is before --opens.")
    known = versions()
    if version is not None and version not in known.versions:
        choices = ", ".join(f"v{v}" for v in known)
        raise click.ClickException(f"--instrument: this service has {choices}.")
    instrument = known.get(version) if version is not None else known.latest()
    store.create_round(
        slug, title, instrument.id, instrument.version, opens, closes, (title_cy or "").strip()
    )
    echo(f"Round {slug} created (instrument {instrument.id} v{instrument.version}).")


@rounds.command("set-title")
@ROUND_OPTION
@click.option("--title", callback=plain_text, help="A new English title.")
@click.option(
    "--title-cy",
    callback=plain_text,
    help='The Welsh title; --title-cy "" removes it (Welsh output then shows the English one).',
)
@with_appcontext
def rounds_set_title(round_slug: str, title: str | None, title_cy: str | None):
    """Change a round's English or Welsh title."""
    round_or_fail(round_slug)
    if title is None and title_cy is None:
        raise click.UsageError("Give --title, --title-cy or both.")
    if title is not None and not title.strip():
        raise click.BadParameter("cannot be empty", param_hint="--title")
    get_store().set_round_titles(
        round_slug,
        title.strip() if title is not None else None,
        title_cy.strip() if title_cy is not None else None,
    )
    row = get_store().get_round(round_slug)
    welsh = shown(row["title_cy"]) if row["title_cy"] else "none (the English title is shown)"
    echo(f"Round {round_slug}: title {shown(row['title'])}; Welsh title {welsh}.")


@main.group()
def invites():
    """Invitation links for respondents."""


@invites.command("create")
@ROUND_OPTION
@click.option("--council", "gss", required=True, help="GSS code of the council.")
@click.option(
    "--count", type=click.IntRange(1, 5000), required=True, help="How many links to make."
)
@with_appcontext
def invites_create(round_slug: str, gss: str, count: int):
    """Create invitations and print one full link per line (shown only this once)."""
    round_or_fail(round_slug)
    council_or_fail(gss)
    base = current_app.config["BASE_URL"].rstrip("/")
    for token in get_store().create_invitations(round_slug, gss, count):
        echo(f"{base}/i/{token}")


def demo_password_file(database: str) -> Path:
    """Where ``collab demo`` keeps the demo accounts' password: beside the database it
    loaded, so each database's demo has its own and nothing lands in the working folder."""
    return Path(database).resolve().parent / "demo-password.txt"


@main.command()
@click.option(
    "--councils",
    "council_count",
    type=click.IntRange(4, 2000),
    default=24,
    show_default=True,
    help="How many fictional councils; beyond 24 they get invented names.",
)
@click.option(
    "--respondents",
    type=click.IntRange(5, 200),
    default=12,
    show_default=True,
    help="Typical submitted responses per council.",
)
@click.option(
    "--seed", type=int, default=2026, show_default=True, help="Same seed, same demo data."
)
@with_appcontext
def demo(council_count: int, respondents: int, seed: int):
    """Load fictional councils and responses, and one demo account per role (idempotent).

    The demo accounts share one password, written to demo-password.txt beside the
    database (instance/ by default), never to the current directory."""
    store = get_store()
    known = versions()
    summary = load_demo(
        store,
        known.latest(),
        council_count,
        respondents,
        seed,
        previous=known.get(1) if known.current != 1 and 1 in known.versions else None,
    )
    password_file = demo_password_file(current_app.config["DATABASE"])
    missing = [e for e in DEMO_USERS if store.get_user_by_email(e) is None]
    if missing:
        if password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
        else:
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        password_hash = hash_password(password)
        for email in missing:
            role, codes = DEMO_USERS[email]
            user_id = store.create_user(
                email, role, f"Demo {ROLE_NAMES[role].lower()}", password_hash
            )
            for code in codes:
                store.assign_council(user_id, code)
    echo(
        f"Demo data: {summary['councils']} fictional councils, "
        f"{summary['responses_loaded']} responses loaded this time."
    )


@main.command()
@click.option("--apply", "apply_", is_flag=True, help="Delete; without it, only list.")
@click.option("--dry-run", is_flag=True, help="List what would be deleted (the default).")
@click.option("--days", type=click.IntRange(0, 3650), help="Override RETENTION_DAYS.")
@with_appcontext
def retention(apply_: bool, dry_run: bool, days: int | None):
    """Delete unsubmitted drafts and unused invitation links of rounds closed more than
    RETENTION_DAYS ago. Submitted answers are never deleted."""
    if apply_ and dry_run:
        raise click.UsageError("Use --apply or --dry-run, not both.")
    days = current_app.config["RETENTION_DAYS"] if days is None else days
    before = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    store = get_store()
    due = store.retention_due(before)
    echo(f"Rounds closed before {before} ({days} days ago):")
    for row in due:
        echo(
            f"  {shown(row['slug'])}: {row['drafts']} unsubmitted drafts, "
            f"{row['invitations']} unused or unfinished invitation links"
        )
    if not due:
        echo("  none")
    if not apply_:
        echo("Nothing deleted (this is a dry run; add --apply to delete).")
        return
    counts = store.apply_retention(before)
    store.audit(
        "command line",
        "retention",
        before,
        f"{counts['drafts']} drafts, {counts['invitations']} links deleted",
    )
    echo(f"Deleted {counts['drafts']} drafts and {counts['invitations']} invitation links.")


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path):
    """Copy the database to FILE while the service runs (checked, fsynced, atomic)."""
    try:
        counts = backup(current_app.config["DATABASE"], file)
    except (BackupError, OSError, sqlite3.Error) as exc:
        raise click.ClickException(f"Backup failed: {exc}. {file} was not changed.") from None
    echo(
        f"Backed up {counts['responses']} submitted responses ({counts['answers']} answers) "
        f"to {file}."
    )


@main.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(file: Path, yes: bool):
    """Replace the database's contents with the backup FILE (refuses a damaged file or one
    from a newer version of the service)."""
    try:
        check_restorable(file)
    except BackupError as exc:
        raise click.ClickException(f"Not restored: {exc}.") from None
    if not yes:
        click.confirm(
            f"Replace everything in {current_app.config['DATABASE']} with {file}?", abort=True
        )
    try:
        counts = restore(
            file, current_app.config["DATABASE"], current_app.config["BUSY_TIMEOUT_MS"]
        )
    except (BackupError, sqlite3.Error) as exc:
        raise click.ClickException(f"Not restored: {exc}.") from None
    echo(
        f"Restored {counts['responses']} submitted responses ({counts['answers']} answers) "
        f"from {file}."
    )


@main.command(with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=5000, show_default=True, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="gunicorn worker processes (sync).",
)
@pass_script_info
def serve(info: ScriptInfo, host: str, port: int, workers: int):
    """Serve the app with gunicorn (refuses to start with a placeholder secret key)."""
    # No application context may be active while serving: a request inside an already
    # pushed context would share its ``g`` (the signed-in user, the connection) with every
    # other request in the worker.
    app = info.load_app()
    try:
        check_production(app.config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    run_gunicorn(app, host, port, workers)
