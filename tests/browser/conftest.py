"""A real server (werkzeug in a thread, real SQLite file) and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from survey.db import get_store
from survey.demo import load_demo
from tests.browser import checks
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Screenshots the tests take, for people to look at (git-ignored).
EVIDENCE = ROOT / "evidence" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = checks.WCAG_TAGS


def chromium_path() -> str | None:
    return shutil.which("chromium")


def _missing(what: str, install: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing: on CI this is a failure, not a skip ({install})")
    pytest.skip(f"{what} is not installed ({install})")


@pytest.fixture(scope="session", autouse=True)
def nu_checker():
    """The W3C Nu HTML checker (npm's vnu-jar) as a local web service, so that every page
    the browser tests check is validated without starting Java each time."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        _missing("Java or vnu-jar", "make test installs both")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            java, "-Xss1m", "-cp", str(VNU_JAR),
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "nu.validator.servlet.Main", str(port),
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the Nu HTML checker did not start")
            time.sleep(0.25)
    checks.VALIDATOR = checks.Validator(url)
    yield checks.VALIDATOR
    checks.VALIDATOR = None
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        _missing("Chromium", "apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("live"), TESTING=False)
    with app.app_context():
        # As `collab demo`: this year's round on the current questionnaire (version 2),
        # last year's on version 1, so the journey and the pages are checked on version 2
        # and the trend across versions is on the benchmark page.
        versions = app.extensions["instruments"]
        load_demo(
            get_store(),
            versions.latest(),
            councils=6,
            respondents=8,
            seed=1,
            previous=versions.get(1),
        )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = app.config["LIVE_URL"]  # links the pages show must work
    yield app
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    yield page
    context.close()
