"""Recording how many people a council invited or counts as eligible in a round (the
response rate's denominator): the council's lead, or an administrator."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

from survey.access import can_manage_participation
from survey.db import get_store
from survey.guards import audit, council_round, current_user, login_required
from survey.inputs import council_coverage
from survey.staff_forms import EligibleForm

bp = Blueprint("coverage", __name__, url_prefix="/workspace")


def _council_round(round_slug: str, gss: str):
    return council_round(round_slug, gss, can_manage_participation, f"eligible {round_slug}/{gss}")


@bp.get("/<round_slug>/<gss>/eligible")
@login_required
def eligible(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    form = EligibleForm(formdata=None)
    saved = get_store().eligible(round_slug, gss)
    if saved:
        form.eligible.data = str(saved["eligible"])
        form.note.data = saved["note"]
    return _page(round_row, council_row, form)


@bp.post("/<round_slug>/<gss>/eligible")
@login_required
def save_eligible(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    form = EligibleForm()
    if not form.validate_on_submit():
        return _page(round_row, council_row, form)
    get_store().set_eligible(
        round_slug, gss, form.number, form.note.data.strip(), current_user()["email"]
    )
    audit("eligible-count-set", f"{round_slug}/{gss}", str(form.number))
    return redirect(url_for("workspace.council", round_slug=round_slug, gss=gss))


def _page(round_row, council_row, form):
    store = get_store()
    round_slug, gss = round_row["slug"], council_row["gss"]
    return render_template(
        "workspace/eligible.html",
        title="How many people were invited or are eligible",
        form=form,
        round=round_row,
        council=council_row,
        coverage=council_coverage(
            store, round_slug, gss, current_app.config["PUBLIC_MIN_RESPONDENTS"]
        ),
    ), (400 if form.errors else 200)
