"""Contract sections 1-4 and 9, pinned by hand-computed cases and Hypothesis properties."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.council import (
    barrier_share,
    factor_index,
    item_score,
    maturity_level,
    respondent_factor_mean,
    rwg_j,
    rwg_label,
    score_council,
    straight_lined,
    wilder_band,
)
from scoring.exact import standard_error
from scoring.instrument import DONT_KNOW, load_instrument
from tests.conftest import complete_answers

INSTRUMENT = load_instrument()
TRUST = INSTRUMENT.factor("trust")  # 7 statements, trust_suspicion reverse-worded


def uniform_trust(value: int, others: str = "3") -> dict[str, str]:
    """Answers scoring ``value`` on every trust statement (reverse item answered 6 - value)."""
    answers = complete_answers(INSTRUMENT, others)
    for item in TRUST.items:
        answers[item.id] = str(6 - value if item.reverse else value)
    return answers


# Section 1: answers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reverse", "expected"),
    [
        ("1", False, 1),
        ("5", False, 5),
        ("4", True, 2),
        ("1", True, 5),
        ("3", True, 3),
        (DONT_KNOW, False, None),
        (DONT_KNOW, True, None),
        (None, False, None),
        ("", True, None),
    ],
)
def test_item_score_reverses_and_treats_dont_know_as_missing(value, reverse, expected):
    assert item_score(value, reverse) == expected


@pytest.mark.parametrize("value", ["0", "6", "3.0", "yes", "dont know"])
def test_item_score_rejects_values_off_the_scale(value):
    with pytest.raises(ValueError, match="not an answer"):
        item_score(value, False)


# Section 2: one respondent ----------------------------------------------------------


def test_factor_mean_needs_half_the_items_answered():
    items = TRUST.items  # 7 items: 4 answered is enough (8 >= 7), 3 is not (6 < 7)
    four = {i.id: "4" for i in items[:4]}
    three = {i.id: "4" for i in items[:3]}
    assert respondent_factor_mean(four, items) == 4
    assert respondent_factor_mean(three, items) is None


def test_factor_mean_half_of_an_even_factor_is_enough():
    items = INSTRUMENT.factor("leadership").items  # 6 items: exactly 3 answered counts
    assert len(items) == 6
    answers = {items[0].id: "5", items[1].id: "4", items[2].id: "3"}
    assert respondent_factor_mean(answers, items) == 4


def test_factor_mean_ignores_dont_know_rather_than_scoring_it():
    items = TRUST.items
    answers = {i.id: ("5" if not i.reverse else "1") for i in items}
    answers[items[0].id] = DONT_KNOW
    answers[items[1].id] = DONT_KNOW
    assert respondent_factor_mean(answers, items) == 5  # not (5*5 + 0 + 0) / 7


def test_factor_mean_applies_reverse_scoring():
    items = TRUST.items
    answers = {i.id: "4" for i in items}  # the reverse item scores 2
    assert respondent_factor_mean(answers, items) == pytest.approx((6 * 4 + 2) / 7)


# Section 3: one council -------------------------------------------------------------


def test_hand_computed_council():
    # Trust means 4, 3 and 5; every other factor 3 for everyone.
    responses = [uniform_trust(4), uniform_trust(3), uniform_trust(5)]
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    trust = score.factors["trust"]
    assert (trust.n, trust.mean, trust.index, trust.wilder_band) == (3, 4.0, 75.0, "strength")
    assert trust.se == pytest.approx(1 / math.sqrt(3))  # sd([4, 3, 5]) = 1
    # Every trust item has variance 1 across (4, 3, 5): s2 = 1, J = 7. Against the
    # slightly skewed null E = 1.34: 1 - 1/1.34 = 0.2537, rwg = 7 * 0.2537 / (7 * 0.2537
    # + 0.7463) = 0.7041; against version 1's uniform null E = 2 it was 0.875.
    ratio = 1 / 1.34
    assert trust.rwg == pytest.approx(7 * (1 - ratio) / (7 * (1 - ratio) + ratio))
    assert trust.rwg == pytest.approx(0.7041, abs=1e-4)
    assert trust.rwg_label == "moderate agreement"
    assert trust.rwg_uniform == pytest.approx(7 * 0.5 / (7 * 0.5 + 0.5))  # 0.875
    # The index's 95% interval: 75 +/- t(0.975, 2) * 25 * se = 75 +/- 4.303 * 25 / sqrt(3).
    half = 4.302653 * 25 / math.sqrt(3)
    assert (trust.low, trust.high) == pytest.approx((75 - half, 75 + half))
    culture = score.factors["culture"]
    assert (culture.mean, culture.index, culture.wilder_band, culture.se) == (
        3.0,
        50.0,
        "borderline",
        0,
    )
    assert culture.rwg == 1.0  # complete agreement
    assert (culture.low, culture.high) == (50.0, 50.0)  # no spread, no uncertainty
    assert score.collaboration_index == pytest.approx((75 + 4 * 50) / 5)  # 55
    assert (score.level, score.level_name) == (3, "Developing")
    # Respondents' own collaboration indices: (75 + 200) / 5 = 55, (50 + 200) / 5 = 50 and
    # (100 + 200) / 5 = 60; sd 5, se 5 / sqrt(3): 55 +/- 4.303 * 2.887.
    half = 4.302653 * 5 / math.sqrt(3)
    assert (score.index_low, score.index_high) == pytest.approx((55 - half, 55 + half))


def test_each_respondent_weighs_the_same_whatever_they_answered():
    # A answers all 7 trust items (mean 5); B answers 4 of them (mean 1).
    a = uniform_trust(5)
    b = uniform_trust(1)
    for item in TRUST.items[:3]:
        b[item.id] = DONT_KNOW
    c = uniform_trust(3)
    score = score_council(INSTRUMENT, [a, b, c], min_respondents=3)
    assert score.factors["trust"].mean == 3.0  # (5 + 1 + 3) / 3, not an item-weighted mean


def test_below_the_threshold_only_n_is_returned():
    score = score_council(INSTRUMENT, [uniform_trust(4)] * 4, min_respondents=5)
    assert score.suppressed and score.n == 4
    assert score.factors == {} and score.collaboration_index is None and score.barriers == {}


def test_factor_with_too_few_answers_is_withheld_and_index_missing():
    responses = [uniform_trust(4) for _ in range(5)]
    for answers in responses[:3]:  # 3 of 5 answer no culture statement
        for item in INSTRUMENT.factor("culture").items:
            answers[item.id] = DONT_KNOW
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    assert "culture" not in score.factors
    assert score.withheld_factors == ("culture",)
    assert score.collaboration_index is None and score.level is None


@pytest.mark.parametrize(
    ("mean", "expected"),
    [
        (5, "strength"),
        (4, "strength"),
        (3.999, "borderline"),
        (3, "borderline"),
        (2.999, "concern"),
        (1, "concern"),
    ],
)
def test_band_boundaries(mean, expected):
    assert wilder_band(mean) == expected


@pytest.mark.parametrize(
    ("index", "level"),
    [
        (0, 1),
        (19.999, 1),
        (20, 2),
        (39.99, 2),
        (40, 3),
        (59.9, 3),
        (60, 4),
        (79.99, 4),
        (80, 5),
        (100, 5),
    ],
)
def test_maturity_level_boundaries(index, level):
    assert maturity_level(index, INSTRUMENT)[0] == level


def test_factor_index_scale():
    assert (factor_index(1), factor_index(3), factor_index(5)) == (0, 50, 100)


def test_standard_error_needs_two_values():
    assert standard_error([4]) is None
    assert standard_error([2, 4]) == pytest.approx(1.0)  # sd sqrt(2), n 2


def test_boundary_means_are_exact_not_floating_point():
    # Leadership (6 items): respondent means 1, 11/3, 11/3, 11/3 average to exactly 3.
    # Summed as floats they give 2.9999999999999996, which would band as "concern".
    leadership = INSTRUMENT.factor("leadership").items
    assert len(leadership) == 6

    def scores(values):
        answers = complete_answers(INSTRUMENT)
        for item, value in zip(leadership, values, strict=True):
            answers[item.id] = str(6 - value if item.reverse else value)
        return answers

    responses = [scores([1] * 6)] + [scores([4, 4, 4, 4, 3, 3]) for _ in range(3)]
    assert sum([1.0, 11 / 3, 11 / 3, 11 / 3]) / 4 < 3  # the trap
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    assert score.factors["leadership"].mean == 3.0
    assert score.factors["leadership"].wilder_band == "borderline"
    assert score.factors["leadership"].index == 50.0


# Section 4: rwg(j) --------------------------------------------------------------------


def test_rwg_is_zero_when_variance_reaches_the_null():
    assert rwg_j([[1, 5, 1, 5]] * 3, 3) == 0.0  # variance 5.33 >= 1.34
    # A variance exactly at the null is no agreement (0); the same against a wider null
    # is some. (1, 2, 3, 3): variance 11/12.
    assert rwg_j([[1, 2, 3, 3]] * 2, 2, expected=Fraction(11, 12)) == 0.0
    assert rwg_j([[1, 2, 3, 3]] * 2, 2, expected=Fraction(1)) > 0
    assert rwg_j([[1, 2, 3, 3]] * 2, 2) > 0  # against 1.34


def test_rwg_leaves_out_items_with_fewer_than_two_answers():
    # Only the second column counts: variance of [3, 5] = 2 >= 1.34 -> 0
    assert rwg_j([[4], [3, 5]], 2) == 0.0
    assert rwg_j([[4], []], 2) is None


def test_rwg_hand_computed_half_variance():
    # s2 = 0.5 for each item; against 1.34 the ratio is 0.5 / 1.34 = 0.37313; J = 6:
    # 6 * 0.62687 / (6 * 0.62687 + 0.37313) = 3.76119 / 4.13433 = 0.90975.
    column = [3, 4]  # variance 0.5
    ratio = Fraction(50, 134)
    expected = 6 * (1 - ratio) / (6 * (1 - ratio) + ratio)
    assert rwg_j([column] * 6, 6) == pytest.approx(float(expected))
    assert rwg_j([column] * 6, 6) == pytest.approx(0.90975, abs=1e-5)
    # Version 1's uniform null (2): ratio 0.25, 4.5 / 4.75.
    assert rwg_j([column] * 6, 6, expected=Fraction(2)) == pytest.approx(4.5 / 4.75)


@pytest.mark.parametrize(
    ("rwg", "label"),
    [
        (0.0, "lack of agreement"),
        (0.30, "lack of agreement"),
        (0.31, "weak agreement"),
        (0.50, "weak agreement"),
        (0.505, "weak agreement"),
        (0.51, "moderate agreement"),
        (0.70, "moderate agreement"),
        (0.71, "strong agreement"),
        (0.90, "strong agreement"),
        (0.9001, "very strong agreement"),
        (1.0, "very strong agreement"),
    ],
)
def test_rwg_labels(rwg, label):
    assert rwg_label(rwg) == label


# Section 9: barriers ------------------------------------------------------------------


def test_barrier_share_counts_significant_and_major_among_answers():
    assert barrier_share(["3", "4", "1", DONT_KNOW, None]) == (pytest.approx(2 / 3), 3)
    assert barrier_share([DONT_KNOW, None]) == (None, 0)


def test_barriers_never_change_the_index():
    low = [complete_answers(INSTRUMENT) for _ in range(5)]
    high = [dict(a) for a in low]
    for answers in high:
        answers.update({b.id: "4" for b in INSTRUMENT.barriers})
    a = score_council(INSTRUMENT, low, 5)
    b = score_council(INSTRUMENT, high, 5)
    assert a.collaboration_index == b.collaboration_index
    assert b.barriers["data_sharing"].share == 1.0 and b.barriers["data_sharing"].bt2014 == 0.8


# Properties ---------------------------------------------------------------------------

ANSWER = st.sampled_from(["1", "2", "3", "4", "5", DONT_KNOW])
RESPONSE = st.fixed_dictionaries({item.id: ANSWER for item in INSTRUMENT.items})


def oracle_factor_mean(responses, factor):
    """Straightforward float re-implementation of sections 1-3, for comparison."""
    means = []
    for answers in responses:
        scores = []
        for item in factor.items:
            value = answers.get(item.id)
            if value in ("1", "2", "3", "4", "5"):
                scores.append(6 - int(value) if item.reverse else int(value))
        if scores and 2 * len(scores) >= len(factor.items):
            means.append(sum(scores) / len(scores))
    return (sum(means) / len(means), len(means)) if means else (None, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(RESPONSE, min_size=3, max_size=12))
def test_scores_stay_in_range_and_match_a_plain_reimplementation(responses):
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    for factor in INSTRUMENT.factors:
        expected, n = oracle_factor_mean(responses, factor)
        if n < 3:
            assert factor.id not in score.factors
            continue
        fs = score.factors[factor.id]
        assert fs.n == n
        assert fs.mean == pytest.approx(expected, abs=1e-12)
        assert 0 <= fs.index <= 100
        assert fs.rwg is None or 0 <= fs.rwg <= 1
    if score.collaboration_index is not None:
        assert 0 <= score.collaboration_index <= 100


@settings(max_examples=40, deadline=None)
@given(st.lists(RESPONSE, min_size=3, max_size=10), st.randoms(use_true_random=False))
def test_order_of_responses_does_not_matter(responses, rng: random.Random):
    shuffled = list(responses)
    rng.shuffle(shuffled)
    assert score_council(INSTRUMENT, responses, 3) == score_council(INSTRUMENT, shuffled, 3)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.lists(st.booleans(), min_size=7, max_size=7))
def test_dont_know_is_never_scored_as_zero_or_three(value, unknown):
    # Everyone gives the same score; some items are Don't know. The mean must stay exact.
    answers = {}
    for item, is_unknown in zip(TRUST.items, unknown, strict=True):
        answers[item.id] = DONT_KNOW if is_unknown else str(6 - value if item.reverse else value)
    mean = respondent_factor_mean(answers, TRUST.items)
    if 2 * unknown.count(False) >= len(TRUST.items):
        assert mean == value
    else:
        assert mean is None


def test_straight_lining_is_flagged_but_still_counts():
    """All statements one answer (before reverse scoring), at least 10 answered: flagged.
    Don't know is set aside; fewer than 10 answered is not enough to tell."""
    items = INSTRUMENT.items
    same = {i.id: "4" for i in items}
    with_dont_know = {**same, items[0].id: DONT_KNOW, items[1].id: DONT_KNOW}
    too_few = {i.id: "4" for i in items[:9]}
    varied = {**same, items[5].id: "5"}
    assert straight_lined(same, items) and straight_lined(with_dont_know, items)
    assert not straight_lined(too_few, items) and not straight_lined(varied, items)
    assert straight_lined({i.id: "4" for i in items[:10]}, items)  # exactly 10
    score = score_council(INSTRUMENT, [same, with_dont_know, varied, varied, varied], 5)
    assert score.straight_lined == 2 and score.n == 5 and not score.suppressed
    # Without the two, three remain: below the threshold of 5, so no sensitivity figure.
    assert score.index_without_straight_lined is None
    score = score_council(INSTRUMENT, [same] + [varied] * 5, 5)
    alone = score_council(INSTRUMENT, [varied] * 5, 5)
    assert score.straight_lined == 1
    assert score.index_without_straight_lined == alone.collaboration_index
    assert score.collaboration_index != alone.collaboration_index  # they do count
    clean = score_council(INSTRUMENT, [varied] * 5, 5)
    assert clean.index_without_straight_lined == clean.collaboration_index


def test_item_scores_score_each_answer_in_the_questionnaires_order():
    """The round's scores, once per answer: reverse wording applied, missing and Don't
    know as None, in ``instrument.items`` order, so that each factor is a slice."""
    from scoring.council import factor_spans, item_scores

    items = INSTRUMENT.items
    suspicion = next(k for k, i in enumerate(items) if i.id == "trust_suspicion")
    first = {i.id: "4" for i in items}
    second = {**first, "trust_suspicion": DONT_KNOW, items[0].id: "2"}
    del second[items[-1].id]
    one, two = item_scores(items, [first, second])
    assert one[suspicion] == 2 and items[suspicion].reverse  # 6 - 4
    assert two[suspicion] is None and two[-1] is None and two[0] == 2
    assert [s for k, s in enumerate(one) if k != suspicion] == [
        2 if items[k].reverse else 4 for k in range(len(items)) if k != suspicion
    ]
    spans = factor_spans(INSTRUMENT.factors)
    for factor in INSTRUMENT.factors:
        assert [items[k].id for k in range(len(items))[spans[factor.id]]] == [
            i.id for i in factor.items
        ]
    with pytest.raises(ValueError, match="agreement scale"):
        item_scores(items, [{**first, items[3].id: "7"}])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "3", "4", "5", DONT_KNOW, "", None]), min_size=1))
def test_item_scores_agree_with_item_score_one_answer_at_a_time(values):
    from scoring.council import item_scores

    items = INSTRUMENT.items
    answers = {
        item.id: value for item, value in zip(items, values, strict=False) if value is not None
    }
    (scores,) = item_scores(items, [answers])
    assert scores == tuple(item_score(answers.get(i.id), i.reverse) for i in items)


def test_respondent_means_are_the_same_from_answers_or_from_their_scores():
    from scoring.council import item_scores, respondent_means

    answers = {**complete_answers(INSTRUMENT, "4"), "trust_suspicion": "1"}
    answers[TRUST.items[0].id] = DONT_KNOW
    (scores,) = item_scores(INSTRUMENT.items, [answers])
    from_answers = respondent_means(INSTRUMENT, answers)
    assert from_answers == respondent_means(INSTRUMENT, answers, scores)
    assert list(from_answers) == [f.id for f in INSTRUMENT.factors]
    # Trust: six statements left (one Don't know), five at 4 and the reversed one at 5.
    assert from_answers["trust"] == Fraction(4 * 5 + 5, 6)
    culture = INSTRUMENT.factor("culture").items
    assert from_answers["culture"] == Fraction(
        sum(2 if i.reverse else 4 for i in culture), len(culture)
    )
