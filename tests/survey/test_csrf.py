"""One suite with CSRF protection switched on, as in production."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from survey.db import get_store
from tests.conftest import make_app


@pytest.fixture
def csrf_client(tmp_path):
    app = make_app(tmp_path)  # CSRF protection left on, as in production
    assert app.config["WTF_CSRF_ENABLED"]
    with app.app_context():
        token = get_store().create_invitations("r2026", "E07900001", 1)[0]
    client = app.test_client()
    client.get(f"/i/{token}")
    return client


def test_a_post_without_the_token_is_refused_and_saves_nothing(csrf_client):
    response = csrf_client.post(
        "/section/trust", data={"action": "continue", "trust_partner_intentions": "4"}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "could not be saved" in page.main.get_text()


def test_a_post_with_the_token_from_the_page_is_accepted(csrf_client):
    page = BeautifulSoup(csrf_client.get("/section/trust").get_data(as_text=True), "html.parser")
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    response = csrf_client.post(
        "/section/trust",
        data={"csrf_token": token, "action": "save-later", "trust_partner_intentions": "4"},
    )
    assert response.status_code == 302 and response.location == "/saved?section=trust"


def test_sign_in_form_has_a_token(csrf_client):
    page = BeautifulSoup(csrf_client.get("/sign-in").get_data(as_text=True), "html.parser")
    assert page.find("input", attrs={"name": "csrf_token"})["value"]
