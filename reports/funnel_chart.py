"""The funnel plot: each council's collaboration index against its number of respondents,
with the over-dispersed 95% and 99.8% limits, and the councils outside them named
without their labels colliding."""

from __future__ import annotations

import plotly.graph_objects as go

from reports.benchmark_charts import LIMIT_COLOUR, PEER_COLOUR, apply_layout, whole_figure
from reports.charts import COUNCIL_COLOUR
from scoring.benchmark import Z95, Z998
from scoring.national import INDEX, RoundResults


def funnel_plot(results: RoundResults):
    """Index against n, with 95% and 99.8% limits; councils outside them named."""
    fun = results.funnels.get(INDEX)
    rows = results.passing()
    fig = go.Figure()
    if fun and rows:
        most = max(r.league_n for r in rows)
        ns = list(range(max(2, min(r.league_n for r in rows) - 1), most + 3))
        for z, name, dash in ((Z95, "95% limits", "dash"), (Z998, "99.8% limits", "dot")):
            for side in (0, 1):
                fig.add_trace(
                    go.Scatter(
                        x=ns,
                        y=[fun.limits(n, z)[side] for n in ns],
                        mode="lines",
                        line={"color": LIMIT_COLOUR, "dash": dash, "width": 1.5},
                        name=name,
                        showlegend=side == 0,
                        hoverinfo="skip",
                    )
                )
        fig.add_hline(y=fun.target, line={"color": LIMIT_COLOUR, "width": 1})
    outside = [r for r in rows if r.funnel in ("above", "below")]
    inside = [r for r in rows if r not in outside]
    fig.add_trace(
        go.Scatter(
            x=[r.league_n for r in inside],
            y=[r.value(INDEX) for r in inside],
            mode="markers",
            marker={"symbol": "circle", "size": 9, "color": COUNCIL_COLOUR},
            name="Council",
            text=[r.council["name"] for r in inside],
            hovertemplate="%{text}: %{y:.0f} (n=%{x})<extra></extra>",
        )
    )
    annotations = [
        {
            "text": "Collaboration index",
            "x": 0,
            "xref": "paper",
            "y": 1,
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
        }
    ]
    if outside:
        fig.add_trace(
            go.Scatter(
                x=[r.league_n for r in outside],
                y=[r.value(INDEX) for r in outside],
                mode="markers",
                marker={"symbol": "triangle-up", "size": 12, "color": PEER_COLOUR,
                        "line": {"color": "#0b0c0c", "width": 1}},
                name="Outside the 99.8% limits",
            )
        )  # fmt: skip
        span = (min(r.league_n for r in rows) - 1, max(r.league_n for r in rows) + 3)
        annotations += funnel_labels(
            [(r.council["name"], r.league_n, r.value(INDEX)) for r in outside], span
        )
    fig.update_xaxes(title="Respondents (n)", gridcolor="#dddddd")
    fig.update_yaxes(range=[0, 100], gridcolor="#dddddd")
    apply_layout(fig, FUNNEL_HEIGHT, annotations=annotations)
    return fig.update_layout(margin=FUNNEL_MARGIN)


FUNNEL_HEIGHT = 460
FUNNEL_WIDTH = 760
FUNNEL_MARGIN = {"l": 40, "r": 10, "t": 30, "b": 40}


def funnel_labels(points, x_span, size: int = 14) -> list[dict]:
    """Names for the councils outside the limits, placed so that no two overlap.

    Each label goes to the right of its marker (left when it would run off the plot),
    and moves down, then up, a line at a time until its box (estimated from its letters:
    0.6 em each, 1.3 em high) clears every label placed before it and the markers; a
    thin line joins a moved label to its marker. Plotly has no collision avoidance for
    annotations, so this greedy placement is written here."""
    width = FUNNEL_WIDTH - FUNNEL_MARGIN["l"] - FUNNEL_MARGIN["r"]
    height = FUNNEL_HEIGHT - FUNNEL_MARGIN["t"] - FUNNEL_MARGIN["b"] - 60  # legend
    low, high = x_span

    def pixel(n, value):
        return (n - low) / (high - low) * width, (1 - value / 100) * height

    line = 1.3 * size
    markers = [pixel(n, v) for _, n, v in points]
    taken = [(x - 7, y - 7, x + 7, y + 7) for x, y in markers]
    labels = []
    for (name, n, value), (x, y) in sorted(
        zip(points, markers, strict=True), key=lambda pair: pair[1][1]
    ):
        w = 0.6 * size * len(name)
        right = x + 10 + w <= width
        for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
            cy = y + step * line
            x0 = x + 10 if right else x - 10 - w
            box = (x0, cy - line / 2, x0 + w, cy + line / 2)
            if all(
                box[2] <= t[0] or box[0] >= t[2] or box[3] <= t[1] or box[1] >= t[3] for t in taken
            ):
                break
        taken.append(box)
        labels.append(
            {
                "text": name,
                "x": n,
                "y": value,
                "ax": (box[0] + box[2]) / 2 - x,
                "ay": cy - y,
                "axref": "pixel",
                "ayref": "pixel",
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1,
                "arrowcolor": LIMIT_COLOUR,
                "standoff": 6,
            }
        )
    return labels


def funnel_alt(results: RoundResults) -> str:
    fun = results.funnels.get(INDEX)
    outside = [r for r in results.passing() if r.funnel in ("above", "below")]
    if not fun:
        return "Funnel plot: not enough variation within councils to draw limits."
    named = ", ".join(f"{r.council['name']} ({r.funnel})" for r in outside) if outside else "none"
    return (
        f"Funnel plot of {len(results.passing())} councils' collaboration index against their "
        f"number of respondents, around the mean of councils, {whole_figure(fun.target)}. "
        f"Outside the 99.8% limits: {named}."
    )
