"""The print legibility rule for charts, checked on the PDF as printed.

WeasyPrint draws each chart's SVG into the page as real text and shapes, and marks what
it draws for an ``<img>`` as part of a ``Figure`` in the structure tree. So the chart text
on a page is the characters tagged ``Figure``, at the size they were placed at. pdfplumber
reads them back with their size in points, whether they are upright, their colour and
their box; the filled rectangles behind them (bars, cells, swatches) come with their
colour. The rule (issue 18):

- no chart text under ``min_pt`` at printed size (8 pt; 12 pt in large print);
- no rotated text;
- text on a fill meets 4.5:1 contrast with that fill;
- no two characters overprint each other (two labels colliding).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

from reports.print_charts import contrast as wcag_contrast
from tests.reports.printed import overlapping

MIN_CONTRAST = 4.5
# Glyph boxes of neighbouring letters touch or overlap slightly (kerning, italic); two
# labels drawn over each other overlap by far more than this share of the smaller box.
OVERLAP_SHARE = 0.3


@dataclass(frozen=True)
class Problem:
    page: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.text!r}"


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(255 * float(c)):02x}" for c in rgb)


def contrast(a, b) -> float:
    """WCAG contrast of two RGB colours given as 0-1 floats (the PDF's colours)."""
    return wcag_contrast(_hex(a), _hex(b))


def _rgb(colour):
    """pdfplumber's colour (grey, RGB or CMYK tuple, or a number) as RGB, or None."""
    if colour is None:
        return None
    if isinstance(colour, int | float):
        return (colour,) * 3
    colour = tuple(colour)
    if len(colour) == 1:
        return colour * 3
    if len(colour) == 3:
        return colour
    if len(colour) == 4:
        c, m, y, k = colour
        return tuple((1 - x) * (1 - k) for x in (c, m, y))
    return None


def _words(chars) -> str:
    return "".join(c["text"] for c in chars)[:60]


def _fill_behind(char, fills):
    """The smallest filled rectangle under the middle of a character (the bar or cell
    it is written on), or None when it sits on the page itself."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    under = [f for f in fills if f["x0"] <= x <= f["x1"] and f["top"] <= y <= f["bottom"]]
    if not under:
        return None
    return min(under, key=lambda f: (f["x1"] - f["x0"]) * (f["bottom"] - f["top"]))


def chart_chars(page):
    return [c for c in page.chars if c.get("tag") == "Figure" and c["text"].strip()]


def page_problems(page, number: int, min_pt: float) -> list[Problem]:
    chars = chart_chars(page)
    problems: list[Problem] = []
    small = [c for c in chars if c["size"] < min_pt - 0.05]
    if small:
        sizes = sorted({round(c["size"], 1) for c in small})
        problems.append(Problem(number, f"text under {min_pt} pt ({sizes})", _words(small)))
    rotated = [c for c in chars if not c["upright"]]
    if rotated:
        problems.append(Problem(number, "rotated text", _words(rotated)))
    fills = [
        r
        for r in page.rects
        if r.get("fill") and r.get("tag") == "Figure" and _rgb(r["non_stroking_color"])
    ]
    low = []
    for c in chars:
        behind = _fill_behind(c, fills)
        fg = _rgb(c["non_stroking_color"])
        if behind is None or fg is None:
            continue
        if contrast(fg, _rgb(behind["non_stroking_color"])) < MIN_CONTRAST:
            low.append(c)
    if low:
        problems.append(Problem(number, "text on a fill under 4.5:1 contrast", _words(low)))
    collided = overlapping(chars, OVERLAP_SHARE)
    if collided:
        problems.append(Problem(number, "labels overprint", " ".join(map("/".join, collided))))
    return problems


def chart_problems(pdf: bytes, min_pt: float = 8.0) -> list[Problem]:
    """Every breach of the rule in a PDF's charts, page by page (empty when legible)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        problems = []
        for number, page in enumerate(document.pages, start=1):
            problems.extend(page_problems(page, number, min_pt))
        return problems


def chart_text_count(pdf: bytes) -> int:
    """How many characters of chart text the PDF has (so a test knows it looked)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return sum(len(chart_chars(page)) for page in document.pages)
