"""Plotly figures for the PDF documents: the answers to each statement and a
partnership's members by factor (the council report's own are in
:mod:`reports.council_charts`). Each takes results
and texts in the document's language and returns a figure (dict or Figure); the document
puts the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import cycle

from reports.charts import FONT
from scoring.instrument import DONT_KNOW, Instrument
from scoring.partnership import PartnershipResults
from scoring.rounding import display
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
# White reads on the two dark ends (6.9:1 and 5.9:1); black on the others (7.6:1 or more).
ANSWER_TEXT_COLOURS = {"1": "#ffffff", "5": "#ffffff"}


FONT_SPEC = {"family": FONT, "size": 12, "color": "#0b0c0c"}
# A horizontal legend at the foot of the chart, in the bottom margin.
BOTTOM_LEGEND = {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}

# The PDF charts below are plain figure dicts, which kaleido takes as they are: building
# them through plotly's validating classes cost 0.1 s a chart (docs/performance.md).


def answer_traces(spreads, labels, scale, xaxis="x", yaxis="y") -> list[dict]:
    """Stacked bar traces, one bar per statement, one trace per answer. ``scale`` names
    each answer (the instrument's agreement scale, in its language). Each segment of 6%
    or more is labelled, upright, in the text colour that reads on its fill (4.5:1 or
    better); a layout's ``uniformtext`` hides a label rather than shrink it."""
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
                "text": [display(v) if v >= 6 else "" for v in shares],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textangle": 0,
                "textfont": {"size": 11, "color": ANSWER_TEXT_COLOURS.get(value, "#0b0c0c")},
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
        "data": answer_traces(spreads, labels, scale),
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            # The legend sits below the x axis in a margin of its own, with room for
            # two rows (Welsh labels are longer).
            "margin": {"l": 40, "r": 10, "t": 10, "b": 96},
            "height": 130 + 34 * len(spreads),
            "plot_bgcolor": "white",
            "uniformtext": {"minsize": 11, "mode": "hide"},
            "legend": {**BOTTOM_LEGEND, "traceorder": "normal"},
            "xaxis": {"range": [0, 100], "ticksuffix": "%"},
            "yaxis": {"autorange": "reversed"},
        },
    }


# Okabe-Ito hues, darkened where needed so that every marker has at least 3:1 contrast
# with white and with the grey row bands (WCAG 1.4.11), and a different marker for each
# member, so that no member is told apart by colour alone.
MEMBER_STYLES = (
    ("#0072B2", "circle"),
    ("#B35900", "square"),
    ("#007A5E", "diamond"),
    ("#A6508A", "triangle-up"),
    ("#505A5F", "cross"),
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
