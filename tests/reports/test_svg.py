"""Charts for the PDFs: kaleido's browser kept between charts draws the same SVG as a
fresh page, and the print simplification draws the same picture in WeasyPrint."""

from __future__ import annotations

import base64
import io
import os
import re
import signal
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from reports import svg

SVG = "{http://www.w3.org/2000/svg}"


def stacked(title: str, values: list[float]) -> dict:
    """A figure like the reports' answer charts: stacked bars with text, a legend below,
    and an annotation."""
    names = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
    share = [v / sum(values) * 100 for v in values]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": ["T1", "T2"],
                "x": [share[i], share[-1 - i]],
                "name": names[i],
                "text": [f"{share[i]:.0f}", f"{share[-1 - i]:.0f}"],
                "textposition": "inside",
                "marker": {"color": colour, "line": {"color": "#505a5f", "width": 0.5}},
            }
            for i, colour in enumerate(["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"])
        ],
        "layout": {
            "barmode": "stack",
            "height": 220,
            "margin": {"l": 40, "r": 10, "t": 30, "b": 60},
            "legend": {"orientation": "h", "y": -0.3},
            "annotations": [{"text": title, "x": 0, "y": 1.15, "xref": "paper", "yref": "paper"}],
        },
    }


FIRST = (stacked("First chart", [3, 5, 8, 13, 21]), 600)
SECOND = (stacked("Second chart", [21, 1, 1, 2, 30]), 500)


def pdf_page_stream(document: bytes) -> bytes:
    """What WeasyPrint draws for an SVG: the content stream of a one-page PDF holding it."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(document).decode("ascii")
    html = f'<html lang="en"><title>t</title><body><img alt="c" src="{uri}"></body></html>'
    reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    return reader.pages[0].get_contents().get_data()


@pytest.fixture(scope="module")
def drawn():
    """The first chart from the browser, then the second, then the first again."""
    return svg.plotly_svgs([FIRST, SECOND, FIRST])


def without_uid(document: bytes) -> str:
    """The drawing in canonical XML (attributes in order), with the random id plotly gives
    each drawing's clip paths and layers replaced: the rest is deterministic."""
    uid = re.search(rb'id="defs-([0-9a-f]+)"', document).group(1)
    return ET.canonicalize(document.replace(uid, b"UID").decode("utf-8"))


def test_a_chart_drawn_after_another_is_the_same_as_from_a_fresh_page(drawn):
    first, second, first_again = map(without_uid, drawn)
    assert first != second
    assert first_again == first
    svg.stop()
    (fresh,) = svg.plotly_svgs([FIRST])
    assert without_uid(fresh) == first


def test_the_tab_is_reloaded_every_so_many_charts(monkeypatch):
    svg.stop()
    monkeypatch.setattr(svg, "RELOAD_EVERY", 2)
    svg.plotly_svgs([FIRST, SECOND, FIRST, SECOND, FIRST])
    browser = svg._renderer.kaleido
    assert (browser.renders, browser.reloads) == (5, 2)
    svg.stop()


def test_for_print_draws_the_same_picture_in_weasyprint(drawn, monkeypatch):
    raw = drawn[0]
    # Without removing the legend's click targets and the shapes that paint nothing,
    # WeasyPrint draws exactly the same.
    monkeypatch.setattr(svg, "INTERACTIVE_ONLY", ())
    monkeypatch.setattr(svg, "_paints_nothing", lambda element: False)
    assert pdf_page_stream(svg.for_print(raw)) == pdf_page_stream(raw)
    # The shapes it drops for painting nothing have no visible fill or stroke.
    dropped = [
        e
        for e in ET.fromstring(raw).iter()
        if e.tag in (f"{SVG}rect", f"{SVG}path")
        and "fill-opacity: 0;" in e.get("style", "")
        and ("stroke-opacity: 0;" in e.get("style", "") or "stroke" not in e.get("style", ""))
    ]
    assert dropped
    # The click targets it does remove are fully transparent.
    targets = [e for e in ET.fromstring(raw).iter() if "legendtoggle" in e.get("class", "").split()]
    assert len(targets) == 5
    assert all("fill-opacity: 0;" in e.get("style") for e in targets)


def test_for_print_keeps_every_text_and_shape_and_drops_styles_and_empty_groups(drawn):
    raw, printed = ET.fromstring(drawn[0]), ET.fromstring(svg.for_print(drawn[0]))
    assert printed.tag == f"{SVG}svg"

    def texts(root):
        return [e.text for e in root.iter(f"{SVG}text")]

    def shapes(root):
        return [(e.tag, e.get("d")) for e in root.iter() if e.tag in (f"{SVG}path", f"{SVG}rect")]

    assert texts(printed) == texts(raw)
    assert "First chart" in texts(printed) and "Strongly agree" in texts(printed)
    invisible = [
        e
        for e in raw.iter()
        if e.tag in (f"{SVG}path", f"{SVG}rect") and svg._paints_nothing(_as_attributes(e))
    ]
    assert invisible
    assert len(shapes(printed)) == len(shapes(raw)) - len(invisible)
    assert not [e for e in printed.iter() if "style" in e.attrib]
    assert not [e for e in printed.iter(f"{SVG}g") if len(e) == 0]
    assert sum(1 for _ in printed.iter()) < 0.85 * sum(1 for _ in raw.iter())


def _as_attributes(element):
    """A copy of a raw plotly element with its style declarations as attributes (what
    for_print looks at)."""
    copy = ET.Element(element.tag.removeprefix(SVG), dict(element.attrib))
    for declaration in copy.attrib.pop("style", "").split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            copy.set(name.strip(), value.strip())
    return copy


def test_a_style_declaration_wins_over_the_attribute_it_replaces():
    document = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<rect fill="red" stroke="blue" style="fill: rgb(0, 0, 0); fill-opacity: 0.5;'
        b' font-family: \'Segoe UI\', Arial" width="5" height="5"/>'
        b'<g class="empty"><g/></g><text style="white-space: pre;">a</text></svg>'
    )
    root = ET.fromstring(svg.for_print(document))
    rect = root.find(f"{SVG}rect")
    assert rect.attrib == {
        "fill": "rgb(0, 0, 0)",
        "stroke": "blue",
        "fill-opacity": "0.5",
        "font-family": "'Segoe UI', Arial",
        "width": "5",
        "height": "5",
    }
    assert [e.tag for e in root] == [f"{SVG}rect", f"{SVG}text"]
    assert root.find(f"{SVG}text").attrib == {"white-space": "pre"}


def test_a_dead_browser_fails_one_call_and_is_replaced_on_the_next():
    svg.plotly_svgs([FIRST])
    os.kill(svg._renderer.kaleido.subprocess.pid, signal.SIGKILL)
    with pytest.raises(Exception):  # noqa: B017 - whatever kaleido raises for a dead browser
        svg.plotly_svgs([FIRST])
    assert svg._renderer is None
    (again,) = svg.plotly_svgs([FIRST])
    assert without_uid(again) == without_uid(svg.plotly_svgs([FIRST])[0])
    svg.stop()
