"""The ``collab`` command line (a Flask group, so every command has the app's config)."""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
import sqlite3
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo, pass_script_info, with_appcontext

from reports.batch import build_reports
from reports.documents import (
    NoReport,
    council_report,
    national_summary,
    partnership_report,
    workshop_pack,
)
from reports.league import (
    OPEN_DATA_README,
    league_document,
    league_record,
    score_json,
    write_league_csv,
)
from reports.text import has_control_characters, printable
from scoring.council import score_council
from scoring.instrument import LANGUAGES
from scoring.league import BOOTSTRAP, DEFAULT_SEED
from scoring.national import PEER_GROUPS
from survey import create_app, sessions
from survey.access import COUNCIL_ROLES, ROLE_NAMES, ROLES
from survey.accounts import account_link
from survey.backup import BackupError, backup, check_restorable, restore
from survey.config import ConfigError, check_production
from survey.db import get_db, get_store
from survey.demo import DEMO_USERS, load_demo
from survey.export import write_actions, write_responses
from survey.inputs import council_input, partnership_input
from survey.passwords import MIN_LENGTH, hash_password
from survey.register import RegisterError, read_register
from survey.round_cache import round_results
from survey.server import run_gunicorn
from survey.store import today


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


def _instrument():
    return current_app.extensions["instrument"]


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2026-03-31", param_hint=name
        ) from None


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


@main.group()
def rounds():
    """Rounds of the assessment."""


@rounds.command("create")
@click.argument("slug")
@click.option("--title", required=True, callback=plain_text)
@click.option("--opens", help="First day answers are taken (YYYY-MM-DD).")
@click.option("--closes", help="Last day answers are taken (YYYY-MM-DD).")
@with_appcontext
def rounds_create(slug: str, title: str, opens: str | None, closes: str | None):
    """Create a round that uses the current instrument version."""
    store = get_store()
    if store.get_round(slug):
        raise click.ClickException(f"A round called {slug!r} exists already.")
    opens, closes = _date(opens, "--opens"), _date(closes, "--closes")
    if opens and closes and closes < opens:
        raise click.ClickException("--closes is before --opens.")
    instrument = _instrument()
    store.create_round(slug, title, instrument.id, instrument.version, opens, closes)
    echo(f"Round {slug} created (instrument {instrument.id} v{instrument.version}).")


@main.group()
def invites():
    """Invitation links for respondents."""


@invites.command("create")
@click.option("--round", "round_slug", required=True)
@click.option("--council", "gss", required=True, help="GSS code of the council.")
@click.option("--count", type=click.IntRange(1, 5000), required=True)
@with_appcontext
def invites_create(round_slug: str, gss: str, count: int):
    """Create invitations and print one full link per line (shown only this once)."""
    _round_or_fail(round_slug)
    _council_or_fail(gss)
    base = current_app.config["BASE_URL"].rstrip("/")
    for token in get_store().create_invitations(round_slug, gss, count):
        echo(f"{base}/i/{token}")


@main.group()
def users():
    """Staff accounts: admins, national analysts, council leads and facilitators."""


def _user_or_fail(email: str) -> dict:
    user = get_store().get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}.")
    return user


def _print_account_link(user_id: int, purpose: str) -> None:
    # Links are built as in a request to BASE_URL, so they match what the pages show.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        echo(account_link(user_id, purpose))


@users.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
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
    user = _user_or_fail(email)
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
    user = _user_or_fail(email)
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
    user = _user_or_fail(email)
    store.audit("command line", "password-reset-link", user["email"])
    _print_account_link(user["id"], "reset" if user["password_hash"] else "activate")


@main.command()
@click.option("--limit", type=click.IntRange(1, 100000), default=50, show_default=True)
@click.option("--event", help="Only this kind of event, such as sign-in-failed.")
@with_appcontext
def audit(limit: int, event: str | None):
    """The latest security events, newest first (times in UTC)."""
    for row in get_store().audit_events(limit, event):
        fields = (row["at"], row["actor"], row["event"], row["object"], row["detail"])
        echo("  ".join(shown(f) for f in fields).rstrip())


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
@click.option("--seed", type=int, default=2026, show_default=True)
@with_appcontext
def demo(council_count: int, respondents: int, seed: int):
    """Load fictional councils and responses, and one demo account per role (idempotent).

    The demo accounts share one password, written to instance/demo-password.txt."""
    store = get_store()
    summary = load_demo(store, _instrument(), council_count, respondents, seed)
    password_file = Path(current_app.instance_path) / "demo-password.txt"
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
@click.option("--round", "round_slug", required=True)
@click.option("--council", "gss", help="Only this council (GSS code).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True
)
@with_appcontext
def scores(round_slug: str, gss: str | None, fmt: str):
    """Council scores for a round, with the confidentiality threshold applied."""
    store = get_store()
    round_row = store.get_round(round_slug)
    if round_row is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    instrument = _instrument()
    minimum = current_app.config["MIN_RESPONDENTS"]
    councils_in_round = [c for c in store.participation(round_slug) if not gss or c["gss"] == gss]
    if gss and not councils_in_round:
        raise click.ClickException(
            f"Council {gss!r} has no invitations or responses in this round."
        )
    results = []
    for council in councils_in_round:
        score = score_council(
            instrument, store.submitted_answers(round_slug, council["gss"]), minimum
        )
        results.append((council, score))
    if fmt == "json":
        echo(
            json.dumps(
                {
                    "round": round_slug,
                    "instrument_version": round_row["instrument_version"],
                    "councils": [_score_json(c, s) for c, s in results],
                },
                indent=2,
            )
        )
        return
    header = f"{'GSS':<10} {'Council':<24} {'n':>4} {'Index':>6} Level"
    echo(header)
    for council, score in results:
        if score.suppressed:
            tail = f"{'':>6} fewer than {minimum} responses"
        elif score.collaboration_index is None:
            tail = f"{'':>6} not available"
        else:
            tail = f"{score.collaboration_index:6.1f} {score.level} {score.level_name}"
        echo(f"{council['gss']:<10} {shown(council['name'])[:24]:<24} {score.n:>4} {tail}")


def _score_json(council: dict, score) -> dict:
    return {"gss": council["gss"], "name": council["name"], "n": score.n, **score_json(score)}


def _round_or_fail(round_slug: str) -> dict:
    round_row = get_store().get_round(round_slug)
    if round_row is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    return round_row


@main.command()
@click.option("--round", "round_slug", required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@click.option("--bootstrap", type=click.IntRange(100, 100000), default=BOOTSTRAP, show_default=True)
@with_appcontext
def league(round_slug: str, fmt: str, seed: int, bootstrap: int):
    """The league table with bootstrap rank intervals (councils below the threshold are
    listed without figures)."""
    _round_or_fail(round_slug)
    results = round_results(
        get_store(),
        _instrument(),
        round_slug,
        current_app.config["MIN_RESPONDENTS"],
        seed,
        bootstrap,
    )
    document = league_document(results, round_slug)
    if fmt == "json":
        echo(json.dumps(document, indent=2))
    else:
        write_league_csv(sys.stdout, results, document["councils"])


@main.group()
def tokens():
    """API tokens: each acts as its user, with that user's role."""


@tokens.command("create")
@click.option("--email", required=True)
@click.option(
    "--label", default="", callback=plain_text, help="What the token is for, to tell tokens apart."
)
@with_appcontext
def tokens_create(email: str, label: str):
    """Create an API token and print it (shown only this once)."""
    store = get_store()
    user = _user_or_fail(email)
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
@click.argument("token_id", type=int)
@with_appcontext
def tokens_revoke(token_id: int):
    """Revoke a token by its id (from ``collab tokens list``); it stops working at once."""
    store = get_store()
    if not store.revoke_api_token(token_id):
        raise click.ClickException(f"No active token with id {token_id}.")
    store.audit("command line", "api-token-revoked", str(token_id))
    echo(f"Token {token_id} revoked.")


@main.group()
def actions():
    """Action plans councils agreed in their workshops."""


@actions.command("export")
@click.option("--council", "gss", required=True, help="GSS code of the council.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file to write."
)
@with_appcontext
def actions_export(gss: str, output: Path | None):
    """The council's actions as CSV (standard output unless -o is given)."""
    council = _council_or_fail(gss)
    store = get_store()
    buffer = io.StringIO()
    count = write_actions(buffer, store.actions(gss), _instrument(), today())
    store.audit("command line", "export-actions", gss)
    if output is None:
        echo(buffer.getvalue(), nl=False)
        return
    _write(output, buffer.getvalue().encode("utf-8"))
    echo(f"{count} actions for {council['name']}.", err=True)


@main.group()
def report():
    """One PDF: a council's benchmark report or workshop pack, or the national summary."""


def _council_or_fail(gss: str) -> dict:
    council = get_store().get_council(gss)
    if council is None:
        raise click.ClickException(
            f"No council with GSS code {gss!r}. Import councils first, if it is missing."
        )
    return council


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(content)
    temporary.replace(path)  # never leave half a PDF under the real name
    echo(f"Wrote {path} ({len(content) // 1024} KB).")


PEERS_OPTION = click.option(
    "--peers",
    type=click.Choice(sorted(PEER_GROUPS)),
    default="type",
    show_default=True,
    help="Peer group to compare with.",
)


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the document: English (en) or Welsh (cy).",
)


@report.command("council")
@click.argument("gss")
@click.option("--round", "round_slug", required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def report_council(gss: str, round_slug: str, output: Path, peers: str, lang: str):
    """The council benchmark report (A4 PDF)."""
    data = _council_input(round_slug, gss, peers, lang)
    try:
        content = council_report(data)
    except NoReport as exc:
        raise click.ClickException(shown(f"No report: {exc}")) from None
    get_store().audit("command line", "report-made", f"council {round_slug}/{gss}")
    _write(output, content)


@report.command("workshop")
@click.argument("gss")
@click.option("--round", "round_slug", required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--large-print", is_flag=True, help="14 point text instead of 10.")
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def report_workshop(
    gss: str, round_slug: str, output: Path, large_print: bool, peers: str, lang: str
):
    """The facilitator's workshop pack (A4 PDF)."""
    data = _council_input(round_slug, gss, peers, lang, partnerships=True)
    try:
        content = workshop_pack(data, large_print=large_print)
    except NoReport as exc:
        raise click.ClickException(shown(f"No workshop pack: {exc}")) from None
    get_store().audit("command line", "report-made", f"workshop {round_slug}/{gss}")
    _write(output, content)


@report.command("national")
@click.option("--round", "round_slug", required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def report_national(round_slug: str, output: Path):
    """The national summary (A4 PDF)."""
    round_row = _round_or_fail(round_slug)
    results = round_results(
        get_store(), _instrument(), round_slug, current_app.config["MIN_RESPONDENTS"]
    )
    get_store().audit("command line", "report-made", f"national {round_slug}")
    _write(output, national_summary(results, round_row))


@report.command("partnership")
@click.argument("partnership_id", type=int)
@click.option("--round", "round_slug", required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@LANG_OPTION
@with_appcontext
def report_partnership(partnership_id: int, round_slug: str, output: Path, lang: str):
    """How the members see a partnership (A4 PDF): the perception gap per factor."""
    round_row = _round_or_fail(round_slug)
    store = get_store()
    partnership = store.get_partnership(partnership_id)
    if partnership is None:
        raise click.ClickException(f"No partnership with id {partnership_id}.")
    data = partnership_input(
        store,
        current_app.extensions["instruments"],
        current_app.extensions["partnership_modules"],
        partnership,
        round_row,
        current_app.config["MIN_RESPONDENTS"],
        lang,
    )
    try:
        content = partnership_report(data)
    except NoReport as exc:
        raise click.ClickException(shown(f"No report: {exc}")) from None
    store.audit("command line", "report-made", f"partnership {partnership_id}/{round_slug}")
    _write(output, content)


def _council_input(
    round_slug: str, gss: str, peers: str, lang: str = "en", partnerships: bool = False
):
    """``partnerships`` for the workshop pack only: the report has no partnership pages,
    so it does not pay for their bootstrap intervals."""
    round_row = _round_or_fail(round_slug)
    council = _council_or_fail(gss)
    return council_input(
        get_store(),
        _instrument(),
        round_row,
        council,
        current_app.config["MIN_RESPONDENTS"],
        peers,
        lang,
        current_app.extensions["instruments"][lang],
        current_app.extensions["partnership_modules"] if partnerships else None,
        public_min=current_app.config["PUBLIC_MIN_RESPONDENTS"],
        with_plan=True,  # the command line is an administrator's
    )


@main.group()
def reports():
    """Many PDFs at once."""


@reports.command("build")
@click.option("--round", "round_slug", required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True)
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def reports_build(round_slug: str, out_dir: Path, workers: int, peers: str, lang: str):
    """A benchmark report for every council in the round with enough responses.

    Councils below the threshold get no report and are listed with the reason. Exits
    with status 1 if any report failed.
    """
    round_row = _round_or_fail(round_slug)
    store = get_store()
    minimum = current_app.config["MIN_RESPONDENTS"]
    results = round_results(store, _instrument(), round_slug, minimum)
    eligible = [row for row in results.league() if row.passes]
    skipped = [row for row in results.league() if not row.passes]
    inputs = [
        council_input(
            store,
            _instrument(),
            round_row,
            row.council,
            minimum,
            peers,
            lang,
            current_app.extensions["instruments"][lang],
            public_min=current_app.config["PUBLIC_MIN_RESPONDENTS"],
            with_plan=True,
        )
        for row in eligible
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    echo(
        f"{len(eligible)} councils have enough responses; {len(skipped)} have fewer than "
        f"{minimum} and get no report."
    )
    failures = []
    with click.progressbar(
        build_reports(inputs, out_dir, workers), length=len(inputs), label="Reports"
    ) as done:
        for gss, error in done:
            if error:
                failures.append((gss, error))
    store.audit("command line", "reports-built", round_slug, f"{len(inputs) - len(failures)} made")
    echo(f"{len(inputs) - len(failures)} reports written to {out_dir}.")
    for row in skipped:
        echo(
            f"  no report: {row.council['name']} ({row.gss}), fewer than {minimum} "
            "responses covering all five factors"
        )
    if failures:
        for gss, error in failures:
            echo(f"  FAILED: {gss}: {error}", err=True)
        raise click.ClickException(f"{len(failures)} of {len(inputs)} reports failed.")


@main.group()
def export():
    """Exports."""


@export.command("responses")
@click.option("--round", "round_slug", required=True)
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@with_appcontext
def export_responses(round_slug: str, fmt: str):
    """Every submitted answer in a round as CSV on standard output (no free text)."""
    store = get_store()
    if store.get_round(round_slug) is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    store.audit("command line", "export-responses", round_slug)
    write_responses(sys.stdout, store.export_rows(round_slug), _instrument())


@export.command("open-data")
@click.option("--round", "round_slug", required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_open_data(round_slug: str, out_dir: Path):
    """Council-level scores for open publication: councils with at least
    PUBLIC_MIN_RESPONDENTS only, no free text, with a README."""
    round_row = _round_or_fail(round_slug)
    store = get_store()
    minimum = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    results = round_results(store, _instrument(), round_slug, minimum)
    records = [league_record(results, row) for row in results.league() if row.passes]
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "council-scores.csv").open("w", encoding="utf-8", newline="") as out:
        write_league_csv(out, results, records)
    (out_dir / "README.md").write_text(
        OPEN_DATA_README.format(
            round_title=round_row["title"],
            round_slug=round_slug,
            instrument_version=round_row["instrument_version"],
            made=dt.date.today().isoformat(),
            councils=len(records),
            minimum=minimum,
            bootstrap=results.bootstrap,
            seed=results.seed,
        ),
        encoding="utf-8",
    )
    store.audit("command line", "export-open-data", round_slug, f"{len(records)} councils")
    echo(f"{len(records)} councils written to {out_dir / 'council-scores.csv'}.")


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
            f"  {row['slug']}: {row['drafts']} unsubmitted drafts, "
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


@main.command(with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True)
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
