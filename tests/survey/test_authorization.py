"""The authorisation matrix: every route x role x (own council / other council).

It lists every rule in ``app.url_map`` and fails when one is missing from MATRIX, so a new
page, export, chart, PDF or API route cannot land without saying who may use it. For
each case it checks the status, and that no body (allowed or denied) carries data of a
council the role may not see: the other council's comments never appear anywhere, and
its name never appears for the council lead and facilitator of the first council.
"""

from __future__ import annotations

import io

import pytest

from tests.conftest import (
    OTHER_COUNCIL,
    TEST_COUNCIL,
    add_staff,
    complete_answers,
    make_app,
    sign_in,
)

OWN = TEST_COUNCIL["gss"]
OTHER = OTHER_COUNCIL["gss"]
ROLES = ("anonymous", "admin", "analyst", "lead", "facilitator")
OWN_COMMENT = "OWN-COUNCIL-COMMENT-MARKER"
OTHER_COMMENT = "OTHER-COUNCIL-COMMENT-MARKER"

# Expected status by role; a dict of two such tuples when the route names a council.
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": 302, "admin": 200, "analyst": 200, "lead": 200, "facilitator": 200}
ADMIN_ONLY = {"anonymous": 302, "admin": 200, "analyst": 403, "lead": 403, "facilitator": 403}
ADMIN_ACTION = {**ADMIN_ONLY, "admin": 302}
MANAGE = {
    "own": {"anonymous": 302, "admin": 200, "analyst": 403, "lead": 200, "facilitator": 403},
    "other": {"anonymous": 302, "admin": 200, "analyst": 403, "lead": 403, "facilitator": 403},
}


def manage(allowed_status: int) -> dict:
    return {
        which: {r: (allowed_status if s == 200 else s) for r, s in statuses.items()}
        for which, statuses in MANAGE.items()
    }


VIEW_RESULTS = {
    "own": SIGNED_IN,
    "other": {"anonymous": 302, "admin": 200, "analyst": 200, "lead": 403, "facilitator": 403},
}

NATIONAL = {"anonymous": 302, "admin": 200, "analyst": 200, "lead": 403, "facilitator": 403}
API_SIGNED_IN = {**SIGNED_IN, "anonymous": 401}
WORKSHOP = {
    "own": {"anonymous": 302, "admin": 200, "analyst": 403, "lead": 200, "facilitator": 200},
    "other": {"anonymous": 302, "admin": 200, "analyst": 403, "lead": 403, "facilitator": 403},
}
RECORD_ACTIONS = WORKSHOP  # the council's lead and facilitators (and admins)
# Typing in paper copies: the council's own lead and facilitators only (an administrator
# would read one person's answers and comments).
ENTER_PAPER = {
    "own": {"anonymous": 302, "admin": 403, "analyst": 403, "lead": 200, "facilitator": 200},
    "other": {"anonymous": 302, "admin": 403, "analyst": 403, "lead": 403, "facilitator": 403},
}


def enter_paper(allowed_status: int) -> dict:
    return {
        which: {r: (allowed_status if s == 200 else s) for r, s in statuses.items()}
        for which, statuses in ENTER_PAPER.items()
    }


ACTION_SAVED = {
    which: {r: (302 if status == 200 else status) for r, status in statuses.items()}
    for which, statuses in WORKSHOP.items()
}
# The council register (names and codes) is public: listing it is not another council's data.
PUBLIC_REGISTER = {"api.councils"}
# A partnership's members are named to everyone who may see the partnership.
NAMES_MEMBERS = {
    "partnerships.index",
    "partnerships.detail",
    "partnerships.results",
    "partnerships.create",
    "partnerships.report",
}
PARTNER_ONLY = {"anonymous": 302, "admin": 302, "analyst": 403, "lead": 403, "facilitator": 403}

# endpoint: (method, path template, form data or None, expected)
# Paths use {gss} for the council under test, {user} for the facilitator's id.
MATRIX = {
    "static": ("GET", "/static/app.css", None, PUBLIC),
    "pages.home": ("GET", "/", None, PUBLIC),
    "pages.privacy": ("GET", "/privacy", None, PUBLIC),
    "pages.accessibility": ("GET", "/accessibility", None, PUBLIC),
    "pages.language": ("GET", "/language/cy?next=/privacy", None, dict.fromkeys(ROLES, 302)),
    "pages.plotly_js": ("GET", "/scripts/plotly.min.js", None, PUBLIC),
    "pages.health": ("GET", "/healthz", None, PUBLIC),
    # Respondent routes: no staff role opens a questionnaire; an unknown link is 404 and a
    # page without a respondent session is 403, for everyone alike.
    "respond.invitation": ("GET", "/i/not-a-real-token", None, dict.fromkeys(ROLES, 404)),
    "respond.start": ("GET", "/start", None, dict.fromkeys(ROLES, 403)),
    "respond.section": ("GET", "/section/trust", None, dict.fromkeys(ROLES, 403)),
    "respond.saved": ("GET", "/saved", None, dict.fromkeys(ROLES, 403)),
    "respond.check_answers": ("GET", "/check-answers", None, dict.fromkeys(ROLES, 403)),
    "respond.confirmation": ("GET", "/confirmation", None, dict.fromkeys(ROLES, 302)),
    "auth.sign_in": ("GET", "/sign-in", None, PUBLIC),
    "auth.sign_out": ("POST", "/sign-out", {}, dict.fromkeys(ROLES, 302)),
    "auth.signed_out": ("GET", "/signed-out", None, PUBLIC),
    "auth.forgotten_password": ("GET", "/forgotten-password", None, PUBLIC),
    "auth.set_password": ("GET", "/account/password/not-a-token", None, dict.fromkeys(ROLES, 404)),
    "auth.dashboard": ("GET", "/dashboard", None, dict.fromkeys(ROLES, 302)),
    "results.index": ("GET", "/results/", None, SIGNED_IN),
    "results.council": ("GET", "/results/r2026/{gss}", None, VIEW_RESULTS),
    "workspace.index": (
        "GET",
        "/workspace/",
        None,
        {"anonymous": 302, "admin": 200, "analyst": 302, "lead": 200, "facilitator": 200},
    ),
    "workspace.council": ("GET", "/workspace/r2026/{gss}", None, MANAGE),
    "workspace.invite": ("GET", "/workspace/r2026/{gss}/invite", None, MANAGE),
    "workspace.invite_links": (
        "POST",
        "/workspace/r2026/{gss}/invite/links",
        {"count": "2", "delivery": "screen"},
        MANAGE,
    ),
    "workspace.invite_emails": (
        "POST",
        "/workspace/r2026/{gss}/invite/emails",
        {"emails-delivery": "screen", "emails-emails_file": "csv"},
        MANAGE,
    ),
    "workspace.remind": ("POST", "/workspace/r2026/{gss}/remind", {}, MANAGE),
    "workspace.withdraw": ("POST", "/workspace/r2026/{gss}/withdraw", {}, manage(400)),
    "workspace.close": ("GET", "/workspace/r2026/{gss}/close", None, MANAGE),
    "workspace.add_facilitator": (
        "POST",
        "/workspace/r2026/{gss}/facilitators",
        {"email": "new.facilitator@example.org"},
        MANAGE,
    ),
    "workspace.remove_facilitator": (
        "POST",
        "/workspace/r2026/{gss}/facilitators/{user}/remove",
        {},
        manage(302),
    ),
    # The response rate's denominator: the council's lead (and admins), like invitations.
    "coverage.eligible": ("GET", "/workspace/r2026/{gss}/eligible", None, MANAGE),
    "coverage.save_eligible": (
        "POST",
        "/workspace/r2026/{gss}/eligible",
        {"eligible": "40", "note": "All staff on the payroll"},
        manage(302),
    ),
    "actions.plan": ("GET", "/workspace/r2026/{gss}/actions", None, RECORD_ACTIONS),
    "actions.edit": ("GET", "/workspace/r2026/{gss}/actions/{action}", None, RECORD_ACTIONS),
    "actions.target": (
        "POST",
        "/workspace/r2026/{gss}/targets",
        {"target-target_factor": "trust", "target-level": "4", "target-by_when": "2027 round"},
        ACTION_SAVED,
    ),
    # "You said, we are doing": anyone with the link (the first council's page, published);
    # publishing and unpublishing as the rest of taking part, for the lead and admins.
    "share.page": ("GET", "/shared/{share}", None, PUBLIC),
    "share.publish": ("POST", "/workspace/r2026/{gss}/share", {}, manage(302)),
    "share.unpublish": ("POST", "/workspace/r2026/{gss}/share/unpublish", {}, manage(302)),
    "paper.code": ("GET", "/workspace/r2026/{gss}/paper", None, ENTER_PAPER),
    # Without a code (or answers) the pages say what is missing: 400 for those allowed.
    "paper.answers": ("POST", "/workspace/r2026/{gss}/paper/answers", {}, enter_paper(400)),
    "paper.submit": ("POST", "/workspace/r2026/{gss}/paper/submit", {}, enter_paper(400)),
    "paper.entered": ("GET", "/workspace/r2026/{gss}/paper/entered", None, ENTER_PAPER),
    "partnerships.index": ("GET", "/partnerships/", None, SIGNED_IN),
    "partnerships.create": (
        "POST",
        "/partnerships/",
        {"name": "Joint waste", "councils": "E07900001 E07900002"},
        {"anonymous": 302, "admin": 302, "analyst": 403, "lead": 302, "facilitator": 403},
    ),
    "partnerships.detail": ("GET", "/partnerships/1", None, SIGNED_IN),
    "partnerships.confirm": ("POST", "/partnerships/1/confirm/E07900002", {}, PARTNER_ONLY),
    "partnerships.module": (
        "POST",
        "/partnerships/1/module/r2026",
        {"on": "1"},
        {"anonymous": 302, "admin": 302, "analyst": 403, "lead": 302, "facilitator": 403},
    ),
    "partnerships.results": ("GET", "/partnerships/1/r2026", None, SIGNED_IN),
    # Allowed for everyone here (the lead and facilitator's council is a member), but no
    # member has answered the module, so there is no report: 404 with the reason.
    "partnerships.report": (
        "GET",
        "/partnerships/1/r2026/report.pdf",
        None,
        {**dict.fromkeys(ROLES, 404), "anonymous": 302},
    ),
    "benchmark.council": ("GET", "/results/r2026/{gss}/benchmark", None, VIEW_RESULTS),
    "benchmark.choose_peers": ("POST", "/results/r2026/{gss}/peers", {"councils": ""}, manage(302)),
    "benchmark.national": ("GET", "/national/r2026", None, NATIONAL),
    "downloads.council": ("GET", "/results/r2026/{gss}/report.pdf", None, VIEW_RESULTS),
    "downloads.workshop": ("GET", "/results/r2026/{gss}/workshop.pdf", None, WORKSHOP),
    "downloads.national": ("GET", "/national/r2026/summary.pdf", None, NATIONAL),
    "api.openapi": ("GET", "/api/v1/openapi.json", None, PUBLIC),
    "api.rounds": ("GET", "/api/v1/rounds", None, API_SIGNED_IN),
    "api.councils": ("GET", "/api/v1/councils", None, API_SIGNED_IN),
    "api.council_scores": (
        "GET",
        "/api/v1/rounds/r2026/councils/{gss}",
        None,
        {which: {**statuses, "anonymous": 401} for which, statuses in VIEW_RESULTS.items()},
    ),
    "api.league": ("GET", "/api/v1/rounds/r2026/league", None, {**NATIONAL, "anonymous": 401}),
    "admin.index": ("GET", "/admin/", None, ADMIN_ONLY),
    "admin.users": ("GET", "/admin/users", None, ADMIN_ONLY),
    "admin.new_user": ("GET", "/admin/users/new", None, ADMIN_ONLY),
    "admin.user": ("GET", "/admin/users/{user}", None, ADMIN_ONLY),
    "admin.user_action": ("POST", "/admin/users/{user}/sign-out", {}, ADMIN_ACTION),
    "admin.councils": ("GET", "/admin/councils", None, ADMIN_ONLY),
    "admin.rounds": ("GET", "/admin/rounds", None, ADMIN_ONLY),
    "admin.round_titles": ("GET", "/admin/rounds/r2026/titles", None, ADMIN_ONLY),
    "admin.round_action": ("POST", "/admin/rounds/r2026/close", {}, ADMIN_ACTION),
    "admin.reopen_council": ("POST", "/admin/rounds/r2026/reopen/{closed}", {}, ADMIN_ACTION),
    "admin.audit_log": ("GET", "/admin/audit", None, ADMIN_ONLY),
}


def pdf_text(data: bytes) -> str:
    """What a PDF says, so the same checks apply to PDFs as to pages."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_route_is_in_the_matrix(tmp_path):
    app = make_app(tmp_path)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - MATRIX.keys() == set(), "add these routes to the matrix"
    assert MATRIX.keys() - endpoints == set(), "these matrix entries have no route"


def _seed(app):
    """Both councils above the threshold, each with a comment only its own people may read."""
    from survey.db import get_store

    with app.app_context():
        store = get_store()
        ids = add_staff(store)
        for gss, marker in ((OWN, OWN_COMMENT), (OTHER, OTHER_COMMENT)):
            answers = complete_answers(app.extensions["instruments"].get(1))
            answers["comment_working_well"] = marker
            store.insert_submitted_responses(
                "r2026", gss, "collaboration-maturity", 1, [answers] * 6, "2026-10-01"
            )
        store.create_round("r-closed", "Closed early", "collaboration-maturity", 1)
        # Partnership 1: the first council (confirmed) and the other (not yet).
        store.create_partnership("Joint service", [OWN, OTHER], "admin", confirmed=[OWN])
        for gss in (OWN, OTHER):  # action 1 is the first council's, action 2 the other's
            store.add_action(
                gss,
                "r2026",
                {
                    "factor": "trust",
                    "what": "Meet partners monthly",
                    "lead": "Head of service",
                    "due": "2027-01-31",
                    "measure": "Meetings held",
                    "status": "planned",
                },
            )
        ids["share"] = store.publish_share("r2026", OWN, "admin@example.org")["token"]
    return ids


CASES = [
    (endpoint, role, which)
    for endpoint, (_, path, _, expected) in MATRIX.items()
    for role in ROLES
    for which in (("own", "other") if "{gss}" in path else ("none",))
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One app per endpoint is made lazily: cases that change state stay within one."""
    apps = {}

    def get(endpoint):
        if endpoint not in apps:
            app = make_app(tmp_path_factory.mktemp("authz"), WTF_CSRF_ENABLED=False)
            apps[endpoint] = (app, _seed(app))
        return apps[endpoint]

    return get


@pytest.mark.parametrize(("endpoint", "role", "which"), CASES)
def test_route_role_council(seeded, endpoint, role, which):
    app, ids = seeded(endpoint)
    method, template, data, expected = MATRIX[endpoint]
    gss = OWN if which in ("own", "none") else OTHER
    if endpoint == "admin.reopen_council":
        from survey.db import get_store

        with app.app_context():
            get_store().close_council_round("r2026", OTHER)
    path = template.format(
        gss=gss,
        user=ids["facilitator"],
        closed=OTHER,
        action=1 if gss == OWN else 2,
        share=ids["share"],
    )
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, role)
    if endpoint == "workspace.invite_emails" and data:
        data = {**data, "emails-emails_file": (io.BytesIO(b"a@example.org\n"), "a.csv")}
    response = client.open(path, method=method, data=data)
    want = expected[which] if which != "none" else expected
    assert response.status_code == want[role], (method, path, role)

    if response.mimetype == "application/pdf":
        body = pdf_text(response.data)
    else:
        body = response.get_data(as_text=True)
    # The other council's comments are never shown to anyone.
    assert OTHER_COMMENT not in body
    # The first council's comments only to its own lead and facilitator.
    if OWN_COMMENT in body:
        assert role in ("lead", "facilitator") and endpoint == "results.council"
    # A council lead or facilitator never sees the other council's name or figures.
    if role in ("lead", "facilitator") and endpoint not in PUBLIC_REGISTER | NAMES_MEMBERS:
        assert OTHER_COUNCIL["name"] not in body
    if response.status_code == 403:
        assert TEST_COUNCIL["name"] not in body and OTHER_COUNCIL["name"] not in body


def test_comments_reach_the_council_lead_and_facilitator_only(seeded):
    app, _ = seeded("results.council")
    for role, sees in (("admin", False), ("analyst", False), ("lead", True), ("facilitator", True)):
        client = app.test_client()
        sign_in(client, role)
        body = client.get(f"/results/r2026/{OWN}").get_data(as_text=True)
        assert (OWN_COMMENT in body) is sees, role
        assert "collaboration index" in body.lower()


def test_denied_access_is_audited(seeded):
    app, _ = seeded("results.council")
    client = app.test_client()
    sign_in(client, "lead")
    assert client.get(f"/results/r2026/{OTHER}").status_code == 403
    from survey.db import get_store

    with app.app_context():
        events = get_store().audit_events(event="access-denied")
    assert events and events[0]["actor"] == "lead@example.org"
    assert events[0]["object"] == f"results r2026/{OTHER}"


@pytest.mark.parametrize("role", ["admin", "analyst", "lead", "facilitator"])
def test_action_plans_follow_one_rule_on_pages_and_reports(seeded, role):
    """Who sees a council's action plan on its results page sees it in its report, and
    no one else: national analysts see it nowhere."""
    app, _ = seeded("downloads.council")
    client = app.test_client()
    sign_in(client, role)
    sees = role != "analyst"
    page = client.get(f"/results/r2026/{OWN}").get_data(as_text=True)
    report = " ".join(pdf_text(client.get(f"/results/r2026/{OWN}/report.pdf").data).split())
    assert ("Meet partners monthly" in page) is sees
    assert ("Meet partners monthly" in report) is sees
