"""Invitation and reminder emails in Welsh and English, read back from a real SMTP server."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup

from survey.cli import main
from survey.db import get_store
from tests.conftest import TEST_COUNCIL, add_staff, make_app, sign_in
from tests.smtp import smtp_server

WELSH_COUNCIL = {
    **TEST_COUNCIL,
    "gss": "W06900001",
    "name": "Ravensgarth",
    "official_name": "Ravensgarth County Borough Council",
    "type": "WPA",
    "type_name": "Welsh unitary authority",
    "nation": "Wales",
    "region": "Wales",
}
LINK = re.compile(r"http://127\.0\.0\.1:5000/i/[A-Za-z0-9_-]+")
WELSH = "yn cymryd rhan yn"
ENGLISH = "is taking part in"
WELSH_REMINDER = "nid ydym wedi cael eich atebion eto"
ENGLISH_REMINDER = "we have not yet had your answers"


@pytest.fixture
def smtp(tmp_path):
    with smtp_server() as (port, inbox):
        app = make_app(
            tmp_path,
            WTF_CSRF_ENABLED=False,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=port,
            MAIL_FROM="survey@example.org",
        )
        with app.app_context():
            store = get_store()
            store.upsert_councils([WELSH_COUNCIL])
            ids = add_staff(store)
            store.assign_council(ids["lead"], WELSH_COUNCIL["gss"])
        client = app.test_client()
        sign_in(client, "lead")
        yield app, client, inbox


def upload(client, gss, content: bytes, keep=False, bilingual=False):
    data = {"emails-emails_file": (io.BytesIO(content), "people.csv"), "emails-delivery": "screen"}
    if keep:
        data["emails-keep_for_reminders"] = "y"
    if bilingual:
        data["emails-bilingual"] = "y"
    response = client.post(
        f"/workspace/r2026/{gss}/invite/emails", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response


def parts(message):
    """The plain-text and HTML parts of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, BeautifulSoup(html, "html.parser")


def assert_welsh_then_english(message, welsh, english):
    text, html = parts(message)
    assert welsh in text and english in text
    assert text.index(welsh) < text.index(english)
    # The same link in each language, in both parts.
    link = LINK.search(text).group(0)
    assert LINK.findall(text) == [link, link]
    halves = html.select("body > div[lang]")
    assert [h["lang"] for h in halves] == ["cy", "en"]
    assert html.html["lang"] == "cy"
    assert welsh in halves[0].get_text(" ") and english not in halves[0].get_text(" ")
    assert english in halves[1].get_text(" ") and welsh not in halves[1].get_text(" ")
    for half in halves:
        assert half.find("a")["href"] == link
    return link


def test_a_welsh_councils_invitation_is_welsh_first_in_both_parts(smtp):
    app, client, inbox = smtp
    upload(client, "W06900001", b"email\nann@example.org\n")
    (message,) = inbox.to("ann@example.org")
    welsh_subject, english_subject = message["Subject"].split(" / ")
    assert welsh_subject == "Holiadur: sut mae Ravensgarth yn cydweithio"
    assert english_subject == "Questionnaire: how Ravensgarth collaborates"
    link = assert_welsh_then_english(message, WELSH, ENGLISH)
    # The link works, and a Welsh council's questionnaire opens in Welsh.
    respondent = app.test_client()
    assert respondent.get(link.removeprefix("http://127.0.0.1:5000")).status_code == 302
    assert 'lang="cy"' in respondent.get("/start").get_data(as_text=True)


def test_an_english_councils_invitation_is_english_only_unless_chosen(smtp):
    app, client, inbox = smtp
    upload(client, "E07900001", b"ann@example.org\n")
    (message,) = inbox.to("ann@example.org")
    assert message["Subject"] == "Questionnaire: how Ashcombe Vale collaborates"
    text, html = parts(message)
    assert ENGLISH in text and WELSH not in text
    assert [d["lang"] for d in html.select("body > div[lang]")] == ["en"]
    assert html.html["lang"] == "en"

    upload(client, "E07900001", b"bob@example.org\n", bilingual=True)
    (message,) = inbox.to("bob@example.org")
    assert message["Subject"] == (
        "Holiadur: sut mae Ashcombe Vale yn cydweithio / "
        "Questionnaire: how Ashcombe Vale collaborates"
    )
    assert_welsh_then_english(message, WELSH, ENGLISH)


def test_reminders_are_bilingual_for_a_welsh_council_and_when_chosen(smtp):
    app, client, inbox = smtp
    upload(client, "W06900001", b"ann@example.org\n", keep=True)
    upload(client, "E07900001", b"bob@example.org\ncat@example.org\n", keep=True)
    page = client.get("/workspace/r2026/W06900001").get_data(as_text=True)
    assert "sent in Welsh and English, Welsh first" in page
    assert 'name="bilingual"' not in page  # no choice to make for a council in Wales
    assert 'name="bilingual"' in client.get("/workspace/r2026/E07900001").get_data(as_text=True)

    client.post("/workspace/r2026/W06900001/remind")
    reminder = inbox.to("ann@example.org")[-1]
    assert reminder["Subject"].startswith("Nodyn atgoffa: ")
    assert reminder["Subject"].endswith(
        " / Reminder: questionnaire on how Ravensgarth collaborates"
    )
    assert_welsh_then_english(reminder, WELSH_REMINDER, ENGLISH_REMINDER)

    client.post("/workspace/r2026/E07900001/remind", data={"bilingual": "y"})
    assert_welsh_then_english(inbox.to("bob@example.org")[-1], WELSH_REMINDER, ENGLISH_REMINDER)


def test_html_is_escaped_and_the_closing_date_is_in_each_language(smtp):
    app, client, inbox = smtp
    with app.app_context():
        store = get_store()
        store.upsert_councils([{**WELSH_COUNCIL, "name": "Ravens <b>garth</b> & Co"}])
        store.db.execute("UPDATE rounds SET closes = '2026-03-31'")  # test set-up only
    upload(client, "W06900001", b"ann@example.org\n")
    (message,) = inbox.to("ann@example.org")
    text, html = parts(message)
    raw = message.get_body(preferencelist=("html",)).get_content()
    assert "<b>garth</b>" not in raw and "Ravens &lt;b&gt;garth&lt;/b&gt; &amp; Co" in raw
    assert "Ravens <b>garth</b> & Co" in text  # plain text is not HTML-escaped
    cy, en = html.select("body > div[lang]")
    assert "31 Mawrth 2026" in cy.get_text() and "31 March 2026" in en.get_text()
    assert "31 Mawrth 2026" in text and "31 March 2026" in text


def test_the_command_line_sends_bilingual_invitations_and_reminders(smtp, tmp_path):
    app, client, inbox = smtp
    people = tmp_path / "people.csv"
    people.write_text("email\nann@example.org\n", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(
        main,
        [
            "invites",
            "send",
            "--round",
            "r2026",
            "--council",
            "E07900001",
            "--keep",
            "--bilingual",
            str(people),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 invitations sent" in result.output
    assert not LINK.search(result.output)  # sent, so not printed
    assert_welsh_then_english(inbox.to("ann@example.org")[0], WELSH, ENGLISH)

    result = runner.invoke(
        main, ["invites", "remind", "--round", "r2026", "--council", "E07900001"]
    )
    assert result.exit_code == 0, result.output
    reminder = inbox.to("ann@example.org")[-1]
    assert reminder["Subject"] == "Reminder: questionnaire on how Ashcombe Vale collaborates"
    assert WELSH_REMINDER not in parts(reminder)[0]


def test_the_command_line_refuses_without_a_mail_server_or_with_a_bad_file(runner, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("ann@example.org\n", encoding="utf-8")
    args = ["invites", "send", "--round", "r2026", "--council", "E07900001", str(people)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "No mail server is set up" in result.output
    with_smtp = make_app(tmp_path / "smtp", SMTP_HOST="127.0.0.1", SMTP_PORT=1)
    people.write_text("ann@example.org\nnot an address\n", encoding="utf-8")
    result = with_smtp.test_cli_runner().invoke(main, args)
    assert result.exit_code == 1
    assert "Row 2: 'not an address' is not an email address" in result.output
    assert "nothing was sent" in result.output
