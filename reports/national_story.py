"""The national summary document. Its page 1 is what a national body reads first, each
statement chosen by the figures:

- how many councils took part, and how many have enough responses to rank;
- how far apart councils really are beyond chance: the funnel's tau (the spread of
  councils' true indices, in index points) and phi (how much wider than chance alone);
- which councils stand out beyond chance (outside the over-dispersed 99.8% limits);
- how reliable the council means are (ICC(2) per factor; under 0.70 a factor's means are
  not reliable enough to rank councils on);
- what can and cannot be concluded from the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reports.benchmark_charts import LIMIT_COLOUR
from reports.charts import COUNCIL_COLOUR, FONT
from reports.documents import Charts
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.view_models import national_view
from scoring.anova import ICC2_FLAG
from scoring.national import INDEX, CouncilRow, RoundResults

# Rank chart rows per page: 11 px labels on 15 px rows keep 40 councils to a page.
RANKS_PER_CHART = 40
WIDTH = 620  # placed across the 174 mm text column: a pixel prints at 0.8 pt


@dataclass(frozen=True)
class NationalHeadline:
    councils: int  # with any submitted response
    ranked: int
    tau: float | None
    phi: float | None
    target: float | None
    above: tuple[str, ...]
    below: tuple[str, ...]
    icc2: tuple[tuple[str, float | None], ...]  # factor title, ICC(2)
    unreliable: tuple[str, ...]  # factor titles with ICC(2) under 0.70
    typical_rank_width: int | None  # median width of the rank intervals, in places
    ordered_pairs: int  # pairs of councils whose rank intervals do not overlap


def national_headline(results: RoundResults) -> NationalHeadline:
    passing = results.passing()
    fun = results.funnels.get(INDEX)
    icc2 = tuple(
        (f.title, results.council_reliability[f.id].icc2)
        for f in results.instrument.factors
        if f.id in results.council_reliability
    )
    widths = sorted(r.rank_high - r.rank_low + 1 for r in passing if r.rank_low is not None)
    return NationalHeadline(
        councils=len(results.rows),
        ranked=len(passing),
        tau=fun.tau if fun else None,
        phi=fun.phi if fun else None,
        target=fun.target if fun else None,
        above=tuple(r.council["name"] for r in passing if r.funnel == "above"),
        below=tuple(r.council["name"] for r in passing if r.funnel == "below"),
        icc2=icc2,
        unreliable=tuple(title for title, value in icc2 if value is not None and value < ICC2_FLAG),
        typical_rank_width=widths[len(widths) // 2] if widths else None,
        ordered_pairs=_ordered_pairs(passing),
    )


def _ordered_pairs(rows: Sequence[CouncilRow]) -> int:
    """How many pairs of councils can be put in order with confidence: one's whole rank
    interval above the other's."""
    bounds = [(r.rank_low, r.rank_high) for r in rows if r.rank_low is not None]
    return sum(1 for _low, high in bounds for low, _high in bounds if high < low)


def rank_chunks(rows: Sequence[CouncilRow]) -> list[list[CouncilRow]]:
    """The ranked councils in rank order, cut into charts of at most RANKS_PER_CHART."""
    ranked = [r for r in rows if r.passes and r.rank_low is not None]
    return [ranked[i : i + RANKS_PER_CHART] for i in range(0, len(ranked), RANKS_PER_CHART)]


def rank_interval_chart(rows: Sequence[CouncilRow], total: int) -> dict:
    """Each council's rank (dot) and 95% rank interval (line), best rank at the top, on
    a shared axis from 1 to ``total``."""
    names = [f"{r.council['name']} (n={r.league_n})" for r in rows]
    ranks = [r.rank for r in rows]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "y": names,
                "x": ranks,
                "name": "Rank, with its 95% interval",
                "marker": {"symbol": "circle", "size": 8, "color": COUNCIL_COLOUR},
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [r.rank_high - r.rank for r in rows],
                    "arrayminus": [r.rank - r.rank_low for r in rows],
                    "color": COUNCIL_COLOUR,
                    "thickness": 2,
                    "width": 0,
                },
                "showlegend": False,
            }
        ],
        "layout": {
            "font": {"family": FONT, "size": 11, "color": "#0b0c0c"},
            "height": 60 + 15 * len(rows),
            "margin": {"l": 10, "r": 14, "t": 30, "b": 10},
            "plot_bgcolor": "white",
            "xaxis": {"range": [0.5, total + 0.5], "side": "top", "gridcolor": "#dddddd",
                      "zeroline": False, "tickfont": {"size": 11},
                      "linecolor": LIMIT_COLOUR},
            "yaxis": {"autorange": "reversed", "automargin": True, "type": "category",
                      "showgrid": False,
                      "tickfont": {"size": 11}},
        },
    }  # fmt: skip


def rank_alt(rows: Sequence[CouncilRow]) -> str:
    parts = [f"{r.council['name']} {r.rank:g} ({r.rank_low} to {r.rank_high})" for r in rows]
    return "Rank of each council with its 95% interval, best first: " + "; ".join(parts) + "."


def national_summary(
    results: RoundResults,
    round_row: Mapping,
    made_on: dt.date | None = None,
    fetcher: ReportFetcher | None = None,
) -> bytes:
    """The national summary: the league with rank intervals, the funnel, groups and
    barriers (the national page's figures, :func:`reports.view_models.national_view`)."""
    view = national_view(results)
    pending = Charts()
    chunks = rank_chunks(view.rows)
    context = {
        "headline": national_headline(results),
        "round": round_row,
        "made_on": made_on or dt.date.today(),
        "results": results,
        "view": view,
        "rows": view.rows,
        "ranked": view.ranked,
        "fun": view.funnel,
        "outside": view.outside,
        "by_type": view.by_type,
        "by_region": view.by_region,
        "heat": view.heat,
        "charts": {
            **{
                name: pending.add(*view.chart(name))
                for name in ("funnel", "types", "regions", "barriers")
            },
            "ranks": [
                pending.add(rank_interval_chart(chunk, view.ranked), rank_alt(chunk), WIDTH)
                for chunk in chunks
            ],
        },
    }
    pending.render()
    return write_pdf(render_html("reports/national.html", context), fetcher)
