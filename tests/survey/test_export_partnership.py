"""``collab export responses --partnership-file``: the partnership module's answers in
their own file, under the response export's rules."""

from __future__ import annotations

import csv
import io

import pytest

from survey.cli import main
from survey.export import MODULE_COLUMNS, module_answer
from survey.questionnaire import module_item_id
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, complete_answers

OWN, OTHER = TEST_COUNCIL["gss"], OTHER_COUNCIL["gss"]


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def partnership(app, store):
    """A partnership of the two councils with the module on in the version 1 round."""
    store.upsert_councils([OTHER_COUNCIL])
    pid = store.create_partnership("=Joint waste", [OWN, OTHER], "admin", confirmed=[OWN, OTHER])
    store.set_partnership_module("r2026", pid, True)
    return pid


def answers_with_module(app, version: int, pid: int, others=()) -> dict[str, str]:
    instrument = app.extensions["instruments"].get(version)
    module = app.extensions["partnership_modules"].get(version).expand(others)
    answers = complete_answers(instrument)
    answers.update({module_item_id(pid, item.id): "4" for item in module.items})
    first = module.items[0].id
    answers[module_item_id(pid, first)] = "dont_know"
    return answers, module, first


def test_module_answers_go_to_their_own_file_and_join_the_main_export(
    app, store, runner, partnership, tmp_path
):
    answers, module, first = answers_with_module(app, 1, partnership)
    store.insert_submitted_responses(
        "r2026", OWN, "collaboration-maturity", 1, [answers] * 2, "2026-10-01"
    )
    args = ["export", "responses", "--round", "r2026"]
    plain = runner.invoke(main, args)
    assert plain.exit_code == 0
    assert "add --partnership-file FILE.csv" in plain.stderr
    main_rows = rows_of(plain.stdout)
    assert not [r for r in main_rows if "pm_" in r["item_id"]]  # the main file is unchanged

    path = tmp_path / "out" / "module.csv"
    result = runner.invoke(main, [*args, "--partnership-file", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{2 * len(module.items)} partnership module answers written" in result.stderr
    text = path.read_text(encoding="utf-8")
    rows = rows_of(text)
    assert list(rows[0]) == list(MODULE_COLUMNS)
    assert len(rows) == 2 * len(module.items)
    # The same response ids as the main export of the same run: the files join.
    assert {r["response_id"] for r in rows} == {r["response_id"] for r in rows_of(result.stdout)}
    by_item = {r["item_id"]: r for r in rows}
    assert by_item[first]["value"] == ""  # Don't know is missing, as in the main export
    assert {r["value"] for r in rows} == {"", "4"}
    item = module.items[1]
    assert by_item[item.id]["factor"] == item.factor
    assert by_item[item.id]["partnership_id"] == str(partnership)
    assert by_item[item.id]["council_gss"] == OWN and by_item[item.id]["module_version"] == "1"
    assert by_item[item.id]["about_council"] == ""
    # Spreadsheet formulas are neutralised, as in every export.
    assert by_item[item.id]["partnership_name"] == "'=Joint waste"


def test_per_member_statements_name_the_member_asked_about(app, store, runner, tmp_path):
    store.upsert_councils([OTHER_COUNCIL])
    store.create_round("r2027", "Round 2027", "collaboration-maturity", 2)
    pid = store.create_partnership("Joint waste", [OWN, OTHER], "admin", confirmed=[OWN, OTHER])
    store.set_partnership_module("r2027", pid, True)
    answers, module, _ = answers_with_module(app, 2, pid, others=[OTHER])
    store.insert_submitted_responses(
        "r2027", OWN, "collaboration-maturity", 2, [answers] * 3, "2027-10-01"
    )
    path = tmp_path / "module.csv"
    result = runner.invoke(
        main, ["export", "responses", "--round", "r2027", "--partnership-file", str(path)]
    )
    assert result.exit_code == 0, result.output
    rows = rows_of(path.read_text(encoding="utf-8"))
    about = {r["about_council"] for r in rows}
    assert about == {"", OTHER}
    per_member = [r for r in rows if r["about_council"] == OTHER]
    assert per_member and all("__" not in r["item_id"] for r in per_member)
    assert len(rows) == 3 * len(module.items)


def test_ids_follow_the_profile_rule_and_no_profile_or_comment_leaks(
    app, store, runner, partnership, tmp_path
):
    answers, module, _ = answers_with_module(app, 1, partnership)
    answers["comment_working_well"] = "a private comment"
    store.insert_submitted_responses(
        "r2026", OWN, "collaboration-maturity", 1, [answers] * 2, "2026-10-01"
    )
    base = ["export", "responses", "--round", "r2026", "--partnership-file"]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    with_profile = runner.invoke(main, [*base, str(first), "--profile", "profile_role"])
    runner.invoke(main, [*base, str(second)])
    ids = {r["response_id"] for r in rows_of(first.read_text(encoding="utf-8"))}
    other_ids = {r["response_id"] for r in rows_of(second.read_text(encoding="utf-8"))}
    assert ids == {r["response_id"] for r in rows_of(with_profile.stdout)}
    assert not ids & other_ids  # two exports cannot be joined to cross profile answers
    text = first.read_text(encoding="utf-8")
    assert "a private comment" not in text and "profile" not in text


@pytest.mark.parametrize(
    ("item_id", "parsed"),
    [
        ("p3__pm_trust_rely", (3, "pm_trust_rely", "")),
        ("p12__pm_they_understand_us__E08900001", (12, "pm_they_understand_us", "E08900001")),
        ("trust_suspicion", None),
        ("profile__x", None),
        ("px__pm_trust", None),
    ],
)
def test_module_answer_ids_are_read_back(item_id, parsed):
    assert module_answer(item_id) == parsed
