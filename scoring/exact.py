"""Exact means and variances, worked in integers over a common denominator.

Respondents' factor means are fractions with small denominators (a mean over 4 to 8
statements) and statement scores are whole numbers; summing them as integers keeps every
figure exact (a level boundary is never missed by a rounding error) and is what makes
scoring a national round fast (``bench/league.py``). Written here rather than with
``statistics`` because ``statistics.mean`` of fractions reduces by a gcd at every step.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from fractions import Fraction


def standard_error(values: Sequence[Fraction | float]) -> float | None:
    """``sd(values, ddof=1) / sqrt(n)``; ``None`` for fewer than two values."""
    if len(values) < 2:
        return None
    if any(isinstance(v, float) for v in values):
        return math.sqrt(statistics.variance(values) / len(values))
    return math.sqrt(exact_variance(values) / len(values))


def _scaled(values: Sequence[Fraction | int]) -> tuple[list[int], int]:
    """Integers ``x * scale`` for exact fractions with small denominators (a respondent's
    mean over 4 to 8 items), so that sums need no gcd at every step."""
    scale = math.lcm(*{v.denominator for v in values})  # an int's denominator is 1
    return [v.numerator * (scale // v.denominator) for v in values], scale


def exact_mean(values: Sequence[Fraction | int]) -> Fraction:
    """The mean, exactly, computed in integers."""
    scaled, scale = _scaled(values)
    return Fraction(sum(scaled), scale * len(values))


def exact_variance(values: Sequence[Fraction | int]) -> Fraction:
    """Sample variance (ddof=1), exact: ``(n * sum(x^2) - sum(x)^2) / (n * (n - 1))``.

    Worked in integers over a common denominator, which is what makes scoring a national
    round fast (``bench/bench_scoring.py``, ``bench/league.py``).
    """
    n = len(values)
    scaled, scale = _scaled(values)
    total = sum(scaled)
    squares = sum(v * v for v in scaled)
    return Fraction(n * squares - total * total, n * (n - 1) * scale * scale)


def score_variance(scores: Sequence[int]) -> Fraction:
    """:func:`exact_variance` of whole-number scores, without the common denominator it needs
    for fractions: a national round has some 24,000 statement columns."""
    n = len(scores)
    total = sum(scores)
    return Fraction(n * sum(v * v for v in scores) - total * total, n * (n - 1))
