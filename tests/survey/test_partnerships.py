"""Partnerships through the views: creating, confirming, switching the module on, the
respondent answering it, and the partnership view with thresholds per member."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from survey.cli import main
from survey.questionnaire import module_item_id
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, complete_answers, sign_in

OWN, OTHER = TEST_COUNCIL["gss"], OTHER_COUNCIL["gss"]
SMALL = {**TEST_COUNCIL, "gss": "E07900009", "name": "Corrin Vale"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture
def staff(store):
    store.upsert_councils([SMALL])
    return add_staff(store)


def test_a_lead_creates_a_partnership_with_their_council_confirmed(client, store, staff):
    sign_in(client, "lead")
    response = client.post(
        "/partnerships/", data={"name": "Shared waste", "councils": f"{OWN}, {OTHER}"}
    )
    assert response.status_code == 302
    partnership = store.get_partnership(1)
    confirmed = {m["gss"]: bool(m["confirmed_at"]) for m in partnership["members"]}
    assert confirmed == {OWN: True, OTHER: False}
    page = text(client.get("/partnerships/1"))
    assert "Brackenford: waiting for its lead to confirm" in page
    assert store.audit_events(1)[0]["event"] == "partnership-created"


@pytest.mark.parametrize(
    ("councils", "message"),
    [
        (f"{OWN}", "A partnership needs at least two councils"),
        (f"{OWN} E07999999", "No council has the code E07999999"),
        (f"{OTHER} {SMALL['gss']}", "Include your own council in the partnership"),
        ("not codes", "Enter GSS codes like E07000223"),
    ],
)
def test_bad_partnerships_are_refused(client, store, staff, councils, message):
    sign_in(client, "lead")
    response = client.post("/partnerships/", data={"name": "X", "councils": councils})
    assert response.status_code == 400
    assert message in soup(response).find(class_="govuk-error-summary").get_text()
    assert store.list_partnerships() == []


def test_only_each_members_lead_confirms_and_only_confirmed_leads_switch_the_module(
    client, store, staff
):
    pid = store.create_partnership("Joint", [OTHER, SMALL["gss"]], "admin")
    sign_in(client, "lead")  # leads the first council, which is not a member
    assert client.get(f"/partnerships/{pid}").status_code == 403
    assert client.post(f"/partnerships/{pid}/confirm/{OTHER}").status_code == 403
    assert client.post(f"/partnerships/{pid}/module/r2026", data={"on": "1"}).status_code == 403
    assert store.module_partnerships("r2026", OTHER) == []


def test_respondents_of_confirmed_members_answer_the_module_after_the_questionnaire(
    client, store, staff, instrument
):
    pid = store.create_partnership("Joint", [OWN, OTHER], "admin", confirmed=[OWN])
    store.set_partnership_module("r2026", pid, True)
    own = store.create_invitations("r2026", OWN, 1)[0]
    other = store.create_invitations("r2026", OTHER, 1)[0]
    client.get(f"/i/{own}")
    page = soup(client.get(f"/section/partnership-{pid}"))
    assert page.h1.get_text(strip=True) == "This partnership: Joint"
    assert "Section 9 of 9" in page.get_text()
    assert len(page.select("main fieldset")) == 15
    # Answering the main questionnaire leads on to the module, and the module is required.
    answers = complete_answers(instrument)
    response = client.post("/section/comments", data={"action": "continue"})
    assert response.location == f"/section/partnership-{pid}"
    for section in (
        "trust",
        "culture",
        "behaviour",
        "leadership",
        "shared-language",
        "barriers",
        "about-you",
    ):
        client.post(f"/section/{section}", data={**answers, "action": "continue"})
    assert (
        "partnership"
        in soup(client.post("/check-answers")).find(class_="govuk-error-summary").get_text().lower()
    )
    module = {module_item_id(pid, item.id): "4" for item in _module(client).items}
    assert (
        client.post(f"/section/partnership-{pid}", data={**module, "action": "continue"}).location
        == "/check-answers"
    )
    assert client.post("/check-answers").location == "/confirmation"
    (saved,) = store.submitted_answers("r2026", OWN)
    assert saved[module_item_id(pid, "pm_trust_good_faith")] == "4"
    # The other council has not confirmed: its respondents are not asked.
    other_client = client.application.test_client()
    other_client.get(f"/i/{other}")
    assert other_client.get(f"/section/partnership-{pid}").status_code == 404
    assert "of 8" in text(other_client.get("/section/trust"))


def _module(client):
    return client.application.extensions["partnership_modules"].get(1)


def _answer(store, pid, gss, value, count, module):
    """``count`` submitted responses from ``gss``, every module statement ``value``."""
    answers = {module_item_id(pid, item.id): value for item in module.items}
    store.insert_submitted_responses(
        "r2026", gss, "collaboration-maturity", 1, [answers] * count, "2026-10-01"
    )


def test_the_partnership_view_compares_members_and_never_shows_a_small_one(client, store, staff):
    """Trust: first council all 4 with one of three statements reversed, (4 + 4 + 2) / 3,
    index 58.33; the other council all 2: (2 + 2 + 4) / 3, index 41.67. With no spread
    inside either member the views differ (F infinite), the gap beyond chance is
    sqrt(MSB / n0) = sqrt(694.4 / 5) = 11.8, and each member against the other is 16.67.
    The small member (3 people, all 5: index 66.67) is listed without figures and changes
    nothing."""
    pid = store.create_partnership(
        "Joint", [OWN, OTHER, SMALL["gss"]], "admin", confirmed=[OWN, OTHER, SMALL["gss"]]
    )
    store.set_partnership_module("r2026", pid, True)
    module = _module(client)
    _answer(store, pid, OWN, "4", 5, module)
    _answer(store, pid, OTHER, "2", 5, module)
    _answer(store, pid, SMALL["gss"], "5", 3, module)
    sign_in(client, "lead")
    response = client.get(f"/partnerships/{pid}/r2026")
    assert response.status_code == 200
    page = soup(response)
    assert "Corrin Vale: fewer than 5 people answered, so no figures are shown" in text(response)
    headers = [th.get_text(strip=True) for th in page.select("#gap-table thead th")]
    assert headers == [
        "Factor", "Ashcombe Vale", "Brackenford", "Gap beyond chance", "Test", "Views"
    ]  # fmt: skip
    trust = [
        c.get_text(" ", strip=True)
        for c in page.select("#gap-table tbody tr")[0].find_all(["th", "td"])
    ]
    assert trust[:4] == ["Trust", "58", "42", "12"]
    assert trust[4] == "F ∞, p < 0.001" and trust[5].startswith("Views differ")
    versus = [
        c.get_text(" ", strip=True)
        for c in page.select("#versus-rest-table tbody tr")[0].find_all(["th", "td"])
    ]
    # Two members to compare: one column (the other is the same turned round), named.
    assert versus == ["Trust", "+17 (17 to 17)"]
    assert page.find("h2", string="Ashcombe Vale against Brackenford") is not None
    assert [th.get_text(strip=True) for th in page.select("#versus-rest-table thead th")] == [
        "Factor", "Ashcombe Vale minus Brackenford (95% interval)"
    ]  # fmt: skip
    assert (
        "67" not in " ".join(trust)
        and "Corrin Vale" not in page.select_one("#gap-table").get_text()
    )
    prompts = page.select("main ol li")
    assert prompts and "Corrin Vale" not in " ".join(li.get_text() for li in prompts)


def test_with_one_member_above_the_threshold_there_is_nothing_to_compare(client, store, staff):
    pid = store.create_partnership("Joint", [OWN, OTHER], "admin", confirmed=[OWN, OTHER])
    store.set_partnership_module("r2026", pid, True)
    _answer(store, pid, OWN, "4", 5, _module(client))
    _answer(store, pid, OTHER, "2", 4, _module(client))
    sign_in(client, "analyst")
    response = client.get(f"/partnerships/{pid}/r2026")
    assert "Fewer than two members have enough answers to compare yet." in text(response)
    assert soup(response).select_one("#gap-table") is None


def test_the_partnership_report_in_english_and_welsh(app, client, store, staff, tmp_path):
    pid = store.create_partnership(
        "Joint", [OWN, OTHER, SMALL["gss"]], "admin", confirmed=[OWN, OTHER, SMALL["gss"]]
    )
    store.set_partnership_module("r2026", pid, True)
    module = _module(client)
    _answer(store, pid, OWN, "4", 5, module)
    _answer(store, pid, OTHER, "2", 5, module)
    _answer(store, pid, SMALL["gss"], "5", 3, module)
    out = tmp_path / "partnership.pdf"
    runner = app.test_cli_runner()
    result = runner.invoke(
        main, ["report", "partnership", str(pid), "--round", "r2026", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert reader.metadata.title.startswith("Joint: how the members see the partnership")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    joined = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Corrin Vale: fewer than 5 people answered, so no figures are shown" in joined
    assert "Trust 58 42 12" in joined and "Views differ" in joined
    assert "67" not in joined.split("The perception gap", 1)[1]  # the small member's index
    figures = [e for e in _struct(reader) if e.get("/S") == "/Figure"]
    assert figures and "Ashcombe Vale 58" in str(figures[0]["/Alt"])
    # The download, in Welsh.
    sign_in(client, "lead")
    response = client.get(f"/partnerships/{pid}/r2026/report.pdf?lang=cy")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    welsh = PdfReader(io.BytesIO(response.data))
    assert welsh.trailer["/Root"]["/Lang"] == "cy"
    assert "Adroddiad partneriaeth" in welsh.pages[0].extract_text()
    # Without two members above the threshold there is no report, and the command says why.
    none = runner.invoke(
        main, ["report", "partnership", str(pid), "--round", "r2027", "-o", str(out)]
    )
    assert none.exit_code != 0


def _struct(reader):
    from tests.reports.test_documents import struct_elements

    return list(struct_elements(reader))


def test_the_workshop_pack_has_a_page_for_each_partnership(client, store, staff, instrument):
    store.insert_submitted_responses(
        "r2026", OWN, "collaboration-maturity", 1, [complete_answers(instrument)] * 5, "2026-10-01"
    )
    pid = store.create_partnership("Joint", [OWN, OTHER], "admin", confirmed=[OWN, OTHER])
    sign_in(client, "lead")
    before = client.get(f"/results/r2026/{OWN}/workshop.pdf")
    assert "Partnership: Joint" not in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(before.data)).pages
    )
    store.set_partnership_module("r2026", pid, True)
    _answer(store, pid, OWN, "4", 5, _module(client))
    _answer(store, pid, OTHER, "2", 5, _module(client))
    response = client.get(f"/results/r2026/{OWN}/workshop.pdf")
    pages = [
        p.extract_text().replace("\n", " ") for p in PdfReader(io.BytesIO(response.data)).pages
    ]
    page = next(p for p in pages if "Partnership: Joint" in p)
    assert "Trust 58 42 12" in page and "Views differ" in page and "To discuss:" in page
