"""Reliability of council means, ICC(1) and ICC(2) (contract section 5), by hand."""

from __future__ import annotations

import pytest

from scoring.anova import ICC2_FLAG, council_reliability


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
