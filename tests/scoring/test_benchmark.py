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
    peer_stats,
    percentile_rank,
    pooled_spread,
    quartiles,
)
from scoring.league import average_ranks, rank_councils, rank_intervals
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
    plain = Funnel(55, 10)
    assert plain.limits(25, Z95) == pytest.approx((55 - 3.919928, 55 + 3.919928))
    assert plain.limits(25, Z998) == pytest.approx((55 - 6.180464, 55 + 6.180464))
    assert plain.position(61.2, 25) == "above"
    assert plain.position(61.1, 25) == "within"
    assert plain.position(48.8, 25) == "below"
    assert funnel([], []) is None


def test_average_ranks_share_ties():
    assert average_ranks([10, 20, 20, 5]) == [3, 1.5, 1.5, 4]
    assert average_ranks([7, 7, 7]) == [2, 2, 2]


def test_constant_councils_have_exact_rank_intervals():
    assert rank_intervals([[80] * 5, [60] * 5, [40] * 5]) == [(1, 1), (2, 2), (3, 3)]
    # Two councils always tied: rank 1.5 every time, rounded half away from zero.
    assert rank_intervals([[50] * 5, [50] * 6]) == [(2, 2), (2, 2)]


def test_rank_intervals_are_reproducible_with_the_seed_and_vary_without():
    samples = [[10, 50, 90, 30, 70], [40, 45, 50, 55, 60], [20, 80, 35, 65, 50]]
    assert rank_intervals(samples, seed=1) == rank_intervals(samples, seed=1)
    ranked = rank_councils({"a": 50, "b": 50, "c": 50}, dict(zip("abc", samples, strict=True)))
    assert {r.rank for r in ranked.values()} == {2.0}
    assert ranked["b"].rank_low >= 1 and ranked["a"].rank_high <= 3


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
def test_rank_intervals_contain_the_point_rank(samples):
    """With up to six councils; see docs/methodology.md for why a league of many nearly
    tied councils can put the point rank outside its percentile interval."""
    means = {str(i): sum(s) / len(s) for i, s in enumerate(samples)}
    ranked = rank_councils(means, {str(i): s for i, s in enumerate(samples)}, bootstrap=300)
    for place in ranked.values():
        point = int(round_half_away(place.rank))
        assert 1 <= place.rank_low <= point <= place.rank_high <= len(samples)
