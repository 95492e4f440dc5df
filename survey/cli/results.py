"""Scores and data out: ``collab scores``, ``collab league``, ``collab export`` and
``collab actions export``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from reports.league import (
    OPEN_DATA_README,
    league_document,
    league_record,
    round_figures,
    score_json,
    write_league_csv,
)
from scoring.council import score_council
from scoring.league import DEFAULT_SEED, DRAWS
from survey.cli.base import (
    ROUND_OPTION,
    council_or_fail,
    echo,
    main,
    round_or_fail,
    shown,
    versions,
    write_file,
)
from survey.db import get_store
from survey.export import (
    module_answer,
    write_actions,
    write_module_responses,
    write_responses,
)
from survey.inputs import round_coverage
from survey.round_cache import round_results
from survey.store import today


@main.command()
@ROUND_OPTION
@click.option("--council", "gss", help="Only this council (GSS code).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "table"]),
    default="table",
    show_default=True,
    help="json (full precision) or a table to read.",
)
@with_appcontext
def scores(round_slug: str, gss: str | None, fmt: str):
    """Council scores for a round, with the confidentiality threshold applied."""
    store = get_store()
    round_row = store.get_round(round_slug)
    if round_row is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    instrument = versions().for_round(round_row)
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


@main.command()
@ROUND_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json (full precision) or csv.",
)
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed for the rank intervals (printed with the table).",
)
@click.option(
    "--draws",
    type=click.IntRange(100, 100000),
    default=DRAWS,
    show_default=True,
    help="Draws from each council's posterior for the rank intervals.",
)
@with_appcontext
def league(round_slug: str, fmt: str, seed: int, draws: int):
    """The league table with 95% rank intervals (empirical Bayes) and funnel positions;
    councils below the threshold are listed without figures."""
    round_or_fail(round_slug)
    results = round_results(
        get_store(),
        versions(),
        round_slug,
        current_app.config["MIN_RESPONDENTS"],
        seed,
        draws,
    )
    public_min = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    coverage = round_coverage(get_store(), round_slug, public_min)
    document = league_document(results, round_slug, coverage)
    if fmt == "json":
        echo(json.dumps(document, indent=2))
    else:
        write_league_csv(sys.stdout, results, document["councils"])


@main.group()
def export():
    """Exports."""


@export.command("responses")
@ROUND_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--profile",
    metavar="QUESTION",
    help="Add this one profile question's answers (such as profile_contact); groups under "
    "the threshold in a council become other_or_not_said.",
)
@click.option(
    "--partnership-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the partnership module's answers to this CSV file (same rules; "
    "response ids join with the main export's).",
)
@with_appcontext
def export_responses(round_slug: str, fmt: str, profile: str | None, partnership_file: Path | None):
    """Every submitted answer in a round as CSV on standard output (no free text; at
    most one profile question); the partnership module's answers to their own file."""
    store = get_store()
    round_row = store.get_round(round_slug)
    if round_row is None:
        raise click.ClickException(f"No round called {round_slug!r}.")
    instrument = versions().for_round(round_row)
    asked = [p.id for p in instrument.profile]
    if profile is not None and profile not in asked:
        raise click.ClickException(
            f"--profile: this round's questionnaire asks {', '.join(asked)}."
        )
    store.audit("command line", "export-responses", f"{round_slug} {profile or ''}".strip())
    key = current_app.config["SECRET_KEY"].encode()
    rows = list(store.export_rows(round_slug))
    write_responses(
        sys.stdout,
        rows,
        instrument,
        profile=profile,
        min_respondents=current_app.config["MIN_RESPONDENTS"],
        key=key,
    )
    module = current_app.extensions["partnership_modules"].for_round(round_row)
    if partnership_file is None:
        if any(module_answer(row["item_id"]) for row in rows):
            echo(
                "This round has partnership module answers: add --partnership-file FILE.csv "
                "to export them too.",
                err=True,
            )
        return
    names = {p["id"]: p["name"] for p in store.list_partnerships()}
    out = io.StringIO()
    count = write_module_responses(out, rows, module, names, profile=profile, key=key)
    partnership_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = partnership_file.with_name(partnership_file.name + ".part")
    temporary.write_text(out.getvalue(), encoding="utf-8")
    temporary.replace(partnership_file)
    echo(f"{count} partnership module answers written to {partnership_file}.", err=True)


@export.command("open-data")
@ROUND_OPTION
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (made if missing).",
)
@with_appcontext
def export_open_data(round_slug: str, out_dir: Path):
    """Council-level scores for open publication: councils with at least
    PUBLIC_MIN_RESPONDENTS only, no free text, with a README."""
    round_row = round_or_fail(round_slug)
    store = get_store()
    minimum = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    results = round_results(store, versions(), round_slug, minimum)
    coverage = round_coverage(store, round_slug, minimum)
    records = [league_record(results, row, coverage) for row in results.league() if row.passes]
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "council-scores.csv").open("w", encoding="utf-8", newline="") as out:
        write_league_csv(out, results, records)
    (out_dir / "README.md").write_text(
        OPEN_DATA_README.format(
            round_title=shown(round_row["title"]),
            round_slug=round_slug,
            instrument_version=round_row["instrument_version"],
            made=dt.date.today().isoformat(),
            councils=len(records),
            minimum=minimum,
            draws=results.draws,
            seed=results.seed,
            round_figures=round_figures(results),
        ),
        encoding="utf-8",
    )
    store.audit("command line", "export-open-data", round_slug, f"{len(records)} councils")
    echo(f"{len(records)} councils written to {out_dir / 'council-scores.csv'}.")


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
    council = council_or_fail(gss)
    store = get_store()
    buffer = io.StringIO()
    count = write_actions(buffer, store.actions(gss), versions().latest(), today())
    store.audit("command line", "export-actions", gss)
    if output is None:
        echo(buffer.getvalue(), nl=False)
        return
    write_file(output, buffer.getvalue().encode("utf-8"))
    echo(f"{count} actions for {shown(council['name'])}.", err=True)
