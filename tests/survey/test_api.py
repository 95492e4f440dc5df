"""The read-only API: tokens, roles, thresholds, JSON errors, and Schemathesis against the
OpenAPI document in-process."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from survey.cli import main
from tests.conftest import add_staff, complete_answers, make_app


def token_for(runner, email: str) -> str:
    result = runner.invoke(main, ["tokens", "create", "--email", email, "--label", "test"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(app, store, runner, instrument):
    add_staff(store)
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [complete_answers(instrument)] * 6, "2026-10-01"
    )
    store.insert_submitted_responses(
        "r2026",
        "E07900002",
        instrument.id,
        1,
        [complete_answers(instrument, "3")] * 3,
        "2026-10-01",
    )
    return {
        role: token_for(runner, f"{role}@example.org")
        for role in ("admin", "analyst", "lead", "facilitator")
    }


def test_errors_are_json_with_a_clear_message(client, api):
    missing = client.get("/api/v1/rounds")
    assert missing.status_code == 401 and missing.is_json
    assert "Bearer" in missing.json["error"]["message"]
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.get("/api/v1/rounds", headers=bearer("collab_not-a-token"))
    assert wrong.status_code == 401 and "not valid" in wrong.json["error"]["message"]
    scheme = client.get("/api/v1/rounds", headers={"Authorization": "Basic abc"})
    assert scheme.status_code == 401
    unknown = client.get("/api/v1/rounds/nope/league", headers=bearer(api["analyst"]))
    assert (
        unknown.status_code == 404 and unknown.json["error"]["message"] == "No round called 'nope'."
    )
    nowhere = client.get("/api/v1/nothing-here")
    assert nowhere.status_code == 404 and nowhere.is_json
    method = client.post("/api/v1/rounds", headers=bearer(api["analyst"]))
    assert method.status_code == 405 and method.is_json


def test_roles_and_thresholds_apply_as_on_the_pages(client, api):
    own = client.get("/api/v1/rounds/r2026/councils/E07900001", headers=bearer(api["lead"]))
    assert own.status_code == 200
    assert own.json["n"] == 6 and own.json["collaboration_index"] is not None
    assert "comment" not in own.get_data(as_text=True)
    other = client.get("/api/v1/rounds/r2026/councils/E07900002", headers=bearer(api["lead"]))
    assert other.status_code == 403 and other.is_json
    small = client.get("/api/v1/rounds/r2026/councils/E07900002", headers=bearer(api["analyst"]))
    assert small.json == {
        "round": "r2026",
        "gss": "E07900002",
        "name": "Brackenford",
        "min_respondents": 5,
        "suppressed": True,
        "n": None,
    }
    assert client.get("/api/v1/rounds/r2026/league", headers=bearer(api["lead"])).status_code == 403
    league = client.get("/api/v1/rounds/r2026/league", headers=bearer(api["analyst"])).json
    entries = {c["gss"]: c for c in league["councils"]}
    assert entries["E07900001"]["rank"] == 1.0
    assert entries["E07900002"] == {
        "gss": "E07900002",
        "name": "Brackenford",
        "type": "NMD",
        "nation": "England",
        "region": "East Midlands",
        "n": None,
        "suppressed": True,
        "note": "fewer than 5 responses",
    }


def test_a_revoked_token_stops_working_at_once(client, api, runner, store):
    assert client.get("/api/v1/rounds", headers=bearer(api["analyst"])).status_code == 200
    token_id = next(t["id"] for t in store.list_api_tokens() if t["email"] == "analyst@example.org")
    assert runner.invoke(main, ["tokens", "revoke", str(token_id)]).exit_code == 0
    assert client.get("/api/v1/rounds", headers=bearer(api["analyst"])).status_code == 401
    listing = runner.invoke(main, ["tokens", "list"]).output
    assert "revoked" in listing and api["analyst"] not in listing


def test_a_disabled_users_token_stops_working(client, api, store):
    store.set_disabled(store.get_user_by_email("analyst@example.org")["id"], True)
    assert client.get("/api/v1/rounds", headers=bearer(api["analyst"])).status_code == 401


# Schemathesis ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("api"))
    from survey.db import get_store
    from survey.demo import load_demo

    with app.app_context():
        store = get_store()
        load_demo(store, app.extensions["instruments"].get(1), councils=8, respondents=6, seed=3)
        ids = add_staff(store)
        app.config["API_TOKEN"] = store.create_api_token(ids["analyst"], "schemathesis")
    return app


def test_the_api_matches_its_openapi_document(api_app):
    """Every operation, with generated and example parameters, as the analyst: no server
    error, and every response (200, 401, 403, 404) matches the document. Driven through
    Hypothesis directly, as Schemathesis's pytest plugin does not support pytest 9."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    headers = bearer(api_app.config["API_TOKEN"])
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers=headers)

        check()
        # The documented examples (a real round and council) return data, not only errors.
        example = operation.Case(
            path_parameters={p.name: p.definition.get("example") for p in operation.path_parameters}
            or None
        )
        response = example.call_and_validate(headers=headers)
        assert response.status_code == 200, (operation.label, response.text[:300])
