"""`collab report ...` and `collab reports build`, and the PDF downloads."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import reports.batch
from reports.batch import Estimate
from survey.cli import main
from survey.demo import load_demo
from tests.conftest import add_staff, sign_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(app, store, instrument):
    load_demo(store, instrument, councils=6, respondents=6, seed=2)
    add_staff(store)
    return store


def test_report_commands_write_pdfs(runner, demo, tmp_path):
    for kind, args in (
        ("council", ["E07900001", "--round", "demo-2026"]),
        ("workshop", ["E07900001", "--round", "demo-2026", "--large-print"]),
        ("council", ["E07900001", "--round", "demo-2026", "--lang", "cy"]),
        ("workshop", ["E07900001", "--round", "demo-2026", "--lang", "cy"]),
        ("national", ["--round", "demo-2026"]),
    ):
        out = tmp_path / f"{kind}.pdf"
        result = runner.invoke(main, ["report", kind, *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        reader = PdfReader(out)
        assert len(reader.pages) >= 3
        assert reader.trailer["/Root"]["/Lang"] == ("cy" if "cy" in args else "en-GB")
        assert not (tmp_path / f"{kind}.pdf.part").exists()


def test_no_report_below_the_threshold_and_the_command_says_why(runner, demo, tmp_path):
    out = tmp_path / "x.pdf"
    result = runner.invoke(
        main, ["report", "council", "E07900003", "--round", "demo-2026", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "No report: Dunholme has 3 responses" in result.output and not out.exists()
    unknown = runner.invoke(
        main, ["report", "council", "E07999999", "--round", "demo-2026", "-o", str(out)]
    )
    assert unknown.exit_code == 1 and "No council with GSS code" in unknown.output


def test_reports_build_makes_every_eligible_report_and_reports_failures(
    runner, demo, tmp_path, monkeypatch
):
    real = reports.batch.council_report

    def sometimes(data, fetcher=None):
        if data.council["gss"] == "E08900001":
            raise RuntimeError("chart server stopped")
        return real(data, fetcher)

    monkeypatch.setattr(reports.batch, "council_report", sometimes)
    out = tmp_path / "all"
    result = runner.invoke(
        main, ["reports", "build", "--round", "demo-2026", "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 1
    assert "5 councils have enough responses; 1 have fewer than 5" in result.output
    assert "no report: Dunholme (E07900003)" in result.output
    assert "FAILED: E08900001: RuntimeError: chart server stopped" in result.output
    assert "1 of 5 reports failed" in result.output
    made = sorted(p.name for p in out.glob("*.pdf"))
    assert len(made) == 4 and not list(out.glob("*.part"))
    # Not a terminal: one plain line a report (council, pages, seconds), then a summary.
    lines = result.output.splitlines()
    for path in out.glob("*.pdf"):
        gss = path.name.split("-")[2]
        line = next(line for line in lines if line.startswith(f"{gss} "))
        pages = len(PdfReader(path).pages)
        assert re.fullmatch(rf"{gss} .+: {pages} pages, \d+\.\d s", line), line
    assert any(
        re.fullmatch(
            r"E08900001 .+: FAILED \(RuntimeError: chart server stopped\), \d+\.\d s", line
        )
        for line in lines
    )
    assert re.search(
        rf"^4 reports written to {re.escape(str(out))} in \d+\.\d s\.$", result.output, re.M
    )
    assert "Reports:" not in result.output  # no progress line rewritten in place


def test_the_time_left_follows_the_rate_measured_after_the_first_report():
    """Five reports; the first done at 10 s (the workers' start-up), the next at 12 and
    14: two reports in 4 s, so the two left take 4 s more, not 2 x 14 / 3."""
    now = [0.0]
    estimate = Estimate(5, clock=lambda: now[0])
    assert estimate.seconds_left() is None
    for at in (10.0, 12.0, 14.0):
        now[0] = at
        estimate.record()
    assert estimate.seconds_left() == pytest.approx(4.0)
    now[0] = 20.0  # slower now: the estimate follows
    assert estimate.seconds_left() == pytest.approx(10.0)


def test_a_written_report_never_ends_with_a_traceback(tmp_path):
    """The real command in its own process, several times: kaleido's Chromium used to
    have its profile deleted under it at exit, now and then ("Directory not empty")."""
    env = {
        **os.environ,
        "COLLAB_DATABASE": str(tmp_path / "c.sqlite"),
        "COLLAB_SECRET_KEY": "test-secret-key-not-for-production",
        "PYTHONPATH": str(ROOT),
    }
    collab = [sys.executable, "-c", "from survey.cli import main; main()"]
    for command in (["init-db"], ["demo", "--councils", "4", "--respondents", "6"]):
        subprocess.run([*collab, *command], env=env, check=True, capture_output=True)
    for run in range(6):
        out = tmp_path / f"workshop-{run}.pdf"
        done = subprocess.run(
            [*collab, "report", "workshop", "E07900001", "--round", "demo-2026", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Wrote ") and out.exists()
        assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr


def test_downloads_are_pdfs_and_audited(client, demo):
    sign_in(client, "lead")
    response = client.get("/results/demo-2026/E07900001/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert "Ashcombe Vale" in reader.pages[0].extract_text()
    again = client.get("/results/demo-2026/E07900001/report.pdf")
    assert again.data == response.data  # served from the cache
    below = client.get("/results/demo-2026/E07900001/workshop.pdf?large_print=1")
    assert below.status_code == 200
    welsh = client.get("/results/demo-2026/E07900001/report.pdf?lang=cy")
    assert welsh.status_code == 200 and welsh.data != response.data
    assert "-cy.pdf" in welsh.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(welsh.data))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert "Adroddiad meincnodi cydweithio" in reader.pages[0].extract_text()
    assert [e["event"] for e in demo.audit_events(5)][:4] == ["report-download"] * 4
