"""Cronbach's alpha and item-total correlations (contract section 5)."""

from __future__ import annotations

import pytest

from scoring.reliability import MIN_COMPLETE, cronbach_alpha, factor_reliability


def test_alpha_by_hand():
    # Item variances 1 and 7/3, total variance 19/3: alpha = 2 * (1 - (10/3) / (19/3)) = 18/19
    assert cronbach_alpha([[1, 2], [2, 3], [3, 5]]) == pytest.approx(18 / 19)


def test_alpha_edge_cases():
    assert cronbach_alpha([[1, 2, 3]]) is None  # one respondent
    assert cronbach_alpha([[1], [2], [3]]) is None  # one item
    assert cronbach_alpha([[1, 5], [5, 1], [3, 3]]) is None  # totals do not vary
    assert cronbach_alpha([[1, 1], [2, 2], [4, 4]]) == pytest.approx(1.0)  # identical items
    # Items that pull against each other give a negative alpha, reported as it is.
    assert cronbach_alpha([[1, 4], [2, 2], [4, 1], [3, 4]]) < 0


def _answers(factor, rows):
    return [{item.id: str(v) for item, v in zip(factor.items, row, strict=True)} for row in rows]


def test_factor_reliability_needs_thirty_complete_and_flags_a_weak_item(instrument):
    factor = next(f for f in instrument.factors if not any(i.reverse for i in f.items[:-1]))
    k = len(factor.items)
    consistent = [[1 + (p % 5)] * (k - 1) for p in range(MIN_COMPLETE)]
    # The last item goes against the others (after its own reverse scoring, if any).
    rows = []
    for p, row in enumerate(consistent):
        odd = 5 - (p % 5) if not factor.items[-1].reverse else 1 + (p % 5)
        rows.append(row + [odd])
    result = factor_reliability(factor, _answers(factor, rows))
    assert result.complete == MIN_COMPLETE and result.alpha is not None
    weak = {i.item: i.weakens for i in result.items}
    assert weak[factor.items[-1].id] is True
    assert not any(weak[i.id] for i in factor.items[:-1] if not i.reverse)

    too_few = factor_reliability(factor, _answers(factor, rows[: MIN_COMPLETE - 1]))
    assert too_few.alpha is None and too_few.complete == MIN_COMPLETE - 1
    # A "Don't know" makes a respondent incomplete for the factor.
    with_dk = _answers(factor, rows)
    with_dk[0][factor.items[0].id] = "dont_know"
    assert factor_reliability(factor, with_dk).complete == MIN_COMPLETE - 1
