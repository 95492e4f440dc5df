"""A locked database and a full disk: a clear message, the answers back on the page,
nothing lost, and a retry that saves exactly once."""

from __future__ import annotations

import sqlite3

import pytest
from bs4 import BeautifulSoup

from tests.conftest import make_app


@pytest.fixture
def respondent(tmp_path):
    def make(**config):
        app = make_app(tmp_path, WTF_CSRF_ENABLED=False, **config)
        client = app.test_client()
        from survey.db import get_store

        with app.app_context():
            token = get_store().create_invitations("r2026", "E07900001", 1)[0]
        assert client.get(f"/i/{token}").status_code == 302
        return app, client

    return make


def trust_answers(app, value="4"):
    page = app.extensions["sections"][(1, "en")][0]
    return page, {q.id: value for q in page.questions}


def checked(response) -> dict[str, str]:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {i["name"]: i["value"] for i in page.select("input[type=radio][checked]")}


def answer_rows(app) -> int:
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_a_locked_database_gives_503_with_the_answers_kept_and_a_retry_saves_once(respondent):
    app, client = respondent(BUSY_TIMEOUT_MS=200)
    page, answers = trust_answers(app)
    blocker = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # holds the write lock past the busy timeout
    try:
        response = client.post(f"/section/{page.slug}", data=answers)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert html.title.get_text().startswith("Error: ")
    assert "very busy" in html.find(class_="govuk-error-summary").get_text()
    assert checked(response) == answers  # everything they chose is still selected
    assert answer_rows(app) == 0

    retry = client.post(f"/section/{page.slug}", data=answers)
    assert retry.status_code == 302
    again = client.post(f"/section/{page.slug}", data=answers)  # a double click
    assert again.status_code == 302
    assert answer_rows(app) == len(answers)


def test_a_full_disk_keeps_the_answers_on_the_page_and_earlier_data_intact(respondent):
    app, client = respondent()
    page, answers = trust_answers(app)
    assert client.post(f"/section/{page.slug}", data=answers).status_code == 302
    before = answer_rows(app)
    conn = sqlite3.connect(app.config["DATABASE"])
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    app.config["DATABASE_MAX_PAGES"] = pages  # no room for anything more
    comments = app.extensions["sections"][(1, "en")][-1]
    long_text = {q.id: "Our joint working. " * 100 for q in comments.questions}
    response = client.post(f"/section/{comments.slug}", data=long_text)
    assert response.status_code == 507
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "run out of storage" in html.find(class_="govuk-error-summary").get_text()
    textareas = [t.get_text() for t in html.find_all("textarea")]
    assert textareas and all(t.strip().startswith("Our joint working.") for t in textareas)
    assert "Traceback" not in response.get_data(as_text=True)
    assert answer_rows(app) == before
    app.config["DATABASE_MAX_PAGES"] = None
    assert client.post(f"/section/{comments.slug}", data=long_text).status_code == 302


def test_other_pages_say_the_service_is_busy_without_a_stack_trace(respondent):
    app, client = respondent(BUSY_TIMEOUT_MS=100)
    blocker = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        # A failed sign-in records the attempt (a write), which has to wait.
        response = client.post("/sign-in", data={"email": "a@example.org", "password": "x" * 12})
        api = client.post("/api/v1/rounds")  # for comparison: no write, plain 405
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(app.config["RETRY_AFTER_SECONDS"])
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.h1.get_text(strip=True) == "Sorry, the service is busy"
    assert "Traceback" not in response.get_data(as_text=True)
    assert api.status_code == 405
