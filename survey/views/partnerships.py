"""Partnerships: named groups of councils (a shared service, a county and its districts).
Admins and council leads create them, each member's lead confirms, and a round can switch
on the partnership module so that members' respondents say how they see the partnership.
The partnership view sets the members' answers side by side, with the perception gap."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from reports.documents import NoReport
from reports.partnership_document import partnership_report
from reports.view_models import partnership_view, statement_texts
from scoring.instrument import CORE_FACTORS, LANGUAGES
from survey import instruments
from survey.access import (
    can_confirm_membership,
    can_create_partnership,
    can_switch_module,
    can_view_partnership,
    sees_every_council,
)
from survey.db import get_store
from survey.guards import audit, current_user, deny, login_required
from survey.inputs import app_partnership_input, partnership_results
from survey.plan_forms import PartnershipForm
from survey.round_cache import cached_document
from survey.staff_forms import ConfirmForm

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")


def _partnership(partnership_id: int) -> dict:
    partnership = get_store().get_partnership(partnership_id)
    if partnership is None:
        abort(404)
    if not can_view_partnership(current_user(), [m["gss"] for m in partnership["members"]]):
        deny(f"partnership {partnership_id}")
    return partnership


def _index(form: PartnershipForm, status: int = 200):
    store = get_store()
    user = current_user()
    partnerships = store.list_partnerships(None if sees_every_council(user) else user["councils"])
    return render_template(
        "partnerships/index.html",
        title="Partnerships",
        partnerships=partnerships,
        form=form if can_create_partnership(user) else None,
    ), status


@bp.get("/")
@login_required
def index():
    return _index(PartnershipForm(formdata=None))


@bp.post("/")
@login_required
def create():
    user = current_user()
    if not can_create_partnership(user):
        deny("create partnership")
    form = PartnershipForm()
    if not form.validate_on_submit():
        return _index(form, 400)
    store = get_store()
    codes = form.codes()
    unknown = [gss for gss in codes if store.get_council(gss) is None]
    if unknown:
        form.councils.errors.append(f"No council has the code {', '.join(unknown)}")
        return _index(form, 400)
    own = [gss for gss in codes if gss in user["councils"]]
    if user["role"] == "lead" and not own:
        form.councils.errors.append("Include your own council in the partnership")
        return _index(form, 400)
    partnership_id = store.create_partnership(
        form.name.data.strip(), codes, user["email"], confirmed=own
    )
    audit("partnership-created", f"partnership {partnership_id}", " ".join(codes))
    return redirect(url_for("partnerships.detail", partnership_id=partnership_id))


@bp.get("/<int:partnership_id>")
@login_required
def detail(partnership_id: int):
    partnership = _partnership(partnership_id)
    user = current_user()
    confirmed = [m["gss"] for m in partnership["members"] if m["confirmed_at"]]
    return render_template(
        "partnerships/detail.html",
        title=partnership["name"],
        partnership=partnership,
        rounds=get_store().list_rounds(),
        can_confirm={
            m["gss"]: can_confirm_membership(user, m["gss"]) for m in partnership["members"]
        },
        can_switch=can_switch_module(user, confirmed),
        confirm_form=ConfirmForm(formdata=None),
    )


@bp.post("/<int:partnership_id>/confirm/<gss>")
@login_required
def confirm(partnership_id: int, gss: str):
    partnership = _partnership(partnership_id)
    if gss not in [m["gss"] for m in partnership["members"]]:
        abort(404)
    if not can_confirm_membership(current_user(), gss):
        deny(f"confirm partnership {partnership_id} for {gss}")
    if ConfirmForm().validate_on_submit() and get_store().confirm_member(
        partnership_id, gss, current_user()["email"]
    ):
        audit("partnership-confirmed", f"partnership {partnership_id}", gss)
    return redirect(url_for("partnerships.detail", partnership_id=partnership_id))


@bp.post("/<int:partnership_id>/module/<round_slug>")
@login_required
def module(partnership_id: int, round_slug: str):
    partnership = _partnership(partnership_id)
    store = get_store()
    if store.get_round(round_slug) is None:
        abort(404)
    confirmed = [m["gss"] for m in partnership["members"] if m["confirmed_at"]]
    if not can_switch_module(current_user(), confirmed):
        deny(f"partnership module {partnership_id}/{round_slug}")
    if ConfirmForm().validate_on_submit():
        on = request.form.get("on") == "1"
        store.set_partnership_module(round_slug, partnership_id, on)
        audit(
            "partnership-module",
            f"partnership {partnership_id}/{round_slug}",
            "on" if on else "off",
        )
    return redirect(url_for("partnerships.detail", partnership_id=partnership_id))


@bp.get("/<int:partnership_id>/<round_slug>")
@login_required
def results(partnership_id: int, round_slug: str):
    partnership = _partnership(partnership_id)
    round_row = get_store().get_round(round_slug)
    if round_row is None:
        abort(404)
    minimum = current_app.config["MIN_RESPONDENTS"]
    module = instruments.partnership_module(round_row)
    found = partnership_results(get_store(), module, partnership, round_slug, minimum)
    view = partnership_view(partnership, found, minimum)
    return render_template(
        "partnerships/results.html",
        title=f"{partnership['name']}: {round_row['title']}",
        partnership=partnership,
        round=round_row,
        results=view.results,
        factors=CORE_FACTORS,
        instrument=instruments.for_round(round_row),
        min_respondents=view.min_respondents,
        names=view.names,
        statements=statement_texts(module, "each other council"),
    )


@bp.get("/<int:partnership_id>/<round_slug>/report.pdf")
@login_required
def report(partnership_id: int, round_slug: str):
    partnership = _partnership(partnership_id)
    store = get_store()
    round_row = store.get_round(round_slug)
    if round_row is None:
        abort(404)
    lang = request.args.get("lang", "en")
    lang = lang if lang in LANGUAGES else "en"
    data = app_partnership_input(store, partnership, round_row, lang)
    try:
        content = cached_document(
            store,
            (round_slug, "partnership", partnership_id, lang, _membership_key(partnership)),
            lambda: partnership_report(data),
        )
    except NoReport as exc:
        return render_template(
            "errors/error.html",
            title="There is no report for this partnership yet",
            paragraphs=[str(exc)],
        ), 404
    audit("report-download", f"partnership {partnership_id}/{round_slug}")
    filename = f"partnership-{partnership_id}-{round_slug}{'-cy' if lang == 'cy' else ''}.pdf"
    return Response(
        content,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _membership_key(partnership) -> tuple:
    """Confirming a member changes the report without changing the round's answers."""
    return tuple((m["gss"], bool(m["confirmed_at"])) for m in partnership["members"])
