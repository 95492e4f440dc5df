"""A non-editable install finds its templates, instrument and static files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCE = (
    ".git", ".venv", "node_modules", "build", "dist", "*.egg-info", "__pycache__",
    ".hypothesis", ".pytest_cache", ".ruff_cache", "instance", "evidence",
)  # fmt: skip

CHECK = textwrap.dedent("""
    import json, sys
    import survey, scoring.instrument
    import survey.cli, survey.store, survey.views
    from survey import create_app
    app = create_app({"DATABASE": sys.argv[1], "SECRET_KEY": "x" * 32})
    client = app.test_client()
    print(json.dumps({
        "survey": survey.__file__,
        "subpackages": [survey.cli.__file__, survey.store.__file__, survey.views.__file__],
        "instrument": app.config["INSTRUMENT"],
        "home": client.get("/").status_code,
        "css": client.get("/static/govuk/govuk-frontend.min.css").status_code,
        "app_css": client.get("/static/app.css").status_code,
        "plotly": client.get("/scripts/plotly.min.js").status_code,
        "factors": len(app.extensions["instruments"].get(1).factors),
    }))
""")


@pytest.mark.slow
def test_installed_package_finds_its_files(tmp_path):
    if not (ROOT / "survey" / "static" / "govuk" / "govuk-frontend.min.css").exists():
        pytest.fail("GOV.UK Frontend assets are missing: run `make assets` first")
    target = tmp_path / "site"
    # From a copy of the source: setuptools reuses an in-tree build/ folder, whose stale
    # files (a module since turned into a package) would be installed too.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
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
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    # -S: no site processing, so the virtualenv's editable install (a .pth hook that finds
    # modules in the checkout) cannot stand in for a file the package left out.
    dependencies = sysconfig.get_paths()["purelib"]
    result = subprocess.run(
        [sys.executable, "-S", "-c", CHECK, str(tmp_path / "db.sqlite")],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{target}:{dependencies}", "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["survey"].startswith(str(target)), report
    assert all(path.startswith(str(target)) for path in report["subpackages"]), report
    assert report["instrument"].startswith(str(target)), report
    assert (report["home"], report["css"], report["app_css"], report["plotly"]) == (
        200,
        200,
        200,
        200,
    ), report
    assert report["factors"] == 5
