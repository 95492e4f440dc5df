"""The security probe's six findings, each reproduced as it was found, and now refused.

1. open redirects through ``next`` (tab, CR and LF dropped by Werkzeug), and a 500 for LF;
2. chosen peers giving away an unpublished council (scoring: tests/scoring/test_national);
3. a 500 for ids above SQLite's range on every ``<int:...>`` route;
4. control characters in staff fields and the register breaking PDFs, CSV and the CLI;
5. terminal escapes printed raw by ``collab audit``;
6. two ``collab serve`` sharing gunicorn's control socket (tests/survey/test_serve.py).
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from reports.text import CONTROL
from survey.cli import main
from survey.security import local_target
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, complete_answers, sign_in
from tests.survey.test_actions import VALID as ACTION

OWN = TEST_COUNCIL["gss"]
# What the probe sent, and the ways round a check on the raw string.
HOSTILE_TARGETS = [
    "/\t/evil.example/x",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/\r\n/evil.example/",
    "\t//evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https://evil.example/",
    "http:/evil.example/",
    "javascript:alert(1)",
    "evil.example/",
    " /privacy",
    "/privacy\x00",
    "/privacy\n",
    "/pri\u2028vacy",
    "/\u3000/evil.example/",
]
LOCAL_TARGETS = ["/privacy", "/results/r2026/E07900001?peers=chosen", "/", "/a//b"]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_a_hostile_target_falls_back_to_the_default(target):
    assert local_target(target, "/home") == "/home"


@pytest.mark.parametrize("target", LOCAL_TARGETS)
def test_a_local_path_is_followed(target):
    assert local_target(target, "/home") == target


def _is_local(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/")


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_the_language_switch_never_leaves_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", [*HOSTILE_TARGETS, *LOCAL_TARGETS])
def test_signing_in_never_leaves_the_site(client, store, target):
    add_staff(store)
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={"email": "lead@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert _is_local(location) and not location.startswith("//")
    expected = target if target in LOCAL_TARGETS else "/dashboard"
    assert location == expected


# 3. Ids out of SQLite's range -----------------------------------------------------------

OUT_OF_RANGE = ["9223372036854775808", "18446744073709551621", "1" + "0" * 30, "-1", "0"]


def test_every_int_route_answers_404_for_ids_out_of_range(app, client, store):
    """Every ``<int:...>`` rule in the URL map, by GET and POST, as an administrator (who
    may use every route) and a lead (the probe reached the actions route as one)."""
    add_staff(store)
    store.create_partnership("Joint", [OWN, OTHER_COUNCIL["gss"]], "admin", confirmed=[OWN])
    rules = [r for r in app.url_map.iter_rules() if "int:" in r.rule]
    assert len(rules) >= 9
    for role in ("admin", "lead"):
        sign_in(client, role)
        for rule in rules:
            for bad in OUT_OF_RANGE:
                path = re.sub(r"<int:\w+>", bad, rule.rule)
                path = path.replace("<round_slug>", "r2026").replace("<gss>", OWN)
                path = path.replace("<action>", "sign-out")
                for method in sorted(rule.methods & {"GET", "POST"}):
                    response = client.open(path, method=method, data={})
                    # Id 0 is in range: a route the role may not use says so first.
                    allowed = {404, 403} if bad == "0" and role == "lead" else {404}
                    assert response.status_code in allowed, (role, method, path)


# 4 and 5. Control characters ------------------------------------------------------------

ESC = "\x1b[2J\x1b[1;1H"
CONTROL_MESSAGE = "has a character that cannot be saved"


def _soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _snapshot(store) -> dict:
    tables = [
        r["name"]
        for r in store.db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        if r["name"] not in ("attempts", "audit_log", "sessions")
        and not r["name"].startswith("sqlite_")
    ]
    return {t: sorted(map(repr, store.db.execute(f"SELECT * FROM [{t}]"))) for t in tables}


# Every free-text field of every staff form, with otherwise valid data.
STAFF_TEXT_FIELDS = [
    ("admin", "/admin/rounds", {"slug": "r2027", "title": "Round 2027"}, "title"),
    ("admin", "/admin/rounds", {"slug": "r2027", "title": "Round 2027"}, "slug"),
    ("admin", "/admin/users/new", {"email": "n@example.org", "role": "analyst"}, "name"),
    ("admin", "/admin/users/new", {"email": "n@example.org", "role": "analyst"}, "email"),
    ("admin", "/admin/users/new", {"email": "n@example.org", "role": "lead"}, "councils"),
    ("lead", f"/workspace/r2026/{OWN}/actions", ACTION, "action-what"),
    ("lead", f"/workspace/r2026/{OWN}/actions", ACTION, "action-lead"),
    ("lead", f"/workspace/r2026/{OWN}/actions", ACTION, "action-measure"),
    (
        "lead",
        f"/workspace/r2026/{OWN}/targets",
        {"target-target_factor": "trust", "target-level": "4", "target-by_when": "2027"},
        "target-by_when",
    ),
    ("lead", "/partnerships/", {"name": "Joint", "councils": f"{OWN} E07900002"}, "name"),
    ("lead", "/partnerships/", {"name": "Joint", "councils": f"{OWN} E07900002"}, "councils"),
    ("lead", f"/results/r2026/{OWN}/peers", {"councils": "E07900002"}, "councils"),
    ("lead", f"/workspace/r2026/{OWN}/facilitators", {"email": "f@example.org"}, "email"),
    ("lead", f"/workspace/r2026/{OWN}/invite/links", {"count": "2", "delivery": "screen"}, "count"),
    ("lead", f"/workspace/r2026/{OWN}/withdraw", {"link": "abc"}, "link"),
]


@pytest.mark.parametrize("control", ["\x00", ESC, "\x07", "\x9b31m", "\x7f"])
@pytest.mark.parametrize(("role", "path", "data", "field"), STAFF_TEXT_FIELDS)
def test_every_staff_text_field_refuses_control_characters(
    client, store, role, path, data, field, control
):
    add_staff(store)
    sign_in(client, role)
    before = _snapshot(store)
    value = data.get(field) or "text"
    response = client.post(path, data={**data, field: value[:2] + control + value[2:]})
    assert response.status_code == 400, (path, field)
    summary = _soup(response).find(class_="govuk-error-summary")
    assert summary is not None and CONTROL_MESSAGE in summary.get_text(), (path, field)
    assert _snapshot(store) == before


def test_multi_line_fields_keep_tabs_and_line_breaks(client, store):
    add_staff(store)
    sign_in(client, "lead")
    what = "First, meet monthly.\r\nThen:\tshare the minutes."
    response = client.post(f"/workspace/r2026/{OWN}/actions", data={**ACTION, "action-what": what})
    assert response.status_code == 302
    assert store.actions(OWN)[0]["what"] in (what, what.replace("\r\n", "\n"))


def test_the_command_line_refuses_control_characters_in_what_it_stores(runner, store):
    result = runner.invoke(main, ["rounds", "create", "r2027", "--title", f"Round{ESC}"])
    assert result.exit_code == 2 and "control character" in result.output
    assert store.get_round("r2027") is None
    result = runner.invoke(
        main,
        ["users", "create", "--email", "a@example.org", "--role", "analyst", "--name", "A\x00"],
    )
    assert result.exit_code == 2 and store.get_user_by_email("a@example.org") is None
    bad_email = f"x{ESC}@example.org"
    result = runner.invoke(main, ["users", "create", "--email", bad_email, "--role", "analyst"])
    assert result.exit_code == 2 and store.get_user_by_email(bad_email) is None
    result = runner.invoke(main, ["rounds", "create", "r\x1bx", "--title", "Round"])
    assert result.exit_code == 2 and "lower-case letters" in result.output
    assert store.get_round("r\x1bx") is None
    # Ids from listings, out of SQLite's range: a clear message, not a traceback.
    for args in (["tokens", "revoke"], ["report", "partnership"]):
        extra = ["--round", "r2026", "-o", "x.pdf"] if args[0] == "report" else []
        result = runner.invoke(main, [*args, "99999999999999999999", *extra])
        assert result.exit_code == 2 and "Traceback" not in result.output, args
        assert not isinstance(result.exception, OverflowError)


def _register(name: str) -> str:
    header = (
        "gss-code,official-name,nice-name,nation,region,local-authority-type,"
        "local-authority-type-name,pop-2020\n"
    )
    good = "E07000223,Adur District Council,Adur,England,South East,NMD,District,64301\n"
    bad = f"E07000224,Arun District Council,{name},England,South East,NMD,District,160758\n"
    return header + good + bad


def test_a_register_with_control_characters_names_the_line_and_imports_nothing(
    runner, client, store, tmp_path
):
    path = tmp_path / "register.csv"
    path.write_text(_register(f"Arun{ESC}"), encoding="utf-8")
    result = runner.invoke(main, ["councils", "import", str(path)])
    assert result.exit_code != 0
    assert "line 3" in result.output and "control character" in result.output
    assert "\x1b" not in result.output  # the message shows it escaped
    assert store.get_council("E07000223") is None

    add_staff(store)
    sign_in(client, "admin")
    response = client.post(
        "/admin/councils",
        data={"register": (io.BytesIO(_register("Arun\x00").encode()), "register.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "line 3" in _soup(response).find(class_="govuk-error-summary").get_text()
    assert store.get_council("E07000223") is None


@pytest.fixture
def stored_controls(app, store, instrument):
    """Control characters already in the database, as before the text rule: in a council
    name, the round title, an action, a user's name and the audit log."""
    add_staff(store)
    council = store.get_council(OWN)
    store.upsert_councils([{**council, "name": f"Ash{ESC}combe\x00 Vale\x07"}])
    store.db.execute("UPDATE rounds SET title = ? WHERE slug = 'r2026'", ["Round\x1b]0;x\x07"])
    people = [complete_answers(instrument, v) for v in "345344"]
    store.insert_submitted_responses("r2026", OWN, instrument.id, 1, people, "2026-10-01")
    fields = {k.removeprefix("action-"): v for k, v in ACTION.items()}
    store.add_action(OWN, "r2026", {**fields, "due": "2027-03-31", "what": f"Meet{ESC}\x00"})
    store.audit(f"anonymous ({ESC}1.2.3.4)", "sign-in-failed", f"x{ESC}@example.org", "\x1b[8m")
    return store


def _pdf_text(data: bytes) -> str:
    """The PDF's words, one space between each (table cells wrap their text)."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_pdfs_render_with_control_characters_stored(client, stored_controls, runner, tmp_path):
    sign_in(client, "lead")
    for path in (f"/results/r2026/{OWN}/report.pdf", f"/results/r2026/{OWN}/workshop.pdf"):
        response = client.get(path)
        assert response.status_code == 200, path
        text = _pdf_text(response.data)
        assert "\\x1b" in text and "combe" in text
        assert not CONTROL.search(text.replace("\n", "")), path
    out = tmp_path / "report.pdf"
    result = runner.invoke(main, ["report", "council", OWN, "--round", "r2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and out.read_bytes().startswith(b"%PDF")


def _no_controls(text: str) -> bool:
    """CSV may end lines with CRLF and hold tab and newline inside quoted cells."""
    return not CONTROL.search(text.replace("\r\n", "").replace("\n", "").replace("\t", ""))


def test_csv_and_cli_output_escape_control_characters(runner, stored_controls, tmp_path):
    exports = {
        "actions": ["actions", "export", "--council", OWN],
        "responses": ["export", "responses", "--round", "r2026", "--format", "csv"],
        "league": ["league", "--round", "r2026", "--format", "csv", "--draws", "100"],
        "scores": ["scores", "--round", "r2026"],
        "users": ["users", "list"],
        "audit": ["audit"],
    }
    for name, args in exports.items():
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
        assert _no_controls(result.output), name
    audit = runner.invoke(main, ["audit"]).output
    # The probe's escape sequence is shown, escaped, on the one line of its event.
    (line,) = [row for row in audit.splitlines() if "sign-in-failed" in row]
    assert "\\x1b[2J" in line and "\\x1b[8m" in line
    actions = list(csv.reader(io.StringIO(runner.invoke(main, exports["actions"]).output)))
    assert any("Meet\\x1b[2J" in cell for row in actions for cell in row)
    result = runner.invoke(
        main, ["export", "open-data", "--round", "r2026", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert _no_controls((tmp_path / "council-scores.csv").read_text(encoding="utf-8"))
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert _no_controls(readme) and "Round\\x1b]0;x\\x07" in readme


# Consistency: action plans and "Add facilitator" ---------------------------------------


def test_analysts_see_action_plans_nowhere(client, stored_controls):
    sign_in(client, "analyst")
    page = client.get(f"/results/r2026/{OWN}").get_data(as_text=True)
    assert "Meet" not in page and "Head of Partnerships" not in page
    report = _pdf_text(client.get(f"/results/r2026/{OWN}/report.pdf").data)
    assert "Head of Partnerships" not in report and "Meet\\x1b" not in report
    lead = client.application.test_client()
    sign_in(lead, "lead")
    assert "Head of Partnerships" in _pdf_text(lead.get(f"/results/r2026/{OWN}/report.pdf").data)


def test_a_report_shows_an_action_status_changed_after_it_was_first_downloaded(
    client, stored_controls
):
    sign_in(client, "lead")
    path = f"/results/r2026/{OWN}/report.pdf"
    assert "Head of Partnerships" in _pdf_text(client.get(path).data)
    (action,) = stored_controls.actions(OWN)
    stored_controls.update_action(action["id"], OWN, {**action, "lead": "Chief Executive"})
    text = _pdf_text(client.get(path).data)
    assert "Chief Executive" in text and "Head of Partnerships" not in text
