""" "You said, we are doing": a council's page for its staff at a random link. Published
and unpublished by the lead, seen by anyone with the link (no account), live from the
database, under the public threshold, never indexed, in English and Welsh."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scoring.council import score_council
from scoring.rounding import display
from survey.db import get_store
from tests.conftest import (
    PASSWORD,
    STAFF,
    TEST_COUNCIL,
    add_staff,
    complete_answers,
    make_app,
    sign_in,
)

OWN = TEST_COUNCIL["gss"]
WELSH = {**TEST_COUNCIL, "gss": "W06900001", "name": "Cwm Tawel"}
WORKSPACE = f"/workspace/r2026/{OWN}"
COMMENT = "A-COMMENT-ONLY-THE-LEAD-MAY-READ"
ACTION = {
    "factor": "trust",
    "what": "Meet partner officers monthly",
    "lead": "Head of Partnerships",
    "due": "2027-03-31",
    "measure": "Every partner attends",
    "status": "planned",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def words(response) -> str:
    return " ".join(soup(response).main.get_text(" ").split())


def answer(app, store, gss: str, count: int) -> None:
    answers = complete_answers(app.extensions["instruments"].get(1))
    answers["comment_working_well"] = COMMENT
    rows = [{**answers, "trust_partner_intentions": str(1 + i % 5)} for i in range(count)]
    store.insert_submitted_responses("r2026", gss, "collaboration-maturity", 1, rows, "2026-10-01")


def publish(client, gss: str = OWN) -> str:
    """Publish as the signed-in user; the link as the workspace shows it."""
    response = client.post(f"/workspace/r2026/{gss}/share")
    assert response.status_code == 302
    assert response.location.endswith(f"/workspace/r2026/{gss}#share")
    link = soup(client.get(f"/workspace/r2026/{gss}")).find(id="share-link")
    return link.get_text().removeprefix("http://127.0.0.1:5000")


def assert_not_indexed(response) -> None:
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert soup(response).find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


@pytest.fixture
def staff(store):
    return add_staff(store)


def test_a_published_page_is_seen_without_an_account_then_unpublished_and_gone(
    app, client, store, staff
):
    answer(app, store, OWN, 12)
    store.add_action(OWN, "r2026", ACTION)
    sign_in(client, "lead")
    path = publish(client)
    assert path.startswith("/shared/") and len(path.removeprefix("/shared/")) >= 32

    anonymous = app.test_client()
    page = anonymous.get(path)
    assert page.status_code == 200
    assert_not_indexed(page)
    assert "no-store" in page.headers["Cache-Control"]
    text = words(page)
    # The headline figures are the scored figures, at the public threshold.
    score = score_council(
        app.extensions["instruments"].get(1), store.submitted_answers("r2026", OWN), 10
    )
    assert f"{display(score.collaboration_index)} out of 100" in text
    assert f"95% interval {display(score.index_low)} to {display(score.index_high)}" in text
    assert f"{score.level} {score.level_name}" in text
    rows = soup(page).find(id="factor-table").tbody.find_all("tr")
    assert len(rows) == 5
    trust = score.factors["trust"]
    assert rows[0].get_text(" ").split()[:2] == ["Trust", display(trust.index)]
    # The action with its status; no comments, and not who leads it.
    assert "Meet partner officers monthly" in text and "Planned" in text
    assert COMMENT not in page.get_data(as_text=True)
    assert "Head of Partnerships" not in text
    assert soup(page).find("form") is None or not soup(page).main.find("form")

    # Publishing again while published keeps the same link.
    assert publish(client) == path

    response = client.post(f"{WORKSPACE}/share/unpublish")
    assert response.status_code == 302
    gone = anonymous.get(path)
    assert gone.status_code == 410
    assert_not_indexed(gone)
    assert "no longer published" in words(gone)
    assert "Meet partner officers monthly" not in gone.get_data(as_text=True)
    assert soup(client.get(WORKSPACE)).find(id="publish") is not None

    # Publishing again makes a new link; the old one stays gone.
    again = publish(client)
    assert again != path
    assert anonymous.get(again).status_code == 200
    assert anonymous.get(path).status_code == 410
    events = [e["event"] for e in store.audit_events(event=None)]
    assert events.count("share-published") == 2 and "share-unpublished" in events


def test_an_unknown_link_is_not_found_and_not_indexed(client):
    for path in ("/shared/not-a-real-link", "/shared/" + "x" * 500):
        response = client.get(path)
        assert response.status_code == 404
        assert "noindex" in response.headers["X-Robots-Tag"]


def test_the_page_follows_the_action_plan_as_it_changes(app, client, store, staff):
    answer(app, store, OWN, 10)
    sign_in(client, "lead")
    path = publish(client)
    anonymous = app.test_client()
    assert soup(anonymous.get(path)).find(id="no-actions") is not None

    form = {
        "action-factor": "trust",
        "action-what": "Share the board papers with partners",
        "action-lead": "Chief Executive",
        "action-due": ["31", "3", "2027"],
        "action-measure": "Papers sent",
        "action-status": "planned",
    }
    assert client.post(f"{WORKSPACE}/actions", data=form).status_code == 302
    row = soup(anonymous.get(path)).find(id="actions-table").tbody.tr
    assert "Share the board papers with partners" in row.get_text()
    assert "Planned" in row.get_text() and "31 March 2027" in row.get_text()

    (action,) = store.actions(OWN)
    edit = {k.removeprefix("action-"): v for k, v in form.items()}
    edit.update(what="Share every board paper with partners", status="done")
    response = client.post(f"{WORKSPACE}/actions/{action['id']}", data=edit)
    assert response.status_code == 302
    row = soup(anonymous.get(path)).find(id="actions-table").tbody.tr
    assert "Share every board paper with partners" in row.get_text()
    assert "Done" in row.get_text() and "Planned" not in row.get_text()


def test_below_the_public_threshold_there_are_no_figures(app, client, store, staff):
    # Seven responses: enough for the council's own results page (5), not for this page (10).
    answer(app, store, OWN, 7)
    store.add_action(OWN, "r2026", ACTION)
    sign_in(client, "lead")
    assert soup(client.get(f"/results/r2026/{OWN}")).find(id="factor-table") is not None
    page = app.test_client().get(publish(client))
    assert page.status_code == 200
    body = soup(page).main
    assert body.find(id="factor-table") is None and body.find(id="headline") is None
    assert "Fewer than 10 people answered" in body.find(id="no-figures").get_text()
    assert "Meet partner officers monthly" in body.get_text()
    # No figure at all, not even the count: the only numbers are the threshold, the
    # round title (Round 2026) and the due date.
    numbers = {w.strip(".,:") for w in body.get_text(" ").split() if w[:1].isdigit()}
    assert numbers <= {"10", "2026", "31", "2027"}


def test_a_welsh_council_page_opens_in_welsh_with_english_text_tagged(app, store, staff):
    store.upsert_councils([WELSH])
    store.set_round_titles("r2026", title_cy="Rownd 2026")
    answer(app, store, WELSH["gss"], 10)
    store.add_action(WELSH["gss"], "r2026", ACTION)  # typed in English
    store.add_action(
        WELSH["gss"], "r2026", {**ACTION, "what": "Cyfarfod bob mis", "text_lang": "cy"}
    )
    token = store.publish_share("r2026", WELSH["gss"], "admin@example.org")["token"]
    client = app.test_client()
    page = soup(client.get(f"/shared/{token}"))
    assert page.html["lang"] == "cy"
    assert "Rownd 2026" in page.find(class_="govuk-caption-l").get_text()
    assert "Mynegai cydweithio" in page.main.get_text()
    english = page.find("span", string="Meet partner officers monthly")
    assert english is not None and english["lang"] == "en"
    welsh = page.find(string=lambda s: s and "Cyfarfod bob mis" in s)
    assert welsh.parent.name == "th" and not welsh.parent.get("lang")
    # The language switch: the same page in English, the round's English title, Welsh
    # text tagged as Welsh.
    client.get("/language/en")
    page = soup(client.get(f"/shared/{token}"))
    assert page.html["lang"] == "en"
    assert "Round 2026" in page.find(class_="govuk-caption-l").get_text()
    assert page.find("span", string="Cyfarfod bob mis")["lang"] == "cy"
    # Without a Welsh title, Welsh pages show the English one, tagged as English.
    store.set_round_titles("r2026", title_cy="")
    client.get("/language/cy")
    caption = soup(client.get(f"/shared/{token}")).find(class_="govuk-caption-l")
    assert caption.find("span", lang="en").get_text() == "Round 2026"


def test_only_the_lead_and_admins_publish(app, client, store, staff):
    for role in ("facilitator", "analyst"):
        client = app.test_client()
        sign_in(client, role)
        assert client.post(f"{WORKSPACE}/share").status_code == 403
        assert client.post(f"{WORKSPACE}/share/unpublish").status_code == 403
    assert store.live_share("r2026", OWN) is None
    assert app.test_client().post(f"{WORKSPACE}/share").status_code == 302  # to sign in
    assert store.live_share("r2026", OWN) is None


def test_publishing_needs_the_csrf_token(tmp_path):
    app = make_app(tmp_path)  # CSRF protection on, as in production
    with app.app_context():
        add_staff(get_store())
    client = app.test_client()
    token = soup(client.get("/sign-in")).find("input", attrs={"name": "csrf_token"})["value"]
    email = STAFF["lead"][0]
    client.post("/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert client.post(f"{WORKSPACE}/share").status_code == 400
    with app.app_context():
        assert get_store().live_share("r2026", OWN) is None
    form = soup(client.get(WORKSPACE)).find("form", action=f"{WORKSPACE}/share")
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post(f"{WORKSPACE}/share", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert get_store().live_share("r2026", OWN) is not None
    form = soup(client.get(WORKSPACE)).find("form", action=f"{WORKSPACE}/share/unpublish")
    assert form.find("input", attrs={"name": "csrf_token"})
    assert client.post(f"{WORKSPACE}/share/unpublish").status_code == 400
