"""Cronbach's alpha and item-total correlations (contract section 5)."""

from __future__ import annotations

import math

import pytest

from scoring.instrument import Factor, Item
from scoring.reliability import (
    ALPHA_FLAG,
    ITEM_TOTAL_FLAG,
    MIN_COMPLETE,
    FactorReliability,
    cronbach_alpha,
    factor_reliability,
)


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


def test_alpha_needs_only_two_respondents():
    """Item variances (ddof=1) 2 and 4.5; totals 3 and 8, variance 12.5:
    alpha = 2 * (1 - 6.5 / 12.5) = 0.96."""
    assert cronbach_alpha([[1, 2], [3, 5]]) == pytest.approx(0.96)


def test_alpha_of_three_items_scales_by_k_over_k_minus_one():
    """Columns (1, 2, 3), (1, 3, 2), (2, 2, 5): variances 1, 1 and 3; totals (4, 7, 10),
    variance 9. alpha = 3/2 * (1 - 5/9) = 2/3 (k * (k - 1) would give 8/3)."""
    assert cronbach_alpha([[1, 1, 2], [2, 3, 2], [3, 2, 5]]) == pytest.approx(2 / 3)


def _factor(k):
    items = tuple(Item(f"q{n}", "trust", f"Statement {n}", False, "test") for n in range(1, k + 1))
    return Factor("trust", "Trust", "", (), (), items)


def _respondents(*groups):
    """Answers from (count, row) pairs: ``count`` respondents who all answered ``row``."""
    return [
        {f"q{n}": str(v) for n, v in enumerate(row, start=1)}
        for count, row in groups
        for _ in range(count)
    ]


def test_too_few_complete_respondents_give_no_figures_and_no_flag():
    result = factor_reliability(_factor(3), _respondents((MIN_COMPLETE - 1, (1, 2, 3))))
    assert result == FactorReliability("trust", MIN_COMPLETE - 1, None, False, ())


def test_item_statistics_by_hand_and_each_reason_to_weaken():
    """Ten respondents each of (4, 3, 4), (3, 3, 2) and (5, 4, 2); the copies change no
    ratio, so the sums of squares of the three distinct rows serve.
    Items q1 (4, 3, 5), q2 (3, 3, 4), q3 (4, 2, 2): sums of squares 2, 2/3 and 8/3;
    totals (11, 8, 11): 6. alpha = 3/2 * (1 - (16/3) / 6) = 1/6, below 0.70.
    q1 against q2 + q3 = (7, 5, 6): cross 1, r = 1 / sqrt(2 * 2) = 1/2; without q1, totals
    (7, 5, 6) give alpha 2 * (1 - (10/3) / 2) = -4/3. Neither reason: not weakening.
    q2 against (8, 5, 7): cross 1/3, r = (1/3) / sqrt(2/3 * 14/3) = 1/sqrt(28), below 0.30;
    without q2 alpha 2 * (1 - (14/3) / (14/3)) = 0, lower: weakens on r alone.
    q3 against (7, 6, 9): cross -2/3, r = -1/sqrt(28); without q3 alpha
    2 * (1 - (8/3) / (14/3)) = 6/7, higher: weakens on both counts."""
    rows = _respondents((10, (4, 3, 4)), (10, (3, 3, 2)), (10, (5, 4, 2)))
    result = factor_reliability(_factor(3), rows)
    assert result.factor == "trust" and result.complete == 30
    assert result.alpha == pytest.approx(1 / 6) and result.flagged is True
    q1, q2, q3 = result.items
    assert [q1.item, q2.item, q3.item] == ["q1", "q2", "q3"]
    assert q1.item_total == pytest.approx(0.5)
    assert q1.alpha_if_deleted == pytest.approx(-4 / 3) and q1.weakens is False
    assert q2.item_total == pytest.approx(1 / math.sqrt(28))
    assert q2.alpha_if_deleted == pytest.approx(0, abs=1e-12) and q2.weakens is True
    assert q3.item_total == pytest.approx(-1 / math.sqrt(28))
    assert q3.alpha_if_deleted == pytest.approx(6 / 7) and q3.weakens is True


def test_an_item_that_agrees_but_spreads_wider_weakens_through_alpha_if_deleted():
    """Rows (2, 3, 2), (1, 1, 1), (3, 5, 3), ten of each: q2 = 2 * q1 - 1 and q3 = q1, so
    every corrected item-total correlation is 1. Sums of squares 2, 8, 2; totals (7, 3, 11):
    32; alpha = 3/2 * (1 - 12/32) = 15/16, not flagged. Without q2 the two identical items
    give alpha 1 > 15/16, so q2 weakens; without q1 (or q3) totals (5, 2, 8) give
    2 * (1 - 10/18) = 8/9 < 15/16."""
    rows = _respondents((10, (2, 3, 2)), (10, (1, 1, 1)), (10, (3, 5, 3)))
    result = factor_reliability(_factor(3), rows)
    assert result.alpha == pytest.approx(15 / 16) and result.flagged is False
    assert [i.item_total for i in result.items] == pytest.approx([1, 1, 1])
    assert [i.alpha_if_deleted for i in result.items] == pytest.approx([8 / 9, 1, 8 / 9])
    assert [i.weakens for i in result.items] == [False, True, False]


def test_removing_an_item_that_leaves_alpha_unchanged_does_not_weaken():
    """Rows (1, 2, 3), (2, 3, 4), (3, 4, 5): the items move in step, so alpha is exactly 1
    with all three and with any two; no item raises it by leaving."""
    rows = _respondents((10, (1, 2, 3)), (10, (2, 3, 4)), (10, (3, 4, 5)))
    result = factor_reliability(_factor(3), rows)
    assert result.alpha == 1.0
    assert [i.alpha_if_deleted for i in result.items] == [1.0, 1.0, 1.0]
    assert not any(i.weakens for i in result.items)


def test_an_item_total_correlation_of_exactly_030_does_not_weaken():
    """39 respondents on two items: 12 answer (1, 1), 12 (1, 2), 3 (2, 1), 12 (2, 2).
    r = (39 * 12 - 24 * 15) / sqrt(24 * 15 * 15 * 24) = 108 / 360 = 0.30, the flag's edge
    (q1's is exactly 0.3 in floating point too). One item left has no alpha."""
    rows = _respondents((12, (1, 1)), (12, (1, 2)), (3, (2, 1)), (12, (2, 2)))
    result = factor_reliability(_factor(2), rows)
    assert result.items[0].item_total == ITEM_TOTAL_FLAG
    assert result.items[1].item_total == pytest.approx(ITEM_TOTAL_FLAG)
    assert [i.alpha_if_deleted for i in result.items] == [None, None]
    assert [i.weakens for i in result.items] == [False, False]


def test_an_alpha_of_exactly_070_is_not_flagged():
    """18 respondents answer (1, 1), 9 (2, 5), 3 (3, 4). Means 1.5 and 2.5, sums of squares
    13.5 and 103.5; totals 2 (18 times) and 7 (12 times), mean 4, sum of squares 180.
    alpha = 2 * (1 - 117/180) = 0.70 (exactly 0.7 in floating point too)."""
    rows = _respondents((18, (1, 1)), (9, (2, 5)), (3, (3, 4)))
    result = factor_reliability(_factor(2), rows)
    assert result.alpha == ALPHA_FLAG and result.flagged is False


def test_an_item_everyone_answered_alike_has_no_item_total_correlation():
    """q2 is 4 for everyone: q1 has a constant rest and q2 is constant itself, so neither
    has a correlation. Totals vary only with q1: alpha = 2 * (1 - 1) = 0."""
    rows = _respondents(*((6, (v, 4)) for v in range(1, 6)))
    result = factor_reliability(_factor(2), rows)
    assert [i.item_total for i in result.items] == [None, None]
    assert [i.weakens for i in result.items] == [False, False]
    assert result.alpha == pytest.approx(0, abs=1e-12) and result.flagged is True


def test_an_item_whose_removal_leaves_alpha_exactly_equal_does_not_weaken_the_factor():
    """Ten people each of (1, 1, 2), (2, 3, 2) and (3, 2, 5): alpha is 2/3 with q3 and
    2/3 without it, worked by hand; in floating point the second reads a hair higher.
    Equal is not weaker, so q3 (whose r is 0.5) is not flagged."""
    from scoring.instrument import Factor, Item
    from scoring.reliability import factor_reliability

    items = tuple(Item(f"q{i}", "trust", f"Statement {i}", False, "s") for i in (1, 2, 3))
    factor = Factor("trust", "Trust", "", ("",) * 5, (), items)
    rows = [(1, 1, 2), (2, 3, 2), (3, 2, 5)] * 10
    responses = [{f"q{i + 1}": str(v) for i, v in enumerate(row)} for row in rows]
    result = factor_reliability(factor, responses)
    assert result.alpha == pytest.approx(2 / 3)
    q3 = result.items[2]
    assert q3.alpha_if_deleted == pytest.approx(2 / 3) and q3.item_total == pytest.approx(0.5)
    assert q3.weakens is False


def test_instrument_reliability_is_each_factors_whether_scored_here_or_passed_in():
    """A round passes each response's item scores (worked out once); anything else lets
    the answers be scored here. Both give each factor exactly its own reliability."""
    import random

    from scoring.council import item_scores
    from scoring.instrument import load_instrument
    from scoring.reliability import instrument_reliability

    instrument = load_instrument()
    rng = random.Random(5)
    responses = []
    for _ in range(3 * MIN_COMPLETE):
        lean = rng.choice("2345")
        responses.append(
            {
                i.id: rng.choice([lean] * 12 + ["1", "2", "3", "4", "5", "dont_know"])
                for i in instrument.items
            }
        )
    scored_here = instrument_reliability(instrument.factors, responses)
    passed_in = instrument_reliability(
        instrument.factors, responses, item_scores(instrument.items, responses)
    )
    assert list(scored_here) == [f.id for f in instrument.factors]
    for factor in instrument.factors:
        own = factor_reliability(factor, responses)
        assert scored_here[factor.id] == own == passed_in[factor.id]
    assert any(r.alpha is not None for r in scored_here.values())
