"""The respondent journey through the views, asserting on parsed HTML."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from survey.questionnaire import build_sections
from tests.conftest import complete_answers


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def token(store):
    return store.create_invitations("r2026", "E07900001", 1)[0]


@pytest.fixture
def respondent(client, token):
    """A client that has exchanged its invitation for a session."""
    response = client.get(f"/i/{token}")
    assert response.status_code == 302
    return client


def page_answers(instrument, section, value="4"):
    full = complete_answers(instrument, value)
    return {q.id: full[q.id] for q in section.questions if not q.is_text}


def test_invitation_is_exchanged_for_a_session_and_the_token_leaves_the_url(client, token):
    response = client.get(f"/i/{token}")
    assert response.status_code == 302
    assert response.location == "/start"
    assert token not in response.location
    page = soup(client.get("/start"))
    assert page.h1.get_text(strip=True) == "How your council collaborates"
    assert "confidential" in page.main.get_text()
    assert "about 15 minutes" in page.main.get_text()


def test_unknown_and_revoked_links_get_the_same_page(client, store, token):
    unknown = client.get("/i/not-a-real-token")
    invitation = store.find_invitation(token)
    store.revoke_invitation(invitation["id"])
    revoked = client.get(f"/i/{token}")
    assert unknown.status_code == revoked.status_code == 404
    assert soup(unknown).main.get_text() == soup(revoked).main.get_text()


def test_closed_round_gets_a_clear_page(client, store, token):
    store.db.execute("UPDATE rounds SET state = 'closed' WHERE slug = 'r2026'")
    response = client.get(f"/i/{token}")
    assert response.status_code == 410
    assert soup(response).h1.get_text(strip=True) == "This questionnaire has closed"


def test_without_a_session_pages_ask_for_the_invitation_link(client):
    response = client.get("/section/trust")
    assert response.status_code == 403
    assert "invitation link" in soup(response).main.get_text()


def test_statement_pages_use_fieldsets_legends_and_no_preselection(respondent, instrument):
    page = soup(respondent.get("/section/trust"))
    assert page.find(class_="govuk-caption-l").get_text(strip=True) == "Section 1 of 8"
    fieldsets = page.main.find_all("fieldset")
    trust = instrument.factor("trust")
    assert len(fieldsets) == len(trust.items)
    for fieldset, item in zip(fieldsets, trust.items, strict=True):
        assert item.text in fieldset.legend.get_text()
        radios = fieldset.find_all("input", type="radio")
        assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5", "dont_know"]
        assert {r["name"] for r in radios} == {item.id}
        assert not any(r.has_attr("checked") for r in radios)


def test_missing_answers_show_the_error_summary_and_keep_what_was_entered(respondent, store):
    response = respondent.post(
        "/section/trust", data={"action": "continue", "trust_partner_intentions": "2"}
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    summary = page.main.find(class_="govuk-error-summary")
    assert summary is page.main.find("div")  # first thing in main
    assert summary.h2.get_text(strip=True) == "There is a problem"
    links = [a["href"] for a in summary.find_all("a")]
    assert links[0] == "#trust_partner_competence" and len(links) == 6
    for href in links:
        assert page.find(id=href[1:]) is not None
    kept = page.find("input", attrs={"name": "trust_partner_intentions", "value": "2"})
    assert kept.has_attr("checked")
    # The valid answer was saved, though the page was not complete.
    response_id = store.db.execute("SELECT id FROM responses").fetchone()[0]
    assert store.answers(response_id) == {"trust_partner_intentions": "2"}


def test_a_tampered_value_is_refused_with_a_clear_message_and_not_stored(
    respondent, store, instrument
):
    data = page_answers(instrument, build_sections(instrument)[0])
    data["trust_suspicion"] = "7"
    response = respondent.post("/section/trust", data={**data, "action": "continue"})
    assert response.status_code == 400
    message = soup(response).find(class_="govuk-error-summary").get_text()
    assert "was not one of the options" in message
    response_id = store.db.execute("SELECT id FROM responses").fetchone()[0]
    saved = store.answers(response_id)
    assert "trust_suspicion" not in saved
    assert len(saved) == len(data) - 1


def test_save_and_come_back_later_keeps_partial_answers_and_resumes(client, token, store):
    client.get(f"/i/{token}")
    client.post("/section/trust", data={"action": "save-later", "trust_partner_intentions": "5"})
    fresh = client.application.test_client()  # a new browser: only the link is kept
    assert fresh.get(f"/i/{token}").status_code == 302
    start = soup(fresh.get("/start"))
    button = start.find("a", class_="govuk-button")
    assert button.get_text(strip=True) == "Continue where you left off"
    assert button["href"] == "/section/trust"
    page = soup(fresh.get("/section/trust"))
    assert page.find("input", attrs={"name": "trust_partner_intentions", "value": "5"}).has_attr(
        "checked"
    )


def test_saved_page_explains_the_link_resumes(respondent):
    response = respondent.post(
        "/section/trust", data={"action": "save-later", "trust_partner_intentions": "5"}
    )
    assert response.location == "/saved?section=trust"
    assert "same invitation link" in soup(respondent.get(response.location)).main.get_text()


def answer_everything(client, instrument):
    sections = build_sections(instrument)
    for section in sections:
        data = page_answers(instrument, section)
        if section.slug == "comments":
            data = {"comment_working_well": "Monthly meetings with the district."}
        response = client.post(f"/section/{section.slug}", data={**data, "action": "continue"})
        assert response.status_code == 302, section.slug
    return sections


def test_whole_journey_to_submission(respondent, store, instrument, token):
    answer_everything(respondent, instrument)
    check = soup(respondent.get("/check-answers"))
    assert check.h1.get_text(strip=True) == "Check your answers before submitting"
    change_links = [a["href"] for a in check.find_all("a") if a.get_text().startswith("Change")]
    assert "/section/trust?change=1#trust_partner_intentions" in change_links
    response = respondent.post("/check-answers", data={"submit": "Submit your answers"})
    assert response.location == "/confirmation"
    assert soup(respondent.get("/confirmation")).h1.get_text(strip=True) == "Answers submitted"
    row = store.db.execute(
        "SELECT status, submitted_on, instrument_version FROM responses"
    ).fetchone()
    assert row[0] == "submitted" and row[2] == 1
    # The link between invitation and answers is cut at submission.
    invitation = store.find_invitation(token)
    assert invitation["state"] == "submitted" and invitation["response_id"] is None
    # A submitted response cannot be changed, and the link does not work again.
    again = respondent.post(
        "/section/trust", data={"action": "continue", "trust_partner_intentions": "1"}
    )
    assert again.location == "/confirmation"
    assert respondent.application.test_client().get(f"/i/{token}").status_code == 410


def test_change_link_returns_to_check_answers(respondent, instrument):
    answer_everything(respondent, instrument)
    data = page_answers(instrument, build_sections(instrument)[0], "2")
    response = respondent.post("/section/trust?change=1", data={**data, "action": "continue"})
    assert response.location == "/check-answers"


def test_submitting_with_gaps_is_refused(respondent):
    respondent.post(
        "/section/trust", data={"action": "save-later", "trust_partner_intentions": "5"}
    )
    response = respondent.post("/check-answers", data={"submit": "Submit"})
    assert response.status_code == 400
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.find(class_="govuk-error-summary")


def test_comment_over_the_limit_is_kept_on_the_page(respondent, instrument):
    long = "x" * 2001
    response = respondent.post(
        "/section/comments", data={"action": "continue", "comment_working_well": long}
    )
    assert response.status_code == 400
    page = soup(response)
    assert "2,000 characters or fewer" in page.find(class_="govuk-error-summary").get_text()
    assert page.find("textarea", attrs={"name": "comment_working_well"}).get_text() == long


def test_dont_know_counts_as_an_answer(respondent, instrument, store):
    trust = instrument.factor("trust")
    data = {item.id: "dont_know" for item in trust.items}
    response = respondent.post("/section/trust", data={**data, "action": "continue"})
    assert response.status_code == 302 and response.location == "/section/culture"
    response_id = store.db.execute("SELECT id FROM responses").fetchone()[0]
    assert set(store.answers(response_id).values()) == {"dont_know"}


def test_round_closing_mid_way_stops_saving_with_a_clear_page(respondent, store):
    store.db.execute("UPDATE rounds SET closes = '2000-01-01' WHERE slug = 'r2026'")
    response = respondent.post(
        "/section/trust", data={"action": "continue", "trust_partner_intentions": "4"}
    )
    assert response.status_code == 410
    assert "has closed" in soup(response).h1.get_text()


def test_revoking_a_link_stops_a_session_already_in_progress(respondent, store, token):
    store.revoke_invitation(store.find_invitation(token)["id"])
    response = respondent.get("/section/trust")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "This link does not work"


def test_remembered_radios_follow_the_answer_the_error_and_the_language(
    respondent, instrument, app
):
    """The radios macro's output is remembered by its parameters (survey.forms): a page
    shown again must still show this person's answer, this request's error and this
    language, and be exactly what the macro renders afresh."""
    import re

    from survey import forms

    trust = instrument.factor("trust")
    first, second = trust.items[0].id, trust.items[1].id

    def checked(page, name):
        radios = page.find_all("input", attrs={"name": name})
        return [r["value"] for r in radios if r.has_attr("checked")]

    def main_html(response):
        html = str(soup(response).main)
        return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", html)

    forms._radios_html.cache_clear()
    fresh = main_html(respondent.get("/section/trust"))
    assert forms._radios_html.cache_info().hits == 0
    remembered = main_html(respondent.get("/section/trust"))
    assert forms._radios_html.cache_info().hits == len(trust.items)
    assert remembered == fresh

    for value in ("2", "5", "dont_know"):
        respondent.post("/section/trust", data={first: value, "action": "save-later"})
        page = soup(respondent.get("/section/trust"))
        assert checked(page, first) == [value]
        assert checked(page, second) == []

    # Continuing with missing answers: the error belongs to that response only.
    errors = soup(respondent.post("/section/trust", data={first: "3", "action": "continue"}))
    assert errors.find(id=f"{second}-error") is not None
    assert checked(errors, first) == ["3"]
    page = soup(respondent.get("/section/trust"))
    assert page.find(class_="govuk-error-message") is None

    welsh = soup(respondent.get("/language/cy?next=/section/trust", follow_redirects=True))
    scale = app.extensions["instruments"].get(1, "cy").agreement_scale
    labels = [label.get_text(strip=True) for label in welsh.main.find_all("label")]
    assert labels[:6] == [option.label for option in scale]
    assert checked(welsh, first) == ["3"]
