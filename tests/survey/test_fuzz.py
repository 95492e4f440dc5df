"""Hypothesis-driven requests to the questionnaire and staff forms: tampered, missing,
duplicated, out-of-scale and foreign values never cause a server error, and nothing
invalid is ever stored."""

from __future__ import annotations

import io

import pytest
from flask import url_for
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from survey.db import connect
from survey.store import Store
from tests.conftest import add_staff, make_app, sign_in

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
CONTROLS = ["\x00", "\x1b[2J", "\x1b]0;title\x07", "\x7f", "\x9b", "\r", "\x0b"]
junk_text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
    | st.sampled_from(["", "0", "6", "-1", "99", "dont_know", "4 ", " 4", "4.0", "yes", "\x00"])
    # Otherwise plausible values with a control character in them, for every field.
    | st.tuples(
        st.sampled_from(["Round 2027", "E07900001", "a@example.org", "Meet monthly", "4"]),
        st.sampled_from(CONTROLS),
        st.integers(0, 12),
    ).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :])
)


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
    sections = app.extensions["sections"][(1, "en")]
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


# Every staff route that takes a POST, with its form's fields (and file fields). The URL's
# parts are drawn from real and made-up values, so each route is also tried on rows that
# do not exist and on another council.
ACTION_FIELDS = "factor what lead due-day due-month due-year measure status text_lang".split()
STAFF_FORMS = {
    "auth.sign_in": (["email", "password"], []),
    "auth.sign_out": ([], []),
    "auth.forgotten_password": (["email"], []),
    "auth.set_password": (["password", "confirm"], []),
    "benchmark.choose_peers": (["councils"], []),
    "workspace.invite_links": (["count", "delivery"], []),
    "workspace.invite_emails": (
        ["emails-delivery", "emails-keep_for_reminders", "emails-bilingual"],
        ["emails-emails_file"],
    ),
    "workspace.remind": (["bilingual", "submit"], []),
    "workspace.withdraw": (["link"], []),
    "workspace.close": (["submit"], []),
    "workspace.add_facilitator": (["email"], []),
    "workspace.remove_facilitator": (["submit"], []),
    "actions.plan": (ACTION_FIELDS, []),
    "actions.edit": (ACTION_FIELDS, []),
    "actions.target": (["target_factor", "level", "by_when", "clear"], []),
    # A lead's or facilitator's (the fuzzing admin is refused): code, answers, submit.
    "paper.code": (["code"], []),
    "paper.answers": (["code", "action", "language", "trust_suspicion"], []),
    "paper.submit": (["code", "trust_suspicion", "comment_working_well"], []),
    "partnerships.create": (["name", "councils"], []),
    "partnerships.confirm": (["submit"], []),
    "partnerships.module": (["on", "submit"], []),
    "admin.new_user": (["email", "name", "role", "councils"], []),
    "admin.user": (["email", "name", "role", "councils"], []),
    "admin.user_action": (["submit"], []),
    "admin.councils": (["submit"], ["register"]),
    "admin.rounds": (["slug", "title", "title_cy", "opens", "closes"], []),
    "admin.round_titles": (["title", "title_cy"], []),
    "coverage.save_eligible": (["eligible", "note"], []),
    "share.publish": (["submit"], []),
    "share.unpublish": (["submit"], []),
    "admin.round_action": (["submit"], []),
    "admin.reopen_council": (["submit"], []),
}
# Tested elsewhere: the questionnaire above, and the API by Schemathesis (test_api.py).
NOT_STAFF_FORMS = {"respond.section", "respond.check_answers"}
# Tables that rejected input may change: failed attempts are counted (throttling), the
# audit log records them, and sessions note when they were last seen.
MAY_CHANGE = {"attempts", "audit_log", "sessions"}


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz-staff"), WTF_CSRF_ENABLED=False)
    store = Store(connect(app.config["DATABASE"]))
    ids = add_staff(store)
    ids["action"] = store.add_action(
        "E07900001",
        "r2026",
        {
            "factor": "trust",
            "what": "Meet partners monthly",
            "lead": "Chief executive",
            "due": "2099-01-31",
            "measure": "Staff survey",
            "status": "planned",
        },
    )
    ids["partnership"] = store.create_partnership(
        "Shared services", ["E07900001", "E07900002"], "admin@example.org", ["E07900001"]
    )
    ids["token"] = store.create_account_link(ids["lead"], "reset", 0, 4e9)
    admin = app.test_client()
    sign_in(admin, "admin")
    return app, admin, store, ids


def snapshot(store) -> dict[str, list]:
    tables = [
        row["name"]
        for row in store.db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row["name"] not in MAY_CHANGE and not row["name"].startswith("sqlite_")
    ]
    return {t: sorted(map(repr, store.db.execute(f"SELECT * FROM [{t}]"))) for t in tables}


def draw_path(app, data, rule, ids) -> str:
    """A URL for ``rule`` with each part drawn from real and made-up values: another
    council, rows that do not exist, a real and a fake reset token, unknown actions."""
    choices = {
        "round_slug": ["r2026", "r2026", "no-such-round"],
        "slug": ["r2026", "trust", "no-such"],
        "gss": ["E07900001", "E07900002", "X99999999"],
        "user_id": [ids["lead"], ids["facilitator"], 999999],
        "action_id": [ids["action"], 999999],
        "partnership_id": [ids["partnership"], 999999],
        "token": [ids["token"], "not-a-token"],
        "action": ["disable", "enable", "reset-link", "sign-out", "close", "open", "junk"],
        "lang": ["en", "cy", "fr"],
    }
    values = {arg: data.draw(st.sampled_from(choices[arg])) for arg in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def test_every_staff_post_route_is_fuzzed(staff_app):
    app = staff_app[0]
    posted = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.startswith("api.")
    }
    assert posted - NOT_STAFF_FORMS == set(STAFF_FORMS)


@settings(FUZZ, max_examples=400)
@given(data=st.data())
def test_staff_forms_never_fail_and_rejected_input_changes_nothing(staff_app, data):
    app, admin, store, ids = staff_app
    endpoint = data.draw(st.sampled_from(sorted(STAFF_FORMS)))
    fields, files = STAFF_FORMS[endpoint]
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    path = draw_path(app, data, rule, ids)
    names = [*fields, *files, "unexpected"]
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=len(names) + 2))
    form = MultiDict()
    for name in chosen:
        if name in files:
            content = data.draw(
                st.binary(max_size=400) | junk_text.map(lambda t: t.encode("utf-8", "replace"))
            )
            form.add(
                name, (io.BytesIO(content), data.draw(st.sampled_from(["a.csv", "a.txt", ""])))
            )
        else:
            form.add(name, data.draw(junk_text))
    before = snapshot(store)
    response = admin.post(path, data=form, content_type="multipart/form-data")
    assert response.status_code < 500, (path, form)
    event(f"{endpoint} {response.status_code}")
    if 400 <= response.status_code < 500:
        assert snapshot(store) == before, (path, response.status_code)
    if response.status_code == 400:
        assert "There is a problem" in response.get_data(as_text=True), path
    if endpoint in ("auth.sign_in", "auth.sign_out", "admin.user_action"):
        sign_in(admin, "admin")  # whoever is signed in may have changed


def test_documents_render_after_the_fuzzing(staff_app, instrument):
    """Whatever the fuzzing above stored in names, titles, actions and partnerships, and
    control characters stored before the forms refused them (put in directly here, as
    old data would be), every PDF still renders and reads back without one."""
    from pypdf import PdfReader

    from reports.text import CONTROL
    from tests.conftest import complete_answers

    app, admin, store, ids = staff_app
    council = store.get_council("E07900001")
    store.upsert_councils([{**council, "name": council["name"] + "\x1b[2J\x00"}])
    store.db.execute("UPDATE rounds SET title = title || ? WHERE slug = 'r2026'", ["\x07\x9b"])
    store.update_action(ids["action"], "E07900001", {"what": "Meet\x1b]0;x\x07 monthly"})
    if store.count_submitted("r2026", "E07900001") < 6:
        people = [complete_answers(instrument, v) for v in "345344"]
        store.insert_submitted_responses(
            "r2026", "E07900001", instrument.id, 1, people, "2026-10-01"
        )
    sign_in(admin, "admin")
    for path in (
        "/results/r2026/E07900001/report.pdf",
        "/results/r2026/E07900001/workshop.pdf",
        "/results/r2026/E07900001/workshop.pdf?large_print=1&lang=cy",
        "/national/r2026/summary.pdf",
    ):
        response = admin.get(path)
        assert response.status_code == 200, path
        pages = PdfReader(io.BytesIO(response.data)).pages
        text = "".join(page.extract_text() for page in pages)
        assert not CONTROL.search(text.replace("\n", "")), path
        assert "\\x1b" in text, path  # the stored name is there, escaped


# Every query parameter any page reads, and some no page reads.
QUERY_NAMES = [
    "next", "change", "peers", "type", "nation", "region", "sort", "lang",
    "large_print", "event", "expired", "page", "format",
]  # fmt: skip


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_every_page_with_any_query_string_never_fails(staff_app, data):
    """Every GET route outside the API (which Schemathesis covers), as an admin, with URL
    parts and query parameters drawn from real and made-up values."""
    app, admin, store, ids = staff_app
    rules = sorted(
        (r for r in app.url_map.iter_rules() if "GET" in r.methods),
        key=lambda r: r.endpoint,
    )
    rule = data.draw(
        st.sampled_from([r for r in rules if not r.endpoint.startswith(("api.", "static"))])
    )
    query = data.draw(st.lists(st.tuples(st.sampled_from(QUERY_NAMES), junk_text), max_size=4))
    path = draw_path(app, data, rule, ids)
    before = snapshot(store)
    response = admin.get(path, query_string=MultiDict(query))
    assert response.status_code < 500, (path, query)
    event(f"{rule.endpoint} {response.status_code}")
    assert snapshot(store) == before, path  # reading a page changes nothing
