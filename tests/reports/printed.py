"""What a PDF looks like on paper, read back with pdfplumber: text sizes and direction,
labels that overlap, how far down each page the content reaches, the boxes left for
writing, and the running header. Shared by the workshop pack and partnership report
tests; sizes are in points as printed (pdfplumber applies the text matrix, so a chart
SVG's font scaled to its placed width comes out at its printed size)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pdfplumber

A4_HEIGHT = 841.89
# The running header and footer sit in the top and bottom margins.
TOP_MARGIN = 55
BOTTOM_MARGIN = A4_HEIGHT - 50
ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ROOT / "evidence" / "reports"


def pages(pdf: bytes) -> list[dict]:
    """Each page's characters (in the text block and in the margins), drawn boxes and
    lowest content, as plain values."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            drawn = [*page.rects, *page.curves, *page.lines]
            body = [c for c in chars if TOP_MARGIN < c["top"] and c["bottom"] < BOTTOM_MARGIN]
            bottoms = [c["bottom"] for c in body] + [
                d["bottom"] for d in drawn if d["bottom"] < BOTTOM_MARGIN
            ]
            found.append(
                {
                    "chars": chars,
                    "body": body,
                    "header": [c for c in chars if c["bottom"] <= TOP_MARGIN],
                    "curves": page.curves,
                    "lowest": max(bottoms, default=TOP_MARGIN),
                }
            )
    return found


def text_of(pdf: bytes) -> str:
    """The PDF's text as one line, through pdftotext (pypdf splits kerned pairs such as
    "Ta" into two words)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8"))


def fill(page: dict) -> float:
    """How far down the text block the page's content reaches, 0 to 1."""
    return (page["lowest"] - TOP_MARGIN) / (BOTTOM_MARGIN - TOP_MARGIN)


def overlapping(chars: list[dict], tolerance: float = 0.25) -> list[tuple[str, str]]:
    """Pairs of characters whose boxes overlap by more than ``tolerance`` of the smaller
    one. Neighbours in the text (a kerned pair such as "Ta") are not counted: labels
    that collide are drawn apart, each its own run of text."""
    pairs = []
    indexed = sorted(enumerate(chars), key=lambda ic: ic[1]["x0"])
    for i, (at, one) in enumerate(indexed):
        for other_at, other in indexed[i + 1 :]:
            if other["x0"] >= one["x1"]:
                break
            if abs(other_at - at) == 1:
                continue
            width = min(one["x1"], other["x1"]) - max(one["x0"], other["x0"])
            height = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            if width <= 0 or height <= 0:
                continue
            smaller = min(
                (one["x1"] - one["x0"]) * (one["bottom"] - one["top"]),
                (other["x1"] - other["x0"]) * (other["bottom"] - other["top"]),
            )
            if smaller and width * height > tolerance * smaller:
                pairs.append((one["text"], other["text"]))
    return pairs


def writing_boxes(page: dict, min_width: float = 80, min_height: float = 30) -> list[float]:
    """Heights of the rounded boxes left for writing (each is drawn as two curves, its
    outer and inner edge: counted once)."""
    boxes = sorted(
        (c["top"], c["bottom"], c["x0"])
        for c in page["curves"]
        if c["x1"] - c["x0"] >= min_width and c["bottom"] - c["top"] >= min_height
    )
    heights: list[float] = []
    last = None
    for top, bottom, x0 in boxes:
        if last and abs(top - last[0]) < 3 and abs(x0 - last[2]) < 3:
            continue
        heights.append(bottom - top)
        last = (top, bottom, x0)
    return heights


def lines_of(chars: list[dict]) -> list[str]:
    """The characters as lines of text, top to bottom (one line per distinct top)."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    return [
        "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
        for _, row in sorted(rows.items())
    ]


def save_first_page(pdf: bytes, name: str, tmp_path: Path) -> Path:
    """Page 1 as a PNG under evidence/reports/ (git-ignored), through pdftoppm."""
    EVIDENCE.mkdir(parents=True, exist_ok=True)
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    target = EVIDENCE / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(target),
        ],
        check=True,
    )
    return target.with_suffix(".png")
