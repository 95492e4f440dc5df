"""Plotly figures to SVG for the PDFs, through kaleido and Debian's Chromium.

One kaleido server per process, started on first use and stopped at exit: starting
Chromium costs about 2 s, each chart afterwards about 0.13 s. MathJax is off (it would
load from a CDN) and plotly.js comes from the installed plotly package, so nothing is
fetched from the network.
"""

from __future__ import annotations

import atexit
import base64
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import kaleido
import plotly
import plotly.graph_objects as go

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# One Chromium tab: two tabs measured no faster on 2 cores (docs/performance.md).
TABS = 1
_lock = threading.Lock()
_started = False


def _ensure_server() -> None:
    global _started
    with _lock:
        if not _started:
            kaleido.start_sync_server(
                n=1, mathjax=False, plotlyjs=str(PLOTLY_JS), silence_warnings=True
            )
            atexit.register(stop)
            _started = True


def stop() -> None:
    """Stop this process's kaleido server (at exit, or before forking workers)."""
    global _started
    with _lock:
        if _started:
            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


def _height(fig: go.Figure | dict) -> int:
    layout = fig["layout"] if isinstance(fig, dict) else fig.layout
    return layout["height"] or 400


def svg_data_uris(figures: Sequence[tuple[go.Figure | dict, int]]) -> list[str]:
    """Several figures (each with its width) at once, across the server's tabs."""
    _ensure_server()
    with tempfile.TemporaryDirectory(prefix="collab-charts-") as folder:
        jobs = [
            {
                "fig": fig,
                "path": str(Path(folder) / f"{number}.svg"),
                "opts": {"format": "svg", "width": width, "height": _height(fig)},
            }
            for number, (fig, width) in enumerate(figures)
        ]
        kaleido.write_fig_from_object_sync(jobs)
        return [
            "data:image/svg+xml;base64,"
            + base64.b64encode(Path(job["path"]).read_bytes()).decode("ascii")
            for job in jobs
        ]
