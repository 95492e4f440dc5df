"""The three PDF documents: the council benchmark report, the facilitator's workshop pack
and the national summary. Each builder takes scoring results (no database, no Flask) and
returns PDF bytes; the charts are Plotly figures rendered to SVG through kaleido."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from reports.benchmark_charts import (
    BAND_COLOUR,
    NATIONAL_COLOUR,
    PEER_COLOUR,
    barrier_bars,
    box_by_group,
    compare_radar,
    funnel_alt,
    funnel_plot,
    groups_alt,
    heat_map_data,
    measure_title,
    wrap,
)
from reports.charts import COUNCIL_COLOUR, FONT
from reports.narrative import summary_paragraph
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.svg import svg_data_uris
from scoring.council import maturity_level
from scoring.instrument import DONT_KNOW
from scoring.national import INDEX, PEER_GROUPS, Comparison, RoundResults, compare
from scoring.rounding import display
from scoring.statements import AGREEMENT_VALUES, StatementSpread, most_disagreed

# Diverging, colour-blind-safe; every segment also carries its percentage as text.
ANSWER_COLOURS = {
    "1": "#b2182b",
    "2": "#ef8a62",
    "3": "#d9d9d9",
    "4": "#67a9cf",
    "5": "#2166ac",
    DONT_KNOW: "#ffffff",
}


class NoReport(Exception):
    """This council cannot have a report (the message says why)."""


@dataclass
class CouncilInput:
    """Everything a council document needs, gathered by the caller."""

    council: Mapping
    round: Mapping
    results: RoundResults
    spreads: Sequence[StatementSpread]
    peer_group: str = "type"
    peers: Sequence[str] = ()
    trend: Mapping = field(default_factory=dict)
    made_on: dt.date = field(default_factory=dt.date.today)


class Charts:
    """Charts collected while a document's context is built, then rendered together
    (kaleido spreads them over its tabs), each filled into its placeholder."""

    def __init__(self):
        self._pending: list[tuple[dict, go.Figure | dict, int]] = []

    def add(self, fig: go.Figure | dict, alt: str, width: int = 760) -> dict:
        chart = {"src": None, "alt": alt}
        self._pending.append((chart, fig, width))
        return chart

    def render(self) -> None:
        uris = svg_data_uris([(fig, width) for _, fig, width in self._pending])
        for (chart, _, _), uri in zip(self._pending, uris, strict=True):
            chart["src"] = uri
        self._pending = []


SCALE_NAMES = {
    "1": "Strongly disagree",
    "2": "Disagree",
    "3": "Neither",
    "4": "Agree",
    "5": "Strongly agree",
    DONT_KNOW: "Don't know",
}
FONT_SPEC = {"family": FONT, "size": 12, "color": "#0b0c0c"}

# The PDF charts below are plain figure dicts, which kaleido takes as they are: building
# them through plotly's validating classes cost 0.1 s a chart (docs/performance.md).


def _distribution_traces(spreads, labels, xaxis="x", yaxis="y") -> list[dict]:
    ys = [labels[s.item.id] for s in spreads]
    traces = []
    for value in (*AGREEMENT_VALUES, DONT_KNOW):
        shares = [100 * (s.share(value) or 0) for s in spreads]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": ys,
                "x": shares,
                "name": SCALE_NAMES[value],
                "marker": {
                    "color": ANSWER_COLOURS[value],
                    "line": {"color": "#505a5f", "width": 0.5},
                },
                "text": [f"{round(v)}" if v >= 6 else "" for v in shares],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"size": 11, "color": "#0b0c0c"},
                "xaxis": xaxis,
                "yaxis": yaxis,
            }
        )
    return traces


def distribution_figure(spreads: Sequence[StatementSpread], labels: Mapping[str, str]) -> dict:
    """Stacked bars, one per statement: the share giving each answer, as worded."""
    return {
        "data": _distribution_traces(spreads, labels),
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
            "height": 60 + 34 * len(spreads),
            "plot_bgcolor": "white",
            "legend": {"orientation": "h", "y": -0.12, "traceorder": "normal"},
            "xaxis": {"range": [0, 100], "ticksuffix": "%"},
            "yaxis": {"autorange": "reversed"},
        },
    }


def factor_figure(
    comparison: Comparison,
    spreads: Sequence[StatementSpread],
    labels: Mapping[str, str],
    council_name: str,
) -> dict:
    """The factor's place among peers (top) and its statements' answers (below), in one
    figure so that each factor page costs one chart."""
    rows = len(spreads)
    height = 120 + 21 * rows
    gap = 48 / height  # room for the second title
    top = 1.4 / (1.4 + rows) * (1 - gap)
    peers = comparison.peers
    data: list[dict] = []
    if peers:
        data += [
            {
                "type": "bar",
                "orientation": "h",
                "y": ["peers"],
                "x": [peers.q3 - peers.q1],
                "base": [peers.q1],
                "width": 0.5,
                "marker": {"color": BAND_COLOUR, "line": {"color": PEER_COLOUR, "width": 1}},
                "showlegend": False,
                "hoverinfo": "skip",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "y": ["peers"],
                "x": [peers.median],
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 22,
                    "color": PEER_COLOUR,
                    "line": {"width": 3},
                },
                "showlegend": False,
            },
        ]
    data += [
        {
            "type": "scatter",
            "mode": "markers",
            "y": ["peers"],
            "x": [comparison.national_median],
            "marker": {"symbol": "diamond", "size": 11, "color": NATIONAL_COLOUR},
            "showlegend": False,
        },
        {
            "type": "scatter",
            "mode": "markers",
            "y": ["peers"],
            "x": [comparison.value],
            "marker": {"symbol": "circle", "size": 14, "color": COUNCIL_COLOUR},
            "name": council_name,
            "showlegend": False,
        },
        *_distribution_traces(spreads, labels, "x2", "y2"),
    ]

    def title(text: str, y: float) -> dict:
        return {
            "text": text,
            "x": 0.5,
            "y": y,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "center",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 13},
        }

    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            "margin": {"l": 40, "r": 10, "t": 25, "b": 20},
            "height": height,
            "plot_bgcolor": "white",
            "legend": {
                "orientation": "h",
                "y": -0.08,
                "traceorder": "normal",
                "font": {"size": 11},
            },
            "xaxis": {"range": [0, 100], "gridcolor": "#dddddd", "anchor": "y"},
            "yaxis": {"domain": [1 - top, 1], "showticklabels": False, "anchor": "x"},
            "xaxis2": {"range": [0, 100], "ticksuffix": "%", "anchor": "y2"},
            "yaxis2": {"domain": [0, 1 - top - gap], "autorange": "reversed", "anchor": "x2"},
            "annotations": [
                title("Among peers (index 0 to 100)", 1),
                title("Answers to each statement (%)", 1 - top - gap),
            ],
        },
    }


def _statement_labels(results: RoundResults) -> dict[str, str]:
    """Short codes for statements in charts (T1, C3...), spelled out in tables."""
    labels = {}
    for factor in results.instrument.factors:
        prefix = "".join(word[0].upper() for word in factor.title.split())
        for number, item in enumerate(factor.items, start=1):
            labels[item.id] = f"{prefix}{number}"
    return labels


def _check(data: CouncilInput):
    row = data.results.rows.get(data.council["gss"])
    if row is None or not row.passes:
        n = row.league_n if row else 0
        raise NoReport(
            f"{data.council['name']} has {n} responses covering all five factors; a report "
            f"needs at least {data.results.min_respondents}."
        )
    return row


def council_context(data: CouncilInput, charts: bool = True) -> dict:
    results = data.results
    instrument = results.instrument
    row = _check(data)
    comparisons = {c.measure: c for c in compare(results, data.council["gss"], data.peers)}
    factors = [
        (f, row.score.factors[f.id], comparisons.get(f.id))
        for f in instrument.factors
        if f.id in row.score.factors
    ]
    ranked = sorted(factors, key=lambda t: t[1].index, reverse=True)
    labels = _statement_labels(results)
    by_factor = {
        f.id: [s for s in data.spreads if s.item.factor == f.id] for f in instrument.factors
    }
    name = data.council["name"]
    context = {
        "council": data.council,
        "round": data.round,
        "made_on": data.made_on,
        "score": row.score,
        "n": row.league_n,
        "min_respondents": results.min_respondents,
        "instrument": instrument,
        "factors": [
            {
                "factor": f,
                "score": fs,
                "comparison": comp,
                "level": maturity_level(fs.index, instrument),
                "spreads": by_factor[f.id],
            }
            for f, fs, comp in factors
        ],
        "strongest": ranked[:2],
        "weakest": ranked[-2:][::-1],
        "paragraph": summary_paragraph(
            name, row, comparisons, instrument, PEER_GROUPS[data.peer_group].lower(), results
        ),
        "index_comparison": comparisons.get(INDEX),
        "comparisons": list(comparisons.values()),
        "peer_group": PEER_GROUPS[data.peer_group],
        "labels": labels,
        "measure_title": lambda m: measure_title(results, m),
        "trend": data.trend,
        "barrier_shares": row.score.barriers,
        "charts": {},
    }
    if charts:
        pending = Charts()
        comparison_list = list(comparisons.values())
        context["charts"]["radar"] = pending.add(
            compare_radar(results, comparison_list, name),
            f"Radar of {name}'s five factor indices beside the peer median and the national "
            "median. The figures are in the table on this page.",
        )
        for entry in context["factors"]:
            comp = entry["comparison"]
            entry["chart"] = pending.add(
                factor_figure(comp, entry["spreads"], labels, name),
                f"{entry['factor'].title}: {name} {display(comp.value)}"
                + (
                    f", peers' middle half {display(comp.peers.q1)} to {display(comp.peers.q3)}, "
                    f"median {display(comp.peers.median)}"
                    if comp.peers
                    else ", too few peers to compare"
                )
                + ". Below, the share of people giving each answer to each statement, "
                "as listed in the table that follows.",
            )
        context["charts"]["barriers"] = pending.add(
            _council_barriers(results, row),
            "Bar chart of the share of respondents calling each barrier significant or major, "
            "beside the BT survey of 2014; the figures are in the table.",
        )
        pending.render()
    return context


def _council_barriers(results: RoundResults, row):
    barriers = list(results.instrument.barriers)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=[wrap(b.text) for b in barriers],
            x=[
                None
                if row.score.barriers[b.key].share is None
                else 100 * row.score.barriers[b.key].share
                for b in barriers
            ],
            orientation="h",
            name=row.council["name"],
            marker={"color": COUNCIL_COLOUR},
        )
    )
    fig.add_trace(
        go.Bar(
            y=[wrap(b.text) for b in barriers],
            x=[None if b.bt2014 is None else 100 * b.bt2014 for b in barriers],
            orientation="h",
            name="BT survey, 2014",
            marker={"color": "#E69F00", "pattern": {"shape": "/"}},
        )
    )
    fig.update_layout(
        barmode="group",
        font={"family": FONT, "size": 12, "color": "#0b0c0c"},
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        height=120 + 55 * len(barriers),
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.12},
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%", gridcolor="#dddddd")
    fig.update_yaxes(autorange="reversed")
    return fig


def council_report(data: CouncilInput, fetcher: ReportFetcher | None = None) -> bytes:
    """The council benchmark report, A4, about 10 pages."""
    return write_pdf(render_html("reports/council.html", council_context(data)), fetcher)


def workshop_pack(
    data: CouncilInput, large_print: bool = False, fetcher: ReportFetcher | None = None
) -> bytes:
    """The facilitator's workshop pack: prompts from the statements people disagreed on
    most, the lowest factors, action-planning tables and a one-page handout."""
    context = council_context(data, charts=False)
    labels = context["labels"]
    prompts = most_disagreed(data.spreads, 5)
    pending = Charts()
    context.update(
        {
            "large_print": large_print,
            "prompts": [
                {
                    "spread": s,
                    "factor": data.results.instrument.factor(s.item.factor),
                    "chart": pending.add(
                        distribution_figure([s], labels),
                        f"Answers to '{s.item.text}': "
                        + ", ".join(
                            f"{name} {round(100 * (s.share(v) or 0))}%"
                            for v, name in zip(
                                (*AGREEMENT_VALUES, DONT_KNOW),
                                (
                                    "strongly disagree",
                                    "disagree",
                                    "neither",
                                    "agree",
                                    "strongly agree",
                                    "don't know",
                                ),
                                strict=True,
                            )
                        ),
                        width=680,
                    ),
                }
                for s in prompts
            ],
            "focus": context["weakest"],
        }
    )
    pending.render()
    return write_pdf(render_html("reports/workshop.html", context), fetcher)


def national_summary(
    results: RoundResults,
    round_row: Mapping,
    made_on: dt.date | None = None,
    fetcher: ReportFetcher | None = None,
) -> bytes:
    by_type = results.by_group("type_name")
    by_region = results.by_group("region")
    regions, factors, heat = heat_map_data(results)
    pending = Charts()
    context = {
        "round": round_row,
        "made_on": made_on or dt.date.today(),
        "results": results,
        "rows": results.league(),
        "ranked": len(results.passing()),
        "fun": results.funnels.get(INDEX),
        "outside": [r for r in results.passing() if r.funnel in ("above", "below")],
        "by_type": by_type,
        "by_region": by_region,
        "heat": (regions, factors, heat),
        "charts": {
            "funnel": pending.add(funnel_plot(results), funnel_alt(results)),
            "types": pending.add(
                box_by_group(by_type, "Collaboration index"), groups_alt(by_type, "council type")
            ),
            "regions": pending.add(
                box_by_group(by_region, "Collaboration index"),
                groups_alt(by_region, "region or nation"),
            ),
            "barriers": pending.add(
                barrier_bars(results),
                "Bar chart of the share calling each barrier significant or major, this round "
                "beside the BT survey of 2014; the figures are in the table.",
            ),
        },
    }
    pending.render()
    return write_pdf(render_html("reports/national.html", context), fetcher)
