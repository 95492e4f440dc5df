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
