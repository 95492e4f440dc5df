"""The empirical-Bayes rank model and its intervals (contract section 7), pinned by hand
where the arithmetic is short and by the known shape of the answer where it is not.
test_benchmark.py has the first cases; these pin what mutation testing showed was loose:
the posterior's weights, the boundary at tau2 = 1, a single council, and the percentiles
the interval is read at."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.league import DEFAULT_SEED, rank_councils, rank_intervals, rank_model


def test_two_councils_with_a_between_council_variance_of_exactly_1():
    """y = 50 and 52, v = 2**2 / 4 = 1 each, so w = 1, mu_w = 51, Q = 1 + 1 = 2, the
    denominator is 2 - 2/2 = 1 and tau2 = (2 - 1) / 1 = 1. B = 1 / (1 + 1) = 0.5: the
    posterior means are 50.5 and 51.5 with variance 0.5."""
    model = rank_model([50, 52], [4, 4], 2)
    assert model.tau2 == pytest.approx(1)
    assert model.mu == pytest.approx(51)
    assert model.means == pytest.approx((50.5, 51.5))
    assert model.variances == pytest.approx((0.5, 0.5))


def test_the_posterior_weighs_a_larger_council_more():
    """y = 40 (n 10) and 60 (n 40), spread 20: v = 40 and 10, w = 0.025 and 0.1,
    mu_w = (1 + 6) / 0.125 = 56, Q = 0.025 * 256 + 0.1 * 16 = 8, denominator
    0.125 - 0.010625 / 0.125 = 0.04, tau2 = 7 / 0.04 = 175. mu weighs by 1/(v + tau2):
    (40 * 185 + 60 * 215) / 400 = 50.75. Posterior means (175 * 40 + 40 * 50.75) / 215 = 42
    and (175 * 60 + 10 * 50.75) / 185 = 59.5; variances 175 * 40 / 215 and 175 * 10 / 185."""
    model = rank_model([40, 60], [10, 40], 20)
    assert model.tau2 == pytest.approx(175)
    assert model.tau == pytest.approx(175**0.5)
    assert model.mu == pytest.approx(50.75)
    assert model.means == pytest.approx((42, 59.5))
    assert model.variances == pytest.approx((7000 / 215, 1750 / 185))


def test_one_council_is_its_own_posterior_and_ranks_first():
    """One council: no between-council variance to estimate (tau2 = 0), the mean is its
    own index and the variance spread**2 / n = 25 / 10."""
    model = rank_model([55], [10], 5)
    assert (model.tau2, model.mu) == (0, 55)
    assert model.means == (55,) and model.variances == pytest.approx((2.5,))
    assert rank_intervals([55], [10], 5) == [(1, 1)]


def test_with_no_evidence_of_differences_the_intervals_are_the_middle_95_of_the_table():
    """100 councils with the same index and size: tau2 = 0, each council's rank is equally
    likely to be any of 1 to 100, so its 2.5th percentile is near rank 3 (the 25th of
    1,000 draws) and its 97.5th near rank 98 (the 975th). Reading the intervals at other
    percentiles (3.5 and 98.5 would give about 4 and 99), or not drawing at all (every
    interval the point rank 50.5), moves these averages."""
    intervals = rank_intervals([60.0] * 100, [20] * 100, 15)
    lows = [low for low, _ in intervals]
    highs = [high for _, high in intervals]
    assert 2.5 <= np.mean(lows) <= 3.5
    assert 97.5 <= np.mean(highs) <= 98.5
    assert min(lows) >= 1 and max(highs) <= 100


def test_a_tied_point_rank_rounds_half_away_from_zero():
    """No spread within councils: the interval is the point rank, 2.5 rounded to 3."""
    assert rank_intervals([60, 50, 50], [5, 5, 5], 0) == [(1, 1), (3, 3), (3, 3)]


def test_rank_councils_names_each_council_and_uses_the_seed_it_is_given():
    indices = {f"E0{i:07d}": 50 + (i % 7) for i in range(30)}
    counts = dict.fromkeys(indices, 12)
    ranked = rank_councils(indices, counts, 15.0, seed=99)
    assert all(r.gss == code for code, r in ranked.items())
    codes = sorted(indices)
    expected = rank_intervals([indices[c] for c in codes], [12] * 30, 15.0, seed=99)
    assert [(ranked[c].rank_low, ranked[c].rank_high) for c in codes] == expected
    assert expected != rank_intervals(
        [indices[c] for c in codes], [12] * 30, 15.0, seed=DEFAULT_SEED
    )
