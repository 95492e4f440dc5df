"""Shared fixtures: a fresh app and database file per test, a client and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.instrument import load_instrument
from survey import create_app
from survey.db import connect, get_store
from survey.store import Store

SHARED_REGISTER = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "uk_local_authorities.csv"
)

TEST_COUNCIL = {
    "gss": "E07900001",
    "name": "Ashcombe Vale",
    "official_name": "Ashcombe Vale District Council",
    "type": "NMD",
    "type_name": "Non-metropolitan district",
    "nation": "England",
    "region": "South West",
    "population": 98400,
    "fictional": True,
}


OTHER_COUNCIL = {
    **TEST_COUNCIL,
    "gss": "E07900002",
    "name": "Brackenford",
    "official_name": "Brackenford District Council",
    "region": "East Midlands",
}
PASSWORD = "correct horse battery staple"
# One user per role; the lead and facilitator work with TEST_COUNCIL only.
STAFF = {
    "admin": ("admin@example.org", []),
    "analyst": ("analyst@example.org", []),
    "lead": ("lead@example.org", [TEST_COUNCIL["gss"]]),
    "facilitator": ("facilitator@example.org", [TEST_COUNCIL["gss"]]),
}


def add_staff(store) -> dict[str, int]:
    """The four staff users (and the second council); returns their ids by role."""
    from survey.passwords import hash_password

    store.upsert_councils([OTHER_COUNCIL])
    password_hash = hash_password(PASSWORD)
    ids = {}
    for role, (email, councils) in STAFF.items():
        ids[role] = store.create_user(email, role, password_hash=password_hash)
        for gss in councils:
            store.assign_council(ids[role], gss)
    return ids


def sign_in(client, role_or_email: str, password: str = PASSWORD):
    email = STAFF[role_or_email][0] if role_or_email in STAFF else role_or_email
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


@pytest.fixture(scope="session")
def instrument():
    return load_instrument()


def make_app(directory, **config):
    """An app on a fresh database file in ``directory``, with one council and one round."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(directory / "collab.sqlite"),
            "SECRET_KEY": "test-secret-key-not-for-production",
            # The test client and the browser tests use plain http on this machine.
            "SESSION_COOKIE_SECURE": False,
            **config,
        }
    )
    with app.app_context():
        store = get_store()
        store.upsert_councils([TEST_COUNCIL])
        store.create_round("r2026", "Round 2026", "collaboration-maturity", 1)
    return app


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def store(app):
    """A store on its own connection, like another process: no app context is held open,
    so each request in a test gets a fresh one (and a fresh ``g``), as in production."""
    db = connect(app.config["DATABASE"], app.config["BUSY_TIMEOUT_MS"])
    yield Store(db)
    db.close()


def complete_answers(instrument, value: str = "4") -> dict[str, str]:
    """A full set of valid answers: every statement ``value``, every other item its first option."""
    answers = {item.id: value for item in instrument.items}
    answers.update({b.id: "3" for b in instrument.barriers})
    answers.update({p.id: p.options[0].value for p in instrument.profile})
    return answers


def demo_council_input(app, gss: str, lang: str = "en", round_slug: str = "demo-2026"):
    """What a council's documents are built from, as `collab report` gathers it: the demo
    round scored at a threshold of 5, chosen peers at 10, with the action plan."""
    from survey.inputs import council_input

    with app.app_context():
        store = get_store()
        return council_input(
            store,
            app.extensions["instruments"],
            store.get_round(round_slug),
            store.get_council(gss),
            5,
            lang=lang,
            public_min=10,
            with_plan=True,
        )
