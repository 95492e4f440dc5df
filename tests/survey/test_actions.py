"""Action plans through the views: recording, changing, targets, overdue actions on the
workspace, the next round's results showing how each factor moved, and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from survey.cli import main
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, complete_answers, sign_in

OWN = TEST_COUNCIL["gss"]
PLAN = f"/workspace/r2026/{OWN}/actions"
VALID = {
    "action-factor": "trust",
    "action-what": "Meet partner officers monthly",
    "action-lead": "Head of Partnerships",
    "action-due": ["31", "3", "2027"],
    "action-measure": "Every partner attends",
    "action-status": "planned",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def two_rounds(store, instrument, first: int) -> None:
    """``first`` people answering 3 throughout in r2026, then 5 answering 4 in r2027."""
    for slug, value, count, day in (
        ("r2026", "3", first, "2026-10-01"),
        ("r2027", "4", 5, "2027-10-01"),
    ):
        if store.get_round(slug) is None:
            store.create_round(slug, "Round 2027", "collaboration-maturity", 1)
        answers = [complete_answers(instrument, value)] * count
        store.insert_submitted_responses(slug, OWN, "collaboration-maturity", 1, answers, day)


@pytest.fixture
def staff(store):
    return add_staff(store)


def test_a_facilitator_records_an_action_and_it_is_listed(client, store, staff):
    sign_in(client, "facilitator")
    response = client.post(PLAN, data=VALID)
    assert response.status_code == 302 and response.location.endswith("/actions#actions")
    (action,) = store.actions(OWN)
    assert (action["factor"], action["due"], action["status"]) == ("trust", "2027-03-31", "planned")
    assert action["round_slug"] == "r2026"
    page = text(client.get(PLAN))
    assert "Meet partner officers monthly" in page and "Head of Partnerships" in page
    assert "overdue" not in page.lower()
    assert store.audit_events(1)[0]["event"] == "action-added"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"action-what": ""}, "Enter what you will do"),
        ({"action-due": ["31", "2", "2027"]}, "Enter a real date, for example 31 3 2027"),
        ({"action-due": ["31"]}, "Enter the date as a day, a month and a year"),
        ({"action-due": ["", "", ""]}, "Enter the date the action is due"),
        ({"action-due": ["1", "1", "1999"]}, "Enter a year between 2000 and 2100"),
        ({"action-factor": "budget"}, "Not a valid choice"),
        ({"action-status": "finished"}, "Not a valid choice"),
        ({"action-what": "x" * 501}, "500 characters or fewer"),
    ],
)
def test_bad_actions_are_refused_with_a_message_and_nothing_stored(
    client, store, staff, change, message
):
    sign_in(client, "lead")
    response = client.post(PLAN, data={**VALID, **change})
    assert response.status_code == 400
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert message in page.find(class_="govuk-error-summary").get_text()
    assert store.actions(OWN) == []
    # What was typed is still on the page.
    if change.get("action-what", "") == "":
        assert page.find("input", attrs={"name": "action-lead"})["value"] == "Head of Partnerships"


def test_changing_an_action_and_another_councils_action_is_not_found(client, store, staff):
    store.upsert_councils([OTHER_COUNCIL])
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    fields["due"] = "2027-03-31"
    own = store.add_action(OWN, "r2026", fields)
    other = store.add_action(OTHER_COUNCIL["gss"], "r2026", fields)
    sign_in(client, "lead")
    page = soup(client.get(f"{PLAN}/{own}"))
    assert page.find("input", attrs={"name": "due", "value": "31"})
    assert page.find("input", attrs={"name": "status", "value": "planned"}).has_attr("checked")
    data = {k.removeprefix("action-"): v for k, v in VALID.items()}
    response = client.post(f"{PLAN}/{own}", data={**data, "status": "done"})
    assert response.status_code == 302
    assert store.get_action(own, OWN)["status"] == "done"
    # The other council's action, reached through this council's address: not found.
    assert client.get(f"{PLAN}/{other}").status_code == 404
    assert client.post(f"{PLAN}/{other}", data={**data, "status": "dropped"}).status_code == 404
    assert store.get_action(other, OTHER_COUNCIL["gss"])["status"] == "planned"


def test_overdue_actions_are_highlighted_on_the_workspace(client, store, staff):
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    store.add_action(OWN, "r2026", {**fields, "due": "2020-01-31"})
    store.add_action(OWN, "r2026", {**fields, "due": "2020-01-31", "status": "done"})
    store.add_action(OWN, "r2026", {**fields, "due": "2099-01-31"})
    sign_in(client, "lead")
    for path in ("/workspace/", f"/workspace/r2026/{OWN}", PLAN):
        warning = soup(client.get(path)).find(class_="govuk-warning-text")
        assert warning is not None, path
        assert "1 agreed action is overdue" in warning.get_text(" ") or (
            "1 action is overdue" in warning.get_text(" ")
        ), path
    rows = soup(client.get(PLAN)).select("#actions-table tbody tr")
    overdue = [r for r in rows if "Overdue" in r.get_text()]
    assert len(overdue) == 1 and "2020-01-31" in overdue[0].get_text()


def test_targets_are_set_cleared_and_need_a_when(client, store, staff):
    sign_in(client, "lead")
    target = f"/workspace/r2026/{OWN}/targets"
    bad = client.post(target, data={"target-target_factor": "trust", "target-level": "4"})
    assert bad.status_code == 400
    assert "Enter by when the level should be reached" in text(bad)
    assert store.targets(OWN) == {}
    ok = {"target-target_factor": "trust", "target-level": "4", "target-by_when": "2027 round"}
    assert client.post(target, data=ok).status_code == 302
    assert store.targets(OWN)["trust"]["level"] == 4
    assert "Level 4, Established" in text(client.get(PLAN))
    assert client.post(target, data={**ok, "target-level": "none"}).status_code == 302
    assert store.targets(OWN) == {}


def test_the_next_rounds_results_show_how_the_factor_moved_and_the_gap_to_target(
    client, store, staff, instrument
):
    """Trust: all answers 3 in 2026 (index 50); all 4 in 2027 with one of seven items
    reversed, mean 26/7, index 67.86: a move of +18 points. Level 4 (60) is reached;
    level 5 (80) is 12 points away."""
    two_rounds(store, instrument, first=5)
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    store.add_action(OWN, "r2026", {**fields, "due": "2099-03-31", "status": "under_way"})
    store.set_target(OWN, "trust", 5, "the 2028 round", "r2026")
    store.set_target(OWN, "culture", 1, "now", "r2026")
    sign_in(client, "lead")
    page = soup(client.get(f"/results/r2027/{OWN}"))
    row = page.select_one("#plan-actions-table tbody tr")
    assert "Meet partner officers monthly" in row.get_text()
    assert "Under way" in row.get_text() and "+18 points" in row.get_text()
    targets = {
        r.th.get_text(strip=True): r.get_text(" ", strip=True)
        for r in page.select("#plan-targets-table tbody tr")
    }
    assert targets["Trust"].endswith("68 12")  # index now 68, 12 points to go to 80
    assert targets["Culture"].endswith("Reached")
    # In the round it was agreed after, the action shows no movement yet.
    first = soup(client.get(f"/results/r2026/{OWN}")).select_one("#plan-actions-table tbody tr")
    assert "points" not in first.get_text()


def test_no_movement_is_shown_from_a_round_below_the_threshold(client, store, staff, instrument):
    two_rounds(store, instrument, first=4)
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    store.add_action(OWN, "r2026", {**fields, "due": "2099-03-31"})
    sign_in(client, "lead")
    row = soup(client.get(f"/results/r2027/{OWN}")).select_one("#plan-actions-table tbody tr")
    assert "points" not in row.get_text() and "Not available" in row.get_text()


def test_analysts_do_not_see_action_plans(client, store, staff, instrument):
    store.insert_submitted_responses(
        "r2026", OWN, "collaboration-maturity", 1, [complete_answers(instrument)] * 5, "2026-10-01"
    )
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    store.add_action(OWN, "r2026", {**fields, "due": "2099-03-31"})
    sign_in(client, "analyst")
    page = client.get(f"/results/r2026/{OWN}").get_data(as_text=True)
    assert "Meet partner officers monthly" not in page and "plan-actions-table" not in page


def test_actions_export_is_csv_with_formulas_neutralised(app, store, staff, tmp_path):
    fields = {k.removeprefix("action-"): v for k, v in VALID.items()}
    store.add_action(
        OWN, "r2026", {**fields, "what": '=HYPERLINK("http://x")', "due": "2020-01-01"}
    )
    store.add_action(OWN, "r2026", {**fields, "due": "2099-01-01", "status": "done"})
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["actions", "export", "--council", OWN])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:4] == ["Council", "Agreed after", "Factor", "What we will do"]
    assert rows[1][3] == '\'=HYPERLINK("http://x")'
    assert rows[1][7:9] == ["Planned", "yes"] and rows[2][7:9] == ["Done", "no"]
    out = tmp_path / "actions.csv"
    result = runner.invoke(main, ["actions", "export", "--council", OWN, "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().count("\n") == 3
    missing = runner.invoke(main, ["actions", "export", "--council", "E99999999"])
    assert missing.exit_code != 0 and "E99999999" in missing.output
