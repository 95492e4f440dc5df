"""Charts drawn for print at the size they are placed: the workshop pack's answer bars and
the partnership report's members chart.

Each chart is drawn ``width`` SVG units wide and placed ``width`` points wide on the page
(the template sets the image's width in pt), so a font size in the figure is its printed
size in points: printed size = font size x placed width / viewBox width. The rules the
reports keep (issue 18): no chart text under 8 pt (12 pt in large print), none rotated,
text on a dark fill at least 4.5:1, and no two labels overlapping; a number goes inside
a bar only where it fits.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from reports.document_charts import ANSWER_COLOURS
from scoring.statements import AGREEMENT_VALUES, StatementSpread

# The A4 text block between 18 mm margins: 174 mm.
TEXT_WIDTH_PT = 493
# Chart text in points at printed size: normal and large print.
CHART_FONT_PT = {False: 10, True: 14}
INK = "#0b0c0c"
PAPER = "#ffffff"
FONT = "DejaVu Sans, Arial, sans-serif"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return INK if contrast(INK, fill) >= contrast(PAPER, fill) else PAPER


def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width in DejaVu Sans at ``size`` (its digits
    and % are about 0.64 and 0.95 em wide)."""
    return sum(0.95 if ch == "%" else 0.66 for ch in text) * size


def answer_bar(
    spread: StatementSpread, scale, large_print: bool = False, width: int = TEXT_WIDTH_PT
) -> dict:
    """One stacked bar: the share of people on the scale giving each answer, as worded
    (Don't know left out, as in the split rule), strongly disagree on the left. Each
    share is written in its segment where it fits; the words under the chart give every
    figure, so a share too narrow to label is never lost."""
    font = CHART_FONT_PT[large_print]
    names = {option.value: option.label for option in scale}
    height = round(font * 3.2)
    traces = []
    for value in AGREEMENT_VALUES:
        share = spread.side((value,)) or 0
        label = f"{round(100 * share)}%"
        fits = share * width >= text_width(label, font) + 4
        fill = ANSWER_COLOURS[value]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [""],
                "x": [100 * share],
                "name": names[value],
                "marker": {"color": fill, "line": {"color": "#505a5f", "width": 0.5}},
                "text": [label if fits and share > 0 else ""],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textangle": 0,
                "constraintext": "none",
                "textfont": {"size": font, "color": text_colour(fill), "family": FONT},
                "hoverinfo": "skip",
            }
        )
    return {
        "data": traces,
        "layout": {
            "barmode": "stack",
            "font": {"family": FONT, "size": font, "color": INK},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": height,
            "width": width,
            "bargap": 0.08,
            "showlegend": False,
            "plot_bgcolor": PAPER,
            "paper_bgcolor": PAPER,
            "xaxis": {"range": [0, 100], "visible": False, "fixedrange": True},
            "yaxis": {"visible": False, "fixedrange": True},
            "uniformtext": {"mode": False},
        },
    }


def sized_for_print(figure: Mapping, large_print: bool = False) -> dict:
    """A copy of a document figure (a dict) with every font at the print size, for a
    chart placed :data:`TEXT_WIDTH_PT` points wide."""
    font = CHART_FONT_PT[large_print]
    fig = copy.deepcopy(dict(figure))
    layout = fig.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "size": font, "family": FONT}
    layout["width"] = TEXT_WIDTH_PT
    layout["height"] = round(layout.get("height", 400) * font / 12)
    legend = layout.get("legend")
    if legend is not None:
        layout["legend"] = {**legend, "font": {"size": font}}
    for axis in ("xaxis", "yaxis"):
        spec = layout.setdefault(axis, {})
        spec["tickangle"] = 0
        spec["tickfont"] = {"size": font}
        title = spec.get("title")
        if isinstance(title, Mapping):
            spec["title"] = {**title, "font": {"size": font}}
    for trace in fig.get("data", []):
        marker = trace.get("marker")
        if marker and "size" in marker:
            trace["marker"] = {**marker, "size": round(marker["size"] * font / 12)}
    return fig
