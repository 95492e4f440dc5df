"""Council reports: seconds per report once warm, one whole `collab report council`
process, and a batch through `reports build`.

    .venv/bin/python bench/reports.py [--batch 50] [--respondents 30] [--workers 2]

Baseline, measured in the same run: WeasyPrint rendering a plain page of the same size
with no charts, to show what the charts and layout add. Baseline and report alternate
``--repeat`` times; the ratio is the median of the pairs' ratios. The batch is
``--batch`` councils with reports, through ``reports build``
(the demo adds one more council, below the threshold). The whole process is what one
person waits for at the command line: Python and the app starting, the database read,
Chromium starting for the charts, the report, and the exit; the median of ``--processes``
runs. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
# Run as a script, this file's folder comes first on sys.path, and this file's name would
# hide the `reports` package; drop the folder.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--processes", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    env = {**os.environ, "COLLAB_DATABASE": str(folder / "reports.sqlite")}
    subprocess.run(
        [
            BIN / "collab",
            "demo",
            "--councils",
            str(args.batch + 1),
            "--respondents",
            str(args.respondents),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ["COLLAB_DATABASE"] = env["COLLAB_DATABASE"]
    from reports.documents import council_report
    from reports.pdf import write_pdf
    from survey import create_app
    from survey.db import get_store
    from survey.inputs import council_input

    app = create_app()
    versions = app.extensions["instruments"]
    with app.app_context():
        store = get_store()
        round_row = store.get_round("demo-2026")
        council = store.get_council("E07900001")
        start = time.perf_counter()
        council_report(
            council_input(store, versions, round_row, council, 5, public_min=10, with_plan=True)
        )
        cold = time.perf_counter() - start
        # Report and baseline alternate, so a change in the machine's speed during the
        # run (it varies by half on these VMs) moves both; the ratio is taken per pair.
        plain = "<html lang='en'><title>x</title><body>" + "<p>Text of a report.</p>" * 400
        write_pdf(plain + "</body></html>")
        times, plain_times = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            write_pdf(plain + "</body></html>")
            plain_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            pdf = council_report(
                council_input(store, versions, round_row, council, 5, public_min=10, with_plan=True)
            )
            times.append(time.perf_counter() - start)
        baseline = statistics.median(plain_times)
        ratio = statistics.median(r / b for r, b in zip(times, plain_times, strict=True))

    process_times = []
    for run in range(args.processes):
        start = time.perf_counter()
        subprocess.run(
            [
                BIN / "collab",
                "report",
                "council",
                "E07900001",
                "--round",
                "demo-2026",
                "-o",
                str(folder / f"council-{run}.pdf"),
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        process_times.append(time.perf_counter() - start)
    process = statistics.median(process_times)

    out = folder / "batch"
    start = time.perf_counter()
    subprocess.run(
        [
            BIN / "collab",
            "reports",
            "build",
            "--round",
            "demo-2026",
            "--out",
            str(out),
            "--workers",
            str(args.workers),
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    batch = time.perf_counter() - start
    made = len(list(out.glob("*.pdf")))

    warm = statistics.median(times)
    print(
        f"Council report: first {cold:.2f} s (starts Chromium), then median {warm:.2f} s "
        f"over {args.repeat} ({len(pdf) // 1024} KB)"
    )
    print(
        f"Baseline, WeasyPrint on a plain 400-paragraph page: {baseline:.2f} s; "
        f"report / baseline, median of the {args.repeat} pairs: {ratio:.1f}x"
    )
    print(
        f"One whole `collab report council` process: median {process:.2f} s over "
        f"{args.processes} (start-up, Chromium, report and exit)"
    )
    print(
        f"reports build, {made} councils, {args.workers} workers: {batch:.1f} s, "
        f"{made / batch * 60:.1f} reports a minute"
    )
    print(f"England's 317 councils at that rate: {317 / (made / batch) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
