"""Benchmarking pages, `collab league` and the open-data export."""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup

from scoring.rounding import display
from survey.cli import main
from survey.db import get_store
from survey.demo import load_demo
from survey.round_cache import round_results
from tests.conftest import add_staff, complete_answers, sign_in


def text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ")


@pytest.fixture
def demo(app, store, instrument):
    load_demo(store, instrument, councils=12, respondents=10, seed=5)
    add_staff(store)
    return store


def test_the_league_table_filters_and_sorts(client, demo):
    sign_in(client, "analyst")
    page = BeautifulSoup(client.get("/national/demo-2026").get_data(as_text=True), "html.parser")
    rows = page.find(id="league-table").tbody.find_all("tr")
    assert len(rows) == 12
    first = [c.get_text(" ", strip=True) for c in rows[0].find_all(["td", "th"])]
    assert first[0] == "1" and " to " in first[1]
    below = [r for r in rows if "Fewer than 5 responses" in r.get_text()]
    assert [r.th.get_text(strip=True) for r in below] == ["Dunholme"]
    assert "95 times in 100" in page.main.get_text()

    filtered = BeautifulSoup(
        client.get("/national/demo-2026?type=NMD&sort=name").get_data(as_text=True),
        "html.parser",
    )
    names = [r.th.get_text(strip=True) for r in filtered.find(id="league-table").tbody("tr")]
    assert names == sorted(names) and "Caldermoor" not in names  # a metropolitan district


@contextmanager
def demo_app_results(client):
    """The round results the app itself scored (from its cache), to compare with a page."""
    app = client.application
    with app.app_context():
        yield round_results(
            get_store(), app.extensions["instruments"], "demo-2026", app.config["MIN_RESPONDENTS"]
        )


def test_the_national_page_has_a_table_for_every_chart(client, demo):
    sign_in(client, "analyst")
    page = BeautifulSoup(client.get("/national/demo-2026").get_data(as_text=True), "html.parser")
    charts = page.find_all(attrs={"data-plotly-figure": True})
    assert len(charts) == 5
    assert all(c["role"] == "img" and len(c["aria-label"]) > 40 for c in charts)
    for table_id in ("league-table", "groups-table", "heat-table", "national-barrier-table"):
        assert page.find(id=table_id) is not None
    assert "Reliability of the questionnaire" in page.main.get_text()
    # The funnel states its over-dispersion: tau in index points, and phi.
    with demo_app_results(client) as results:
        fun = results.funnels["index"]
    stated = " ".join(page.find(id="over-dispersion").get_text().split())
    assert f"about {display(fun.tau, 1)} index points (tau" in stated
    assert f"phi {display(fun.phi, 2)}" in stated
    # ICC(1) and ICC(2) per factor, as scored.
    with demo_app_results(client) as results:
        trust = results.council_reliability["trust"]
    icc = [c.get_text(" ", strip=True) for c in page.find(id="icc-table").tbody.tr("td")]
    assert icc[1] == display(trust.icc1, 2) and icc[2].startswith(display(trust.icc2, 2))
    # Every ranked council's index with its interval.
    headers = [th.get_text(" ", strip=True) for th in page.find(id="league-table").thead("th")]
    assert "Index, 95% interval" in headers


def test_benchmark_page_compares_with_peers_and_explains_gaps(client, demo):
    sign_in(client, "lead")
    page = BeautifulSoup(
        client.get("/results/demo-2026/E07900001/benchmark?peers=all").get_data(as_text=True),
        "html.parser",
    )
    rows = page.find(id="comparison-table").tbody.find_all("tr")
    assert [r.th.get_text(strip=True) for r in rows][:2] == ["Collaboration index", "Trust"]
    # The council's place among its peers, as the report gives it: 1 + peers scoring higher.
    with demo_app_results(client) as results:
        own = results.rows["E07900001"].value("index")
        higher = sum(
            r.passes and r.gss != "E07900001" and r.value("index") > own
            for r in results.rows.values()
        )
        peers = sum(r.passes and r.gss != "E07900001" for r in results.rows.values())
    cells = [c.get_text(" ", strip=True) for c in rows[0].find_all("td")]
    assert f"{higher + 1} of {peers + 1}" in cells
    assert cells[-1] in ("As expected", "Above expected", "Below expected")
    assert f"{higher} of its {peers} peers score higher" in " ".join(page.main.get_text().split())
    # The test app's own round r2026 came first, and the council had no answers in it.
    assert "In the previous round, Round 2026, the council had fewer than 5" in " ".join(
        page.main.get_text().split()
    )
    # Too few peers: a chosen group of two, and a third council below the public threshold
    # that is left out, saying so.
    client.post(
        "/results/demo-2026/E07900001/peers",
        data={"councils": "E07900002 E08900001 E07900003"},
    )
    page = BeautifulSoup(
        client.get("/results/demo-2026/E07900001/benchmark?peers=chosen").get_data(as_text=True),
        "html.parser",
    )
    chosen = " ".join(page.main.get_text().split())
    assert "Peer figures need at least 5 councils" in chosen and "Too few peers" in chosen
    left_out = " ".join(page.find(id="chosen-left-out").get_text().split())
    assert left_out.startswith("1 of the councils you chose was left out")
    assert "fewer than 10 responses this round" in left_out
    # Below the threshold: nothing to compare.
    client.post("/sign-out")
    sign_in(client, "analyst")
    below = text(client.get("/results/demo-2026/E07900003/benchmark"))
    assert "cannot be compared yet" in below


def test_a_bad_peer_list_is_explained(client, demo):
    sign_in(client, "lead")
    response = client.post("/results/demo-2026/E07900001/peers", data={"councils": "E07999999"})
    assert response.status_code == 400 and "No council with GSS code E07999999" in text(response)
    response = client.post("/results/demo-2026/E07900001/peers", data={"councils": "nonsense"})
    assert response.status_code == 400 and "Enter GSS codes" in text(response)


def test_trend_shows_the_previous_round_of_the_same_instrument(client, demo, instrument):
    demo.create_round("next", "Next round", instrument.id, instrument.version)
    demo.insert_submitted_responses(
        "next",
        "E07900001",
        instrument.id,
        1,
        [complete_answers(instrument, "5")] * 6,
        "2027-03-01",
    )
    sign_in(client, "lead")
    page = BeautifulSoup(
        client.get("/results/next/E07900001/benchmark").get_data(as_text=True), "html.parser"
    )
    rows = page.find(id="trend-table").tbody.find_all("tr")
    index = [c.get_text(strip=True) for c in rows[0].find_all(["th", "td"])]
    assert index[0] == "Collaboration index"
    assert abs(int(index[3]) - (int(index[2]) - int(index[1]))) <= 1  # rounded separately
    assert index[3].startswith("+")  # everyone agrees strongly now


def test_collab_league_json_and_csv(runner, demo):
    result = runner.invoke(main, ["league", "--round", "demo-2026", "--seed", "7"])
    document = json.loads(result.output)
    assert document["seed"] == 7 and document["draws"] == 1000
    assert set(document) >= {"round", "target", "spread", "phi", "tau", "councils"}
    assert document["tau"] >= 0 and document["phi"] >= 0
    assert set(document["council_reliability"]["trust"]) == {"councils", "icc1", "icc2"}
    first = next(c for c in document["councils"] if not c["suppressed"])
    assert first["index_low"] < first["collaboration_index"] < first["index_high"]
    ranked = [c for c in document["councils"] if not c["suppressed"]]
    # Average ranks (ties shared) always add up to 1 + 2 + ... + n, in index order.
    assert sum(c["rank"] for c in ranked) == len(ranked) * (len(ranked) + 1) / 2
    by_index = sorted(ranked, key=lambda c: -c["collaboration_index"])
    assert [c["rank"] for c in by_index] == sorted(c["rank"] for c in ranked)
    assert all(c["rank_low"] <= round(c["rank"]) <= c["rank_high"] for c in ranked)
    assert runner.invoke(main, ["league", "--round", "demo-2026", "--seed", "7"]).output == (
        result.output
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(main, ["league", "--round", "demo-2026", "--format", "csv"]).output
            )
        )
    )
    assert len(rows) == 12 and rows[-1]["collaboration_index"] == ""
    assert runner.invoke(main, ["league", "--round", "nope"]).exit_code == 1


def test_open_data_has_only_councils_above_the_public_threshold(runner, demo, tmp_path):
    demo.upsert_councils([{**demo.get_council("E07900001"), "name": '=HYPERLINK("x")'}])
    result = runner.invoke(
        main, ["export", "open-data", "--round", "demo-2026", "--out", str(tmp_path / "od")]
    )
    assert result.exit_code == 0, result.output
    content = (tmp_path / "od" / "council-scores.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(content)))
    league = json.loads(runner.invoke(main, ["league", "--round", "demo-2026"]).output)
    public = {c["gss"] for c in league["councils"] if (c["n"] or 0) >= 10}
    assert {r["gss"] for r in rows} == public and rows
    assert all(int(r["n"]) >= 10 for r in rows)
    named = [r for r in rows if r["gss"] == "E07900001"]
    if named:
        assert named[0]["name"] == '\'=HYPERLINK("x")'
    assert "comment" not in content.lower()
    readme = (tmp_path / "od" / "README.md").read_text()
    assert "Open Government Licence" in readme and "at least 10 respondents" in readme
    assert all(int(r["straight_lined"]) >= 0 for r in rows)
    # The round's own figures: the funnel's over-dispersion and each factor's ICCs.
    assert "phi" in readme and "tau" in readme
    for factor in ("trust", "culture", "behaviour", "leadership", "shared_language"):
        assert re.search(
            rf"^\| {factor} \| \d+ \| -?\d\.\d{{3}} \| -?\d\.\d{{3}} \|$", readme, re.M
        )


def test_with_too_few_councils_of_its_type_the_page_compares_with_a_wider_group(client, demo):
    """Unless the reader picks a group, a council whose type has too few peers that
    count is compared with its nation or region, or else every council, and the page
    says so; the radio button shows the group in use."""
    with demo_app_results(client) as results:
        alone = [
            gss
            for gss, row in results.rows.items()
            if row.passes
            and sum(
                r.passes and r.council["type"] == row.council["type"] and r.gss != gss
                for r in results.rows.values()
            )
            < 5
        ]
    assert alone
    sign_in(client, "analyst")
    page = BeautifulSoup(
        client.get(f"/results/demo-2026/{alone[0]}/benchmark").get_data(as_text=True),
        "html.parser",
    )
    notice = " ".join(page.find(id="wider-group").get_text().split())
    assert notice.startswith("Fewer than 5 other councils of") and "took part" in notice
    checked = page.find("input", attrs={"name": "peers", "checked": True})["value"]
    assert checked in ("nation", "all")
    wider = "every council in the round" if checked == "all" else "the councils in"
    assert f"is compared with {wider}" in notice
    assert "Too few peers" not in page.find(id="comparison-table").get_text()
    # Asking for the council's type gets it, with no notice and no peer figures.
    asked = BeautifulSoup(
        client.get(f"/results/demo-2026/{alone[0]}/benchmark?peers=type").get_data(as_text=True),
        "html.parser",
    )
    assert asked.find(id="wider-group") is None
    assert "Too few peers" in asked.find(id="comparison-table").get_text()
    # Without peer figures the chart's caption names no peer mark.
    caption = asked.find(id="intervals-chart").find_parent("figure").figcaption.get_text()
    assert "peer" not in caption and "national median (diamond)" in caption
