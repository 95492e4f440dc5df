"""League tables that admit uncertainty (scoring contract section 7).

Rank intervals are empirical Bayes (after Marshall & Spiegelhalter 1998): each council's
true index is drawn from its posterior, all councils are ranked in each draw, and the
interval is the middle 95% of a council's ranks. Version 1 resampled each council's own
respondents (a percentile bootstrap), which ignores that the other councils' indices are
uncertain too; when councils were close it held the true rank only 89% of the time.
``tests/scoring/test_calibration.py`` shows the coverage of this method.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.rounding import round_half_away

DRAWS = 1000
DEFAULT_SEED = 20261128


def average_ranks(values: Sequence[float]) -> list[float]:
    """Rank 1 for the highest value; tied values share the average of their ranks."""
    return [float(r) for r in _ranks(np.asarray(values)[None, :])[0]]


def _ranks(rows: np.ndarray) -> np.ndarray:
    """Average ranks (1 = highest) within each row of ``rows``."""
    ranks = np.empty(rows.shape)  # floats: a shared rank can be a half
    for b, row in enumerate(rows):
        order = np.sort(row)
        right = np.searchsorted(order, row, side="right")
        left = np.searchsorted(order, row)  # side="left", the default
        ranks[b] = (len(row) - right) + (right - left + 1) / 2
    return ranks


@dataclass(frozen=True)
class RankModel:
    """The empirical-Bayes model behind the intervals: the weighted mean ``mu`` and the
    between-council variance ``tau2`` (DerSimonian-Laird), in index points."""

    mu: float
    tau2: float
    means: tuple[float, ...]  # each council's posterior mean
    variances: tuple[float, ...]  # and variance

    @property
    def tau(self) -> float:
        return math.sqrt(self.tau2)


def rank_model(indices: Sequence[float], counts: Sequence[int], spread: float) -> RankModel:
    """Posterior of each council's true index (contract section 7), given its index
    ``y_c``, its respondents ``n_c`` and the pooled within-council SD ``spread``
    (``v_c = spread**2 / n_c``)."""
    y = np.asarray(indices)
    v = spread**2 / np.asarray(counts)
    g = len(y)
    w = 1 / v
    mu_w = float((w * y).sum() / w.sum())
    q = float((w * (y - mu_w) ** 2).sum())
    denominator = float(w.sum() - (w**2).sum() / w.sum())
    # With two or more councils the denominator is positive (the weights are positive).
    tau2 = max(0.0, (q - (g - 1)) / denominator) if g > 1 else 0.0
    if tau2 > 0:
        shrink = v / (v + tau2)
        mu = float(np.average(y, weights=np.reciprocal(v + tau2)))
        means = (1 - shrink) * y + shrink * mu
        variances = (1 - shrink) * v
    else:
        # No evidence that councils differ: every council is drawn around the same mean,
        # so the intervals span the table, as they should.
        mu = mu_w
        means = np.full(g, mu)
        variances = v
    return RankModel(mu, tau2, tuple(map(float, means)), tuple(map(float, variances)))


def rank_intervals(
    indices: Sequence[float],
    counts: Sequence[int],
    spread: float | None,
    draws: int = DRAWS,
    seed: int = DEFAULT_SEED,
) -> list[tuple[int, int]]:
    """95% interval of each council's rank: ``draws`` sets of true indices from the
    posterior (:func:`rank_model`), each set ranked (1 highest, ties average), the 2.5th
    and 97.5th percentiles of each council's ranks (linear), rounded half away from zero.

    With no spread within councils (everyone in each council answered alike) the
    indices are exact and each interval is the point rank.
    """
    if not len(indices):
        return []
    if not spread:
        points = average_ranks(indices)
        return [(int(round_half_away(p)),) * 2 for p in points]
    model = rank_model(indices, counts, spread)
    rng = np.random.default_rng(seed)
    drawn = rng.normal(
        np.asarray(model.means), np.sqrt(np.asarray(model.variances)), size=(draws, len(indices))
    )
    low, high = np.percentile(_ranks(drawn), [2.5, 97.5], axis=0)
    return [
        (int(round_half_away(lo)), int(round_half_away(hi)))
        for lo, hi in zip(low, high, strict=True)
    ]


@dataclass(frozen=True)
class Ranked:
    gss: str
    rank: float
    rank_low: int
    rank_high: int


def rank_councils(
    indices: Mapping[str, float],
    counts: Mapping[str, int],
    spread: float | None,
    draws: int = DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, Ranked]:
    """Point ranks from the councils' collaboration indices and empirical-Bayes
    intervals. Councils are taken in GSS order, so a seed always gives the same
    intervals for the same data."""
    codes = sorted(indices)
    points = average_ranks([indices[c] for c in codes])
    intervals = rank_intervals(
        [indices[c] for c in codes], [counts[c] for c in codes], spread, draws, seed
    )
    return {
        code: Ranked(code, point, low, high)
        for code, point, (low, high) in zip(codes, points, intervals, strict=True)
    }
