"""PDF downloads: the council report, the workshop pack and the national summary."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from reports.documents import (
    CouncilInput,
    NoReport,
    council_report,
)
from reports.national_story import national_summary
from reports.workshop import workshop_pack
from scoring.instrument import LANGUAGES
from scoring.national import PEER_GROUPS
from survey import instruments
from survey.access import (
    can_print_workshop_pack,
    can_view_action_plan,
    can_view_results,
    sees_every_council,
)
from survey.db import get_store
from survey.guards import audit, council_round, current_user, deny, login_required
from survey.inputs import app_council_input
from survey.round_cache import cached_document, round_results

bp = Blueprint("downloads", __name__)


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _group() -> str | None:
    """The peer group the reader chose, or None for the default (the council's type, or
    a wider group when too few of its type took part)."""
    group = request.args.get("peers")
    return group if group in PEER_GROUPS else None


def _lang() -> str:
    """?lang=cy for a document in Welsh."""
    lang = request.args.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def _council_data(
    round_row, council, group: str, lang: str, partnerships: bool = False
) -> CouncilInput:
    """``partnerships`` for the workshop pack only (the report has no partnership pages)."""
    return app_council_input(
        get_store(),
        round_row,
        council,
        group,
        lang,
        partnerships=partnerships,
        with_plan=can_view_action_plan(current_user(), council["gss"]),
    )


def _partnership_key(round_slug: str, gss: str) -> tuple:
    return tuple(p["id"] for p in get_store().module_partnerships(round_slug, gss))


def _reader_key(gss: str) -> str:
    """What else a council document shows besides the round's answers: the chosen peers
    and, for a reader who may see it, the action plan. Changing either (or who reads)
    makes a new document; a cached one would show the old statuses."""
    store = get_store()
    plan = (
        (store.actions(gss), store.targets(gss))
        if can_view_action_plan(current_user(), gss)
        else None
    )
    return repr((store.chosen_peers(gss), plan))


def _no_report(reason: str):
    return render_template(
        "errors/error.html", title="There is no report for this council yet", paragraphs=[reason]
    ), 404


@bp.get("/results/<round_slug>/<gss>/report.pdf")
@login_required
def council(round_slug: str, gss: str):
    round_row, council_row = council_round(
        round_slug, gss, can_view_results, f"report {round_slug}/{gss}"
    )
    group, lang = _group(), _lang()
    try:
        content = cached_document(
            get_store(),
            (round_slug, "council", gss, group, lang, _reader_key(gss)),
            lambda: council_report(_council_data(round_row, council_row, group, lang)),
        )
    except NoReport as exc:
        return _no_report(str(exc))
    audit("report-download", f"council {round_slug}/{gss}")
    suffix = "-cy" if lang == "cy" else ""
    return _pdf(content, f"collaboration-report-{gss}-{round_slug}{suffix}.pdf")


@bp.get("/results/<round_slug>/<gss>/workshop.pdf")
@login_required
def workshop(round_slug: str, gss: str):
    round_row, council_row = council_round(
        round_slug, gss, can_print_workshop_pack, f"workshop pack {round_slug}/{gss}"
    )
    large = request.args.get("large_print") == "1"
    group, lang = _group(), _lang()
    try:
        content = cached_document(
            get_store(),
            # Switching a partnership's module on changes the pack, not the round's answers.
            (
                round_slug,
                "workshop",
                gss,
                group,
                large,
                lang,
                _partnership_key(round_slug, gss),
                _reader_key(gss),
            ),
            lambda: workshop_pack(
                _council_data(round_row, council_row, group, lang, partnerships=True),
                large_print=large,
            ),
        )
    except NoReport as exc:
        return _no_report(str(exc))
    audit("report-download", f"workshop {round_slug}/{gss}", "large print" if large else "")
    suffix = ("-large-print" if large else "") + ("-cy" if lang == "cy" else "")
    return _pdf(content, f"workshop-pack-{gss}-{round_slug}{suffix}.pdf")


@bp.get("/national/<round_slug>/summary.pdf")
@login_required
def national(round_slug: str):
    if not sees_every_council(current_user()):
        deny(f"national summary {round_slug}")
    store = get_store()
    round_row = store.get_round(round_slug)
    if round_row is None:
        abort(404)
    results = round_results(
        store,
        instruments.instruments(),
        round_slug,
        current_app.config["MIN_RESPONDENTS"],
    )
    content = cached_document(
        store, (round_slug, "national"), lambda: national_summary(results, round_row)
    )
    audit("report-download", f"national {round_slug}")
    return _pdf(content, f"national-summary-{round_slug}.pdf")
