"""The council results page, behind sign-in."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from survey.passwords import hash_password
from tests.conftest import complete_answers

PASSWORD = "correct horse battery"


@pytest.fixture
def admin(client, store):
    store.create_user("admin@example.org", "admin", password_hash=hash_password(PASSWORD))
    response = client.post("/sign-in", data={"email": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 302
    return client


def add_submitted(store, instrument, count, value="4"):
    store.insert_submitted_responses(
        "r2026",
        "E07900001",
        instrument.id,
        instrument.version,
        [complete_answers(instrument, value)] * count,
        "2026-10-01",
    )


def test_results_need_sign_in(client):
    response = client.get("/results/r2026/E07900001")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in")


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, store):
    store.create_user("admin@example.org", "admin", password_hash=hash_password(PASSWORD))
    for email, password in (("admin@example.org", "wrong password!"), ("x@example.org", PASSWORD)):
        response = client.post("/sign-in", data={"email": email, "password": password})
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert "Enter a correct email address and password" in page.main.get_text()


def test_below_threshold_says_how_many_more_are_needed(admin, store, instrument):
    add_submitted(store, instrument, 3)
    page = BeautifulSoup(
        admin.get("/results/r2026/E07900001").get_data(as_text=True), "html.parser"
    )
    assert "Not enough responses yet (3 of 5 needed)" in page.main.get_text()
    assert page.find(id="factor-table") is None


def test_results_show_index_level_factors_chart_and_barriers(admin, store, instrument):
    add_submitted(store, instrument, 6, "4")  # every factor mean 4 (reverse items score 2)
    html = admin.get("/results/r2026/E07900001").get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    rows = page.find(id="factor-table").tbody.find_all("tr")
    assert len(rows) == 5
    trust = [c.get_text(strip=True) for c in rows[0].find_all(["th", "td"])]
    # Trust: six items score 4, the reverse item scores 2: mean 26/7 = 3.714, index 67.86;
    # everyone alike, so the interval has no width. One rating: the maturity level.
    assert trust[:5] == ["Trust", "68", "68 to 68", "4, Established", "6"]
    assert trust[5].startswith("1.00")  # everyone answered alike
    headers = [th.get_text(" ", strip=True) for th in page.find(id="factor-table").thead("th")]
    assert "Band" not in headers and "slightly skewed null" in headers[-1]
    assert page.find(id="index-interval").get_text().startswith("95% interval 65 to 65")
    # Six identical responses: every one is straight-lined, and still counted.
    assert page.find(id="straight-lined").get_text().startswith("6 gave the same answer")
    assert page.find(id="intervals-chart") is not None
    assert page.find("script", src="/scripts/plotly.min.js") is not None
    barriers = page.find(id="barrier-table").tbody.find_all("tr")
    first = [c.get_text(strip=True) for c in barriers[0].find_all(["th", "td"])]
    assert first == ["Difficulties sharing data", "100%", "6", "80%"]


def test_plotly_is_served_by_the_app(client):
    response = client.get("/scripts/plotly.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"plotly" in response.data[:2000].lower()


def test_signed_in_pages_offer_sign_out_and_it_takes_effect(admin):
    page = BeautifulSoup(admin.get("/results/").get_data(as_text=True), "html.parser")
    assert "Signed in as admin@example.org" in page.get_text()
    assert page.find("form", action="/sign-out") is not None
    admin.post("/sign-out")
    assert admin.get("/results/").status_code == 302


def test_a_disabled_user_is_signed_out_on_the_next_request(admin, store):
    store.db.execute("UPDATE users SET disabled = 1")
    assert admin.get("/results/").status_code == 302
