"""Plotly figures for council results. Each returns a Figure; callers add the data table."""

from __future__ import annotations

import plotly.graph_objects as go

from scoring.council import CouncilScore
from scoring.instrument import Instrument
from scoring.rounding import display

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COUNCIL_COLOUR = "#0072B2"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


def radar(instrument: Instrument, score: CouncilScore, council_name: str) -> go.Figure:
    """Factor indices (0-100) of one council on a radar; withheld factors are left out."""
    factors = [f for f in instrument.factors if f.id in score.factors]
    labels = [f.title for f in factors]
    values = [score.factors[f.id].index for f in factors]
    fig = go.Figure(
        go.Scatterpolar(
            r=values + values[:1],
            theta=labels + labels[:1],
            name=council_name,
            fill="toself",
            line={"color": COUNCIL_COLOUR, "width": 3},
            marker={"symbol": "circle", "size": 8},
            hovertemplate="%{theta}: %{r:.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [20, 40, 60, 80, 100],
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 11},
            },
            "angularaxis": {"rotation": 90, "direction": "clockwise"},
        },
        showlegend=True,
        legend={"orientation": "h", "y": -0.1},
        margin={"l": 60, "r": 60, "t": 30, "b": 30},
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        height=420,
    )
    return fig


def radar_alt_text(instrument: Instrument, score: CouncilScore, council_name: str) -> str:
    parts = [
        f"{instrument.factor(fid).title} {display(fs.index)}" for fid, fs in score.factors.items()
    ]
    return (
        f"Radar chart of {council_name}'s factor indices out of 100: "
        + ", ".join(parts)
        + ". The same figures are in the factor table."
    )


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON that is safe inside a ``<script type="application/json">`` block:
    ``<``, ``>`` and ``&`` are escaped, so no text in it (a council's name) can end the
    element. The page's own script draws it, so no inline script is needed."""
    return fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
