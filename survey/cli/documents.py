"""PDF documents: ``collab report`` (council, workshop, national, partnership) and
``collab reports build``."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from reports.batch import Built, Estimate, build_reports
from reports.documents import NoReport, council_report
from reports.national_story import national_summary
from reports.partnership_document import partnership_report
from reports.workshop import workshop_pack
from survey.cli.base import (
    LANG_OPTION,
    OUTPUT_OPTION,
    PEERS_OPTION,
    ROUND_OPTION,
    ROW_ID,
    council_or_fail,
    echo,
    main,
    round_or_fail,
    shown,
    versions,
    write_file,
)
from survey.db import get_store
from survey.inputs import app_council_input, app_partnership_input
from survey.round_cache import round_results


@main.group()
def report():
    """One PDF: a council's benchmark report or workshop pack, or the national summary."""


@report.command("council")
@click.argument("gss")
@ROUND_OPTION
@OUTPUT_OPTION
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def report_council(gss: str, round_slug: str, output: Path, peers: str | None, lang: str):
    """The council benchmark report (A4 PDF)."""
    data = _council_input(round_slug, gss, peers, lang)
    try:
        content = council_report(data)
    except NoReport as exc:
        raise click.ClickException(shown(f"No report: {exc}")) from None
    get_store().audit("command line", "report-made", f"council {round_slug}/{gss}")
    write_file(output, content)


@report.command("workshop")
@click.argument("gss")
@ROUND_OPTION
@OUTPUT_OPTION
@click.option(
    "--large-print",
    is_flag=True,
    help="16 point text and 14 point chart text, with more room to write.",
)
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def report_workshop(
    gss: str, round_slug: str, output: Path, large_print: bool, peers: str | None, lang: str
):
    """The facilitator's kit for a two-hour workshop (A4 PDF)."""
    data = _council_input(round_slug, gss, peers, lang, partnerships=True)
    try:
        content = workshop_pack(data, large_print=large_print)
    except NoReport as exc:
        raise click.ClickException(shown(f"No workshop pack: {exc}")) from None
    get_store().audit("command line", "report-made", f"workshop {round_slug}/{gss}")
    write_file(output, content)


@report.command("national")
@ROUND_OPTION
@OUTPUT_OPTION
@with_appcontext
def report_national(round_slug: str, output: Path):
    """The national summary (A4 PDF)."""
    round_row = round_or_fail(round_slug)
    results = round_results(
        get_store(), versions(), round_slug, current_app.config["MIN_RESPONDENTS"]
    )
    get_store().audit("command line", "report-made", f"national {round_slug}")
    write_file(output, national_summary(results, round_row))


@report.command("partnership")
@click.argument("partnership_id", type=ROW_ID)
@ROUND_OPTION
@OUTPUT_OPTION
@LANG_OPTION
@with_appcontext
def report_partnership(partnership_id: int, round_slug: str, output: Path, lang: str):
    """How the members see a partnership (A4 PDF): the perception gap per factor."""
    round_row = round_or_fail(round_slug)
    store = get_store()
    partnership = store.get_partnership(partnership_id)
    if partnership is None:
        raise click.ClickException(f"No partnership with id {partnership_id}.")
    data = app_partnership_input(store, partnership, round_row, lang)
    try:
        content = partnership_report(data)
    except NoReport as exc:
        raise click.ClickException(shown(f"No report: {exc}")) from None
    store.audit("command line", "report-made", f"partnership {partnership_id}/{round_slug}")
    write_file(output, content)


def _council_input(
    round_slug: str, gss: str, peers: str | None, lang: str = "en", partnerships: bool = False
):
    """``partnerships`` for the workshop pack only: the report has no partnership pages,
    so it does not pay for their bootstrap intervals."""
    round_row = round_or_fail(round_slug)
    council = council_or_fail(gss)
    # The command line is an administrator's: the action plan is in.
    return app_council_input(
        get_store(), round_row, council, peers, lang, partnerships=partnerships, with_plan=True
    )


@main.group()
def reports():
    """Many PDFs at once."""


@reports.command("build")
@ROUND_OPTION
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (made if missing).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Processes making reports at once (each runs its own Chromium).",
)
@PEERS_OPTION
@LANG_OPTION
@with_appcontext
def reports_build(round_slug: str, out_dir: Path, workers: int, peers: str | None, lang: str):
    """A benchmark report for every council in the round with enough responses.

    Councils below the threshold get no report and are listed with the reason. Exits
    with status 1 if any report failed.
    """
    round_row = round_or_fail(round_slug)
    store = get_store()
    minimum = current_app.config["MIN_RESPONDENTS"]
    results = round_results(store, versions(), round_slug, minimum)
    eligible = [row for row in results.league() if row.passes]
    skipped = [row for row in results.league() if not row.passes]
    inputs = [
        app_council_input(
            store, round_row, row.council, peers, lang, partnerships=False, with_plan=True
        )
        for row in eligible
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    echo(
        f"{len(eligible)} councils have enough responses; {len(skipped)} have fewer than "
        f"{minimum} and get no report."
    )
    failures = []
    started = time.perf_counter()
    for built in _with_progress(build_reports(inputs, out_dir, workers), len(inputs)):
        if built.error:
            failures.append((built.gss, built.error))
    made = len(inputs) - len(failures)
    store.audit("command line", "reports-built", round_slug, f"{made} made")
    seconds = time.perf_counter() - started
    echo(f"{made} reports written to {out_dir} in {seconds:.1f} s.")
    for row in skipped:
        echo(
            f"  no report: {shown(row.council['name'])} ({row.gss}), fewer than {minimum} "
            "responses covering all five factors"
        )
    if failures:
        for gss, error in failures:
            echo(f"  FAILED: {gss}: {shown(error)}", err=True)
        raise click.ClickException(f"{len(failures)} of {len(inputs)} reports failed.")


def _with_progress(built: Iterator[Built], total: int) -> Iterator[Built]:
    """Each report as it is made. On a terminal, one line rewritten in place with the
    time left at the rate measured so far; otherwise (a log, a pipe) one plain line a
    report: council, pages, seconds."""
    terminal = sys.stdout.isatty()
    estimate = Estimate(total)
    for report in built:
        estimate.record()
        if not terminal:
            what = f"FAILED ({shown(report.error)})" if report.error else f"{report.pages} pages"
            echo(f"{report.gss} {shown(report.name)}: {what}, {report.seconds:.1f} s")
        else:
            left = estimate.seconds_left()
            when = "estimating time left" if left is None else f"about {_clock(left)} left"
            click.echo(f"\rReports: {estimate.done} of {total}, {when}   ", nl=False)
        yield report
    if terminal and total:
        click.echo()


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
