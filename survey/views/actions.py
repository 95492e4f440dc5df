"""Action plans: the actions a council agreed after a round's results, per factor, with who
leads, by when, how they will know and how it is going; and the level each factor should
reach. The council's lead and facilitators keep them; the results pages and the report show
them beside the scores."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, redirect, render_template, request, url_for

from scoring.actions import is_overdue
from survey import i18n, instruments
from survey.access import can_record_actions
from survey.db import get_store
from survey.guards import audit, council_round, login_required
from survey.plan_forms import ActionForm, TargetForm
from survey.store import today

bp = Blueprint("actions", __name__, url_prefix="/workspace")


def _council_round(round_slug: str, gss: str):
    return council_round(round_slug, gss, can_record_actions, f"actions {round_slug}/{gss}")


def _forms(posted: str | None = None):
    """The page's two forms; only the one that was sent reads the request."""
    instrument = instruments.latest()
    action = ActionForm(
        instrument.factors,
        prefix="action",
        **({} if posted == "action" else {"formdata": None}),
    )
    target = TargetForm(
        instrument.factors,
        instrument.levels,
        prefix="target",
        **({} if posted == "target" else {"formdata": None}),
    )
    return action, target


def _fields(form: ActionForm) -> dict:
    return {
        "factor": form.factor.data,
        "what": form.what.data.strip(),
        "lead": form.lead.data.strip(),
        "due": form.due.data.isoformat(),
        "measure": form.measure.data.strip(),
        "status": form.status.data,
        # The language the text is written in: as chosen, else the interface's.
        "text_lang": form.text_lang.data or i18n.language(),
    }


def _page(round_row, council, action_form, target_form, status=200):
    store = get_store()
    instrument = instruments.latest()
    on = today()
    actions = [
        {**a, "overdue": is_overdue(a["status"], a["due"], on)}
        for a in store.actions(council["gss"])
    ]
    errors = [
        {"text": message, "href": f"#{field.id}"}
        for form in (action_form, target_form)
        for field in form
        for message in field.errors
    ]
    return render_template(
        "workspace/actions.html",
        title=f"Action plan for {council['name']}",
        round=round_row,
        council=council,
        actions=actions,
        targets=store.targets(council["gss"]),
        instrument=instrument,
        action_form=action_form,
        target_form=target_form,
        error_list=errors,
    ), status


@bp.route("/<round_slug>/<gss>/actions", methods=["GET", "POST"])
@login_required
def plan(round_slug: str, gss: str):
    round_row, council = _council_round(round_slug, gss)
    action_form, target_form = _forms("action" if request.method == "POST" else None)
    if request.method == "GET":
        return _page(round_row, council, action_form, target_form)
    if not action_form.validate_on_submit():
        return _page(round_row, council, action_form, target_form, 400)
    action_id = get_store().add_action(gss, round_slug, _fields(action_form))
    audit("action-added", f"{gss} action {action_id}", action_form.factor.data)
    return redirect(url_for("actions.plan", round_slug=round_slug, gss=gss) + "#actions")


@bp.route("/<round_slug>/<gss>/actions/<int:action_id>", methods=["GET", "POST"])
@login_required
def edit(round_slug: str, gss: str, action_id: int):
    round_row, council = _council_round(round_slug, gss)
    store = get_store()
    action = store.get_action(action_id, gss)
    if action is None:
        abort(404)
    instrument = instruments.latest()
    if request.method == "GET":
        form = ActionForm(
            instrument.factors, data={**action, "due": dt.date.fromisoformat(action["due"])}
        )
    else:
        form = ActionForm(instrument.factors)
        if form.validate_on_submit():
            store.update_action(action_id, gss, _fields(form))
            audit("action-changed", f"{gss} action {action_id}", form.status.data)
            return redirect(url_for("actions.plan", round_slug=round_slug, gss=gss) + "#actions")
    return render_template(
        "workspace/action.html",
        title=f"Change an action for {council['name']}",
        round=round_row,
        council=council,
        action=action,
        form=form,
    ), (400 if form.errors else 200)


@bp.post("/<round_slug>/<gss>/targets")
@login_required
def target(round_slug: str, gss: str):
    round_row, council = _council_round(round_slug, gss)
    action_form, target_form = _forms("target")
    if not target_form.validate_on_submit():
        return _page(round_row, council, action_form, target_form, 400)
    level = None if target_form.level.data == "none" else int(target_form.level.data)
    get_store().set_target(
        gss,
        target_form.target_factor.data,
        level,
        (target_form.by_when.data or "").strip(),
        round_slug,
    )
    audit("target-set", f"{gss} {target_form.target_factor.data}", str(level or "none"))
    return redirect(url_for("actions.plan", round_slug=round_slug, gss=gss) + "#targets")
