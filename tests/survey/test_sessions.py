"""Staff sessions: new on sign-in, revocable on the next request, idle and absolute limits,
and throttled sign-in and invitation attempts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from survey import sessions, throttle
from tests.conftest import PASSWORD, add_staff, sign_in


@pytest.fixture
def staff(store):
    return add_staff(store)


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves on by hand."""

    class Clock:
        now = 1_800_000_000.0

        def __call__(self):
            return self.now

        def advance(self, seconds):
            self.now += seconds

    fake = Clock()
    monkeypatch.setattr(sessions, "clock", fake)
    monkeypatch.setattr(throttle, "clock", fake)
    return fake


def session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_sign_in_starts_a_new_session_and_drops_what_was_there(client, staff):
    with client.session_transaction() as s:
        s["response_id"] = "planted-before-sign-in"
        s["sid"] = "planted-session-id"
    sign_in(client, "lead")
    with client.session_transaction() as s:
        assert "response_id" not in s
        assert s["sid"] != "planted-session-id"


def test_a_replayed_cookie_after_sign_out_is_refused(client, staff):
    sign_in(client, "lead")
    stolen = session_cookie(client)
    assert client.get("/results/").status_code == 200
    client.post("/sign-out")
    client.set_cookie("session", stolen)  # the signed cookie is still valid as a cookie
    response = client.get("/results/")
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_disabling_a_user_ends_their_session_on_the_next_request(client, store, staff):
    sign_in(client, "lead")
    assert client.get("/results/").status_code == 200
    store.set_disabled(staff["lead"], True)
    assert client.get("/results/").status_code == 302


def test_a_role_change_takes_effect_on_the_next_request(client, store, staff):
    sign_in(client, "lead")
    assert client.get("/workspace/r2026/E07900001").status_code == 200
    store.set_role(staff["lead"], "facilitator")
    assert client.get("/workspace/r2026/E07900001").status_code == 403


def test_admin_sign_out_everywhere_ends_other_sessions(app, store, staff):
    lead = app.test_client()
    sign_in(lead, "lead")
    admin = app.test_client()
    sign_in(admin, "admin")
    assert admin.post(f"/admin/users/{staff['lead']}/sign-out").status_code == 302
    assert lead.get("/results/").status_code == 302
    assert admin.get("/results/").status_code == 200


def test_idle_timeout_signs_out_and_says_why(client, staff, clock, app):
    sign_in(client, "analyst")
    clock.advance(app.config["SESSION_IDLE_MINUTES"] * 60 - 5)
    assert client.get("/results/").status_code == 200  # activity resets the idle clock
    clock.advance(app.config["SESSION_IDLE_MINUTES"] * 60 - 5)
    assert client.get("/results/").status_code == 200
    clock.advance(app.config["SESSION_IDLE_MINUTES"] * 60 + 5)
    response = client.get("/results/")
    assert response.status_code == 302 and "expired=1" in response.location
    page = BeautifulSoup(client.get(response.location).get_data(as_text=True), "html.parser")
    assert "You were signed out" in page.main.get_text()


def test_absolute_timeout_ends_even_a_busy_session(client, staff, clock, app):
    sign_in(client, "analyst")
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    for _ in range(hours * 3 - 1):  # a request every 20 minutes
        clock.advance(20 * 60)
        assert client.get("/results/").status_code == 200
    clock.advance(40 * 60)
    assert client.get("/results/").status_code == 302


def test_sign_in_is_throttled_per_account_without_locking_out_others(client, staff):
    limit = throttle.LIMITS["sign-in-account"].attempts
    for _ in range(limit):
        response = client.post(
            "/sign-in", data={"email": "lead@example.org", "password": "wrong password!"}
        )
        assert response.status_code == 400
    # Even the right password waits now, and the response says how long.
    response = client.post("/sign-in", data={"email": "lead@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "too many unsuccessful attempts" in response.get_data(as_text=True)
    sign_in(client, "analyst")  # another account from the same client still works


def test_throttling_lifts_after_the_window(client, staff, clock):
    limit = throttle.LIMITS["sign-in-account"]
    for _ in range(limit.attempts):
        client.post("/sign-in", data={"email": "lead@example.org", "password": "nope nope nope"})
    assert (
        client.post(
            "/sign-in", data={"email": "lead@example.org", "password": PASSWORD}
        ).status_code
        == 429
    )
    clock.advance(limit.window_seconds + 1)
    sign_in(client, "lead")


def test_sign_in_is_throttled_per_client_across_accounts(client, staff):
    limit = throttle.LIMITS["sign-in-client"].attempts
    for n in range(limit):
        client.post("/sign-in", data={"email": f"guess{n}@example.org", "password": "x" * 12})
    response = client.post("/sign-in", data={"email": "lead@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_invitation_guessing_is_throttled(client, store):
    good = store.create_invitations("r2026", "E07900001", 1)[0]
    limit = throttle.LIMITS["invitation-client"].attempts
    for n in range(limit):
        assert client.get(f"/i/guess-{n}").status_code == 404
    response = client.get(f"/i/{good}")
    assert response.status_code == 429 and "Retry-After" in response.headers


def test_unknown_and_withdrawn_links_look_the_same(client, store):
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    store.revoke_invitation(store.find_invitation(token)["id"])
    withdrawn = client.get(f"/i/{token}")
    unknown = client.get("/i/" + "x" * len(token))
    assert withdrawn.status_code == unknown.status_code == 404

    def main(r):
        return BeautifulSoup(r.get_data(as_text=True), "html.parser").main.get_text()

    assert main(withdrawn) == main(unknown)


def test_sign_in_and_failures_are_audited_without_passwords(client, store, staff):
    client.post("/sign-in", data={"email": "lead@example.org", "password": "a wrong password"})
    sign_in(client, "lead")
    events = store.audit_events()
    kinds = [e["event"] for e in events]
    assert kinds[:2] == ["sign-in", "sign-in-failed"]
    text = repr(events)
    assert PASSWORD not in text and "a wrong password" not in text
    assert all(e["at"].endswith("+00:00") for e in events)  # UTC


def test_next_parameter_cannot_leave_the_site(client, staff):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post(
            "/sign-in?next=" + target,
            data={"email": "lead@example.org", "password": PASSWORD},
        )
        assert response.status_code == 302
        assert response.location == "/dashboard"
        client.post("/sign-out")


def test_sessions_past_the_absolute_limit_are_forgotten_at_the_next_sign_in(
    app, store, staff, clock
):
    from survey.store import hash_token

    old = app.test_client()
    sign_in(old, "lead")
    with old.session_transaction() as s:
        old_hash = hash_token(s["sid"])
    assert store.get_session(old_hash) is not None
    clock.advance(app.config["SESSION_ABSOLUTE_HOURS"] * 3600 + 60)
    sign_in(app.test_client(), "analyst")
    assert store.get_session(old_hash) is None
