"""The council lead's workspace, account links and email, against a real local SMTP server."""

from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup

from survey import sessions
from tests.conftest import PASSWORD, add_staff, complete_answers, make_app, sign_in
from tests.smtp import smtp_server

LINK = re.compile(r"http://127\.0\.0\.1:5000(/i/[A-Za-z0-9_-]+)")
ACCOUNT_LINK = re.compile(r"http://127\.0\.0\.1:5000(/account/password/[A-Za-z0-9_-]+)")


def text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ")


@pytest.fixture
def lead(client, store):
    add_staff(store)
    sign_in(client, "lead")
    return client


@pytest.fixture
def smtp(tmp_path):
    """An app whose mail goes to a real SMTP server on localhost, and that server's inbox."""
    with smtp_server() as (port, inbox):
        app = make_app(
            tmp_path,
            WTF_CSRF_ENABLED=False,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=port,
            MAIL_FROM="survey@example.org",
        )
        yield app, inbox


def upload(client, content: bytes, keep=False, delivery="screen"):
    data = {
        "emails-emails_file": (io.BytesIO(content), "people.csv"),
        "emails-delivery": delivery,
    }
    if keep:
        data["emails-keep_for_reminders"] = "y"
    return client.post(
        "/workspace/r2026/E07900001/invite/emails",
        data=data,
        content_type="multipart/form-data",
    )


def plain(message) -> str:
    """The plain-text part of an invitation or reminder (they also have an HTML part)."""
    return message.get_body(preferencelist=("plain",)).get_content()


def respond(app, path):
    """A respondent opens a link and submits a complete questionnaire."""
    client = app.test_client()
    assert client.get(path).status_code == 302
    instrument = app.extensions["instruments"].get(1)
    for page in app.extensions["sections"][(1, "en")]:
        data = {q.id: complete_answers(instrument).get(q.id, "") for q in page.questions}
        client.post(f"/section/{page.slug}", data=data)
    assert client.post("/check-answers").status_code == 302
    return client


# Progress and invitations without email ------------------------------------------


def test_progress_counts_follow_invitations_starts_and_submissions(app, lead, store):
    response = lead.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": "3", "delivery": "screen"}
    )
    assert response.status_code == 200
    paths = LINK.findall(response.get_data(as_text=True))
    assert len(paths) == 3 and len(set(paths)) == 3
    assert "cannot be shown again" in text(response)
    respondent = app.test_client()
    respondent.get(paths[0])
    respond(app, paths[1])
    page = text(lead.get("/workspace/r2026/E07900001"))
    assert re.search(r"Invited\s+3 links", page)
    assert re.search(r"Started, not yet submitted\s+1", page)
    assert re.search(r"Submitted\s+1", page)


def test_links_can_be_downloaded_as_csv(lead, store):
    response = lead.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": "2", "delivery": "csv"}
    )
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 2 and all(LINK.match(r["link"]) for r in rows)
    assert store.council_progress("r2026", "E07900001")["invited"] == 2


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("", "Enter how many links you need"),
        ("ten", "Enter a whole number"),
        ("0", "Enter a number from 1 to 2000"),
        ("2001", "Enter a number from 1 to 2000"),
    ],
)
def test_bad_counts_are_explained_and_nothing_is_created(lead, store, count, message):
    response = lead.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": count, "delivery": "screen"}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "There is a problem" in page.find(class_="govuk-error-summary").get_text()
    assert message in page.find(class_="govuk-error-summary").get_text()
    assert page.title.get_text().startswith("Error: ")
    assert store.council_progress("r2026", "E07900001")["invited"] == 0


def test_csv_upload_reports_every_bad_row_and_creates_nothing(lead, store):
    content = (
        b'email\ngood@example.org\nnot an address\n\n=HYPERLINK("http://evil")\nGood@Example.org\n'
    )
    response = upload(lead, content)
    assert response.status_code == 400
    summary = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        class_="govuk-error-summary"
    )
    messages = [li.get_text(" ", strip=True) for li in summary.find_all("li")]
    assert messages == [
        "Row 3: 'not an address' is not an email address",
        "Row 5: '=HYPERLINK(\"http://evil\")' is not an email address",
        "Row 6: Good@Example.org appears already on row 2",
    ]
    assert all(a["href"] == "#emails-emails_file" for a in summary.find_all("a"))
    assert store.council_progress("r2026", "E07900001")["invited"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00bad", "not UTF-8"), (b"", "no email addresses"), (b"email\n", "no email")],
)
def test_unusable_files_are_explained(lead, content, message):
    response = upload(lead, content)
    assert response.status_code == 400
    assert message in text(response)


def test_without_smtp_addresses_come_back_with_links_and_are_not_kept(lead, store):
    response = upload(lead, b"ann@example.org\nbob@example.org\n", delivery="csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["email"] for r in rows] == ["ann@example.org", "bob@example.org"]
    assert store.council_progress("r2026", "E07900001")["remindable"] == 0
    assert store.reminder_targets("r2026", "E07900001") == []


def test_withdrawing_a_pasted_link(app, lead, store):
    response = lead.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": "1", "delivery": "screen"}
    )
    path = LINK.findall(response.get_data(as_text=True))[0]
    response = lead.post(
        "/workspace/r2026/E07900001/withdraw", data={"link": "http://127.0.0.1:5000" + path}
    )
    assert "no longer opens the questionnaire" in text(response)
    assert app.test_client().get(path).status_code == 404
    # A link of another council (or nonsense) is refused with a reason.
    store.upsert_councils(
        [{**store.get_council("E07900001"), "gss": "E07900002", "name": "Brackenford"}]
    )
    other = store.create_invitations("r2026", "E07900002", 1)[0]
    response = lead.post("/workspace/r2026/E07900001/withdraw", data={"link": f"/i/{other}"})
    assert response.status_code == 400
    assert "This is not an invitation link for Ashcombe Vale" in text(response)
    assert store.find_invitation(other)["state"] == "unused"


def test_closing_early_stops_answers_and_new_invitations(app, lead, store):
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    assert lead.post("/workspace/r2026/E07900001/close").status_code == 302
    assert app.test_client().get(f"/i/{token}").status_code == 410
    response = lead.post(
        "/workspace/r2026/E07900001/invite/links", data={"count": "1", "delivery": "screen"}
    )
    assert response.status_code == 400 and "closed for the council" in text(response)
    assert "Closed early on" in text(lead.get("/workspace/r2026/E07900001"))


def test_a_lead_assigns_a_new_facilitator_who_gets_an_account_link(app, lead, store):
    response = lead.post(
        "/workspace/r2026/E07900001/facilitators", data={"email": "fran@example.org"}
    )
    path = ACCOUNT_LINK.findall(response.get_data(as_text=True))[0]
    fran = store.get_user_by_email("fran@example.org")
    assert fran["role"] == "facilitator" and fran["password_hash"] is None
    assert store.user_councils(fran["id"]) == ["E07900001"]
    newcomer = app.test_client()
    newcomer.post(
        path, data={"password": "fran's long password", "confirm": "fran's long password"}
    )
    sign_in(newcomer, "fran@example.org", "fran's long password")
    assert newcomer.get("/results/r2026/E07900001").status_code == 200
    # An account with another role is not turned into a facilitator, and the lead gets
    # the same answer as for an existing facilitator's account: nothing tells them which
    # addresses belong to administrators, analysts or other councils' leads.
    other = lead.post(
        "/workspace/r2026/E07900001/facilitators", data={"email": "analyst@example.org"}
    )
    existing = lead.post(
        "/workspace/r2026/E07900001/facilitators", data={"email": "facilitator@example.org"}
    )
    assert other.status_code == existing.status_code == 200
    assert text(other) == text(existing).replace("facilitator@example.org", "analyst@example.org")
    assert "another role" not in text(other)
    analyst = store.get_user_by_email("analyst@example.org")
    assert analyst["role"] == "analyst" and store.user_councils(analyst["id"]) == []
    events = [e["event"] for e in store.audit_events(event="facilitator-not-assigned")]
    assert events == ["facilitator-not-assigned"]


# Account links ------------------------------------------------------------------


def test_account_links_work_once_and_expire(app, store, monkeypatch):
    add_staff(store)
    admin = app.test_client()
    sign_in(admin, "admin")
    response = admin.post(
        "/admin/users/new",
        data={"email": "new@example.org", "role": "analyst", "name": "New Analyst"},
    )
    path = ACCOUNT_LINK.findall(response.get_data(as_text=True))[0]
    visitor = app.test_client()
    assert visitor.get(path).status_code == 200
    short = visitor.post(path, data={"password": "short", "confirm": "short"})
    assert short.status_code == 400 and "12 characters or more" in text(short)
    good = {"password": "a new long password", "confirm": "a new long password"}
    assert visitor.post(path, data=good).status_code == 200
    used = visitor.get(path)
    unknown = visitor.get("/account/password/" + "x" * 43)
    assert used.status_code == unknown.status_code == 404
    assert text(used) == text(unknown)
    sign_in(visitor, "new@example.org", "a new long password")

    # A reset link expires after RESET_LINK_MINUTES.
    user_id = store.get_user_by_email("new@example.org")["id"]
    response = admin.post(f"/admin/users/{user_id}/reset-link")
    path = ACCOUNT_LINK.findall(response.get_data(as_text=True))[0]
    later = sessions.clock() + app.config["RESET_LINK_MINUTES"] * 60 + 1
    monkeypatch.setattr(sessions, "clock", lambda: later)
    assert visitor.get(path).status_code == 404


def test_setting_a_password_ends_other_sessions(app, store):
    ids = add_staff(store)
    old = app.test_client()
    sign_in(old, "lead")
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        from survey.accounts import account_link

        path = ACCOUNT_LINK.match(account_link(ids["lead"], "reset")).group(1)
    app.test_client().post(
        path, data={"password": "another password!", "confirm": "another password!"}
    )
    assert old.get("/results/").status_code == 302


# With SMTP --------------------------------------------------------------------------


def test_invitations_and_reminders_by_email(smtp):
    app, inbox = smtp
    client = app.test_client()
    from survey.db import get_store

    with app.app_context():
        add_staff(get_store())
    sign_in(client, "lead")
    response = upload(client, b"email\nann@example.org\nbob@example.org\n", keep=True)
    assert response.status_code == 200
    assert "2 emails were sent" in text(response)
    assert not LINK.findall(response.get_data(as_text=True))  # sent, so not shown
    ann = inbox.to("ann@example.org")[0]
    assert "Ashcombe Vale" in ann["Subject"] and ann["From"] == "survey@example.org"
    ann_path = LINK.search(plain(ann)).group(1)
    respond(app, ann_path)

    # A reminder goes to Bob only, with a fresh link; his first link still works too.
    response = client.post("/workspace/r2026/E07900001/remind")
    assert "1 email was sent" in text(response)
    assert inbox.to("ann@example.org") == [ann]
    bob_first, bob_reminder = inbox.to("bob@example.org")
    assert bob_reminder["Subject"].startswith("Reminder")
    first = LINK.search(plain(bob_first)).group(1)
    second = LINK.search(plain(bob_reminder)).group(1)
    assert first != second
    assert app.test_client().get(first).status_code == 302
    respond(app, second)
    with app.app_context():
        store = get_store()
        # Both have submitted: no address is kept any more.
        assert store.reminder_targets("r2026", "E07900001") == []
        assert store.council_progress("r2026", "E07900001")["submitted"] == 2


def test_forgotten_password_by_email_says_the_same_for_unknown_addresses(smtp):
    app, inbox = smtp
    from survey.db import get_store

    with app.app_context():
        add_staff(get_store())
    client = app.test_client()
    known = client.post("/forgotten-password", data={"email": "lead@example.org"})
    unknown = client.post("/forgotten-password", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert text(known).replace("lead@example.org", "X") == text(unknown).replace(
        "nobody@example.org", "X"
    )
    assert len(inbox.messages) == 1
    path = ACCOUNT_LINK.search(inbox.to("lead@example.org")[0].get_content()).group(1)
    client.post(path, data={"password": "a fresh password", "confirm": "a fresh password"})
    sign_in(client, "lead", "a fresh password")
    client.post("/sign-out")
    assert (
        client.post(
            "/sign-in", data={"email": "lead@example.org", "password": PASSWORD}
        ).status_code
        == 400
    )


def test_a_mail_server_that_is_down_leaves_the_links_on_screen(tmp_path):
    from tests.smtp import free_port

    app = make_app(tmp_path, WTF_CSRF_ENABLED=False, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    from survey.db import get_store

    with app.app_context():
        add_staff(get_store())
    client = app.test_client()
    sign_in(client, "lead")
    response = upload(client, b"ann@example.org\n")
    assert "could not be sent" in text(response)
    assert len(LINK.findall(response.get_data(as_text=True))) == 1


@pytest.mark.parametrize(("count", "shown"), [(1, "Invited 1 link "), (2, "Invited 2 links ")])
def test_counts_read_as_english(lead, store, count, shown):
    store.create_invitations("r2026", "E07900001", count)
    assert shown in " ".join(text(lead.get("/workspace/r2026/E07900001")).split()) + " "
