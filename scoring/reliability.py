"""Reliability of the instrument: Cronbach's alpha and item-total correlations
(scoring contract section 5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.council import Answers, factor_spans, item_score
from scoring.instrument import Factor

MIN_COMPLETE = 30
ALPHA_FLAG = 0.70
# An item whose corrected item-total correlation is below this barely measures the factor.
ITEM_TOTAL_FLAG = 0.30
TIE = 1e-9  # closer than this, two figures are equal (they are shown to 2 decimals)


def cronbach_alpha(rows: Sequence[Sequence[float]] | np.ndarray) -> float | None:
    """``k/(k-1) * (1 - sum(var_i) / var_total)`` with ddof=1; rows are respondents.

    None when it is undefined: fewer than two items or respondents, or no variance in
    the totals.
    """
    matrix = np.asarray(rows, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] < 2 or matrix.shape[1] < 2:
        return None
    k = matrix.shape[1]
    item_variances = matrix.var(axis=0, ddof=1).sum()
    total_variance = matrix.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return None
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def _correlation(xs: np.ndarray, ys: np.ndarray) -> float | None:
    if xs.std() == 0 or ys.std() == 0:  # a constant column has no correlation
        return None
    return float(np.corrcoef(xs, ys)[0, 1])


@dataclass(frozen=True)
class ItemReliability:
    item: str
    item_total: float | None  # corrected: the item against the sum of the other items
    alpha_if_deleted: float | None
    weakens: bool


@dataclass(frozen=True)
class FactorReliability:
    factor: str
    complete: int  # respondents who answered every item of the factor
    alpha: float | None  # None below MIN_COMPLETE complete respondents
    flagged: bool
    items: tuple[ItemReliability, ...]


def factor_reliability(
    factor: Factor,
    responses: Sequence[Answers],
    scores: Sequence[Sequence[int | None]] | None = None,
) -> FactorReliability:
    """``scores`` may carry each response's scores on the factor's items, in their order
    (a slice of :func:`scoring.council.item_scores`), if already worked out; else they
    are scored here."""
    if scores is None:
        scores = [[item_score(a.get(i.id), i.reverse) for i in factor.items] for a in responses]
    rows = [row for row in scores if None not in row]
    if len(rows) < MIN_COMPLETE:
        return FactorReliability(factor.id, len(rows), None, False, ())
    matrix = np.asarray(rows, dtype=float)
    alpha = cronbach_alpha(matrix)
    totals = matrix.sum(axis=1)
    items = []
    for i, item in enumerate(factor.items):
        r = _correlation(matrix[:, i], totals - matrix[:, i])
        without = cronbach_alpha(np.delete(matrix, i, axis=1))
        # A tolerance, so that floating-point noise cannot decide a tie: alpha and alpha
        # without the item both 2/3 once read 0.6666666666666667 > 0.6666666666666666.
        weakens = (r is not None and r < ITEM_TOTAL_FLAG - TIE) or (
            alpha is not None and without is not None and without > alpha + TIE
        )
        items.append(ItemReliability(item.id, r, without, weakens))
    return FactorReliability(
        factor.id,
        len(rows),
        alpha,
        alpha is not None and alpha < ALPHA_FLAG,
        tuple(items),
    )


def instrument_reliability(
    factors: Sequence[Factor],
    responses: Sequence[Answers],
    scores: Sequence[Sequence[int | None]] | None = None,
) -> Mapping[str, FactorReliability]:
    """Each factor's reliability. ``scores`` may carry each response's
    :func:`scoring.council.item_scores` on the items of ``factors`` taken in order."""
    if scores is None:
        return {f.id: factor_reliability(f, responses) for f in factors}
    spans = factor_spans(factors)
    return {
        f.id: factor_reliability(f, responses, [s[spans[f.id]] for s in scores]) for f in factors
    }
