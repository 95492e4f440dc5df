"""Plotly figures to SVG for the PDFs, through kaleido and Debian's Chromium.

One kaleido browser per process, started on first use and stopped at exit: starting
Chromium costs about 2 s. MathJax is off (it would load from a CDN) and plotly.js comes
from the installed plotly package, so nothing is fetched from the network.

Why not ``kaleido.start_sync_server``: kaleido reloads its tab after every chart, which
makes Chromium parse plotly.js (4.6 MB) again and cost about 0.15 s of a 0.19 s chart.
kaleido's page already purges each chart's plot when it has been drawn, so
:class:`_Kaleido` reloads only every ``RELOAD_EVERY`` charts, to bound what a long batch
could accumulate in the page. A chart drawn after other charts is the same SVG as from a
fresh page, apart from the random id plotly gives every drawing
(``tests/reports/test_svg.py``). The override is of one method, and kaleido is pinned
below 2 in setup.cfg.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import logging
import threading
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import kaleido
import plotly
import plotly.graph_objects as go

from reports.text import printable

logger = logging.getLogger(__name__)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
RELOAD_EVERY = 50
# A chart that takes longer than this has hung Chromium.
TIMEOUT_S = 60


class _Kaleido(kaleido.Kaleido):
    """kaleido, reloading its tab every ``RELOAD_EVERY`` charts instead of after each."""

    renders = 0
    reloads = 0

    async def _return_kaleido_tab(self, tab) -> None:
        self.renders += 1
        if self.renders % RELOAD_EVERY == 0:
            self.reloads += 1
            await tab.reload()
        await self.tabs_ready.put(tab)


class _Renderer:
    """A kaleido browser on an event loop in a daemon thread; calls come from any thread
    and are served one at a time (one tab: two measured no faster on 2 cores)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        self.kaleido: _Kaleido = self._call(self._open())
        # Opening the browser made its profile a TemporaryDirectory, whose clean-up is a
        # weakref finalizer that runs at exit through an atexit hook of its own, which
        # may have been registered only now. atexit runs the last registered first, so
        # unless ``stop`` is registered again after it, the profile is deleted while
        # Chromium still writes to it: "OSError: Directory not empty: 'Default'" after
        # a report was written (issue 18).
        atexit.unregister(stop)
        atexit.register(stop)

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT_S)

    @staticmethod
    async def _open() -> _Kaleido:
        browser = _Kaleido(n=1, mathjax=False, plotlyjs=str(PLOTLY_JS))
        await browser.open()
        return browser

    def svgs(self, figures: Sequence[tuple[go.Figure | dict, int]]) -> list[bytes]:
        async def draw_all():
            return [
                await self.kaleido.calc_fig(
                    fig, opts={"format": "svg", "width": width, "height": _height(fig)}
                )
                for fig, width in figures
            ]

        return self._call(draw_all())

    def close(self) -> None:
        try:
            self._call(self.kaleido.close())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(TIMEOUT_S)
            self.loop.close()


# Guards the renderer and lets one document's charts through at a time, from any thread.
_lock = threading.Lock()
_renderer: _Renderer | None = None


def stop() -> None:
    """Stop this process's kaleido browser (at exit, or before forking workers)."""
    global _renderer
    with _lock:
        if _renderer is not None:
            renderer, _renderer = _renderer, None
            renderer.close()


atexit.register(stop)


def _height(fig: go.Figure | dict) -> int:
    layout = fig["layout"] if isinstance(fig, dict) else fig.layout
    return layout["height"] or 400


def plotly_svgs(figures: Sequence[tuple[go.Figure | dict, int]]) -> list[bytes]:
    """Several figures (each with its width) as plotly draws them in SVG, in order.

    If drawing fails (Chromium died or hung), the error goes to the caller and the
    browser is replaced on the next call, so one failure does not fail every later
    report in a long-running process.
    """
    global _renderer
    with _lock:
        if _renderer is None:
            _renderer = _Renderer()
        try:
            return _renderer.svgs(figures)
        except Exception:
            broken, _renderer = _renderer, None
            try:
                broken.close()
            except Exception:  # already dead; nothing more to release
                logger.warning("kaleido browser did not close cleanly", exc_info=True)
            raise


def svgs(figures: Sequence[tuple[go.Figure | dict, int]]) -> list[bytes]:
    """Several figures (each with its width) as SVG documents for print, in order.

    Control characters in a label (a council name stored before the text rule) are
    written escaped: raw, they make the SVG unparseable XML."""
    return [
        for_print(printable(svg.decode("utf-8")).encode("utf-8")) for svg in plotly_svgs(figures)
    ]


SVG_NS = "http://www.w3.org/2000/svg"
# Transparent rectangles that catch clicks on the legend in a browser.
INTERACTIVE_ONLY = ("legendtoggle",)


def for_print(svg: bytes) -> bytes:
    """Plotly's SVG with what only a browser needs taken out, drawing the same picture.

    WeasyPrint spent about 0.6 s of a report on its 7 charts: a quarter of that parsing
    the CSS in each element's ``style`` attribute with tinycss2, and more walking about
    a hundred empty ``<g>`` layers per chart. So each ``style`` declaration becomes the
    SVG presentation attribute of the same name (what WeasyPrint does with it after
    parsing; a declaration in ``style`` wins over an attribute, as here), empty groups
    go, and so do the legend's click targets and shapes that paint nothing. Written here
    because it is these four rules on plotly's output, not general SVG optimisation
    (scour and the like rewrite paths and numbers too, more than the reports need to trust).
    """
    root = ET.fromstring(svg)
    _simplify(root)
    # SVG's namespace is written once, as the default (the tags lost it above), rather
    # than through ET.register_namespace: that registry is global, and importing
    # WeasyPrint resets it.
    root.set("xmlns", SVG_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _paints_nothing(element: ET.Element) -> bool:
    """A shape whose fill and stroke are both fully transparent (plotly's backgrounds
    for annotations and legends): it draws nothing, yet a PDF reader would see a black
    fill behind the text, as a PDF keeps the transparency apart from the colour."""
    if element.tag not in ("rect", "path"):
        return False
    nothing = ("none", "rgba(0,0,0,0)", "transparent")

    def invisible(paint: str, default: str) -> bool:
        colour = element.get(paint, default).replace(" ", "")
        return colour in nothing or element.get(f"{paint}-opacity", "1").strip() in ("0", "0.0")

    return invisible("fill", "black") and invisible("stroke", "none")  # SVG's defaults


def _simplify(element: ET.Element) -> None:
    element.tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
    style = element.attrib.pop("style", None)
    if style:
        for declaration in style.split(";"):
            name, colon, value = declaration.partition(":")
            if colon and name.strip():
                element.set(name.strip(), value.strip())
    for child in list(element):
        _simplify(child)
        classes = child.get("class", "").split()
        empty_group = child.tag == "g" and len(child) == 0
        if empty_group or _paints_nothing(child) or any(n in INTERACTIVE_ONLY for n in classes):
            element.remove(child)


def svg_data_uris(figures: Sequence[tuple[go.Figure | dict, int]]) -> list[str]:
    """Several figures (each with its width) as ``data:`` URIs for the report HTML."""
    return [
        "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        for svg in svgs(figures)
    ]
