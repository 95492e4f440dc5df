"""The partnership module version 2 through the app: a round on questionnaire version 2
asks it, each respondent's page names every other confirmed member (English and Welsh),
the answers are saved per member, and the partnership page and report (read back with
pypdf, in English and Welsh) show how well the members understand each other, worked by
hand. A round on version 1 keeps the version 1 module."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from survey.cli import main
from survey.demo import DEMO_PARTNERSHIP, DEMO_ROUND, load_demo
from survey.questionnaire import module_item_id
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, complete_answers, sign_in

OWN, OTHER = TEST_COUNCIL["gss"], OTHER_COUNCIL["gss"]
SMALL = {**TEST_COUNCIL, "gss": "E07900009", "name": "Corrin Vale"}
ROUND = "r2027"  # on questionnaire version 2


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def partnership(store):
    """Three confirmed members, the module on in a version 2 round and a version 1 one."""
    store.upsert_councils([SMALL])
    add_staff(store)
    store.create_round(ROUND, "Round 2027", "collaboration-maturity", 2)
    members = [OWN, OTHER, SMALL["gss"]]
    pid = store.create_partnership("Joint", members, "admin", confirmed=members)
    store.set_partnership_module(ROUND, pid, True)
    store.set_partnership_module("r2026", pid, True)
    return pid


def _legends(response) -> list[str]:
    return [words(legend.get_text()) for legend in soup(response).select("main legend")]


def test_the_respondent_page_asks_about_each_other_member_by_name(client, store, partnership):
    pid = partnership
    client.get(f"/i/{store.create_invitations(ROUND, OWN, 1)[0]}")
    legends = _legends(client.get(f"/section/partnership-{pid}"))
    assert len(legends) == 15 + 2 * 2  # the pair asked about Brackenford and Corrin Vale
    for statement in (
        "Brackenford understands what my council needs from this partnership.",
        "Corrin Vale understands what my council needs from this partnership.",
        "My council understands what Brackenford needs from this partnership.",
        "My council understands what Corrin Vale needs from this partnership.",
        "My council's senior leaders are committed to this partnership.",
        "The other councils' senior leaders are committed to this partnership.",
    ):
        assert any(statement in legend for legend in legends), statement
    assert not any("Ashcombe Vale" in legend for legend in legends)  # never its own council
    with client.session_transaction() as session:
        session["lang"] = "cy"
    welsh = _legends(client.get(f"/section/partnership-{pid}"))
    assert any(
        "Mae Corrin Vale yn deall beth yw anghenion fy nghyngor i o'r bartneriaeth hon." in x
        for x in welsh
    )
    assert any(
        "Mae fy nghyngor i yn deall beth yw anghenion Brackenford o'r bartneriaeth hon." in x
        for x in welsh
    )
    # A version 1 round asks the version 1 module: 15 statements, nobody named.
    other = client.application.test_client()
    other.get(f"/i/{store.create_invitations('r2026', OWN, 1)[0]}")
    version_1 = _legends(other.get(f"/section/partnership-{pid}"))
    assert len(version_1) == 15 and not any("Brackenford" in x for x in version_1)


def test_the_answers_about_each_member_are_saved_and_submitted(client, store, partnership):
    pid = partnership
    app = client.application
    client.get(f"/i/{store.create_invitations(ROUND, OTHER, 1)[0]}")
    answers = complete_answers(app.extensions["instruments"].get(2))
    for section in app.extensions["sections"][(2, "en")]:
        client.post(f"/section/{section.slug}", data={**answers, "action": "continue"})
    page = soup(client.get(f"/section/partnership-{pid}"))
    names = sorted({radio["name"] for radio in page.select("main input[type=radio]")})
    module = {name: "4" for name in names}
    module[module_item_id(pid, f"pm_they_understand_us__{OWN}")] = "2"
    response = client.post(f"/section/partnership-{pid}", data={**module, "action": "continue"})
    assert response.location == "/check-answers"
    assert client.post("/check-answers").location == "/confirmation"
    (saved,) = store.submitted_answers(ROUND, OTHER)
    assert saved[f"p{pid}__pm_they_understand_us__{OWN}"] == "2"
    assert saved[f"p{pid}__pm_we_understand_them__{SMALL['gss']}"] == "4"
    assert f"p{pid}__pm_they_understand_us__{OTHER}" not in saved
    assert len([k for k in saved if k.startswith(f"p{pid}__")]) == 19


def _answers(pid, others, they, we, rest="3"):
    """One respondent: ``they`` and ``we`` map each other member to an answer."""
    answers = {
        module_item_id(pid, item): rest
        for item in (
            "pm_trust_good_faith", "pm_trust_problems_early", "pm_trust_aims_kept_back",
            "pm_culture_shared_first", "pm_culture_my_council_gives_control",
            "pm_culture_sovereignty", "pm_behaviour_follow_through",
            "pm_behaviour_moves_forward", "pm_behaviour_only_updates",
            "pm_leadership_my_council", "pm_leadership_other_councils",
            "pm_leadership_authority", "pm_leadership_words_more_than_deeds",
            "pm_language_same_words", "pm_language_misunderstanding",
        )
    }  # fmt: skip
    for gss in others:
        answers[module_item_id(pid, f"pm_they_understand_us__{gss}")] = they[gss]
        answers[module_item_id(pid, f"pm_we_understand_them__{gss}")] = we[gss]
    return answers


def _answered(store, pid, main=None):
    """Ashcombe Vale (5 people): Brackenford understands us 2, 2, 2, 3, 3 (mean 2.4); we
    understand Brackenford 4. Brackenford (5): Ashcombe Vale understands us 4; we
    understand Ashcombe Vale 4, 4, 4, 5, 5 (4.4). Corrin Vale (3, below the threshold)
    answers 1 and 5, which must show nowhere. Everything else 3; with ``main``, everyone
    answers the main questionnaire so too."""
    small = SMALL["gss"]
    own = [
        _answers(pid, [OTHER, small], {OTHER: v, small: "3"}, {OTHER: "4", small: "3"})
        for v in "22233"
    ]
    other = [
        _answers(pid, [OWN, small], {OWN: "4", small: "3"}, {OWN: v, small: "3"}) for v in "44455"
    ]
    tiny = [_answers(pid, [OWN, OTHER], {OWN: "1", OTHER: "1"}, {OWN: "5", OTHER: "5"})] * 3
    for gss, people in ((OWN, own), (OTHER, other), (small, tiny)):
        people = [{**(main or {}), **answers} for answers in people]
        store.insert_submitted_responses(
            ROUND, gss, "collaboration-maturity", 2, people, "2027-10-01"
        )


def test_the_partnership_page_shows_how_well_members_understand_each_other(
    client, store, partnership
):
    """Ashcombe Vale's needs, understood by Brackenford: 2.4 as Ashcombe Vale sees it,
    4.4 as Brackenford does, +2.0. Brackenford's, by Ashcombe Vale: 4.0 and 4.0, 0.0."""
    pid = partnership
    _answered(store, pid)
    sign_in(client, "lead")
    page = soup(client.get(f"/partnerships/{pid}/{ROUND}"))
    table = page.select_one("#understanding-table")
    headers = [words(th.get_text()) for th in table.select("thead th")]
    assert headers == [
        "Council", "Understood by", "As the council sees it", "As the other council sees it",
        "Difference",
    ]  # fmt: skip
    rows = [
        [words(c.get_text()) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")
    ]
    assert rows == [
        ["Ashcombe Vale", "Brackenford", "2.4", "4.4", "+2.0"],
        ["Brackenford", "Ashcombe Vale", "4.0", "4.0", "0.0"],
    ]
    assert "Corrin Vale" not in table.get_text()
    statements = words(" ".join(li.get_text() for li in page.select("main ol li")))
    assert "Each other council understands what my council needs from this partnership." in (
        statements
    )
    assert "{council}" not in page.get_text() and "Corrin Vale" not in statements
    # The version 1 round of the same partnership has no such table.
    version_1 = soup(client.get(f"/partnerships/{pid}/r2026"))
    assert version_1.select_one("#understanding-table") is None


def _pdf_text(reader) -> str:
    return words(" ".join(page.extract_text() for page in reader.pages))


def test_the_partnership_report_shows_it_in_english_and_welsh(
    app, client, store, partnership, tmp_path
):
    pid = partnership
    _answered(store, pid)
    out = tmp_path / "partnership.pdf"
    runner = app.test_cli_runner()
    result = runner.invoke(
        main, ["report", "partnership", str(pid), "--round", ROUND, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    english = _pdf_text(PdfReader(out))
    section = english.split("How well members understand each other", 1)[1]
    section = section.split("Where members see it most differently")[0]
    assert "Ashcombe Vale Brackenford 2.4 4.4 +2.0" in section
    assert "Brackenford Ashcombe Vale 4.0 4.0 0.0" in section
    assert "Only members with at least 5 people who answered appear." in section
    assert "Corrin Vale" not in section and "5.0" not in section
    assert "Each other council understands what my council needs" in english
    sign_in(client, "lead")
    response = client.get(f"/partnerships/{pid}/{ROUND}/report.pdf?lang=cy")
    assert response.status_code == 200
    welsh = _pdf_text(PdfReader(io.BytesIO(response.data)))
    section = welsh.split("Pa mor dda mae'r aelodau'n deall ei gilydd", 1)[1]
    assert "Cyngor Yn cael ei ddeall gan Yn ôl y cyngor Yn ôl y cyngor arall Gwahaniaeth" in (
        section
    )
    assert "Ashcombe Vale Brackenford 2.4 4.4 +2.0" in section
    assert "Mae pob cyngor arall yn deall beth yw anghenion fy nghyngor i" in welsh


def test_the_workshop_pack_shows_it_on_the_partnership_page(client, store, partnership):
    pid = partnership
    _answered(store, pid, complete_answers(client.application.extensions["instruments"].get(2)))
    sign_in(client, "lead")
    response = client.get(f"/results/{ROUND}/{OWN}/workshop.pdf")
    assert response.status_code == 200
    pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(response.data)).pages]
    page = next(p for p in pages if "Partnership: Joint" in p)
    assert "How well members understand each other" in page
    assert "Ashcombe Vale Brackenford 2.4 4.4 +2.0" in page
    assert "Each other council understands what my council needs" in page
    assert "Corrin Vale Brackenford" not in page


def test_the_demo_round_uses_module_version_2_with_one_member_below_the_threshold(
    app, client, store
):
    add_staff(store)
    versions = app.extensions["instruments"]
    load_demo(store, versions.latest(), councils=6, respondents=8, seed=4, previous=versions.get(1))
    assert store.get_round(DEMO_ROUND)["instrument_version"] == 2
    (demo,) = [p for p in store.list_partnerships() if p["name"] == DEMO_PARTNERSHIP]
    sign_in(client, "admin")
    page = soup(client.get(f"/partnerships/{demo['id']}/{DEMO_ROUND}"))
    assert "Dunholme: fewer than 5 people answered" in words(page.get_text())
    rows = [
        [words(c.get_text()) for c in tr.find_all(["th", "td"])]
        for tr in page.select("#understanding-table tbody tr")
    ]
    assert [row[:2] for row in rows] == [
        ["Brackenford", "Caldermoor"],
        ["Caldermoor", "Brackenford"],
    ]
    assert all(cell != "–" for row in rows for cell in row)
    # As the demo says: Caldermoor thinks it understands Brackenford better than
    # Brackenford feels understood.
    assert float(rows[0][4]) > 0.5
