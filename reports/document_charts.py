"""Plotly figures for the PDF documents: the answers to each statement, a factor's page
chart, the council's barriers, and a partnership's members by factor. Each takes results
and texts in the document's language and returns a figure (dict or Figure); the document
puts the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import cycle

import plotly.graph_objects as go

from reports.benchmark_charts import (
    BAND_COLOUR,
    NATIONAL_COLOUR,
    PEER_COLOUR,
    wrap,
)
from reports.charts import COUNCIL_COLOUR, FONT
from scoring.instrument import DONT_KNOW, Instrument
from scoring.national import Comparison, RoundResults
from scoring.partnership import PartnershipResults
from scoring.statements import AGREEMENT_VALUES, StatementSpread

# Diverging, colour-blind-safe; every segment also carries its percentage as text.
ANSWER_COLOURS = {
    "1": "#b2182b",
    "2": "#ef8a62",
    "3": "#d9d9d9",
    "4": "#67a9cf",
    "5": "#2166ac",
    DONT_KNOW: "#ffffff",
}


FONT_SPEC = {"family": FONT, "size": 12, "color": "#0b0c0c"}
# A horizontal legend at the foot of the chart, in the bottom margin.
BOTTOM_LEGEND = {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}

# The PDF charts below are plain figure dicts, which kaleido takes as they are: building
# them through plotly's validating classes cost 0.1 s a chart (docs/performance.md).


def _distribution_traces(spreads, labels, scale, xaxis="x", yaxis="y") -> list[dict]:
    """``scale`` names each answer (the instrument's agreement scale, in its language)."""
    names = {option.value: option.label for option in scale}
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
                "name": names[value],
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


def distribution_figure(
    spreads: Sequence[StatementSpread], labels: Mapping[str, str], scale
) -> dict:
    """Stacked bars, one per statement: the share giving each answer, as worded."""
    return {
        "data": _distribution_traces(spreads, labels, scale),
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            # The legend sits below the x axis in a margin of its own, with room for
            # two rows (Welsh labels are longer).
            "margin": {"l": 40, "r": 10, "t": 10, "b": 96},
            "height": 130 + 34 * len(spreads),
            "plot_bgcolor": "white",
            "legend": {**BOTTOM_LEGEND, "traceorder": "normal"},
            "xaxis": {"range": [0, 100], "ticksuffix": "%"},
            "yaxis": {"autorange": "reversed"},
        },
    }


def factor_figure(
    comparison: Comparison,
    spreads: Sequence[StatementSpread],
    labels: Mapping[str, str],
    council_name: str,
    texts: Instrument,
    _=str,
) -> dict:
    """The factor's place among peers (top) and its statements' answers (below), in one
    figure so that each factor page costs one chart."""
    rows = len(spreads)
    height = 84 + 21 * rows
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
        *_distribution_traces(spreads, labels, texts.agreement_scale, "x2", "y2"),
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
            # The answers' key is in the page's HTML, under the chart: WeasyPrint lays
            # out SVG text a letter at a time, and the same key in every factor chart
            # was a third of their letters.
            "showlegend": False,
            "xaxis": {"range": [0, 100], "gridcolor": "#dddddd", "anchor": "y"},
            "yaxis": {"domain": [1 - top, 1], "showticklabels": False, "anchor": "x"},
            "xaxis2": {"range": [0, 100], "ticksuffix": "%", "anchor": "y2"},
            "yaxis2": {"domain": [0, 1 - top - gap], "autorange": "reversed", "anchor": "x2"},
            "annotations": [
                title(_("Among peers (index 0 to 100)"), 1),
                title(_("Answers to each statement (%)"), 1 - top - gap),
            ],
        },
    }


def council_barriers(results: RoundResults, row, texts: Instrument, _=str):
    barriers = list(texts.barriers)
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
            name=_("BT survey, 2014 (context)"),
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


# Okabe-Ito colours and a different marker for each member, so that no member is told
# apart by colour alone.
MEMBER_STYLES = (
    ("#0072B2", "circle"),
    ("#E69F00", "square"),
    ("#009E73", "diamond"),
    ("#CC79A7", "triangle-up"),
    ("#56B4E9", "cross"),
    ("#D55E00", "x"),
)


def partnership_figure(
    results: PartnershipResults, names: Mapping[str, str], texts: Instrument, _=str
) -> dict:
    """Each member's index per factor, one marker shape per member."""
    factors = list(results.gaps)
    titles = [texts.factor(f).title for f in factors]
    traces = []
    # More members than styles reuse them; the legend and the table still name everyone.
    for (colour, symbol), gss in zip(cycle(MEMBER_STYLES), results.passing):
        values = []
        for f in factors:
            figure = next((m for m in results.gaps[f].members if m.gss == gss), None)
            values.append(figure.mean if figure else None)
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": values,
                "y": titles,
                "name": names[gss],
                "marker": {"symbol": symbol, "size": 13, "color": colour,
                           "line": {"color": "#0b0c0c", "width": 1}},
            }
        )  # fmt: skip
    return {
        "data": traces,
        "layout": {
            "font": FONT_SPEC,
            "height": 120 + 50 * len(factors),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 80},
            "plot_bgcolor": "white",
            "xaxis": {
                "range": [0, 100],
                "gridcolor": "#dddddd",
                "title": {"text": _("Index (0 to 100)")},
            },
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": BOTTOM_LEGEND,
        },
    }
