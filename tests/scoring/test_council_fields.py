"""What each field of a council's scores carries, field by field, and the exact
arithmetic underneath (pinned where mutation testing found them loose)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.council import (
    barrier_share,
    score_council,
    straight_lined,
)
from scoring.exact import exact_mean, exact_variance, score_variance
from scoring.instrument import DONT_KNOW, load_instrument
from tests.conftest import complete_answers

INSTRUMENT = load_instrument()


def test_a_suppressed_score_keeps_its_threshold_and_withholds_no_named_factor():
    score = score_council(INSTRUMENT, [complete_answers(INSTRUMENT)] * 2, min_respondents=3)
    assert score.suppressed is True
    assert (score.n, score.min_respondents, score.withheld_factors) == (2, 3, ())
    assert (score.index_low, score.index_high, score.level) == (None, None, None)


def test_a_shown_score_names_its_factors_and_barriers_and_counts_the_answers():
    responses = [complete_answers(INSTRUMENT, v) for v in ("2", "3", "4", "4")]
    first_barrier = INSTRUMENT.barriers[0]
    responses[0][first_barrier.id] = DONT_KNOW  # 3 answered this barrier
    responses[1][first_barrier.id] = "1"  # Not a barrier
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    assert score.suppressed is False and score.min_respondents == 3
    assert all(fs.factor == fid for fid, fs in score.factors.items())
    assert list(score.factors) == [f.id for f in INSTRUMENT.factors]
    assert all(b.key == key for key, b in score.barriers.items())
    shown = score.barriers[first_barrier.key]
    assert (shown.answered, shown.share) == (3, pytest.approx(2 / 3))  # "3", "3" of 3
    assert all(b.answered == 4 for key, b in score.barriers.items() if key != shown.key)


def test_an_empty_answer_is_no_answer_to_a_barrier():
    assert barrier_share(["3", "", "1", None]) == (0.5, 2)
    assert barrier_share(["", ""]) == (None, 0)


def test_blank_answers_do_not_stop_a_response_reading_as_straight_lined():
    items = INSTRUMENT.items
    answers = {i.id: "4" for i in items}
    answers[items[0].id] = ""
    answers[items[1].id] = DONT_KNOW
    assert straight_lined(answers, items)
    answers[items[2].id] = "5"
    assert not straight_lined(answers, items)


def test_exact_means_and_variances_of_halves_and_whole_numbers():
    """Respondents' factor means are fractions such as 5/2. The mean of 5/2 and 7/2 is 3;
    of 1/2, 3/2 and 5/2 it is 3/2 with variance ((1)**2 + 0 + (1)**2) / 2 = 1; of 1 and
    3/2 it is 5/4; of 2, 3 and 7 (whole numbers) it is 4 with variance (4 + 1 + 9) / 2."""
    assert exact_mean([Fraction(5, 2), Fraction(7, 2)]) == 3
    halves = [Fraction(1, 2), Fraction(3, 2), Fraction(5, 2)]
    assert (exact_mean(halves), exact_variance(halves)) == (Fraction(3, 2), 1)
    assert exact_mean([1, Fraction(3, 2)]) == Fraction(5, 4)
    assert (exact_mean([2, 3, 7]), exact_variance([2, 3, 7])) == (4, 7)
    thirds = [Fraction(1, 3), Fraction(1, 2)]  # common denominator 6: 2/6 and 3/6
    assert (exact_mean(thirds), exact_variance(thirds)) == (Fraction(5, 12), Fraction(1, 72))


def test_every_factor_after_a_withheld_one_is_still_scored():
    """Culture and leadership withheld (3 of 5 people answered none of their statements):
    trust, behaviour and shared language are still scored, and both withheld factors are
    named in order."""
    responses = [complete_answers(INSTRUMENT, "4") for _ in range(5)]
    for answers in responses[:3]:
        for factor in ("culture", "leadership"):
            for item in INSTRUMENT.factor(factor).items:
                answers[item.id] = DONT_KNOW
    score = score_council(INSTRUMENT, responses, min_respondents=3)
    assert score.withheld_factors == ("culture", "leadership")
    assert list(score.factors) == ["trust", "behaviour", "shared_language"]
    assert all(fs.n == 5 for fs in score.factors.values())
    assert score.collaboration_index is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=60))
def test_the_variance_of_whole_scores_is_the_exact_variance(scores):
    """rwg(j)'s statement variances skip the common denominator fractions need; they
    equal the exact sample variance all the same."""
    import statistics

    expected = statistics.variance([Fraction(v) for v in scores])
    assert score_variance(scores) == exact_variance(scores) == expected
