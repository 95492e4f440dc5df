"""``collab paper``: print a round's questionnaire on paper, one copy per response code."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from reports.paper import NoPaper, PaperInput, paper_questionnaire
from survey import instruments
from survey.cli.base import (
    LANG_OPTION,
    OUTPUT_OPTION,
    ROUND_OPTION,
    council_or_fail,
    echo,
    main,
    round_or_fail,
    shown,
    write_file,
)
from survey.db import get_store

MAX_COPIES = 500


@main.command("paper")
@ROUND_OPTION
@click.option("--council", "gss", required=True, help="The council's GSS code.")
@click.option(
    "--count",
    type=click.IntRange(1, MAX_COPIES),
    default=1,
    show_default=True,
    help=f"How many copies, each with its own one-use response code (at most {MAX_COPIES}).",
)
@LANG_OPTION
@click.option(
    "--large-print",
    is_flag=True,
    help="Large print (RNIB clear print: 16 point text, bigger tick boxes).",
)
@OUTPUT_OPTION
@with_appcontext
def paper(round_slug: str, gss: str, count: int, lang: str, large_print: bool, output: Path):
    """A printable questionnaire (A4 PDF) for a council's people who would rather answer
    on paper. Each copy carries a one-use response code; a lead or facilitator types a
    copy's answers into the paper responses page of the council's workspace."""
    round_row = round_or_fail(round_slug)
    council = council_or_fail(gss)
    store = get_store()
    if round_row["state"] != "open" or store.council_round_closed(round_slug, gss):
        raise click.ClickException(
            f"{shown(round_row['title'])} is closed for {shown(council['name'])}: answers "
            "on paper could no longer be entered."
        )
    partnerships = store.module_partnerships(round_slug, gss)
    sections = instruments.council_sections(round_row, partnerships, lang)
    codes = store.create_paper_codes(round_slug, gss, count, lang)
    try:
        content = paper_questionnaire(
            PaperInput(
                council=council,
                round=round_row,
                instrument=instruments.for_round(round_row, lang),
                sections=sections,
                codes=codes,
                min_respondents=current_app.config["MIN_RESPONDENTS"],
                lang=lang,
                large_print=large_print,
            )
        )
    except NoPaper as exc:
        raise click.ClickException(shown(f"No questionnaire: {exc}")) from None
    store.audit("command line", "paper-printed", f"{round_slug}/{gss}", f"{count} copies")
    write_file(output, content)
    echo(_module_note(store, round_slug, council, partnerships))
    echo(
        (
            "1 copy, with its own response code. "
            if count == 1
            else f"{count} copies, each with its own response code. "
        )
        + "Enter a returned copy's answers in the workspace: "
        f"/workspace/{round_slug}/{gss}/paper"
    )


def _module_note(store, round_slug: str, council: dict, partnerships: list[dict]) -> str:
    """Whether the copies carry the partnership module, and if not, why not."""
    name = shown(council["name"])
    if partnerships:
        names = ", ".join(shown(p["name"]) for p in partnerships)
        return f"With the partnership module for: {names}."
    mine = store.list_partnerships([council["gss"]])
    if not mine:
        return f"No partnership module: {name} is not a member of any partnership."
    reasons = []
    for p in mine:
        member = next(m for m in p["members"] if m["gss"] == council["gss"])
        if round_slug not in p["rounds"]:
            reasons.append(f"{shown(p['name'])} has not switched the module on for this round")
        elif member["confirmed_at"] is None:
            reasons.append(f"{name} has not confirmed its membership of {shown(p['name'])}")
    return "No partnership module: " + "; ".join(reasons) + "."
