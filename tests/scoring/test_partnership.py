"""The perception gap between partnership members: hand-computed cases, the chi-square
tail against published values, thresholds per member, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.partnership import chi2_sf, perception_gap, widest_statements


@pytest.mark.parametrize(
    ("x", "df"),
    # Published 5% critical values of chi-square (any statistics table).
    [(3.841459, 1), (5.991465, 2), (7.814728, 3), (9.487729, 4), (11.070498, 5), (18.307038, 10)],
)
def test_chi_square_tail_matches_published_critical_values(x, df):
    assert chi2_sf(x, df) == pytest.approx(0.05, abs=1e-6)


def test_chi_square_tail_edges():
    assert chi2_sf(0, 3) == 1.0
    assert chi2_sf(21.5, 2) == pytest.approx(math.exp(-10.75))
    assert chi2_sf(6.634897, 1) == pytest.approx(0.01, abs=1e-6)
    with pytest.raises(ValueError):
        chi2_sf(1.0, 0)


def test_three_members_whose_views_differ_by_hand():
    """A: 50 50 75 75 50 (mean 60, variance 187.5); B: 25 25 50 25 25 (30, 125);
    C: 50 75 50 75 75 (65, 187.5). Gap 65 - 30 = 35. Pooled variance 2000/12 = 166.67;
    weighted mean 775/15 = 51.67; Q = 5 x (8.33^2 + 21.67^2 + 13.33^2) / 166.67 = 21.5;
    with 2 degrees of freedom p = exp(-10.75) = 0.00002: flagged."""
    result = perception_gap(
        {"A": [50, 50, 75, 75, 50], "B": [25, 25, 50, 25, 25], "C": [50, 75, 50, 75, 75]},
        minimum=5,
    )
    assert result.gap == pytest.approx(35)
    assert result.q == pytest.approx(21.5)
    assert result.p == pytest.approx(math.exp(-10.75))
    assert result.flagged
    assert result.low <= result.gap <= result.high
    assert [m.mean for m in result.members] == [60, 30, 65]


def test_two_members_within_their_uncertainty_by_hand():
    """A: 50 75 25 50 75 (mean 55, variance 437.5); B: 50 50 75 25 50 (50, 312.5).
    Gap 5; pooled variance 375; Q = 5 x (2.5^2 + 2.5^2) / 375 = 0.1667; df 1,
    p = erfc(sqrt(0.0833)) = 0.683: not flagged."""
    result = perception_gap({"A": [50, 75, 25, 50, 75], "B": [50, 50, 75, 25, 50]}, minimum=5)
    assert result.gap == pytest.approx(5)
    assert result.q == pytest.approx(1 / 6)
    assert result.p == pytest.approx(math.erfc(math.sqrt(1 / 12)))
    assert result.p == pytest.approx(0.683, abs=0.001)
    assert not result.flagged


def test_a_small_member_is_listed_but_never_counted():
    big_a, big_b = [50, 75, 25, 50, 75], [50, 50, 75, 25, 50]
    small = [0, 0, 0]  # would widen the gap to 55 if it counted
    result = perception_gap({"A": big_a, "B": big_b, "S": small}, minimum=5)
    without = perception_gap({"A": big_a, "B": big_b}, minimum=5)
    assert (result.gap, result.q, result.p, result.low, result.high) == (
        without.gap,
        without.q,
        without.p,
        without.low,
        without.high,
    )
    small_figure = next(m for m in result.members if m.gss == "S")
    assert small_figure.mean is None and small_figure.n == 3
    assert [m.gss for m in result.compared] == ["A", "B"]


def test_no_gap_with_fewer_than_two_members_above_the_threshold():
    result = perception_gap({"A": [50] * 6, "B": [25] * 4}, minimum=5)
    assert result.gap is None and result.q is None and not result.flagged


def test_identical_answers_within_members():
    differ = perception_gap({"A": [50] * 5, "B": [75] * 5}, minimum=5)
    assert differ.flagged and differ.p == 0.0 and differ.gap == 25
    same = perception_gap({"A": [50] * 5, "B": [50] * 5}, minimum=5)
    assert not same.flagged and same.gap == 0


def test_the_interval_is_reproducible_with_its_seed():
    members = {"A": [50, 75, 25, 50, 75, 60], "B": [50, 50, 75, 25, 50]}
    one, two = perception_gap(members, 5), perception_gap(members, 5)
    assert (one.low, one.high) == (two.low, two.high)
    other = perception_gap(members, 5, seed=1)
    assert other.gap == one.gap


indices = st.lists(st.integers(0, 100).map(float), min_size=5, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCD"), indices, min_size=2), st.integers(-20, 20))
def test_properties(members, shift):
    result = perception_gap(members, minimum=5, resamples=200)
    means = [sum(v) / len(v) for v in members.values()]
    assert result.gap == pytest.approx(max(means) - min(means))
    assert result.gap >= 0 and 0 <= result.p <= 1 and result.q >= 0
    assert result.low <= result.high
    # Moving every answer by the same amount changes no difference between members.
    moved = perception_gap(
        {k: [x + shift for x in v] for k, v in members.items()}, 5, resamples=200
    )
    assert moved.gap == pytest.approx(result.gap)
    assert moved.flagged == result.flagged


def test_widest_statements_ignore_small_members():
    item_means = {
        "trust_1": {"A": 4.0, "B": 2.0, "S": 1.0},
        "trust_2": {"A": 3.0, "B": 3.5, "S": 5.0},
        "trust_3": {"A": 3.0},
    }
    gaps = widest_statements(item_means, passing=["A", "B"])
    assert [(g.item, g.gap) for g in gaps] == [("trust_1", 2.0), ("trust_2", 0.5)]
    assert "S" not in gaps[0].means


def test_the_module_loads_in_both_languages_with_every_factor():
    from scoring.instrument import CORE_FACTORS, load_partnership_modules

    modules = load_partnership_modules()
    english, welsh = modules["en"], modules["cy"]
    assert [i.id for i in english.items] == [i.id for i in welsh.items]
    for factor in CORE_FACTORS:
        assert len(english.factor_items(factor)) >= 3
        assert any(i.reverse for i in english.factor_items(factor))
    assert all(e.text != w.text for e, w in zip(english.items, welsh.items, strict=True))
    assert welsh.title == "Y bartneriaeth hon"


def test_module_answers_score_with_the_main_rules():
    """All 4 with one of three trust statements reversed: (4 + 4 + 2) / 3 = 3.33, index
    58.33; Don't know is missing; under half answered gives no score."""
    from scoring.instrument import load_partnership_modules
    from scoring.partnership import item_means, module_indices

    module = load_partnership_modules()["en"]
    everything = {i.id: "4" for i in module.items}
    one_of_three = {"pm_trust_good_faith": "5", "pm_trust_problems_early": "dont_know"}
    indices = module_indices(module, [everything, one_of_three])
    assert indices["trust"] == [pytest.approx(25 * (10 / 3 - 1))]
    assert item_means(module, [everything, one_of_three])["pm_trust_good_faith"] == 4.5
    assert item_means(module, [everything])["pm_trust_hidden_agendas"] == 2
