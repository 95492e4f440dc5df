"""Building many council reports in parallel processes, each with its own kaleido browser.

The parent gathers every council's input (a database read); the workers only render. The
pool forks after the inputs are ready and before any kaleido server starts in the parent,
so each worker starts its own Chromium once and reuses it for all its reports.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from reports.documents import CouncilInput, council_report
from reports.svg import stop as stop_kaleido

_INPUTS: Sequence[CouncilInput] = ()
_OUT: Path = Path()


def _build_one(index: int) -> tuple[str, str | None]:
    data = _INPUTS[index]
    gss = data.council["gss"]
    try:
        content = council_report(data)
        suffix = "-cy" if data.lang == "cy" else ""
        path = _OUT / f"collaboration-report-{gss}-{data.round['slug']}{suffix}.pdf"
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(content)
        temporary.replace(path)
        return gss, None
    except Exception as exc:  # one council's failure must not stop the batch
        detail = traceback.format_exception_only(exc)[-1].strip()
        return gss, detail


def build_reports(
    inputs: Sequence[CouncilInput], out_dir: Path, workers: int = 2
) -> Iterator[tuple[str, str | None]]:
    """Yield (GSS code, error or None) as each report is written to ``out_dir``."""
    global _INPUTS, _OUT
    _INPUTS, _OUT = inputs, out_dir
    if workers <= 1 or len(inputs) <= 1:
        for index in range(len(inputs)):
            yield _build_one(index)
        return
    stop_kaleido()  # a running Chromium must not be shared across a fork
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap_unordered(_build_one, range(len(inputs)))
