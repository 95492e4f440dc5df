""" "You said, we are doing": a page for a council's own staff, at a random link that
the council's lead publishes and can unpublish. It shows the council's headline results
under the public threshold and the actions the council agreed, with their status, both
read live from the database, in English or Welsh. It takes no comments, names no one who
answered, and asks search engines not to index it."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from reports.text import round_title_in
from reports.view_models import council_results
from scoring.council import score_council
from survey import i18n, instruments
from survey.access import can_publish_share
from survey.db import get_store
from survey.guards import audit, council_round, current_user, login_required
from survey.inputs import action_plan
from survey.staff_forms import ConfirmForm

bp = Blueprint("share", __name__)

# Longer than any token this service makes (32 characters); longer ones are not looked up.
MAX_TOKEN_LENGTH = 64


@bp.after_request
def not_indexed(response):
    """The page, its "no longer published" page and its errors stay out of search engines."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/shared/<token>")
def page(token: str):
    store = get_store()
    share = store.find_share(token) if len(token) <= MAX_TOKEN_LENGTH else None
    if share is None:
        abort(404)
    i18n.default_for_council(share["council_gss"])
    lang = i18n.language()
    if share["withdrawn_at"]:
        return render_template(
            "share/withdrawn.html", title=_("This page is no longer published")
        ), 410
    round_row = store.get_round(share["round_slug"])
    council = store.get_council(share["council_gss"])
    minimum = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    instrument = instruments.for_round(round_row)
    # The same scoring and rows as the council's results page, at the public threshold.
    answers = store.submitted_answers(round_row["slug"], council["gss"])
    score = score_council(instrument, answers, minimum)
    return render_template(
        "share/page.html",
        title=_("You said, we are doing: %(council)s, %(round)s")
        % {"council": council["name"], "round": round_title_in(round_row, lang)[0]},
        round=round_row,
        council=council,
        score=score,
        factor_rows=council_results(instrument, score, council["name"]).factors,
        texts=instruments.for_round(round_row, lang),
        plan=action_plan(store, instruments.instruments(), round_row, council["gss"], minimum),
    )


def _council_round(round_slug: str, gss: str):
    return council_round(round_slug, gss, can_publish_share, f"share {round_slug}/{gss}")


def _back(round_slug: str, gss: str):
    return redirect(url_for("workspace.council", round_slug=round_slug, gss=gss) + "#share")


@bp.post("/workspace/<round_slug>/<gss>/share")
@login_required
def publish(round_slug: str, gss: str):
    """Publish the page; when it is published already, the same link stays."""
    _council_round(round_slug, gss)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    store = get_store()
    if store.live_share(round_slug, gss) is None:
        store.publish_share(round_slug, gss, current_user()["email"])
        audit("share-published", f"{round_slug}/{gss}")
    return _back(round_slug, gss)


@bp.post("/workspace/<round_slug>/<gss>/share/unpublish")
@login_required
def unpublish(round_slug: str, gss: str):
    """Take the page down: its link then says it is no longer published (410). Publishing
    again makes a new link, so a link that went too far stays dead."""
    _council_round(round_slug, gss)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if get_store().unpublish_share(round_slug, gss):
        audit("share-unpublished", f"{round_slug}/{gss}")
    return _back(round_slug, gss)
