"""The respondent journey in Welsh: the default for Welsh councils, the English / Cymraeg
switch that keeps the person's place and answers, and staff pages left in English."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TEST_COUNCIL, sign_in

WELSH_COUNCIL = {
    **TEST_COUNCIL,
    "gss": "W06900001",
    "name": "Cwm Tawel",
    "official_name": "Cwm Tawel County Borough Council",
    "type": "WPA",
    "type_name": "Welsh unitary authority",
    "nation": "Wales",
    "region": "Wales",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def lang(page: BeautifulSoup) -> str:
    return page.html["lang"]


@pytest.fixture
def welsh_token(store):
    store.upsert_councils([WELSH_COUNCIL])
    return store.create_invitations("r2026", WELSH_COUNCIL["gss"], 1)[0]


@pytest.fixture
def english_token(store):
    return store.create_invitations("r2026", TEST_COUNCIL["gss"], 1)[0]


def test_a_welsh_councils_link_opens_in_welsh_with_english_one_click_away(client, welsh_token):
    assert client.get(f"/i/{welsh_token}").location == "/start"
    page = soup(client.get("/start"))
    assert lang(page) == "cy"
    assert page.h1.get_text(strip=True) == "Sut mae eich cyngor yn cydweithio"
    assert page.title.get_text().startswith("Sut mae eich cyngor yn cydweithio – Hunanasesiad")
    assert page.find("a", class_="govuk-skip-link").get_text(strip=True) == (
        "Neidio i'r prif gynnwys"
    )
    switch = page.find("nav", class_="app-language-select")
    english = switch.find("a", lang="en")
    assert english.get_text(strip=True) == "English"
    # One click: back to the same page in English.
    response = client.get(english["href"])
    assert response.status_code == 302 and response.location == "/start"
    page = soup(client.get("/start"))
    assert lang(page) == "en"
    assert page.h1.get_text(strip=True) == "How your council collaborates"


def test_an_english_councils_link_opens_in_english(client, english_token):
    client.get(f"/i/{english_token}")
    page = soup(client.get("/start"))
    assert lang(page) == "en"
    assert page.find("nav", class_="app-language-select").find("a", lang="cy")


def test_a_language_chosen_before_is_kept_for_a_welsh_council(client, welsh_token):
    client.get("/language/en?next=/")
    client.get(f"/i/{welsh_token}")
    assert lang(soup(client.get("/start"))) == "en"


def test_the_switch_on_a_question_page_keeps_unsaved_answers(client, store, english_token):
    client.get(f"/i/{english_token}")
    page = soup(client.get("/section/trust"))
    # On a question page the other language is a button that sends the page's form.
    button = page.find("button", attrs={"name": "language"})
    assert button["form"] == "answers" and page.find("form", id="answers")
    assert button["value"] == "cy" and button["lang"] == "cy"
    chosen = {"trust_partner_intentions": "2", "trust_suspicion": "dont_know"}
    response = client.post("/section/trust", data={**chosen, "language": "cy"})
    assert response.status_code == 302 and response.location == "/section/trust"
    response_id = store.db.execute("SELECT id FROM responses").fetchone()[0]
    assert store.answers(response_id) == chosen
    page = soup(client.get("/section/trust"))
    assert lang(page) == "cy"
    assert page.h1.get_text(strip=True) == "Ymddiriedaeth"
    assert page.find("input", attrs={"name": "trust_partner_intentions", "value": "2"}).has_attr(
        "checked"
    )
    legend = page.find("legend").get_text(" ", strip=True)
    assert legend.startswith("1. Mae staff y cyngor hwn yn ymddiried")
    labels = [label.get_text(strip=True) for label in page.select("fieldset")[0].find_all("label")]
    assert labels == [
        "Anghytuno'n gryf",
        "Anghytuno",
        "Ddim yn cytuno nac yn anghytuno",
        "Cytuno",
        "Cytuno'n gryf",
        "Ddim yn gwybod",
    ]
    # And back, from the page reached by "Change" on check your answers: the place is kept.
    response = client.post("/section/trust?change=1", data={"language": "en"})
    assert response.location == "/section/trust?change=1"
    assert lang(soup(client.get("/section/trust?change=1"))) == "en"


def test_errors_are_in_welsh(client, welsh_token):
    client.get(f"/i/{welsh_token}")
    response = client.post(
        "/section/trust", data={"trust_partner_intentions": "9", "action": "continue"}
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.title.get_text().startswith("Gwall: ")
    summary = page.find(class_="govuk-error-summary")
    assert summary.find(class_="govuk-error-summary__title").get_text(strip=True) == (
        "Mae problem wedi codi"
    )
    messages = [a.get_text(strip=True) for a in summary.find_all("a")]
    assert messages[0] == (
        "Nid oedd yr ateb a anfonwyd ar gyfer cwestiwn 1 yn un o'r dewisiadau. "
        "Dewiswch un o'r dewisiadau a ddangosir."
    )
    assert messages[1] == (
        "Dewiswch i ba raddau rydych chi'n cytuno â datganiad 2, neu dewiswch Ddim yn gwybod"
    )
    hidden = page.select_one(".govuk-error-message .govuk-visually-hidden").get_text(strip=True)
    assert hidden == "Gwall:"
    assert "neu" in [d.get_text(strip=True) for d in page.select(".govuk-radios__divider")]


def test_dates_are_written_in_the_pages_language(client, store):
    store.upsert_councils([WELSH_COUNCIL])
    store.create_round("r2027", "Rownd 2027", "collaboration-maturity", 1, closes="2099-12-31")
    token = store.create_invitations("r2027", WELSH_COUNCIL["gss"], 1)[0]
    client.get(f"/i/{token}")
    client.post("/section/trust", data={"action": "save-later"})
    page = soup(client.get("/saved"))
    assert "Mae'r holiadur yn cau ar 31 Rhagfyr 2099." in page.get_text(" ", strip=True)


def test_the_switch_goes_back_only_to_this_site(client):
    assert client.get("/language/cy?next=//evil.example/x").location == "/"
    assert client.get("/language/cy?next=https://evil.example/").location == "/"
    assert client.get("/language/cy?next=/privacy").location == "/privacy"
    assert client.get("/language/fr?next=/").status_code == 404


def test_public_pages_follow_the_choice_and_staff_pages_stay_english(app, client, store):
    from tests.conftest import add_staff

    add_staff(store)
    client.get("/language/cy?next=/")
    for path, heading in [
        ("/", "Pa mor dda mae eich cyngor yn cydweithio?"),
        ("/privacy", "Preifatrwydd a chyfrinachedd"),
        ("/accessibility", "Datganiad hygyrchedd"),
        ("/no-such-page", "Heb ddod o hyd i'r dudalen"),
    ]:
        page = soup(client.get(path))
        assert lang(page) == "cy", path
        assert page.h1.get_text(strip=True) == heading
    sign_in(client, "lead")
    page = soup(client.get("/workspace/"))
    assert lang(page) == "en"
    assert page.find("nav", class_="app-language-select") is None
    assert page.find("a", class_="govuk-skip-link").get_text(strip=True) == "Skip to main content"
