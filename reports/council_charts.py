"""The council report's charts: the five factors with their intervals (page 1), each
factor's place among its peers above its statements' answers, and the barriers beside the
peers' median.

Every chart here is drawn for print at ``WIDTH`` pixels and placed across the page's text
column (174 mm, 493 pt), so a pixel prints at 0.8 pt: 11 px text prints at 8.7 pt, above
the 8 pt floor that tests/reports/test_legibility.py checks. No label is rotated, text on
a dark fill is white, and markers that would sit on one another are drawn on rows of
their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reports.benchmark_charts import BAND_COLOUR, NATIONAL_COLOUR, PEER_COLOUR, wrap
from reports.charts import COUNCIL_COLOUR, FONT
from reports.document_charts import answer_traces
from scoring.instrument import Instrument
from scoring.national import Comparison
from scoring.rounding import display as _num
from scoring.statements import StatementSpread

WIDTH = 620
TEXT = "#0b0c0c"
FONT_SPEC = {"family": FONT, "size": 12, "color": TEXT}
GRID = "#dddddd"


def _interval_trace(y, values, lows, highs, name: str) -> dict:
    """The council's figures as dots with their 95% intervals as whiskers."""
    return {
        "type": "scatter",
        "mode": "markers",
        "y": y,
        "x": values,
        "name": name,
        "marker": {"symbol": "circle", "size": 12, "color": COUNCIL_COLOUR},
        "error_x": {
            "type": "data",
            "symmetric": False,
            "array": [None if h is None else h - v for v, h in zip(values, highs, strict=True)],
            "arrayminus": [
                None if lo is None else v - lo for v, lo in zip(values, lows, strict=True)
            ],
            "color": COUNCIL_COLOUR,
            "thickness": 2,
            "width": 6,
        },
    }


def _median_traces(y, peers, national, peer_name: str, national_name: str) -> list[dict]:
    """The medians' markers; a median nobody has (too few peers) gets no trace, so the
    legend never names a mark the chart does not draw."""
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "y": y,
            "x": peers,
            "name": peer_name,
            "marker": {"symbol": "line-ns-open", "size": 14, "color": PEER_COLOUR,
                       "line": {"width": 3, "color": PEER_COLOUR}},
        },
        {
            "type": "scatter",
            "mode": "markers",
            "y": y,
            "x": national,
            "name": national_name,
            "marker": {"symbol": "diamond", "size": 10, "color": NATIONAL_COLOUR,
                       "line": {"width": 1, "color": TEXT}},
        },
    ]  # fmt: skip
    return [t for t in traces if any(v is not None for v in t["x"])]


def _level_annotations(_=str) -> list[dict]:
    """The five levels along the top, each over its 20 index points: "Level 1", then the
    numbers alone, so that the five fit side by side on a phone's screen."""
    return [
        {
            "text": _("Level %(level)s") % {"level": level} if level == 1 else str(level),
            "x": 20 * level - 10,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 11, "color": "#505a5f"},
        }
        for level in range(1, 6)
    ]


def factor_intervals(
    comparisons: Sequence[Comparison],
    scores: Mapping[str, tuple[float | None, float | None]],
    titles: Mapping[str, str],
    council_name: str,
    _=str,
    row_height: int = 26,
) -> dict:
    """Page 1: the collaboration index and each factor, the council's figure with its 95%
    interval on one row and, on a thinner row under it, the peer and national medians
    (so neither hides behind the council's dot). Without any median (the results page
    draws a council's own figures) there are no medians' rows.

    ``scores`` gives each measure's interval; ``titles`` its name in the document's
    language; ``row_height`` the pixels for each measure (tight for page 1 of the
    report, roomier on a web page)."""
    measures = [c.measure for c in comparisons]
    rows = [titles[m] for m in measures]
    values = [c.value for c in comparisons]
    data = [
        _interval_trace(
            rows,
            values,
            [scores[m][0] for m in measures],
            [scores[m][1] for m in measures],
            _("%(council)s, with its 95%% interval") % {"council": council_name},
        )
    ]
    peers = [c.peers.median if c.peers else None for c in comparisons]
    national = [c.national_median for c in comparisons]
    per_measure = 1
    y_order = rows
    if any(v is not None for v in (*peers, *national)):
        per_measure = 2
        below = [titles[m] + " " for m in measures]  # the medians' row, unlabelled
        y_order = [label for pair in zip(rows, below, strict=True) for label in pair]
        data += _median_traces(below, peers, national, _("Peer median"), _("National median"))
    return {
        "data": data,
        "layout": {
            "font": FONT_SPEC,
            "height": 80 + row_height * len(measures),
            "margin": {"l": 10, "r": 14, "t": 24, "b": 40},
            "plot_bgcolor": "white",
            "showlegend": True,
            # The legend starts under the row names, where there is room for all three
            # entries on one line (from the plot's own left edge they would stack).
            "legend": {"orientation": "h", "x": -0.22, "xanchor": "left", "y": -0.12,
                       "yanchor": "top", "font": {"size": 12}},
            "xaxis": {"range": [0, 100], "dtick": 20, "gridcolor": "#b1b4b6",
                      "zeroline": False, "tickfont": {"size": 12}},
            "yaxis": {"categoryorder": "array", "categoryarray": y_order,
                      "autorange": "reversed", "automargin": True,
                      "tickvals": rows, "ticktext": rows, "tickfont": {"size": 12}},
            "annotations": _level_annotations(_),
            # Every other measure on a grey band, so each figure's row and the medians'
            # row under it read as one pair.
            "shapes": [
                {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                 "y0": per_measure * i - 0.5, "y1": per_measure * (i + 1) - 0.5,
                 "fillcolor": "#f3f2f1", "line": {"width": 0}, "layer": "below"}
                for i in range(0, len(measures), 2)
            ],
        },
    }  # fmt: skip


def factor_strip(
    comparison: Comparison,
    interval: tuple[float | None, float | None],
    spreads: Sequence[StatementSpread],
    labels: Mapping[str, str],
    texts: Instrument,
    _=str,
) -> dict:
    """A factor's page: the council with its interval beside the peers' middle half and
    median and the national median (top), and its statements' answers (below)."""
    rows = len(spreads)
    strip, gap, top, bottom = 44, 18, 20, 22
    row_height = 22 if rows < 10 else 20  # a long factor still fits its page
    plot = strip + gap + row_height * rows
    height = plot + top + bottom
    top_domain = [1 - strip / plot, 1]
    answers_domain = [0, (row_height * rows) / plot]
    peers = comparison.peers
    data: list[dict] = []
    if peers:
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": ["medians"],
                "x": [peers.q3 - peers.q1],
                "base": [peers.q1],
                "width": 0.7,
                "marker": {"color": BAND_COLOUR, "line": {"color": PEER_COLOUR, "width": 1}},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    data += _median_traces(
        ["medians"],
        [peers.median if peers else None],
        [comparison.national_median],
        "",
        "",
    )
    data.append(_interval_trace(["council"], [comparison.value], [interval[0]], [interval[1]], ""))
    for trace in data:
        trace["showlegend"] = False
    data += answer_traces(spreads, labels, texts.agreement_scale, "x2", "y2")
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "bargap": 0.12,
            "font": FONT_SPEC,
            "margin": {"l": 44, "r": 14, "t": top, "b": bottom},
            "height": height,
            "plot_bgcolor": "white",
            "showlegend": False,
            "uniformtext": {"minsize": 11, "mode": "hide"},
            "xaxis": {"range": [0, 100], "dtick": 20, "gridcolor": GRID, "anchor": "y",
                      "side": "top", "tickfont": {"size": 11}},
            "yaxis": {"domain": top_domain, "showticklabels": False, "anchor": "x",
                      "categoryorder": "array", "categoryarray": ["council", "medians"],
                      "autorange": "reversed"},
            "xaxis2": {"range": [0, 100], "ticksuffix": "%", "anchor": "y2",
                       "tickfont": {"size": 11}},
            "yaxis2": {"domain": answers_domain,
                       "autorange": "reversed", "anchor": "x2", "tickfont": {"size": 12}},
        },
    }  # fmt: skip


def barrier_bars(
    shares: Mapping[str, float | None],
    medians: Mapping[str, float | None],
    texts: Instrument,
    council_name: str,
    _=str,
) -> dict:
    """Each barrier: the council's share calling it significant or major (bar), the
    peers' median share (a mark). Labels wrap at 32 letters, and every row is as tall as
    the longest label needs, so wrapped labels never overprint."""
    barriers = list(texts.barriers)
    labels = [wrap(b.text, 32) for b in barriers]
    # Categories are spaced evenly, so every row is as tall as the longest label needs.
    lines = max(label.count("<br>") + 1 for label in labels)
    height = 90 + len(labels) * (10 + 16 * lines)
    council = [None if shares[b.key] is None else 100 * shares[b.key] for b in barriers]
    peers = [None if medians[b.key] is None else 100 * medians[b.key] for b in barriers]
    with_peers = any(v is not None for v in peers)
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": council,
                "name": council_name,
                "marker": {"color": COUNCIL_COLOUR},
                "text": [None if v is None else f"{_num(v)}%" for v in council],
                "textposition": "outside",
                "textfont": {"size": 11, "color": TEXT},
                "cliponaxis": False,
            },
            {
                "type": "scatter",
                "mode": "markers",
                "y": labels,
                "x": peers,
                "name": _("Peers' median"),
                "marker": {"symbol": "line-ns-open", "size": 16, "color": PEER_COLOUR,
                           "line": {"width": 3, "color": PEER_COLOUR}},
            },
        ][: 2 if with_peers else 1],  # fmt: skip
        "layout": {
            "font": FONT_SPEC,
            "height": height,
            "bargap": 0.35,
            "margin": {"l": 10, "r": 30, "t": 40, "b": 30},
            "plot_bgcolor": "white",
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "y": 1, "yref": "container",
                       "yanchor": "top"},
            "xaxis": {"range": [0, 100], "ticksuffix": "%", "gridcolor": GRID,
                      "tickfont": {"size": 11}},
            "yaxis": {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
        },
    }  # fmt: skip


def factor_intervals_alt(comparisons, intervals, titles, council_name, _=str) -> str:
    """The page-1 chart in words: every figure it draws."""
    parts = []
    for c in comparisons:
        low, high = intervals.get(c.measure, (None, None))
        text = _("%(measure)s %(value)s") % {"measure": titles[c.measure], "value": _num(c.value)}
        if low is not None and high is not None:
            text += " " + _("(95%% interval %(low)s to %(high)s)") % {
                "low": _num(low),
                "high": _num(high),
            }
        if c.peers:
            text += ", " + _("peer median %(median)s") % {"median": _num(c.peers.median)}
        if c.national_median is not None:
            text += ", " + _("national median %(median)s") % {"median": _num(c.national_median)}
        parts.append(text)
    return (
        _("Dot-and-interval chart of %(council)s's collaboration index and factors: ")
        % {"council": council_name}
        + "; ".join(parts)
        + "."
    )
