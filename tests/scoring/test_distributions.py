"""Student's t and F against published tables, and the incomplete beta function by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
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


# The 0.975 quantile in closed form: df 1 is Cauchy, tan(0.475 pi); df 2 gives
# (2p - 1) / sqrt(2p(1 - p)); df 4 gives 2 sqrt(q - 1), q = cos(acos(sqrt(a)) / 3) / sqrt(a),
# a = 4p(1 - p).
_A = 4 * 0.975 * 0.025
T975_EXACT = {
    1: math.tan(0.475 * math.pi),
    2: 0.95 / math.sqrt(2 * 0.975 * 0.025),
    4: 2 * math.sqrt(math.cos(math.acos(math.sqrt(_A)) / 3) / math.sqrt(_A) - 1),
}


@pytest.mark.parametrize(("df", "value"), sorted(T975_EXACT.items()))
def test_t_quantiles_match_the_closed_forms_to_eleven_digits(df, value):
    assert t_quantile(0.975, df) == pytest.approx(value, rel=1e-11)


@settings(deadline=None)
@given(st.floats(1e-3, 1e6), st.sampled_from([-1, 1]))
def test_t_cdf_matches_the_closed_forms_on_one_and_two_degrees_of_freedom(size, sign):
    # df 1: 1/2 + atan(t) / pi; df 2: 1/2 + t / (2 sqrt(2 + t^2)). (Within 1e-3 of 0,
    # df / (df + t^2) rounds towards 1 and the last digits go; quantiles never look there.)
    t = sign * size
    assert t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, rel=1e-12)
    assert t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), rel=1e-12)


@settings(deadline=None)
@given(st.floats(0.0, 1e6), st.integers(1, 400))
def test_f_on_two_numerator_degrees_of_freedom_matches_its_closed_form(f, df2):
    # I_x(a, 1) = x^a, so P(F >= f) on (2, d) is (d / (d + 2f))^(d/2) = (1 + 2f/d)^(-d/2).
    assert f_sf(f, 2, df2) == pytest.approx((1 + 2 * f / df2) ** (-df2 / 2), rel=1e-11, abs=1e-300)


@settings(deadline=None)
@given(st.floats(1.0, 1e6), st.integers(1, 400))
def test_f_on_two_denominator_degrees_of_freedom_matches_its_closed_form(f, df1):
    # I_x(1, b) = 1 - (1 - x)^b, so P(F >= f) on (d, 2) is 1 - (1 - x)^(d/2), x = 2 / (2 + d f),
    # written with expm1 and log1p so that the reference keeps its own digits in the tail
    # (from f = 1 on, where x <= 2/3 and log1p(-x) loses nothing).
    x = 2 / (2 + df1 * f)
    assert f_sf(f, df1, 2) == pytest.approx(-math.expm1(df1 / 2 * math.log1p(-x)), rel=1e-11)


def test_far_tails_keep_their_relative_precision():
    """Tiny probabilities come straight from the fraction, not as 1 minus nearly 1:
    P(T <= -1e8) on 1 df is atan(1e-8) / pi; P(F >= 1e9) on (2, 2) is 1 / (1 + 1e9), and on
    (10, 2) the closed form above; I_x(1, 1) = x even at x = 1e-20."""
    assert t_cdf(-1e8, 1) == pytest.approx(math.atan(1e-8) / math.pi, rel=1e-12)
    assert f_sf(1e9, 2, 2) == pytest.approx(1 / (1 + 1e9), rel=1e-12)
    # On (10, 2): 1 - (1 - x)^5 with x = 2 / (2 + 1e10), about 1e-9.
    tail = -math.expm1(5 * math.log1p(-2 / (2 + 1e10)))
    assert f_sf(1e9, 10, 2) == pytest.approx(tail, rel=1e-12)
    assert betainc(1, 1, 1e-20) == pytest.approx(1e-20, rel=1e-12)


def test_betainc_on_both_sides_of_the_switch_between_the_two_fractions():
    # I_x(2, 3) = 6x^2 - 8x^3 + 3x^4; the fraction switches at x = (a + 1) / (a + b + 2) = 3/7.
    for x in (3 / 7 - 1e-9, 3 / 7, 3 / 7 + 1e-9, 0.05, 0.95):
        assert betainc(2, 3, x) == pytest.approx(6 * x**2 - 8 * x**3 + 3 * x**4, rel=1e-13)


def test_the_continued_fraction_uses_all_of_its_500_terms_and_no_more():
    # By symmetry I_0.5(a, a) = 1/2. At a = 850,000 the fraction needs 499 terms (lgamma of
    # such large arguments costs some precision, hence 1e-8); at a = 858,000 it would need
    # 501 and says so rather than return an unconverged value.
    assert betainc(850_000, 850_000, 0.5) == pytest.approx(0.5, abs=1e-8)
    with pytest.raises(ArithmeticError, match="^incomplete beta: the continued fraction did not"):
        betainc(858_000, 858_000, 0.5)


@pytest.mark.parametrize(("a", "b"), [(0, 1), (1, 0), (-0.5, 2), (2, -0.5)])
def test_betainc_rejects_a_parameter_that_is_not_positive(a, b):
    with pytest.raises(ValueError, match="^a and b must be positive$"):
        betainc(a, b, 0.5)
