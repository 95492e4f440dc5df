"""A real server (werkzeug in a thread, real SQLite file) and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from survey.db import get_store
from survey.demo import load_demo
from tests.conftest import make_app

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
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str | None:
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "Chromium is missing: on CI this is a failure, not a skip "
                "(apt-get install -y chromium)"
            )
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("live"), TESTING=False)
    with app.app_context():
        load_demo(get_store(), app.extensions["instrument"], councils=6, respondents=8, seed=1)
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
