"""The response rate end to end: a lead records how many people were eligible, and the
rate appears on the workspace, the results page, the national view, the league table,
the open-data export, the API and the data the council report is built from."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from survey.cli import main
from tests.conftest import OTHER_COUNCIL, add_staff, complete_answers, sign_in

OWN = "E07900001"
OTHER = OTHER_COUNCIL["gss"]


def main_text(response) -> str:
    return " ".join(
        BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ").split()
    )


@pytest.fixture
def seeded(app, store, instrument):
    """6 responses from the first council (above 5, below the public 10), 12 from the other."""
    add_staff(store)
    store.insert_submitted_responses(
        "r2026", OWN, instrument.id, 1, [complete_answers(instrument)] * 6, "2026-10-01"
    )
    store.insert_submitted_responses(
        "r2026", OTHER, instrument.id, 1, [complete_answers(instrument, "3")] * 12, "2026-10-01"
    )
    return store


def record(client, eligible: str, note: str = "All staff on the payroll on 1 March", gss=OWN):
    return client.post(
        f"/workspace/r2026/{gss}/eligible", data={"eligible": eligible, "note": note}
    )


@pytest.mark.parametrize(
    ("eligible", "note", "message"),
    [
        ("", "All staff", "Enter how many people were invited or are eligible"),
        ("lots", "All staff", "Enter the number of people as a whole number, like 250"),
        ("12.5", "All staff", "Enter the number of people as a whole number, like 250"),
        ("-3", "All staff", "Enter the number of people as a whole number, like 250"),
        ("0", "All staff", "The number of people must be 1 or more"),
        ("2000000", "All staff", "The number of people must be 1,000,000 or fewer"),
        ("40", "", "Enter who counts, like all staff on the payroll on 1 March"),
        ("40", "   ", "Enter who counts, like all staff on the payroll on 1 March"),
        ("40", "x" * 201, "Who counts must be 200 characters or fewer"),
        ("40", "All\x00staff", "has a character that cannot be saved"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, seeded, eligible, note, message):
    sign_in(client, "lead")
    response = record(client, eligible, note)
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    assert message in page.select_one(".govuk-error-message").get_text()
    # What was typed is kept for the lead to correct.
    if eligible:
        assert page.select_one("#eligible")["value"] == eligible
    assert seeded.eligible("r2026", OWN) is None


def test_a_lead_records_the_eligible_count_and_the_workspace_shows_the_rate(client, seeded):
    sign_in(client, "lead")
    page = main_text(client.get(f"/workspace/r2026/{OWN}"))
    assert "Response rate Not known" in page and "Record" in page
    response = record(client, "1,250", "Everyone on the payroll on 1 March")
    assert response.status_code == 302
    saved = seeded.eligible("r2026", OWN)
    assert saved["eligible"] == 1250 and saved["updated_by"] == "lead@example.org"
    page = main_text(client.get(f"/workspace/r2026/{OWN}"))
    # 6 / 1250 = 0.48%, which rounds to 0%.
    assert "Response rate 0% (6 of 1250 invited or eligible)" in page
    assert "Who counts Everyone on the payroll on 1 March" in page
    # The form shows what was saved, to change it.
    form = BeautifulSoup(
        client.get(f"/workspace/r2026/{OWN}/eligible").get_data(as_text=True), "html.parser"
    )
    assert form.select_one("#eligible")["value"] == "1250"
    assert form.select_one("#note")["value"] == "Everyone on the payroll on 1 March"
    record(client, "10")
    assert seeded.eligible("r2026", OWN)["eligible"] == 10
    assert seeded.audit_events(event="eligible-count-set")[0]["detail"] == "10"


def test_the_results_page_shows_the_rate_with_both_numbers_and_the_warnings(client, seeded):
    sign_in(client, "lead")
    record(client, "10")
    page = main_text(client.get(f"/results/r2026/{OWN}"))
    assert "Response rate: 60% (6 of 10 invited or eligible)." in page
    assert "Who counts: All staff on the payroll on 1 March." in page
    # 6 responses is under the public threshold (10): the page says what that means.
    assert "Fewer than 10 people answered (6)." in page
    assert "Fewer than 1 in 5" not in page

    record(client, "40")
    page = main_text(client.get(f"/results/r2026/{OWN}"))
    assert "Response rate: 15% (6 of 40 invited or eligible)." in page
    assert "Fewer than 1 in 5 of the people asked answered (6 of 40)." in page


def test_more_responses_than_eligible_is_said_not_shown_as_a_percentage(client, seeded):
    sign_in(client, "lead")
    record(client, "4")
    for path in (f"/results/r2026/{OWN}", f"/workspace/r2026/{OWN}"):
        page = main_text(client.get(path))
        assert "150%" not in page
        assert "more responses (6) than people recorded as invited or eligible (4)" in page
    assert "probably out of date" in main_text(client.get(f"/results/r2026/{OWN}"))


def test_the_national_view_shows_each_councils_coverage(client, seeded):
    seeded.set_eligible("r2026", OTHER, 100, "All staff", "admin@example.org")
    seeded.set_eligible("r2026", OWN, 4, "All staff", "admin@example.org")
    sign_in(client, "analyst")
    page = BeautifulSoup(client.get("/national/r2026").get_data(as_text=True), "html.parser")
    headers = [th.get_text(strip=True) for th in page.select("#league-table thead th")]
    column = headers.index("Response rate")
    cells = {
        row.th.get_text(strip=True): row.find_all(["td", "th"])[column].get_text(" ", strip=True)
        for row in page.select("#league-table tbody tr")
    }
    assert cells[OTHER_COUNCIL["name"]] == "12% (12 of 100) Under 20%"
    assert cells["Ashcombe Vale"] == "Not given: more responses (6) than eligible (4)"


def test_league_open_data_and_api_carry_eligible_and_rate(app, client, seeded, runner, tmp_path):
    seeded.set_eligible("r2026", OTHER, 48, "All staff", "admin@example.org")
    seeded.set_eligible("r2026", OWN, 20, "All staff", "admin@example.org")
    league = json.loads(runner.invoke(main, ["league", "--round", "r2026"]).output)
    entries = {c["gss"]: c for c in league["councils"]}
    assert entries[OTHER]["eligible"] == 48 and entries[OTHER]["response_rate"] == 0.25
    assert entries[OTHER]["coverage_flagged"] is False
    assert entries[OWN]["response_rate"] == 0.3
    assert entries[OWN]["coverage_reasons"] == ["below_public"]

    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(main, ["league", "--round", "r2026", "--format", "csv"]).output
            )
        )
    )
    by_gss = {r["gss"]: r for r in rows}
    assert by_gss[OTHER]["eligible"] == "48" and by_gss[OTHER]["response_rate"] == "0.25"
    assert by_gss[OWN]["coverage_flags"] == "below_public"

    out = tmp_path / "open"
    assert (
        runner.invoke(
            main, ["export", "open-data", "--round", "r2026", "--out", str(out)]
        ).exit_code
        == 0
    )
    (published,) = csv.DictReader((out / "council-scores.csv").open(encoding="utf-8"))
    assert published["gss"] == OTHER  # the first council is under the public threshold
    assert published["eligible"] == "48" and published["response_rate"] == "0.25"
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "| response_rate |" in readme and "over_eligible" in readme

    sign_in(client, "analyst")
    api_league = client.get("/api/v1/rounds/r2026/league").json
    assert {c["gss"]: c["response_rate"] for c in api_league["councils"]} == {
        OWN: 0.3,
        OTHER: 0.25,
    }
    scores = client.get(f"/api/v1/rounds/r2026/councils/{OTHER}").json
    assert scores["coverage"] == {
        "responses": 12,
        "eligible": 48,
        "response_rate": 0.25,
        "coverage_flagged": False,
        "coverage_reasons": [],
    }
    document = client.get("/api/v1/openapi.json").json
    entry = document["components"]["schemas"]["League"]["properties"]["councils"]["items"]
    assert {"eligible", "response_rate", "coverage_reasons"} <= set(entry["properties"])


def test_a_council_below_the_threshold_shows_no_rate_anywhere(client, store, instrument):
    """A rate beside an eligible count would give the number of responses away."""
    add_staff(store)
    store.insert_submitted_responses(
        "r2026", OTHER, instrument.id, 1, [complete_answers(instrument)] * 3, "2026-10-01"
    )
    store.set_eligible("r2026", OTHER, 30, "All staff", "admin@example.org")
    sign_in(client, "analyst")
    assert "10%" not in main_text(client.get(f"/results/r2026/{OTHER}"))
    league = client.get("/api/v1/rounds/r2026/league").json
    (entry,) = [c for c in league["councils"] if c["gss"] == OTHER]
    assert entry["suppressed"] and "response_rate" not in entry and "eligible" not in entry
    assert "coverage" not in client.get(f"/api/v1/rounds/r2026/councils/{OTHER}").json


def test_the_council_report_data_carries_the_coverage(app, seeded):
    from reports.documents import council_context
    from survey.db import get_store
    from survey.inputs import app_council_input

    seeded.set_eligible("r2026", OWN, 40, "All staff", "admin@example.org")
    with app.test_request_context():
        store = get_store()
        for lang, words in (("en", "Fewer than 1 in 5"), ("cy", "Atebodd llai nag 1 o bob 5")):
            data = app_council_input(
                store,
                store.get_round("r2026"),
                store.get_council(OWN),
                "type",
                lang,
                partnerships=False,
                with_plan=False,
            )
            context = council_context(data, charts=False)
            coverage = context["coverage"]
            assert (coverage.responses, coverage.eligible, coverage.rate) == (6, 40, 0.15)
            assert coverage.flagged and coverage.note == "All staff"
            assert context["coverage_reasons"][0].startswith(words)
