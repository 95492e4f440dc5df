"""Peer statistics, funnel limits, ranks and rank intervals: hand-computed cases and
Hypothesis properties (contract sections 6 and 7)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.benchmark import (
    Z95,
    Z998,
    Funnel,
    funnel,
    over_dispersion,
    peer_stats,
    percentile_rank,
    pooled_spread,
    quartiles,
)
from scoring.league import average_ranks, rank_councils, rank_intervals, rank_model
from scoring.rounding import round_half_away


def test_quartiles_interpolate_inclusively():
    assert quartiles([1, 2, 3, 4]) == pytest.approx((1.75, 2.5, 3.25))
    assert quartiles([10, 20, 30]) == pytest.approx((15, 20, 25))
    assert quartiles([7]) == (7, 7, 7)


def test_percentile_rank_counts_ties_as_half():
    assert percentile_rank(50, [40, 50, 50, 60]) == 50.0  # (1 + 0.5 * 2) / 4
    assert percentile_rank(70, [40, 50, 60]) == 100.0
    assert percentile_rank(30, [40, 50, 60]) == 0.0
    assert percentile_rank(50, [50, 50, 50]) == 50.0


def test_peer_stats_need_five_peers():
    assert peer_stats(50, [40, 60]) is None
    assert peer_stats(50, [40, 50, 60, 70]) is None  # exactly one short of the minimum
    stats = peer_stats(55, [40, 50, 60, 70, 80])
    # Inclusive quartiles of five values: positions 1 + 4 * (0.25, 0.5, 0.75).
    assert (stats.peers, stats.q1, stats.median, stats.q3) == (5, 50, 60, 70)
    assert stats.percentile_rank == pytest.approx(100 * 2 / 5)
    stats = peer_stats(55, [40, 50, 55, 60, 70, 80])
    # Six values: q1 at position 2.25, q3 at 4.75 (linear between order statistics).
    assert (stats.q1, stats.median, stats.q3) == (51.25, 57.5, 67.5)
    assert stats.percentile_rank == pytest.approx(100 * 2.5 / 6)


def test_pooled_spread_by_hand():
    # variances 2 (n=2) and 4 (n=3): sqrt((1*2 + 2*4) / 3)
    assert pooled_spread([[1, 3], [2, 4, 6]]) == pytest.approx(math.sqrt(10 / 3))
    assert pooled_spread([[5], [7]]) is None  # no within-council variation to pool


def test_funnel_limits_and_flags_by_hand():
    fun = funnel([50, 60], [[40, 60], [50, 70]])  # target 55; variances 200, 200
    assert fun.target == 55
    assert fun.spread == pytest.approx(math.sqrt(200))
    # z = -0.5 and 0.5, winsorised at their 10th/90th percentiles to -0.4 and 0.4:
    # phi = 0.16, and 2 * 0.16 <= 1, so no over-dispersion.
    assert fun.phi == pytest.approx(0.16) and fun.tau2 == 0
    plain = Funnel(55, 10)
    assert plain.limits(25, Z95) == pytest.approx((55 - 3.919928, 55 + 3.919928))
    assert plain.limits(25, Z998) == pytest.approx((55 - 6.180464, 55 + 6.180464))
    assert plain.position(61.2, 25) == "above"
    assert plain.position(61.1, 25) == "within"
    assert plain.position(48.8, 25) == "below"
    assert funnel([], []) is None


def test_over_dispersion_by_hand():
    """Five councils of 4 respondents, spread 10 (se 5), indices 40, 50, 50, 50, 70:
    target 52; z = -2.4, -0.4, -0.4, -0.4, 3.6; their 10th and 90th percentiles are
    -1.6 and 2.0, so z_w = -1.6, -0.4, -0.4, -0.4, 2.0 and phi = (2.56 + 3 * 0.16 + 4) / 5
    = 1.408. g * phi = 7.04 > 4: tau2 = (7.04 - 4) / (5 * 0.04 - 5 * 0.0016 / 0.2)
    = 3.04 / 0.16 = 19."""
    phi, tau2 = over_dispersion([40, 50, 50, 50, 70], [4] * 5, 52, 10)
    assert phi == pytest.approx(1.408) and tau2 == pytest.approx(19)
    fun = Funnel(52, 10, phi, tau2)
    assert fun.tau == pytest.approx(math.sqrt(19))
    half = Z998 * math.sqrt(25 + 19)  # sqrt(se**2 + tau2) at n = 4
    assert fun.limits(4, Z998) == pytest.approx((52 - half, 52 + half))
    assert fun.position(72, 4) == "within"  # 3.6 se out, inside once tau is added
    assert Funnel(52, 10).position(72, 4) == "above"  # without over-dispersion


def test_average_ranks_share_ties():
    assert average_ranks([10, 20, 20, 5]) == [3, 1.5, 1.5, 4]
    assert average_ranks([7, 7, 7]) == [2, 2, 2]


def test_councils_with_no_spread_have_exact_rank_intervals():
    assert rank_intervals([80, 60, 40], [5, 5, 5], None) == [(1, 1), (2, 2), (3, 3)]
    # Two councils always tied: rank 1.5, rounded half away from zero.
    assert rank_intervals([50, 50], [5, 6], 0.0) == [(2, 2), (2, 2)]


def test_rank_model_by_hand():
    """Three councils, spread 10, n 4, 4 and 1: v = 25, 25, 100; w = 0.04, 0.04, 0.01.
    y = 40, 50, 90: mu_w = (1.6 + 2 + 0.9) / 0.09 = 50; Q = 0.04*100 + 0 + 0.01*1600 = 20;
    tau2 = (20 - 2) / (0.09 - 0.0033/0.09) = 18 / (0.09 - 0.036667) = 337.5."""
    model = rank_model([40, 50, 90], [4, 4, 1], 10)
    assert model.tau2 == pytest.approx(337.5)
    shrink = [25 / 362.5, 25 / 362.5, 100 / 437.5]
    weights = [1 / 362.5, 1 / 362.5, 1 / 437.5]
    mu = (40 * weights[0] + 50 * weights[1] + 90 * weights[2]) / sum(weights)
    assert model.mu == pytest.approx(mu)
    for y, b, mean, variance, v in zip(
        [40, 50, 90], shrink, model.means, model.variances, [25, 25, 100], strict=True
    ):
        assert mean == pytest.approx((1 - b) * y + b * mu)
        assert variance == pytest.approx((1 - b) * v)
    # Councils alike (Q below g - 1): no between-council variance, all drawn around mu_w.
    alike = rank_model([50, 51, 49], [25, 25, 25], 10)
    assert alike.tau2 == 0 and alike.means == (50.0, 50.0, 50.0)
    assert alike.variances == pytest.approx((4.0, 4.0, 4.0))


def test_rank_intervals_from_the_posterior():
    # Far apart, precise: the order is certain.
    assert rank_intervals([90, 50, 10], [50, 50, 50], 10) == [(1, 1), (2, 2), (3, 3)]
    # Alike: every council could be anywhere in the table.
    assert rank_intervals([50, 51, 49], [25, 25, 25], 10) == [(1, 3)] * 3


def test_rank_intervals_are_reproducible_with_the_seed_and_vary_without():
    indices, counts = [40, 45, 50, 55, 60], [5, 8, 5, 12, 6]
    assert rank_intervals(indices, counts, 20, seed=1) == rank_intervals(
        indices, counts, 20, seed=1
    )
    ranked = rank_councils({"a": 50, "b": 50, "c": 50}, dict.fromkeys("abc", 5), 20.0)
    assert {r.rank for r in ranked.values()} == {2.0}
    assert all((r.rank_low, r.rank_high) == (1, 3) for r in ranked.values())


council_samples = st.lists(
    st.lists(st.integers(0, 100).map(float), min_size=5, max_size=12), min_size=2, max_size=6
)


@settings(max_examples=60, deadline=None)
@given(council_samples)
def test_ranks_are_a_permutation_with_average_ties(samples):
    means = [sum(s) / len(s) for s in samples]
    ranks = average_ranks(means)
    assert sum(ranks) == pytest.approx(len(ranks) * (len(ranks) + 1) / 2)
    for i, a in enumerate(means):
        for j, b in enumerate(means):
            if a > b:
                assert ranks[i] < ranks[j]
            if a == b:
                assert ranks[i] == ranks[j]


@settings(max_examples=40, deadline=None)
@given(council_samples)
def test_rank_intervals_lie_in_the_table_and_keep_equal_councils_together(samples):
    means = {str(i): sum(s) / len(s) for i, s in enumerate(samples)}
    counts = {str(i): len(s) for i, s in enumerate(samples)}
    spread = pooled_spread(samples)
    ranked = rank_councils(means, counts, spread, draws=300)
    for place in ranked.values():
        assert 1 <= place.rank_low <= place.rank_high <= len(samples)
    if not spread:  # no uncertainty: the interval is the point rank
        for place in ranked.values():
            point = int(round_half_away(place.rank))
            assert place.rank_low == place.rank_high == point
