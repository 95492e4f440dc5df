"""Hostile text in every user-controlled string is shown as text everywhere: pages, CSV,
JSON and PDF (asserted on parsed output), and spreadsheet formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from survey.cli import main
from tests.conftest import add_staff, complete_answers, sign_in

CORPUS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE answers; --",
    "\u202eevil right-to-left\u202c",
    "zero\u200bwidth\u200bjoin",
    "{{ 7 * 7 }} {% raw %}",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(A1:A9)",
    "@cmd|' /C calc'!A0",
    "Ωmega – ünïcödé 💥",
]
LONG = "long " * 400  # 2000 characters, the comment limit


@pytest.fixture
def hostile(app, store, instrument):
    add_staff(store)
    council = store.get_council("E07900001")
    store.upsert_councils([{**council, "name": CORPUS[0] + " Vale"}])
    people = []
    for i in range(6):
        answers = complete_answers(instrument)
        answers["comment_working_well"] = CORPUS[i % len(CORPUS)]
        answers["comment_change"] = CORPUS[(i + 6) % len(CORPUS)] if i < 4 else LONG.strip()
        people.append(answers)
    store.insert_submitted_responses("r2026", "E07900001", instrument.id, 1, people, "2026-10-01")
    return store


def text_of(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ")


def test_comments_and_names_are_text_on_the_results_page(client, hostile):
    sign_in(client, "lead")
    response = client.get("/results/r2026/E07900001")
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.h1.get_text() == CORPUS[0] + " Vale"
    shown = {li.get_text() for li in page.select(".app-comments li")}
    assert set(CORPUS) <= shown and LONG.strip() in shown
    assert not page.find("img", src="x") and not page.select("main script:not([type])")
    assert "49" not in page.h1.get_text()  # the template expression was not evaluated


def test_names_titles_and_users_are_text_on_staff_pages(client, hostile, store, instrument):
    store.create_round("evil", CORPUS[1], instrument.id, 1)
    admin_client = client
    sign_in(admin_client, "admin")
    response = admin_client.post(
        "/admin/users/new",
        data={"email": "odd@example.org", "name": CORPUS[5], "role": "analyst"},
    )
    assert response.status_code == 200
    users = BeautifulSoup(admin_client.get("/admin/users").get_data(as_text=True), "html.parser")
    assert CORPUS[5] in users.main.get_text()
    rounds = BeautifulSoup(admin_client.get("/admin/rounds").get_data(as_text=True), "html.parser")
    assert CORPUS[1] in rounds.main.get_text() and not rounds.find("img", src="x")
    national = admin_client.get("/national/r2026")
    assert CORPUS[0] + " Vale" in text_of(national)


def test_csv_exports_neutralise_formulas_in_cells_and_headers(runner, hostile, store):
    store.upsert_councils([{**store.get_council("E07900001"), "name": CORPUS[6]}])
    league = runner.invoke(main, ["league", "--round", "r2026", "--format", "csv"]).output
    rows = list(csv.reader(io.StringIO(league)))
    names = [row[1] for row in rows[1:]]
    assert names == ["'" + CORPUS[6]]
    for row in rows:
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    exported = runner.invoke(main, ["export", "responses", "--round", "r2026"]).output
    assert "DROP TABLE" not in exported and "<script>" not in exported  # no free text


def test_json_carries_names_exactly(client, hostile, runner):
    token = (
        runner.invoke(main, ["tokens", "create", "--email", "analyst@example.org"])
        .stdout.strip()
        .splitlines()[-1]
    )
    body = client.get(
        "/api/v1/rounds/r2026/councils/E07900001", headers={"Authorization": f"Bearer {token}"}
    ).get_data(as_text=True)
    # JSON served as application/json with nosniff: the name arrives exactly as stored.
    assert json.loads(body)["name"] == CORPUS[0] + " Vale"


def test_the_pdf_prints_names_as_text(client, hostile):
    sign_in(client, "lead")
    response = client.get("/results/r2026/E07900001/report.pdf")
    text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert CORPUS[0] + " Vale" in text.replace("\n", " ")


@pytest.mark.parametrize("payload", CORPUS)
def test_hostile_rows_in_an_upload_are_reported_as_text(client, store, payload):
    add_staff(store)
    sign_in(client, "lead")
    content = f"ok@example.org\n{payload}\n".encode()
    response = client.post(
        "/workspace/r2026/E07900001/invite/emails",
        data={"emails-emails_file": (io.BytesIO(content), "x.csv"), "emails-delivery": "screen"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    summary = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        class_="govuk-error-summary"
    )
    assert "is not an email address" in summary.get_text()
    assert not summary.find("img") and not summary.find("script")
    assert store.council_progress("r2026", "E07900001")["invited"] == 0


def test_a_nul_character_in_a_comment_is_refused_with_a_message(app, store):
    client = app.test_client()
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    client.get(f"/i/{token}")
    comments = app.extensions["sections"][(1, "en")][-1]
    data = {q.id: "before\x00after" for q in comments.questions}
    response = client.post(f"/section/{comments.slug}", data=data)
    assert response.status_code == 400
    assert "character" in text_of(response)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "before" in page.find("textarea").get_text()  # what they typed is still there


def test_hostile_names_through_the_register_import_are_text(client, store):
    """A council name from the imported register (the admin upload) is stored exactly and
    shows as text on the councils page."""
    from tests.conftest import SHARED_REGISTER

    if not SHARED_REGISTER.exists():
        pytest.skip("the shared council register is not present")
    rows = list(csv.DictReader(io.StringIO(SHARED_REGISTER.read_text(encoding="utf-8-sig"))))
    victim = next(r for r in rows if r["current-authority"] == "True" and r["nation"] == "Wales")
    victim["nice-name"] = CORPUS[1]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    add_staff(store)
    sign_in(client, "admin")
    response = client.post(
        "/admin/councils",
        data={"register": (io.BytesIO(out.getvalue().encode()), "register.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, text_of(response)
    page = BeautifulSoup(client.get("/admin/councils").get_data(as_text=True), "html.parser")
    names = [th.get_text() for th in page.select("tbody th")]
    assert CORPUS[1] in names and not page.find("img", src="x")
    assert store.get_council(victim["gss-code"])["name"] == CORPUS[1]
