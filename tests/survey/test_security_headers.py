"""Security headers on every kind of response, and cookie flags."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import add_staff, complete_answers, make_app, sign_in


def csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def assert_common_headers(response):
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.fixture
def responses(app, client, store, instrument):
    """One response of each kind the service sends."""
    add_staff(store)
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [complete_answers(instrument)] * 5, "2026-10-01"
    )
    got = {
        "home": client.get("/"),
        "static": client.get("/static/app.css"),
        "chart library": client.get("/scripts/plotly.min.js"),
        "not found": client.get("/no-such-page"),
        "invitation redirect": client.get(f"/i/{token}"),
        "answer page": client.get("/section/trust"),
    }
    sign_in(client, "lead")
    got["results page"] = client.get("/results/r2026/E07900001")
    got["links csv"] = client.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": "1", "delivery": "csv"}
    )
    return got


def test_every_kind_of_response_has_the_headers(responses):
    for name, response in responses.items():
        assert response.status_code in (200, 302, 404), name
        assert_common_headers(response)


def test_answer_results_and_staff_pages_are_not_stored(responses):
    for name in ("home", "answer page", "results page", "links csv", "invitation redirect"):
        assert responses[name].headers["Cache-Control"] == "no-store", name
    assert "no-store" not in responses["static"].headers.get("Cache-Control", "")


def test_the_only_inline_script_carries_this_responses_nonce(responses):
    for name in ("home", "answer page", "results page"):
        response = responses[name]
        nonce = csp(response)["script-src"].split("'nonce-")[1].rstrip("'")
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        inline = [s for s in page.find_all("script") if not s.get("src")]
        executable = [s for s in inline if s.get("type") != "application/json"]
        assert executable, name  # GOV.UK's js-enabled marker
        assert all(s.get("nonce") == nonce for s in executable), name
        assert not page.find_all(attrs={"onclick": True})


def test_nonces_differ_between_responses(client):
    first = csp(client.get("/"))["script-src"]
    second = csp(client.get("/"))["script-src"]
    assert first != second


def test_cookies_are_secure_httponly_and_samesite_by_default(tmp_path):
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/sign-in", base_url="https://collab.example.gov.uk")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_chart_is_data_not_script(responses):
    page = BeautifulSoup(responses["results page"].get_data(as_text=True), "html.parser")
    chart = page.find(id="intervals-chart")
    data = page.find(id=chart["data-plotly-figure"])
    assert data.name == "script" and data["type"] == "application/json"
