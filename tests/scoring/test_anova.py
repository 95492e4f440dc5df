"""Reliability of council means, ICC(1) and ICC(2) (contract section 5), by hand."""

from __future__ import annotations

import math

import pytest

from scoring.anova import ICC2_FLAG, CouncilReliability, anova, council_reliability


def test_icc_by_hand():
    """Groups (1, 2, 3), (4, 5, 6), (7, 8, 9): MSB 27, MSW 1, n0 3.
    ICC(1) = (27 - 1) / (27 + 2 * 1) = 26/29; ICC(2) = (27 - 1) / 27 = 26/27."""
    result = council_reliability("trust", [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    assert result.icc1 == pytest.approx(26 / 29) and result.icc2 == pytest.approx(26 / 27)
    assert result.councils == 3 and not result.flagged


def test_icc2_below_the_flag_means_councils_cannot_be_ranked():
    """(1, 5, 3), (2, 6, 4): means 3 and 4; MSB = 3 * 0.5 / 1 = 1.5, MSW = 4, so the
    councils differ less than their people do: ICC(1) and ICC(2) are negative."""
    result = council_reliability("trust", [[1, 5, 3], [2, 6, 4]])
    assert result.icc2 == pytest.approx((1.5 - 4) / 1.5) and result.icc2 < ICC2_FLAG
    assert result.flagged


def test_no_icc_without_two_councils_or_any_difference():
    assert council_reliability("trust", [[1, 2, 3]]).icc2 is None
    assert council_reliability("trust", [[3, 3], [3, 3]]).icc1 is None


def test_icc_results_name_their_factor_and_count_the_councils():
    assert council_reliability("trust", [[1, 2, 3]]) == CouncilReliability("trust", 1, None, None)
    assert council_reliability("culture", [[3, 3], [3, 3]]) == CouncilReliability(
        "culture", 2, None, None
    )
    assert council_reliability("leadership", [[1, 2, 3], [4, 5, 6]]).factor == "leadership"


def test_one_respondent_per_group_leaves_nothing_to_estimate_the_spread_within():
    # Three values in three groups: N - g = 0 degrees of freedom within.
    assert anova([[1], [2], [3]]) is None
    assert anova([[1], [2], [3, 4]]).df2 == 1


def test_groups_uniform_within_but_apart_differ_for_certain_however_close():
    """(3.25, 3.25) and (3.5, 3.5): MSW 0, MSB = 2 * 2 * 0.125^2 / 1 = 0.0625 > 0."""
    result = anova([[3.25, 3.25], [3.5, 3.5]])
    assert result.msw == 0 and result.msb == pytest.approx(0.0625)
    assert result.f == math.inf and result.p == 0.0
    same = anova([[3.5, 3.5], [3.5, 3.5]])
    assert same.f == 0.0 and same.p == 1.0
