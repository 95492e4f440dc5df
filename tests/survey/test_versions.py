"""A version 1 round and a version 2 round in one database (issue 17): each answered,
scored, shown and reported with its own questionnaire, the trend between them on the
statements both share, and the breakdown by contact with partners on the page and in
the PDF."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scoring.breakdown import CONTACT
from survey.db import get_store
from survey.inputs import trend
from tests.conftest import add_staff, complete_answers, sign_in


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def versions(app):
    return app.extensions["instruments"]


def answers_of(instrument, value: str, contact: str | None = None) -> dict[str, str]:
    """Every statement scored ``value`` (reverse-worded ones answered 6 - value)."""
    answers = complete_answers(instrument, value)
    for item in instrument.items:
        if item.reverse:
            answers[item.id] = str(6 - int(value))
    if contact is not None:
        answers[CONTACT] = contact
    return answers


@pytest.fixture
def two_rounds(app, store, versions):
    """r2026 on version 1 (6 people, every factor mean 3) and r2027 on version 2 (12
    people, every factor mean 4: 7 working with partners weekly, 5 monthly)."""
    add_staff(store)
    v1, v2 = versions.get(1), versions.get(2)
    store.insert_submitted_responses(
        "r2026", "E07900001", v1.id, 1, [answers_of(v1, "3")] * 6, "2026-10-01"
    )
    store.create_round("r2027", "Round 2027", v2.id, 2)
    people = [answers_of(v2, "4", "weekly")] * 7 + [answers_of(v2, "4", "monthly")] * 5
    store.insert_submitted_responses("r2027", "E07900001", v2.id, 2, people, "2027-10-01")
    return v1, v2


def test_a_new_round_answers_version_2_from_the_first_page(client, store):
    store.create_round("r2027", "Round 2027", "collaboration-maturity", 2)
    token = store.create_invitations("r2027", "E07900001", 1)[0]
    assert client.get(f"/i/{token}").status_code == 302
    start = soup(client.get("/start"))
    terms = [dt.get_text(strip=True) for dt in start.select(".app-definitions dt")]
    assert terms == ["partners", "we", "senior leaders"]
    assert "suppliers" not in start.main.p.get_text()
    first = soup(client.get("/section/statements-1"))
    assert first.h1.get_text(strip=True) == "Statements 1 to 9"
    assert first.select(".app-definitions")  # the introduction again
    legends = [legend.get_text(strip=True) for legend in first.select("legend")]
    assert legends[0].startswith("1. We trust partners")
    second = soup(client.get("/section/statements-2"))
    assert second.select("legend")[0].get_text(strip=True).startswith("10. ")
    assert not second.select(".app-definitions")
    # The version 1 round still asks version 1, page by factor.
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    other = client.application.test_client()
    other.get(f"/i/{token}")
    assert soup(other.get("/section/trust")).h1.get_text(strip=True) == "Trust"


def test_each_round_is_scored_with_its_own_version(app, two_rounds, runner):
    import json

    from survey.cli import main

    for slug, expected in (("r2026", 50.0), ("r2027", 75.0)):
        out = runner.invoke(
            main, ["scores", "--round", slug, "--council", "E07900001", "--format", "json"]
        )
        assert out.exit_code == 0, out.output
        assert json.loads(out.output)["councils"][0]["collaboration_index"] == expected


def test_the_trend_across_versions_uses_only_the_statements_both_share(app, two_rounds):
    with app.app_context():
        store = get_store()
        found = trend(
            store, app.extensions["instruments"], store.get_round("r2027"), "E07900001", 5
        )
    shared = sum(1 for item in two_rounds[1].items if item.same_as)
    assert found["shared"] == shared == 25
    rows = dict((m, (before, now)) for m, before, now in found["rows"])
    assert rows["index"] == (50.0, 75.0)  # rescored on the shared 25 alone
    assert rows["trust"] == (50.0, 75.0)


def test_the_results_page_breaks_the_index_down_by_contact(client, two_rounds):
    sign_in(client, "lead")
    page = soup(client.get("/results/r2027/E07900001"))
    table = page.find(id="contact-table")
    rows = {r.th.get_text(strip=True): r for r in table.tbody.find_all("tr")}
    weekly = [td.get_text(strip=True) for td in rows["Every week or more"].find_all("td")]
    assert weekly[:2] == ["7", "75"]
    assert "Not shown" in rows["Never"].get_text()
    # A version 1 round has no contact question, so no breakdown.
    page = soup(client.get("/results/r2026/E07900001"))
    assert page.find(id="contact-table") is None


def test_the_council_report_carries_the_breakdown_and_the_shared_trend(client, two_rounds):
    sign_in(client, "lead")
    response = client.get("/results/r2027/E07900001/report.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    text = " ".join(text.split())
    assert "By contact with partners" in text
    assert "both are scored on the 25 statements they share" in text
