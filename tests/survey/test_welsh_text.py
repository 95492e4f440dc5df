"""Welsh titles for rounds (command line and admin pages, shown by ``round_title``) and
the language of what people type: each action records the language it is written in, and
pages tag it when it differs from theirs, so a screen reader switches voice."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from survey.cli import main
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, sign_in

OWN = TEST_COUNCIL["gss"]
WELSH_COUNCIL = {**OTHER_COUNCIL, "gss": "W06900001", "name": "Cwm Tawel", "nation": "Wales"}
PLAN = f"/workspace/r2026/{OWN}/actions"
FORM = {
    "action-factor": "trust",
    "action-what": "Cyfarfod â swyddogion partner bob mis",
    "action-lead": "Pennaeth Partneriaethau",
    "action-due": ["31", "3", "2027"],
    "action-measure": "Pob partner yn dod",
    "action-status": "planned",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def invoke(runner, *args):
    return runner.invoke(main, list(args))


@pytest.fixture
def staff(store):
    return add_staff(store)


def test_rounds_create_and_set_title_keep_a_welsh_title(runner, store):
    made = invoke(
        runner, "rounds", "create", "r2027", "--title", "Round 2027", "--title-cy", "Rownd 2027"
    )
    assert made.exit_code == 0, made.output
    assert store.get_round("r2027")["title_cy"] == "Rownd 2027"
    assert store.get_round("r2026")["title_cy"] is None  # rounds made without one

    changed = invoke(runner, "rounds", "set-title", "--round", "r2026", "--title-cy", "Rownd 26")
    assert changed.exit_code == 0 and "Welsh title Rownd 26" in changed.output
    assert (store.get_round("r2026")["title"], store.get_round("r2026")["title_cy"]) == (
        "Round 2026",
        "Rownd 26",
    )
    both = invoke(
        runner, "rounds", "set-title", "--round", "r2026", "--title", "R26", "--title-cy", ""
    )
    assert both.exit_code == 0 and "none (the English title is shown)" in both.output
    assert (store.get_round("r2026")["title"], store.get_round("r2026")["title_cy"]) == (
        "R26",
        None,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--round", "r2026"), "Give --title, --title-cy or both"),
        (("--round", "r2026", "--title", " "), "cannot be empty"),
        (("--round", "r2026", "--title-cy", "Rownd\x1b[2J"), "control character"),
        (("--round", "nope", "--title-cy", "Rownd"), "nope"),
    ],
)
def test_set_title_refuses_what_it_cannot_use(runner, store, args, message):
    result = invoke(runner, "rounds", "set-title", *args)
    assert result.exit_code != 0 and message in result.output
    assert store.get_round("r2026")["title_cy"] is None
    assert store.get_round("r2026")["title"] == "Round 2026"


def test_admins_give_rounds_welsh_titles_when_creating_and_later(client, store, staff):
    sign_in(client, "admin")
    response = client.post(
        "/admin/rounds",
        data={"slug": "r2027", "title": "Round 2027", "title_cy": " Rownd 2027 "},
    )
    assert response.status_code == 302
    assert store.get_round("r2027")["title_cy"] == "Rownd 2027"

    page = soup(client.get("/admin/rounds/r2026/titles"))
    assert page.find("input", attrs={"name": "title"})["value"] == "Round 2026"
    assert page.find("input", attrs={"name": "title_cy"})["lang"] == "cy"
    saved = client.post(
        "/admin/rounds/r2026/titles", data={"title": "Round 2026", "title_cy": "Rownd 2026"}
    )
    assert saved.status_code == 302 and saved.location.endswith("/admin/rounds")
    assert store.get_round("r2026")["title_cy"] == "Rownd 2026"
    listed = soup(client.get("/admin/rounds")).find("span", lang="cy", string="Rownd 2026")
    assert listed is not None

    refused = client.post("/admin/rounds/r2026/titles", data={"title": "", "title_cy": "x"})
    assert refused.status_code == 400 and "Enter a title" in refused.get_data(as_text=True)
    assert store.get_round("r2026")["title_cy"] == "Rownd 2026"  # nothing saved
    assert client.post("/admin/rounds/r2026/titles", data={"title": "R"}).status_code == 302
    assert store.get_round("r2026")["title_cy"] is None  # an empty Welsh title clears it
    assert client.get("/admin/rounds/nope/titles").status_code == 404


def test_a_closed_round_page_in_welsh_shows_its_welsh_title(client, store):
    store.upsert_councils([WELSH_COUNCIL])
    store.create_round("r2025", "Round 2025", "collaboration-maturity", 1, title_cy="Rownd 2025")
    token = store.create_invitations("r2025", WELSH_COUNCIL["gss"], 1)[0]
    store.set_round_state("r2025", "closed")
    page = soup(client.get(f"/i/{token}"))
    assert page.html["lang"] == "cy"
    assert "Rownd 2025" in page.main.get_text() and "Round 2025" not in page.main.get_text()


def test_an_action_records_its_language_and_pages_tag_it(client, store, staff):
    sign_in(client, "lead")
    choices = soup(client.get(PLAN)).find_all("input", attrs={"name": "action-text_lang"})
    assert [c["value"] for c in choices] == ["en", "cy"]
    assert not any(c.has_attr("checked") for c in choices)  # GOV.UK radios: none pre-selected
    assert client.post(PLAN, data={**FORM, "action-text_lang": "cy"}).status_code == 302
    (action,) = store.actions(OWN)
    assert action["text_lang"] == "cy"

    # The workspace list and the results page (both in English) tag the Welsh text.
    page = soup(client.get(PLAN))
    for text in (FORM["action-what"], FORM["action-lead"], FORM["action-measure"]):
        assert page.find("span", lang="cy", string=text) is not None, text
    results = soup(client.get(f"/results/r2026/{OWN}"))
    assert results.find("span", lang="cy", string=FORM["action-what"]) is not None

    # Changing it: the form shows the language, its text fields carry it.
    edit = soup(client.get(f"{PLAN}/{action['id']}"))
    assert edit.find("input", attrs={"name": "text_lang", "checked": True})["value"] == "cy"
    assert edit.find("textarea", attrs={"name": "what"})["lang"] == "cy"
    fields = {k.removeprefix("action-"): v for k, v in FORM.items()}
    changed = {**fields, "what": "Meet partner officers monthly", "text_lang": "en"}
    assert client.post(f"{PLAN}/{action['id']}", data=changed).status_code == 302
    assert store.actions(OWN)[0]["text_lang"] == "en"
    page = soup(client.get(PLAN))
    assert page.find("span", lang="en", string="Meet partner officers monthly") is None
    assert "Meet partner officers monthly" in page.main.get_text()


def test_an_action_sent_without_a_language_is_in_the_interface_language(client, store, staff):
    sign_in(client, "facilitator")
    assert client.post(PLAN, data=FORM).status_code == 302
    assert store.actions(OWN)[0]["text_lang"] == "en"
    refused = client.post(PLAN, data={**FORM, "action-text_lang": "fr"})
    assert refused.status_code == 400 and len(store.actions(OWN)) == 1
    # A form sent back with a mistake does not choose a language for the person.
    again = client.post(PLAN, data={**FORM, "action-what": ""})
    assert again.status_code == 400
    assert soup(again).find("input", attrs={"name": "action-text_lang", "checked": True}) is None
