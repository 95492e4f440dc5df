"""Council results pages (signed-in staff only)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from reports.charts import radar, radar_alt_text
from scoring.council import maturity_level, score_council
from survey.db import get_store
from survey.views.auth import login_required

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.get("/")
@login_required
def index():
    store = get_store()
    rounds = [(r, store.participation(r["slug"])) for r in store.list_rounds()]
    return render_template(
        "results/index.html",
        title="Results",
        rounds=rounds,
        min_respondents=current_app.config["MIN_RESPONDENTS"],
    )


@bp.get("/<round_slug>/<gss>")
@login_required
def council(round_slug: str, gss: str):
    store = get_store()
    round_row = store.get_round(round_slug)
    council_row = store.get_council(gss)
    if round_row is None or council_row is None:
        abort(404)
    instrument = current_app.extensions["instrument"]
    score = score_council(
        instrument,
        store.submitted_answers(round_slug, gss),
        current_app.config["MIN_RESPONDENTS"],
    )
    factor_rows = []
    for factor in instrument.factors:
        fs = score.factors.get(factor.id)
        level = maturity_level(fs.index, instrument) if fs else None
        factor_rows.append((factor, fs, level))
    chart = None
    if score.factors:
        chart = radar(instrument, score, council_row["name"]).to_html(
            full_html=False,
            include_plotlyjs=False,
            config={"staticPlot": True, "responsive": True},  # no focusable controls
            div_id="radar-chart",
        )
    return render_template(
        "results/council.html",
        title=f"{council_row['name']}: results",
        council=council_row,
        round=round_row,
        score=score,
        factor_rows=factor_rows,
        instrument=instrument,
        chart=chart,
        chart_alt=radar_alt_text(instrument, score, council_row["name"]) if chart else None,
    )
