"""A non-editable install finds its templates, instrument and static files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent("""
    import json, sys
    import survey, scoring.instrument
    from survey import create_app
    app = create_app({"DATABASE": sys.argv[1], "SECRET_KEY": "x" * 32})
    client = app.test_client()
    print(json.dumps({
        "survey": survey.__file__,
        "instrument": app.config["INSTRUMENT"],
        "home": client.get("/").status_code,
        "css": client.get("/static/govuk/govuk-frontend.min.css").status_code,
        "app_css": client.get("/static/app.css").status_code,
        "plotly": client.get("/scripts/plotly.min.js").status_code,
        "factors": len(app.extensions["instrument"].factors),
    }))
""")


@pytest.mark.slow
def test_installed_package_finds_its_files(tmp_path):
    if not (ROOT / "survey" / "static" / "govuk" / "govuk-frontend.min.css").exists():
        pytest.fail("GOV.UK Frontend assets are missing: run `make assets` first")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "db.sqlite")],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["survey"].startswith(str(target)), report
    assert report["instrument"].startswith(str(target)), report
    assert (report["home"], report["css"], report["app_css"], report["plotly"]) == (
        200,
        200,
        200,
        200,
    ), report
    assert report["factors"] == 5
