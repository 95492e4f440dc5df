"""Plotly figures for benchmarking and the national view. Each returns a Figure; the page
or report puts the same figures in a table beside it, and the alt text summarises it."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from reports.charts import COUNCIL_COLOUR, FONT
from scoring.national import INDEX, RoundResults
from scoring.rounding import round_half_away

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Every series
# also differs in marker shape or line style, so nothing depends on colour alone. The
# peers' orange is darkened to 4.8:1 on white (Okabe-Ito's #E69F00 has 2.3:1, under the
# 3:1 that WCAG 1.4.11 asks of marks a reader needs); the band behind stays light.
PEER_COLOUR = "#B35900"
NATIONAL_COLOUR = "#009E73"
LIMIT_COLOUR = "#505a5f"
BAND_COLOUR = "rgba(230, 159, 0, 0.25)"


def apply_layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    fig.update_layout(
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.15},
        **kwargs,
    )
    return fig


def measure_title(results: RoundResults, measure: str, texts=None, _=str) -> str:
    """A measure's name; ``texts`` (the instrument in another language) and ``_`` give it
    in the document's language."""
    if measure == INDEX:
        return _("Collaboration index")
    return (texts or results.instrument).factor(measure).title


# A box summarises a group of at least this many councils; smaller groups show their
# councils as dots only (a box of 1 or 2 values suggests a spread it does not have).
MIN_BOX = 5


def box_by_group(groups: Mapping[str, Sequence[float]], axis_title: str):
    fig = go.Figure()
    for name, values in groups.items():
        if len(values) < MIN_BOX:
            fig.add_trace(
                go.Scatter(
                    x=list(values),
                    y=[f"{name} ({len(values)})"] * len(values),
                    mode="markers",
                    marker={"color": COUNCIL_COLOUR, "size": 7},
                    showlegend=False,
                )
            )
            continue
        fig.add_trace(
            go.Box(
                x=values,
                name=f"{name} ({len(values)})",
                boxpoints="all",
                jitter=0.3,
                marker={"color": COUNCIL_COLOUR, "size": 6},
                line={"color": "#0b0c0c", "width": 1},
                fillcolor="rgba(0, 114, 178, 0.15)",
                orientation="h",
                showlegend=False,
            )
        )
    fig.update_xaxes(title=axis_title, range=[0, 100], gridcolor="#dddddd")
    return apply_layout(fig, 80 + 40 * max(1, len(groups)))


def heat_map(results: RoundResults):
    """Mean factor index by region, with the figure written in every cell."""
    regions, factors, z = heat_map_data(results)
    text = [["" if v is None else f"{v:.0f}" for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[f.title for f in factors],
            y=regions,
            text=text,
            texttemplate="%{text}",
            colorscale="Cividis",
            zmin=0,
            zmax=100,
            colorbar={"title": "Index"},
            hovertemplate="%{y}, %{x}: %{z:.0f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return apply_layout(fig, 120 + 36 * max(1, len(regions)))


def heat_map_data(results: RoundResults):
    regions = sorted({r.council["region"] for r in results.passing()})
    factors = list(results.instrument.factors)
    z = []
    for region in regions:
        row = []
        for factor in factors:
            values = [
                v
                for r in results.passing()
                if r.council["region"] == region and (v := r.value(factor.id)) is not None
            ]
            row.append(statistics.fmean(values) if values else None)
        z.append(row)
    return regions, factors, z


def wrap(text: str, width: int = 28) -> str:
    """Break a long axis label over lines (Plotly takes <br> in labels)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def barrier_bars(results: RoundResults):
    barriers = list(results.instrument.barriers)
    labels = [wrap(b.text, 32) for b in barriers]
    # Categories are spaced evenly: every row is as tall as the longest label needs.
    lines = max(label.count("<br>") + 1 for label in labels)
    shares = [results.barrier_shares[b.key][0] for b in barriers]
    fig = go.Figure()
    this_round = [None if s is None else 100 * s for s in shares]
    fig.add_trace(
        go.Bar(
            y=labels,
            x=this_round,
            orientation="h",
            name="This round",
            marker={"color": COUNCIL_COLOUR},
            text=[None if v is None else f"{round_half_away(v)}%" for v in this_round],
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": "#ffffff"},  # 5.2:1 on the bar's blue
        )
    )
    # The BT survey asked a different question on a different scale: a small mark for
    # context, not a bar as prominent as this round's.
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=[None if b.bt2014 is None else 100 * b.bt2014 for b in barriers],
            mode="markers",
            name="BT survey, 2014 (context only)",
            marker={"symbol": "diamond-open", "size": 11, "color": "#6f4c00",
                    "line": {"width": 2}},
        )
    )  # fmt: skip
    fig.update_xaxes(
        title="Share calling it a significant or major barrier (%)",
        range=[0, 100],
        gridcolor="#dddddd",
    )
    fig.update_yaxes(autorange="reversed")
    return apply_layout(fig, 130 + len(barriers) * (8 + 17 * lines))


def whole_figure(value: float | None) -> str:
    return "not available" if value is None else str(round_half_away(value))


def groups_alt(groups: Mapping[str, Sequence[float]], what: str) -> str:
    parts = [
        f"{name}: {len(values)} council{'' if len(values) == 1 else 's'}, "
        f"median {whole_figure(statistics.median(values))}"
        for name, values in groups.items()
    ]
    return f"Box plots of the collaboration index by {what}. " + "; ".join(parts) + "."
