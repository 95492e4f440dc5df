"""Building many council reports in parallel processes, each with its own kaleido browser.

The parent gathers every council's input (a database read); the workers only render. The
pool forks after the inputs are ready and before any kaleido server starts in the parent,
so each worker starts its own Chromium once and reuses it for all its reports.
"""

from __future__ import annotations

import io
import multiprocessing
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from reports.documents import CouncilInput, council_report
from reports.svg import stop as stop_kaleido

_INPUTS: Sequence[CouncilInput] = ()
_OUT: Path = Path()


@dataclass(frozen=True)
class Built:
    """One council's report: where it went, or why it failed."""

    gss: str
    name: str
    error: str | None = None
    pages: int = 0
    seconds: float = 0.0


def _build_one(index: int) -> Built:
    data = _INPUTS[index]
    gss, name = data.council["gss"], data.council["name"]
    start = time.perf_counter()
    try:
        content = council_report(data)
        suffix = "-cy" if data.lang == "cy" else ""
        path = _OUT / f"collaboration-report-{gss}-{data.round['slug']}{suffix}.pdf"
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(content)
        temporary.replace(path)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        return Built(gss, name, None, pages, time.perf_counter() - start)
    except Exception as exc:  # one council's failure must not stop the batch
        detail = traceback.format_exception_only(exc)[-1].strip()
        return Built(gss, name, detail, 0, time.perf_counter() - start)


def build_reports(
    inputs: Sequence[CouncilInput], out_dir: Path, workers: int = 2
) -> Iterator[Built]:
    """Yield each council's :class:`Built` as its report is written to ``out_dir``."""
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


class Estimate:
    """Time left in a batch, from the rate measured so far. The clock starts when the
    first report is done, so the workers' start-up (each starts Chromium) does not count
    as the time a report takes; ``None`` until two reports have given a rate."""

    def __init__(self, total: int, clock=time.monotonic):
        self.total = total
        self.done = 0
        self.clock = clock
        self.first_at: float | None = None

    def record(self) -> None:
        self.done += 1
        if self.first_at is None:
            self.first_at = self.clock()

    def seconds_left(self) -> float | None:
        if self.first_at is None or self.done < 2:
            return None
        rate = (self.done - 1) / max(self.clock() - self.first_at, 1e-9)  # reports a second
        return (self.total - self.done) / rate
