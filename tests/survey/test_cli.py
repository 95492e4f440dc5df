"""The collab command line, through Flask's CLI runner against a real database file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from survey.cli import main
from tests.conftest import SHARED_REGISTER, complete_answers, sign_in


def invoke(runner, *args, **kwargs):
    return runner.invoke(main, list(args), **kwargs)


def test_init_db_reports_the_database(runner, app):
    result = invoke(runner, "init-db")
    assert result.exit_code == 0
    assert app.config["DATABASE"] in result.output


def test_rounds_create_and_refuse_duplicates_and_bad_dates(runner, store):
    assert (
        invoke(
            runner,
            "rounds",
            "create",
            "r2027",
            "--title",
            "Round 2027",
            "--opens",
            "2027-01-10",
            "--closes",
            "2027-02-28",
        ).exit_code
        == 0
    )
    row = store.get_round("r2027")
    assert (row["opens"], row["closes"], row["instrument_version"]) == (
        "2027-01-10",
        "2027-02-28",
        2,  # the current questionnaire
    )
    older = invoke(runner, "rounds", "create", "r2027-v1", "--title", "x", "--instrument", "v1")
    assert older.exit_code == 0 and "v1" in older.output
    assert store.get_round("r2027-v1")["instrument_version"] == 1
    for unknown, message in (("v9", "this service has v1, v2"), ("latest", "not a version")):
        refused = invoke(
            runner, "rounds", "create", "r2029", "--title", "x", "--instrument", unknown
        )
        assert refused.exit_code in (1, 2) and message in refused.output
        assert store.get_round("r2029") is None
    again = invoke(runner, "rounds", "create", "r2027", "--title", "x")
    assert again.exit_code == 1 and "exists already" in again.output
    bad = invoke(runner, "rounds", "create", "r2028", "--title", "x", "--opens", "31/01/2028")
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_invites_print_one_working_link_per_line(runner, app, client):
    result = invoke(
        runner, "invites", "create", "--round", "r2026", "--council", "E07900001", "--count", "3"
    )
    links = result.output.split()
    assert result.exit_code == 0 and len(links) == 3 and len(set(links)) == 3
    assert all(link.startswith(app.config["BASE_URL"] + "/i/") for link in links)
    path = links[0].removeprefix(app.config["BASE_URL"])
    assert client.get(path).location == "/start"


def test_invites_for_an_unknown_council_fail_clearly(runner):
    result = invoke(
        runner, "invites", "create", "--round", "r2026", "--council", "E0000000X", "--count", "1"
    )
    assert result.exit_code == 1 and "No council with GSS code" in result.output


def test_demo_is_idempotent_and_fictional(runner, store):
    first = invoke(runner, "demo", "--councils", "6", "--respondents", "8", "--seed", "7")
    assert first.exit_code == 0, first.output
    counts = store.db.execute("SELECT count(*) FROM responses").fetchone()[0]
    second = invoke(runner, "demo", "--councils", "6", "--respondents", "8", "--seed", "7")
    assert "0 responses loaded" in second.output
    assert store.db.execute("SELECT count(*) FROM responses").fetchone()[0] == counts
    demo = [c for c in store.list_councils() if c["fictional"]]
    assert len(demo) == 6 and all(c["gss"][3] == "9" for c in demo)
    roles = {u["email"]: (u["role"], u["councils"]) for u in store.list_users()}
    assert roles["lead@demo.invalid"] == ("lead", ["E07900001", "E07900003"])
    assert roles["analyst@demo.invalid"] == ("analyst", [])
    assert len(roles) == 4


def test_demo_writes_its_password_beside_the_database(app, runner, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert invoke(runner, "demo", "--councils", "4").exit_code == 0
    password_file = Path(app.config["DATABASE"]).parent / "demo-password.txt"
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert len(password_file.read_text().strip()) >= 16
    assert list(elsewhere.iterdir()) == []  # nothing in the working folder
    # The password it wrote is the demo accounts' password.
    client = app.test_client()
    sign_in(client, "admin@demo.invalid", password_file.read_text().strip())


def test_scores_json_has_the_documented_shape(runner, store, instrument):
    store.insert_submitted_responses(
        "r2026",
        "E07900001",
        instrument.id,
        1,
        [complete_answers(instrument, "5")] * 5,
        "2026-10-01",
    )
    result = invoke(runner, "scores", "--round", "r2026", "--format", "json")
    data = json.loads(result.output)
    assert data["round"] == "r2026" and data["instrument_version"] == 1
    council = data["councils"][0]
    assert council["gss"] == "E07900001" and council["n"] == 5 and not council["suppressed"]
    trust = council["factors"]["trust"]
    # Six items score 5, the reverse item answered 5 scores 1: mean 31/7 at full precision
    assert trust["mean"] == 31 / 7 and trust["index"] == 600 / 7  # 25 * (31/7 - 1), exactly
    # The same shape as the API's council scores (reports.league.score_json).
    assert set(trust) == {
        "n", "mean", "index", "wilder_band", "rwg", "rwg_label", "se", "rwg_uniform", "low", "high"
    }  # fmt: skip
    assert council["barriers"]["data_sharing"]["share"] == 1.0
    assert council["withheld_factors"] == []
    assert council["level"] in range(1, 6) and council["level_name"]


def test_scores_json_suppresses_small_councils(runner, store, instrument):
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [complete_answers(instrument)] * 4, "2026-10-01"
    )
    data = json.loads(invoke(runner, "scores", "--round", "r2026", "--format", "json").output)
    assert data["councils"] == [
        {"gss": "E07900001", "name": "Ashcombe Vale", "n": 4, "suppressed": True}
    ]


def test_scores_table(runner, store, instrument):
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [complete_answers(instrument)] * 5, "2026-10-01"
    )
    output = invoke(runner, "scores", "--round", "r2026").output
    assert "E07900001" in output and "Ashcombe Vale" in output


def test_export_is_one_row_per_item_and_never_includes_comments(runner, store, instrument):
    answers = complete_answers(instrument)
    answers["trust_suspicion"] = "dont_know"
    answers["comment_working_well"] = '=HYPERLINK("http://x")'
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [answers], "2026-10-01"
    )
    result = invoke(runner, "export", "responses", "--round", "r2026", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == [
        "response_id",
        "council_gss",
        "round",
        "instrument_version",
        "submitted_on",
        "item_id",
        "factor",
        "value",
        "mode",
    ]
    assert {r["mode"] for r in rows} == {"online"}
    by_item = {r["item_id"]: r for r in rows}
    assert len(rows) == len(instrument.items) + len(instrument.barriers)  # no profile
    assert by_item["trust_suspicion"]["value"] == ""
    assert by_item["trust_suspicion"]["factor"] == "trust"
    assert by_item["barrier_data_sharing"]["factor"] == "barrier"
    assert "comment_working_well" not in by_item
    assert "HYPERLINK" not in result.output


def test_export_carries_one_profile_question_with_small_groups_merged(runner, store, instrument):
    """6 elected members and 2 chief executives in one council: the 2 become
    other_or_not_said; area is never beside role; ids differ from a plain export."""
    members = complete_answers(instrument)  # role: the first option, elected member
    chiefs = {**complete_answers(instrument), "profile_role": "chief_executive_or_director"}
    store.insert_submitted_responses(
        "r2026", "E07900001", instrument.id, 1, [members] * 6 + [chiefs] * 2, "2026-10-01"
    )
    args = ["export", "responses", "--round", "r2026"]
    result = invoke(runner, *args, "--profile", "profile_role")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    roles = [r["value"] for r in rows if r["factor"] == "profile"]
    assert sorted(roles) == ["elected_member"] * 6 + ["other_or_not_said"] * 2
    assert not [r for r in rows if r["item_id"] == "profile_area"]
    plain = list(csv.DictReader(io.StringIO(invoke(runner, *args).output)))
    assert not {r["response_id"] for r in rows} & {r["response_id"] for r in plain}
    assert len({r["response_id"] for r in rows}) == 8
    refused = invoke(runner, *args, "--profile", "profile_shoe_size")
    assert refused.exit_code == 1 and "asks profile_role, profile_area" in refused.output


def test_serve_refuses_the_placeholder_secret_key(tmp_path):
    from survey import create_app

    app = create_app({"DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "dev-only-change-me"})
    result = app.test_cli_runner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert "COLLAB_SECRET_KEY is missing or is the development placeholder" in result.output


@pytest.mark.skipif(not SHARED_REGISTER.exists(), reason="shared register not present")
def test_import_of_the_shared_register(runner, store):
    result = invoke(runner, "councils", "import", str(SHARED_REGISTER))
    assert result.exit_code == 0, result.output
    assert "382 councils" in result.output
    assert store.count_councils() == 382 + 1  # plus the fictional test council
    assert store.get_council("E10000007")["region"] == "East Midlands"  # Derbyshire corrected
    assert store.get_council("E10000019")["region"] == "East Midlands"  # Lincolnshire corrected
    assert store.get_council("E61000001") is None  # the GLA is not a council
    again = invoke(runner, "councils", "import", str(SHARED_REGISTER))
    assert "0 added, 0 updated, 382 unchanged" in again.output


def test_a_malformed_register_names_the_line_and_imports_nothing(runner, store, tmp_path):
    lines = SHARED_REGISTER.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = lines[:10] + [lines[10].replace(",S12", ",XX12").replace(",E0", ",XX")] + lines[11:]
    path = tmp_path / "broken.csv"
    path.write_text("".join(broken), encoding="utf-8")
    result = invoke(runner, "councils", "import", str(path))
    assert result.exit_code == 1
    assert "line 11" in result.output and "Nothing was imported" in result.output
    assert store.count_councils() == 1
