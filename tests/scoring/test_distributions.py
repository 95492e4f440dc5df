"""Student's t and F against published tables, and the incomplete beta function by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.distributions import betainc, f_sf, t_cdf, t_quantile

# Two-sided 95% critical values of Student's t (any statistics table).
T975 = {1: 12.706, 2: 4.303, 4: 2.776, 9: 2.262, 14: 2.145, 30: 2.042, 100: 1.984}
# Upper 5% points of F (df1, df2).
F95 = {(1, 10): 4.965, (2, 12): 3.885, (3, 16): 3.239, (4, 20): 2.866, (2, 27): 3.354}


@pytest.mark.parametrize(("df", "value"), sorted(T975.items()))
def test_t_quantiles_match_the_table(df, value):
    assert t_quantile(0.975, df) == pytest.approx(value, abs=5e-4)
    assert t_quantile(0.025, df) == pytest.approx(-value, abs=5e-4)


@pytest.mark.parametrize(("dfs", "value"), sorted(F95.items()))
def test_f_upper_points_match_the_table(dfs, value):
    assert f_sf(value, *dfs) == pytest.approx(0.05, abs=2e-4)


def test_betainc_by_hand():
    # I_x(1, 1) = x; I_x(2, 3) = 6x^2 - 8x^3 + 3x^4 (the beta(2, 3) distribution's CDF).
    assert betainc(1, 1, 0.3) == pytest.approx(0.3)
    x = 0.4
    assert betainc(2, 3, x) == pytest.approx(6 * x**2 - 8 * x**3 + 3 * x**4)
    assert betainc(2, 3, 0) == 0 and betainc(2, 3, 1) == 1
    with pytest.raises(ValueError):
        betainc(0, 1, 0.5)


def test_edges():
    assert t_quantile(0.5, 7) == 0
    assert f_sf(0, 2, 10) == 1 and f_sf(math.inf, 2, 10) == 0
    # t on 1 degree of freedom is Cauchy: P(T <= 1) = 3/4.
    assert t_cdf(1, 1) == pytest.approx(0.75)
    with pytest.raises(ValueError):
        t_quantile(1.0, 5)


@given(st.floats(0.01, 0.99), st.floats(1.0, 200.0))
def test_the_quantile_inverts_the_cdf(p, df):
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-9)


@given(st.floats(0.0, 50.0), st.integers(1, 10), st.integers(1, 60))
def test_f_survival_is_a_probability_that_falls(f, df1, df2):
    p = f_sf(f, df1, df2)
    assert 0 <= p <= 1 and f_sf(f + 1, df1, df2) <= p + 1e-12
