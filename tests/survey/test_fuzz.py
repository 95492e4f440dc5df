"""Hypothesis-driven requests to the questionnaire and staff forms: tampered, missing,
duplicated, out-of-scale and foreign values never cause a server error, and nothing
invalid is ever stored."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from survey.db import connect
from survey.store import Store
from tests.conftest import add_staff, make_app, sign_in

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
junk_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60
) | st.sampled_from(["", "0", "6", "-1", "99", "dont_know", "4 ", " 4", "4.0", "yes", "\x00"])


@pytest.fixture(scope="module")
def respondent_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz"), WTF_CSRF_ENABLED=False)
    store = Store(connect(app.config["DATABASE"]))
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    client = app.test_client()
    assert client.get(f"/i/{token}").status_code == 302
    response_id = store.find_invitation(token)["response_id"]
    return app, client, store, response_id


@FUZZ
@given(data=st.data())
def test_tampered_pages_never_fail_and_never_store_invalid_answers(respondent_app, data):
    app, client, store, response_id = respondent_app
    sections = app.extensions["sections"]
    page = data.draw(st.sampled_from(sections))
    own = [q.id for q in page.questions]
    foreign = [q.id for s in sections if s is not page for q in s.questions][:5]
    keys = data.draw(
        st.lists(st.sampled_from(own + foreign + ["not_an_item", "csrf_token"]), max_size=12)
    )
    form = [(key, data.draw(junk_text)) for key in keys]  # duplicates allowed
    before = store.answers(response_id)
    response = client.post(f"/section/{page.slug}", data=MultiDict(form))
    assert response.status_code in (302, 400), response.status_code
    after = store.answers(response_id)
    valid = {q.id: {o.value for o in q.options} for s in sections for q in s.questions}
    for item, value in after.items():
        assert item in valid  # no foreign or made-up item is ever stored
        if valid[item]:  # a choice question: only its own options
            assert value in valid[item], (item, value)
        else:  # free text: no control characters
            assert "\x00" not in value
    for item in set(after) - set(own):  # answers on other pages are untouched
        assert after[item] == before.get(item)
    if response.status_code == 400:
        assert "There is a problem" in response.get_data(as_text=True)


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz-staff"), WTF_CSRF_ENABLED=False)
    store = Store(connect(app.config["DATABASE"]))
    ids = add_staff(store)
    admin = app.test_client()
    sign_in(admin, "admin")
    return app, admin, store, ids


FORMS = [
    ("/admin/users/new", ["email", "name", "role", "councils"]),
    ("/admin/rounds", ["slug", "title", "opens", "closes"]),
    ("/workspace/r2026/E07900001/invite/links", ["count", "delivery"]),
    ("/workspace/r2026/E07900001/withdraw", ["link"]),
    ("/workspace/r2026/E07900001/facilitators", ["email"]),
    ("/results/r2026/E07900001/peers", ["councils"]),
    ("/sign-in", ["email", "password"]),
    ("/forgotten-password", ["email"]),
]


@FUZZ
@given(data=st.data())
def test_staff_forms_never_fail(staff_app, data):
    app, admin, store, ids = staff_app
    path, fields = data.draw(st.sampled_from(FORMS))
    chosen = data.draw(st.lists(st.sampled_from(fields), max_size=len(fields) + 2))
    form = [(field, data.draw(junk_text)) for field in chosen]
    users_before = len(store.list_users())
    response = admin.post(path, data=MultiDict(form))
    assert response.status_code < 500, (path, form)
    if response.status_code == 400 and path == "/admin/users/new":
        assert len(store.list_users()) == users_before  # rejected: nothing created
    if path == "/sign-in" and response.status_code == 302:
        sign_in(admin, "admin")  # a lucky sign-in would change who is signed in
