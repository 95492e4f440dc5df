"""What a page and its PDF both show, from a small round built in the test (no Flask, no
database): the same figures, charts and alt text whoever asks."""

from __future__ import annotations

import dataclasses

import pytest

from reports.view_models import (
    NATIONAL_CHARTS,
    council_results,
    national_view,
    partnership_view,
    peer_comparison,
)
from scoring.national import INDEX
from scoring.partnership_module import load_partnership_modules
from scoring.rounding import display
from tests.reports.fixtures import INSTRUMENT, small_partnership, small_round

RESULTS = small_round()


def test_council_results_give_each_factor_its_level_and_its_intervals_chart():
    row = RESULTS.rows["E1"]
    view = council_results(INSTRUMENT, row.score, "Ashcombe")
    assert [f.factor.id for f in view.factors] == [f.id for f in INSTRUMENT.factors]
    for factor, score, level in view.factors:
        assert score is row.score.factors[factor.id]
        number, name = level
        assert INSTRUMENT.level(number).lower <= score.index and name
        if number < 5:
            assert score.index < INSTRUMENT.level(number + 1).lower
    chart = view.chart()
    (dots,) = chart.figure["data"]  # the council's own figures: no medians on this chart
    assert dots["name"] == "Ashcombe, with its 95% interval"
    assert dots["y"] == ["Collaboration index", *[f.title for f in INSTRUMENT.factors]]
    assert dots["x"][0] == row.score.collaboration_index
    low, high = dots["error_x"]["arrayminus"][0], dots["error_x"]["array"][0]
    assert dots["x"][0] - low == pytest.approx(row.score.index_low)
    assert dots["x"][0] + high == pytest.approx(row.score.index_high)
    for factor, score, _ in view.factors:
        assert f"{factor.title} {display(score.index)}" in chart.alt
        assert f"(95% interval {display(score.low)} to {display(score.high)})" in chart.alt
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.score = None


def test_a_council_below_the_threshold_has_no_chart():
    view = council_results(INSTRUMENT, RESULTS.rows["E7"].score, "Greyholt")
    assert view.chart() is None and all(f.score is None for f in view.factors)


def test_peer_comparison_is_the_council_against_its_peers():
    peers = ["E2", "E3", "E4", "E5", "E6", "E7"]
    view = peer_comparison(RESULTS, "E1", peers, "Ashcombe")
    index = view.index
    assert index.measure == INDEX and index.value == RESULTS.rows["E1"].value(INDEX)
    assert index.peers.peers == 5  # E7 is below the threshold and never a peer
    assert list(view.by_measure) == RESULTS.measures
    score = RESULTS.rows["E1"].score
    assert view.intervals[INDEX] == (score.index_low, score.index_high)
    titles = {m: m.title() for m in RESULTS.measures}
    chart = view.interval_chart(titles)
    assert [t["name"] for t in chart.figure["data"]] == [
        "Ashcombe, with its 95% interval",
        "Peer median",
        "National median",
    ]
    assert f"peer median {display(index.peers.median)}" in chart.alt


def test_peer_comparison_in_welsh_uses_the_translation_given():
    view = peer_comparison(RESULTS, "E1", ["E2", "E3", "E4", "E5", "E6"], "Ashcombe")
    titles = {m: m.title() for m in RESULTS.measures}
    chart = view.interval_chart(titles, lambda text: "CY:" + text)
    assert chart.alt.startswith("CY:Dot-and-interval chart of Ashcombe")


def test_no_comparison_for_a_council_below_the_threshold():
    view = peer_comparison(RESULTS, "E7", ["E1", "E2"], "Greyholt")
    assert view.comparisons == () and view.index is None


def test_national_view_lists_the_league_groups_and_charts():
    view = national_view(RESULTS)
    assert [r.gss for r in view.rows][-1] == "E7"  # below the threshold: last, no rank
    assert view.ranked == 6
    assert sorted(view.by_type) == ["District", "Unitary"]
    assert len(view.by_type["District"]) == 4  # E7 does not count
    regions, factors, heat = view.heat
    assert regions == ["London", "South West"] and len(factors) == len(INSTRUMENT.factors)
    for name in NATIONAL_CHARTS:
        chart = view.chart(name)
        assert chart.figure is not None and chart.alt, name
    assert "6 councils" in view.chart("funnel").alt
    assert "District: 4 councils" in view.chart("types").alt
    with pytest.raises(ValueError):
        view.chart("pie")


def test_partnership_view_names_members_and_charts_them():
    module = load_partnership_modules()["en"]
    results = small_partnership(module)
    partnership = {
        "name": "Joint waste",
        "members": [
            {"gss": "E1", "name": "Ashcombe"},
            {"gss": "E2", "name": "Brackenford"},
            {"gss": "E3", "name": "Caldermoor"},
        ],
    }
    view = partnership_view(partnership, results, 5)
    assert view.names == {"E1": "Ashcombe", "E2": "Brackenford", "E3": "Caldermoor"}
    assert results.passing == ("E1", "E2") and results.respondents["E3"] == 2
    chart = view.chart(INSTRUMENT)
    assert [t["name"] for t in chart.figure["data"]] == ["Ashcombe", "Brackenford"]
    assert "Caldermoor" not in chart.alt  # below the threshold: named nowhere with figures
    trust = results.gaps["trust"]
    assert f"Ashcombe {display(trust.compared[0].mean)}" in chart.alt
    with pytest.raises(TypeError):
        results.gaps["trust"] = None  # frozen: a read-only mapping


def test_with_too_few_peers_the_chart_names_no_peer_median():
    """Four peers are too few for peer figures: the chart draws no peer median, and its
    legend does not name one."""
    view = peer_comparison(RESULTS, "E1", ["E2", "E3", "E4", "E5"], "Ashcombe")
    assert all(c.peers is None for c in view.comparisons)
    chart = view.interval_chart({m: m.title() for m in RESULTS.measures})
    names = [t["name"] for t in chart.figure["data"]]
    assert names == ["Ashcombe, with its 95% interval", "National median"]
    assert "peer median" not in chart.alt
