"""Benchmarking pages: a council against its peers, and the national view for analysts."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from reports.benchmark_charts import measure_title
from reports.charts import figure_json
from reports.headline import peer_position
from reports.view_models import NATIONAL_CHARTS, national_view, peer_comparison
from scoring.benchmark import MIN_PEERS
from scoring.national import PEER_GROUPS, chosen_left_out, peer_codes
from survey import instruments
from survey.access import can_manage_participation, can_view_results, sees_every_council
from survey.db import get_store
from survey.guards import audit, council_round, current_user, deny, login_required
from survey.inputs import default_group, round_coverage, trend
from survey.round_cache import round_results
from survey.staff_forms import PeersForm, gss_codes

bp = Blueprint("benchmark", __name__)

SORTS = {
    "rank": lambda r: (r.rank is None, r.rank or 0, r.council["name"]),
    "name": lambda r: r.council["name"],
    "n": lambda r: (r.rank is None, -(r.league_n if r.passes else 0), r.council["name"]),
}


def _scored(round_slug: str):
    """The round's results (from the per-worker cache)."""
    return round_results(
        get_store(),
        instruments.instruments(),
        round_slug,
        current_app.config["MIN_RESPONDENTS"],
    )


def _results(round_slug: str):
    round_row = get_store().get_round(round_slug)
    if round_row is None:
        abort(404)
    return round_row, _scored(round_slug)


@bp.get("/results/<round_slug>/<gss>/benchmark")
@login_required
def council(round_slug: str, gss: str):
    store = get_store()
    round_row, council_row = council_round(
        round_slug, gss, can_view_results, f"benchmark {round_slug}/{gss}"
    )
    results = _scored(round_slug)  # council_round has found the round already
    chosen = store.chosen_peers(gss)
    public_min = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    asked = request.args.get("peers")
    group, instead_of = default_group(
        results, gss, asked if asked in PEER_GROUPS else None, public_min
    )
    row = results.rows.get(gss)
    peers = []
    left_out = []
    if row is not None and row.passes:
        peers = peer_codes(results, gss, group, chosen, public_min=public_min)
        if group == "chosen":
            left_out = chosen_left_out(results, gss, chosen, public_min=public_min)
    comparison = peer_comparison(results, gss, peers, council_row["name"])
    comparisons = list(comparison.comparisons)
    qualifying = [c for c in peers if results.rows[c].passes]
    charts = {}
    if comparisons:
        titles = {c.measure: measure_title(results, c.measure) for c in comparisons}
        # A screen has room the printed page lacks: taller rows.
        chart = comparison.interval_chart(titles, row_height=40)
        charts = {"intervals": (figure_json(chart.figure), chart.alt)}
    return render_template(
        "benchmark/council.html",
        title=f"{council_row['name']}: compared with peers",
        round=round_row,
        council=council_row,
        results=results,
        row=row,
        group=group,
        instead_of=instead_of,
        groups=PEER_GROUPS,
        peers_in_group=len(peers),
        qualifying=len(qualifying),
        min_peers=MIN_PEERS,
        left_out=len(left_out),
        public_min=public_min,
        comparisons=comparisons,
        intervals=comparison.intervals,
        peer_place=lambda measure: peer_position(results, gss, peers, measure),
        barrier_medians=comparison.barrier_medians,
        measure_title=lambda m: measure_title(results, m),
        charts=charts,
        trend=trend(
            store,
            instruments.instruments(),
            round_row,
            gss,
            current_app.config["MIN_RESPONDENTS"],
        ),
        chosen=[store.get_council(c) for c in chosen],
        can_choose=can_manage_participation(current_user(), gss),
        peers_form=PeersForm(formdata=None, data={"councils": " ".join(chosen)}),
    )


@bp.post("/results/<round_slug>/<gss>/peers")
@login_required
def choose_peers(round_slug: str, gss: str):
    store = get_store()
    _, council_row = council_round(round_slug, gss, can_manage_participation, f"peers {gss}")
    form = PeersForm()
    if form.validate_on_submit():
        codes = gss_codes(form.councils.data)
        unknown = [c for c in codes if store.get_council(c) is None]
        if unknown:
            form.councils.errors.append("No council with GSS code " + ", ".join(unknown))
        else:
            store.set_chosen_peers(gss, codes)
            audit("peers-chosen", gss, f"{len(codes)} councils")
            return redirect(
                url_for("benchmark.council", round_slug=round_slug, gss=gss, peers="chosen")
            )
    return render_template(
        "benchmark/peers_error.html",
        title="Choose your peer councils",
        form=form,
        round={"slug": round_slug},
        council=council_row,
    ), 400


@bp.get("/national/<round_slug>")
@login_required
def national(round_slug: str):
    if not sees_every_council(current_user()):
        deny(f"national {round_slug}")
    round_row, results = _results(round_slug)
    view = national_view(results)
    rows = list(view.rows)
    filters = {k: request.args.get(k, "") for k in ("type", "nation", "region")}
    options = {
        "type": sorted({(r.council["type"], r.council["type_name"]) for r in rows}),
        "nation": sorted({r.council["nation"] for r in rows}),
        "region": sorted({r.council["region"] for r in rows}),
    }
    shown = [
        r
        for r in rows
        if all(not value or r.council[key] == value for key, value in filters.items())
    ]
    sort = request.args.get("sort", "rank")
    shown.sort(key=SORTS.get(sort, SORTS["rank"]))
    charts = {}
    for name in NATIONAL_CHARTS:
        chart = view.chart(name)
        charts[name] = (figure_json(chart.figure), chart.alt)
    return render_template(
        "benchmark/national.html",
        title=f"National view: {round_row['title']}",
        round=round_row,
        results=results,
        rows=shown,
        total=len(rows),
        ranked=view.ranked,
        filters=filters,
        options=options,
        sort=sort,
        by_type=view.by_type,
        by_region=view.by_region,
        heat=view.heat,
        charts=charts,
        fun=view.funnel,
        outside=view.outside,
        coverage=round_coverage(
            get_store(), round_slug, current_app.config["PUBLIC_MIN_RESPONDENTS"]
        ),
    )
