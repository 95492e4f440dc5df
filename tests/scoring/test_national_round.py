"""A scored round by hand: funnel, flags, percentile in type, rank intervals, comparisons
and national aggregates from councils whose respondents disagree (contract sections 3,
6-9). The tests in test_national.py mostly use councils whose people all answer alike,
where there is no funnel at all."""

from __future__ import annotations

import math

import pytest

from scoring.benchmark import Z95, Z998
from scoring.league import rank_councils
from scoring.national import INDEX, compare, score_round
from tests.conftest import complete_answers
from tests.scoring.test_national import council, uniform


def person(instrument, own_index: int, missing: str | None = None):
    """A respondent whose own collaboration index is ``own_index`` (a multiple of 5): with
    ``s = 1 + own // 25`` and ``k = (own % 25) / 5``, the first ``k`` factors score
    ``s + 1`` on every statement and the rest ``s``, so the index is ``25 (s - 1) + 5 k``.
    ``missing``: a factor answered "Don't know" throughout (no own index then)."""
    s, k = 1 + own_index // 25, (own_index % 25) // 5
    answers = complete_answers(instrument)
    for position, factor in enumerate(instrument.factors):
        score = min(5, s + 1 if position < k else s)
        for item in factor.items:
            answers[item.id] = str(6 - score if item.reverse else score)
            if factor.id == missing:
                answers[item.id] = "dont_know"
    return answers


def around(instrument, x: int):
    """Five respondents with own indices x - 5, x, x, x, x + 5: the council's index is x and
    its respondents' variance is (25 + 25) / 4 = 12.5, whatever x."""
    return [person(instrument, v) for v in (x - 5, x, x, x, x + 5)]


# Eleven councils: nine districts (30, five at 45, three at 50) and two unitaries (50, 95).
ROUND = [("C30", "NMD", 30)]
ROUND += [(f"F{i}", "NMD", 45) for i in range(1, 6)]
ROUND += [(f"G{i}", "NMD", 50) for i in range(1, 4)]
ROUND += [("U50", "UA", 50), ("U95", "UA", 95)]


@pytest.fixture
def spread_round(instrument):
    # Function-scoped on purpose: mutation testing links each test to the code it runs,
    # and a shared fixture would run score_round for the first test only.
    councils = [council(gss, type_) for gss, type_, _ in ROUND]
    responses = {gss: around(instrument, x) for gss, _, x in ROUND}
    return score_round(instrument, councils, responses, 5, seed=7, draws=200)


def test_the_round_funnel_by_hand(spread_round):
    """Target = (30 + 5*45 + 4*50 + 95) / 11 = 550 / 11 = 50. Every council's variance is
    12.5, so the pooled spread is sqrt(12.5) and se**2 = 12.5 / 5 = 2.5 at n = 5.
    z = -20/se, -5/se (five), 0 (four), 45/se. With g = 11 the 10th and 90th percentiles
    fall exactly on the 2nd and 10th smallest z (-5/se and 0): z_w**2 = 25 / 2.5 = 10 six
    times, else 0, so phi = 60/11. g * phi = 60 > 10; w = 1/2.5 = 0.4 for each council:
    tau2 = (60 - 10) / (11 * 0.4 - 11 * 0.16 / 4.4) = 50 / 4 = 12.5."""
    fun = spread_round.funnels[INDEX]
    assert fun.target == pytest.approx(50)
    assert fun.spread == pytest.approx(math.sqrt(12.5))
    assert fun.phi == pytest.approx(60 / 11)
    assert fun.tau2 == pytest.approx(12.5)
    # Every factor gets its own funnel. Behaviour (the third factor) is scored alike by
    # everyone in each council here (x - 5, x and x + 5 differ in other factors), so it
    # has no spread and no funnel.
    assert spread_round.funnels["behaviour"] is None
    assert spread_round.funnels["shared_language"] is not None


def test_each_council_is_flagged_against_the_99_8_limits_at_its_own_n(spread_round):
    """At n = 5 the 99.8% limits are 50 +/- 3.090232 * sqrt(2.5 + 12.5) = 50 +/- 11.97:
    95 is above them, 30 below, 45 and 50 within."""
    flags = {gss: row.funnel for gss, row in spread_round.rows.items()}
    assert flags.pop("U95") == "above"
    assert flags.pop("C30") == "below"
    assert set(flags.values()) == {"within"}


def test_percentile_in_type_counts_only_other_councils_of_the_same_type(spread_round):
    """Each district's peers are the eight other districts (30, 45 x5, 50 x3, itself left
    out): 45 has one below and four equal, 100 * (1 + 0.5 * 4) / 8 = 37.5; 50 has six
    below and two equal, 100 * 7 / 8 = 87.5; 30 has none below. The two unitaries have one
    peer each, fewer than five: no percentile."""
    rows = spread_round.rows
    assert rows["C30"].percentile_in_type == 0
    assert {rows[f"F{i}"].percentile_in_type for i in range(1, 6)} == {37.5}
    assert {rows[f"G{i}"].percentile_in_type for i in range(1, 4)} == {87.5}
    assert rows["U50"].percentile_in_type is None and rows["U95"].percentile_in_type is None


def test_rank_intervals_use_the_round_spread_and_the_recorded_seed(spread_round):
    """Point ranks: 95 first, the four 50s share 2-5 (3.5), the five 45s share 6-10 (8), 30
    last. With the spread the middle councils' intervals are wide; anyone can draw them
    again from the seed and draws recorded with the results."""
    rows = spread_round.rows
    assert (rows["U95"].rank, rows["U95"].rank_low, rows["U95"].rank_high) == (1, 1, 1)
    assert (rows["C30"].rank, rows["C30"].rank_low, rows["C30"].rank_high) == (11, 11, 11)
    for gss in ("G1", "G2", "G3", "U50", "F1", "F2", "F3", "F4", "F5"):
        row = rows[gss]
        assert row.rank == (3.5 if row.value(INDEX) == 50 else 8)
        assert 2 <= row.rank_low < row.rank < row.rank_high <= 10
    assert (spread_round.seed, spread_round.draws, spread_round.min_respondents) == (7, 200, 5)
    passing = spread_round.passing()
    again = rank_councils(
        {r.gss: r.value(INDEX) for r in passing},
        {r.gss: r.league_n for r in passing},
        spread_round.funnels[INDEX].spread,
        spread_round.draws,
        spread_round.seed,
    )
    assert {g: (p.rank_low, p.rank_high) for g, p in again.items()} == {
        r.gss: (r.rank_low, r.rank_high) for r in passing
    }


def test_comparison_carries_value_n_flag_and_both_limits(spread_round):
    half95, half998 = Z95 * math.sqrt(15), Z998 * math.sqrt(15)
    districts = [gss for gss, type_, _ in ROUND if type_ == "NMD"]
    comparisons = {c.measure: c for c in compare(spread_round, "F1", districts)}
    assert list(comparisons) == spread_round.measures
    index = comparisons[INDEX]
    assert (index.value, index.n, index.funnel) == (45, 5, "within")
    assert index.limits95 == pytest.approx((50 - half95, 50 + half95))
    assert index.limits998 == pytest.approx((50 - half998, 50 + half998))
    assert index.national_median == 45  # 30, 45 x5, 50 x4, 95: the 6th of 11
    assert index.peers.peers == 8 and index.peers.percentile_rank == 37.5
    # A measure whose funnel cannot be drawn has no flag and no limits.
    behaviour = comparisons["behaviour"]
    assert (behaviour.funnel, behaviour.limits95, behaviour.limits998) == (None, None, None)
    high = {c.measure: c for c in compare(spread_round, "U95", districts)}[INDEX]
    assert (high.value, high.funnel) == (95, "above")


def test_council_values_are_grouped_by_a_council_field(spread_round):
    assert spread_round.by_group("type_name") == {
        "NMD": [30, 45, 45, 45, 45, 45, 50, 50, 50],
        "UA": [50, 95],
    }
    # Factor by factor: the 50 unitary's respondents (own indices 45, 50, 50, 50, 55) score
    # trust 3, 3, 3, 3 and 4 (indices 50 x4 and 75: mean 55); the 95 unitary's (90-100)
    # score it 5 (index 100).
    trust = spread_round.by_group("type", "trust")
    assert trust["UA"] == [55, 100]
    assert spread_round.by_group("type", "no_such_measure") == {}


def test_factor_n_and_index_n_differ_when_a_respondent_skips_a_factor(instrument):
    """Six respondents, one answering "Don't know" to every culture statement: trust has
    n = 6, culture n = 5, and the index (respondents with all five factors) n = 5."""
    answers = [person(instrument, 50) for _ in range(5)]
    answers.append(person(instrument, 50, missing="culture"))
    councils = [council("A"), council("B")]
    results = score_round(instrument, councils, {"A": answers}, 5, draws=20)
    row = results.rows["A"]
    assert row.value("trust") == 50 and row.value("no_such_factor") is None
    n = {c.measure: c.n for c in compare(results, "A", [])}
    assert (n[INDEX], n["trust"], n["culture"]) == (5, 6, 5)


def test_a_council_needs_enough_respondents_with_all_five_factors_to_pass(instrument):
    """Six respondents, each of the first five skipping a different factor: every factor
    has five respondents, so the council has a collaboration index, but only one
    respondent has an own index, and the league needs five of them."""
    factors = [f.id for f in instrument.factors]
    answers = [person(instrument, 50, missing=f) for f in factors] + [person(instrument, 50)]
    results = score_round(instrument, [council("A")], {"A": answers}, 5, draws=20)
    row = results.rows["A"]
    assert row.score.collaboration_index == 50 and row.league_n == 1
    assert not row.passes and row.value(INDEX) is None
    assert results.passing() == [] and results.national_median(INDEX) is None


def test_councils_without_responses_are_skipped_not_the_end_of_the_round(instrument):
    councils = [council("EMPTY"), council("A"), council("B")]
    responses = {"A": uniform(instrument, "4", 5), "B": uniform(instrument, "3", 5)}
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert sorted(results.rows) == ["A", "B"]


def test_councils_below_the_threshold_follow_the_ranked_ones_by_name(instrument):
    councils = [council(g) for g in ("Z", "M", "A", "P")]
    responses = {g: uniform(instrument, "4", 3) for g in ("Z", "M", "A")}
    responses["P"] = uniform(instrument, "4", 5)
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert [r.gss for r in results.league()] == ["P", "A", "M", "Z"]


def test_national_barrier_shares_pool_the_passing_councils_answers(instrument):
    """Data sharing: A answers 4, 3, 1, Don't know, blank; B 2, 4, (no answer), 1, 1;
    the small council's three 4s do not count. Answered: 3 + 4 = 7, Significant or
    Major (3 or 4): 3, so 3/7. Time and resources: everyone says Don't know, so no
    share and none answered."""
    barriers = {b.key: b.id for b in instrument.barriers}

    def people(data_sharing):
        out = []
        for value in data_sharing:
            answers = complete_answers(instrument, "4")
            answers[barriers["time_resource"]] = "dont_know"
            if value is None:
                del answers[barriers["data_sharing"]]
            else:
                answers[barriers["data_sharing"]] = value
            out.append(answers)
        return out

    responses = {
        "A": people(["4", "3", "1", "dont_know", ""]),
        "B": people(["2", "4", None, "1", "1"]),
        "SMALL": people(["4", "4", "4"]),
    }
    councils = [council(g) for g in responses]
    results = score_round(instrument, councils, responses, 5, draws=20)
    share, answered = results.barrier_shares["data_sharing"]
    assert share == pytest.approx(3 / 7) and answered == 7
    assert results.barrier_shares["time_resource"] == (None, 0)
    assert results.council_reliability["trust"].factor == "trust"
    assert results.council_reliability["trust"].councils == 2
