"""What every chart shares: the colours, the font, and turning a figure into JSON for a page."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COUNCIL_COLOUR = "#0072B2"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


def figure_json(fig: go.Figure | dict) -> str:
    """The figure as JSON that is safe inside a ``<script type="application/json">`` block:
    ``<``, ``>`` and ``&`` are escaped, so no text in it (a council's name) can end the
    element. The page's own script draws it, so no inline script is needed."""
    if isinstance(fig, dict):
        fig = go.Figure(fig)
    return fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
