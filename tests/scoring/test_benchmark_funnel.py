"""Funnel limits and over-dispersion at their boundaries, pooled spread with councils too
small to have one, and the percentile rank's error (contract sections 6 and 7)."""

from __future__ import annotations

import math

import pytest

from scoring.benchmark import (
    Z95,
    Z998,
    Funnel,
    funnel,
    over_dispersion,
    percentile_rank,
    pooled_spread,
)


def test_a_council_exactly_on_a_99_8_limit_is_within():
    """Spread 10 at n = 100: se = 1, and the limits are 50 +/- 3.090232. Only a council
    beyond them is flagged."""
    fun = Funnel(50, 10)
    low, high = fun.limits(100, Z998)
    assert (low, high) == pytest.approx((50 - Z998, 50 + Z998))
    assert fun.position(high, 100) == "within"
    assert fun.position(low, 100) == "within"
    assert fun.position(math.nextafter(high, math.inf), 100) == "above"
    assert fun.position(math.nextafter(low, -math.inf), 100) == "below"


def test_over_dispersion_just_above_g_minus_one():
    """Five councils of 4 respondents, spread 10 (se 5), indices 44, 44, 50, 56, 56 about
    the target 50: z = -1.2, -1.2, 0, 1.2, 1.2. The 10th and 90th percentiles (positions
    0.4 and 3.6) are -1.2 and 1.2, so nothing is clipped: phi = 4 * 1.44 / 5 = 1.152 and
    g * phi = 5.76 > 4. w = 1/25 = 0.04 each: tau2 = (5.76 - 4) / (0.2 - 0.008 / 0.2)
    = 1.76 / 0.16 = 11."""
    phi, tau2 = over_dispersion([44, 44, 50, 56, 56], [4] * 5, 50, 10)
    assert phi == pytest.approx(1.152)
    assert tau2 == pytest.approx(11)


def test_no_over_dispersion_when_g_phi_equals_g_minus_one():
    """Indices 45, 45, 50, 55, 55 (z = -1, -1, 0, 1, 1): phi = 4/5 and g * phi = 4 = g - 1,
    exactly the boundary: tau2 is 0."""
    phi, tau2 = over_dispersion([45, 45, 50, 55, 55], [4] * 5, 50, 10)
    assert phi == pytest.approx(0.8)
    assert tau2 == 0


def test_over_dispersion_weighs_councils_by_their_own_n():
    """Spread 10; n = 25, 25, 100, 100, 100 (se 2, 2, 1, 1, 1); indices 46, 54, 49, 50, 51
    about 50: z = -2, 2, -1, 0, 1. Sorted -2, -1, 0, 1, 2: the 10th and 90th percentiles
    are -1.6 and 1.6, so z_w = -1.6, 1.6, -1, 0, 1 and phi = (2 * 2.56 + 2) / 5 = 1.424;
    g * phi = 7.12. w = 0.25, 0.25, 1, 1, 1: sum 3.5, sum of squares 3.125;
    tau2 = (7.12 - 4) / (3.5 - 3.125 / 3.5) = 3.12 / 2.607143 = 1.196712."""
    phi, tau2 = over_dispersion([46, 54, 49, 50, 51], [25, 25, 100, 100, 100], 50, 10)
    assert phi == pytest.approx(1.424)
    assert tau2 == pytest.approx(3.12 / (3.5 - 3.125 / 3.5))
    assert tau2 == pytest.approx(1.196712, abs=1e-6)


def test_funnel_target_is_the_unweighted_mean_and_limits_widen_with_tau():
    """Council indices 40 (n 2) and 60 (n 4), respondents 30, 50 and 50, 70, 50, 70:
    target (40 + 60) / 2 = 50, not the respondent mean 53.3. Variances 200 and 400/3:
    pooled sqrt((200 + 3 * 400/3) / 4) = sqrt(150)."""
    fun = funnel([40, 60], [[30, 50], [50, 70, 50, 70]])
    assert fun.target == 50
    assert fun.spread == pytest.approx(math.sqrt(150))
    wide = Funnel(50, 10, tau2=21)  # sqrt(100 / 4 + 21) = sqrt(46)
    half = Z95 * math.sqrt(46)
    assert wide.limits(4, Z95) == pytest.approx((50 - half, 50 + half))


def test_pooled_spread_skips_single_respondent_councils_wherever_they_come():
    """A council of one has no variance to pool; councils after it still count:
    sqrt((1 * 2 + 2 * 4) / (1 + 2)) as without it."""
    assert pooled_spread([[9], [1, 3], [2, 4, 6]]) == pytest.approx(math.sqrt(10 / 3))
    assert pooled_spread([[1, 3], [9], [2, 4, 6]]) == pytest.approx(math.sqrt(10 / 3))


def test_percentile_rank_without_peers_says_so():
    with pytest.raises(ValueError, match="^percentile rank needs at least one peer$"):
        percentile_rank(50, [])
