"""Council results pages, for each role as far as it may see."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from reports.charts import figure_json
from reports.view_models import council_results
from scoring.council import score_council
from survey import instruments
from survey.access import (
    can_print_workshop_pack,
    can_view_action_plan,
    can_view_comments,
    can_view_progress,
    can_view_results,
    sees_every_council,
)
from survey.db import get_store
from survey.guards import council_round, current_user, login_required
from survey.inputs import action_plan, council_coverage

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.get("/")
@login_required
def index():
    store = get_store()
    user = current_user()
    minimum = current_app.config["MIN_RESPONDENTS"]
    rounds = []
    for round_row in store.list_rounds():
        councils = [
            {**c, "show_progress": can_view_progress(user, c["gss"], c["submitted"], minimum)}
            for c in store.participation(round_row["slug"])
            if can_view_results(user, c["gss"])
        ]
        rounds.append((round_row, councils))
    return render_template(
        "results/index.html",
        title="Results",
        rounds=rounds,
        min_respondents=minimum,
        national=sees_every_council(user),
    )


@bp.get("/<round_slug>/<gss>")
@login_required
def council(round_slug: str, gss: str):
    store = get_store()
    round_row, council_row = council_round(
        round_slug, gss, can_view_results, f"results {round_slug}/{gss}"
    )
    user = current_user()
    instrument = instruments.for_round(round_row)
    minimum = current_app.config["MIN_RESPONDENTS"]
    answers = store.submitted_answers(round_slug, gss)
    score = score_council(instrument, answers, minimum)
    view = council_results(instrument, score, council_row["name"], answers)
    chart = view.chart()
    comments = None
    if not score.suppressed and can_view_comments(user, gss):
        comments = store.submitted_comments(round_slug, gss, [c.id for c in instrument.comments])
    show_count = can_view_progress(user, gss, score.n, minimum)
    coverage = None
    if show_count and not score.suppressed:
        public_min = current_app.config["PUBLIC_MIN_RESPONDENTS"]
        coverage = council_coverage(store, round_slug, gss, public_min)
    plan = None
    if can_view_action_plan(user, gss):
        plan = action_plan(store, instruments.instruments(), round_row, gss, minimum)
    return render_template(
        "results/council.html",
        title=f"{council_row['name']}: results",
        council=council_row,
        round=round_row,
        score=score,
        show_count=show_count,
        coverage=coverage,
        factor_rows=view.factors,
        contact=view.contact,
        instrument=instrument,
        chart=figure_json(chart.figure) if chart else None,
        chart_alt=chart.alt if chart else None,
        comments=comments,
        can_print_workshop=can_print_workshop_pack(user, gss),
        plan=plan,
    )
