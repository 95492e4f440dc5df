"""A whole round: league, peers, national aggregates and the threshold (sections 3, 6-8)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.national import (
    INDEX,
    chosen_left_out,
    compare,
    peer_barrier_medians,
    peer_codes,
    score_round,
)
from tests.conftest import complete_answers


def council(gss, type_="NMD", nation="England", region="South West", population=100_000):
    return {
        "gss": gss,
        "name": f"Council {gss}",
        "type": type_,
        "type_name": type_,
        "nation": nation,
        "region": region,
        "population": population,
    }


def uniform(instrument, value, count):
    """``count`` respondents answering every statement ``value`` (so reverse items score
    6 - value): every factor mean is the same for each of them."""
    return [complete_answers(instrument, value)] * count


def test_league_ranks_passing_councils_and_lists_the_rest_without_scores(instrument):
    councils = [council("A"), council("B"), council("C"), council("D")]
    responses = {
        "A": uniform(instrument, "5", 6),
        "B": uniform(instrument, "4", 6),
        "C": uniform(instrument, "4", 7),
        "D": uniform(instrument, "2", 4),  # below the threshold of 5
    }
    results = score_round(instrument, councils, responses, 5, draws=200)
    league = results.league()
    assert [r.gss for r in league] == ["A", "B", "C", "D"]
    a, b, c, d = league
    assert (a.rank, b.rank, c.rank) == (1, 2.5, 2.5)  # B and C tie
    assert (a.rank_low, a.rank_high) == (1, 1)  # everyone alike: no uncertainty
    assert (b.rank_low, b.rank_high) == (3, 3)  # 2.5 rounded half away from zero
    assert not d.passes and d.rank is None and d.value(INDEX) is None
    assert a.league_n == 6 and d.league_n == 4
    # Identical answers within councils: no spread, so no funnel can be drawn.
    assert results.funnels[INDEX] is None and a.funnel is None
    assert results.national_median(INDEX) == b.value(INDEX)


def test_league_n_counts_only_respondents_with_all_five_factors(instrument):
    answers = uniform(instrument, "4", 5)
    partial = dict(answers[0])
    for item in instrument.factors[0].items:
        partial[item.id] = "dont_know"
    results = score_round(instrument, [council("A")], {"A": [*answers, partial]}, 5)
    row = results.rows["A"]
    assert row.score.n == 6 and row.league_n == 5 and row.passes


def test_peer_groups(instrument):
    councils = [
        council("E1", "NMD", "England", "South West", 100_000),
        council("E2", "NMD", "England", "South West", 90_000),
        council("E3", "NMD", "England", "London", 300_000),
        council("E4", "UA", "England", "South West", 100_000),
        council("W1", "WPA", "Wales", "Wales", 100_000),
        council("W2", "WPA", "Wales", "Wales", 120_000),
    ]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=50)

    def peers(gss, group, chosen=(), public_min=5):
        return peer_codes(results, gss, group, chosen, public_min=public_min)

    assert peers("E1", "all") == ["E2", "E3", "E4", "W1", "W2"]
    assert peers("E1", "type") == ["E2", "E3"]
    assert peers("E1", "nation") == ["E2", "E4"]  # England: same region
    assert peers("W1", "nation") == ["W2"]
    assert peers("E1", "nearest") == ["E2", "E3"]  # nearest first, 20 at most
    assert peers("E1", "chosen", ["W1", "E1", "XX"]) == ["W1"]
    # A chosen group counts only councils at the public threshold: W1 has 5 responses.
    assert peers("E1", "chosen", ["W1", "E1", "XX"], public_min=6) == []
    assert chosen_left_out(results, "E1", ["W1", "E1", "XX"], public_min=6) == ["W1", "XX"]
    assert chosen_left_out(results, "E1", ["W1", "E1", "XX"], public_min=5) == ["XX"]
    with pytest.raises(ValueError):
        peers("E1", "friends")


def test_region_and_nearest_peers_with_enough_candidates(instrument):
    """England's nation group is the region; "nearest" is the 20 of the same type nearest
    in population, ties broken by code, whatever the type's other councils."""
    home = council("E0", "NMD", "England", "South West", 100_000)
    others = [
        council(f"E{i:02d}", "NMD", "England", "South West" if i % 2 else "London", 100_000 + i)
        for i in range(1, 30)
    ]
    far = council("EFAR", "NMD", "England", "South West", 5_000_000)
    unitary = council("EUA", "UA", "England", "South West", 100_000)
    councils = [home, *others, far, unitary]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=20)
    nation = peer_codes(results, "E0", "nation", public_min=5)
    assert nation == sorted(
        [c["gss"] for c in others if c["region"] == "South West"] + ["EFAR", "EUA"]
    )
    nearest = peer_codes(results, "E0", "nearest", public_min=5)
    assert len(nearest) == 20 and "EFAR" not in nearest and "EUA" not in nearest
    assert nearest == sorted(f"E{i:02d}" for i in range(1, 21))  # populations 100,001-100,020


def test_compare_by_hand(instrument):
    councils = [council(g) for g in "ABCDEFG"]
    values = {"A": "5", "B": "4", "C": "3", "D": "2", "F": "3", "G": "5"}
    responses = {g: uniform(instrument, v, 5) for g, v in values.items()}
    responses["E"] = uniform(instrument, "4", 2)  # below the threshold: never a peer
    results = score_round(instrument, councils, responses, 5, draws=50)
    index = {g: results.rows[g].value(INDEX) for g in values}
    assert index["D"] < index["C"] == index["F"] < index["B"] < index["A"] == index["G"]
    comparison = {c.measure: c for c in compare(results, "B", ["A", "C", "D", "E", "F", "G"])}
    peers = comparison[INDEX].peers
    assert peers.peers == 5  # E does not count
    # Five peers D < C = F < A = G: inclusive quartiles are the 2nd and 4th values.
    assert (peers.q1, peers.median, peers.q3) == (index["C"], index["C"], index["A"])
    assert peers.percentile_rank == pytest.approx(100 * 3 / 5)
    assert comparison[INDEX].national_median == pytest.approx((index["B"] + index["C"]) / 2)
    # With only four qualifying peers there are no peer statistics (contract section 8).
    assert compare(results, "B", ["A", "C", "D", "E", "F"])[0].peers is None
    assert compare(results, "E", ["A", "B", "C"]) == []  # a council below the threshold
    assert compare(results, "Z", ["A", "B", "C"]) == []  # a council with no responses


def test_chosen_peers_cannot_give_away_an_unpublished_council(instrument):
    """The probe's inference: a lead chooses three peers, one of them a council with 5-9
    responses that is never published, and reads all three indices off the median and
    quartiles. Now a chosen group counts only councils at the public threshold (10), and
    any peer figure needs five peers: whatever the hidden council's people answer, every
    figure the lead can see is the same, so its index cannot be worked out."""
    published = ["P1", "P2", "P3", "P4", "P5"]
    councils = [council(g) for g in ["ME", *published, "HIDDEN"]]

    def run(hidden_value):
        responses = {
            g: uniform(instrument, v, 12)
            for g, v in zip(["ME", *published], "4253423", strict=False)
        }
        responses["HIDDEN"] = uniform(instrument, hidden_value, 7)  # shown to its own lead only
        results = score_round(instrument, councils, responses, 5, draws=20)
        assert results.rows["HIDDEN"].passes  # above MIN_RESPONDENTS, below the public 10
        seen = {}
        for chosen in (["P1", "P2", "HIDDEN"], [*published, "HIDDEN"], [*published[:4], "HIDDEN"]):
            peers = peer_codes(results, "ME", "chosen", chosen, public_min=10)
            assert "HIDDEN" not in peers
            assert chosen_left_out(results, "ME", chosen, public_min=10) == ["HIDDEN"]
            # The peer figures (national ones count every council above MIN_RESPONDENTS,
            # as the contract says, and are pinned elsewhere).
            seen[tuple(chosen)] = [(c.measure, c.peers) for c in compare(results, "ME", peers)]
        return seen

    low, high = run("1"), run("5")
    assert low == high  # nothing the lead sees depends on the hidden council's answers
    three = low[("P1", "P2", "HIDDEN")]
    assert all(stats is None for _, stats in three)  # two published peers: no peer figures
    five = low[(*published, "HIDDEN")]
    assert all(stats is not None and stats.peers == 5 for _, stats in five)


def _respondent(instrument, rng_values):
    answers = complete_answers(instrument)
    for item, value in zip(instrument.items, rng_values, strict=False):
        answers[item.id] = value
    return answers


answer_value = st.sampled_from(["1", "2", "3", "4", "5", "dont_know"])


@settings(max_examples=25, deadline=None)
@given(
    passing=st.lists(
        st.lists(st.lists(answer_value, min_size=32, max_size=32), min_size=5, max_size=7),
        min_size=3,
        max_size=4,
    ),
    small_before=st.lists(st.lists(answer_value, min_size=32, max_size=32), max_size=4),
    small_after=st.lists(st.lists(answer_value, min_size=32, max_size=32), max_size=4),
)
def test_a_council_below_the_threshold_changes_no_published_figure(
    instrument, passing, small_before, small_after
):
    """Whatever a small council's people answer, and however many of them (below the
    threshold), nothing shown for the others, nationally or in aggregate changes: so no
    figure of the small council can be worked out, by subtraction or otherwise."""
    councils = [council(f"P{i}") for i in range(len(passing))] + [council("SMALL")]

    def run(small):
        responses = {
            f"P{i}": [_respondent(instrument, r) for r in people]
            for i, people in enumerate(passing)
        }
        responses["SMALL"] = [_respondent(instrument, r) for r in small]
        return score_round(instrument, councils, responses, 5, draws=30)

    first, second = run(small_before), run(small_after)
    for gss in (f"P{i}" for i in range(len(passing))):
        a, b = first.rows[gss], second.rows[gss]
        assert (a.passes, a.rank, a.rank_low, a.rank_high, a.funnel, a.percentile_in_type) == (
            b.passes,
            b.rank,
            b.rank_low,
            b.rank_high,
            b.funnel,
            b.percentile_in_type,
        )
        assert compare(first, gss, ["SMALL", *first.rows]) == compare(
            second, gss, ["SMALL", *second.rows]
        )
    for measure in first.measures:
        assert first.national_median(measure) == second.national_median(measure)
        assert first.funnels[measure] == second.funnels[measure]
        assert first.by_group("region", measure) == second.by_group("region", measure)
    assert first.barrier_shares == second.barrier_shares
    assert first.council_reliability == second.council_reliability
    # Cronbach's alpha is the exception: it measures the questionnaire, over every
    # council's complete respondents (contract section 5), and is shown only with at
    # least 30 of them, so no one council's answers can be read from it.
    small = first.rows.get("SMALL")
    if small is not None:
        assert not small.passes and all(small.value(m) is None for m in first.measures)


def test_cached_results_cannot_be_changed_by_a_reader(instrument):
    """Round results are cached per worker and shared by every request: nothing in them,
    however deep, can be written to."""
    import dataclasses
    import operator

    councils = [council(g) for g in "AB"]
    responses = {g: uniform(instrument, "4", 5) for g in "AB"}
    results = score_round(instrument, councils, responses, 5, draws=50)
    row = results.rows["A"]
    writes = [
        lambda: operator.setitem(row.council, "name", "X"),
        lambda: operator.setitem(row.score.factors, "trust", None),
        lambda: operator.setitem(row.score.barriers, "data_sharing", None),
        lambda: operator.setitem(row.samples, INDEX, ()),
        lambda: operator.setitem(results.rows, "A", row),
        lambda: operator.setitem(results.funnels, INDEX, None),
        lambda: operator.setitem(results.barrier_shares, "data_sharing", (1.0, 1)),
    ]
    for write in writes:
        with pytest.raises(TypeError):
            write()
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.rank = 1
    assert councils[0]["name"] == "Council A"  # the caller's own mapping is not shared


def test_alpha_pools_every_council_and_icc_only_the_passing_ones(instrument):
    """Alpha over everyone's complete answers (a council of 4 counts too); ICC(1) and
    ICC(2) over the councils that pass the threshold."""
    import random

    rng = random.Random(5)
    councils = [council(g) for g in ("A", "B", "C", "SMALL")]

    def person(level):
        answers = complete_answers(instrument, "3")
        for item in instrument.items:
            answers[item.id] = str(min(5, max(1, level + rng.choice((-1, 0, 0, 1)))))
        return answers

    responses = {g: [person(lv) for _ in range(12)] for g, lv in (("A", 2), ("B", 3), ("C", 4))}
    responses["SMALL"] = [person(5) for _ in range(4)]
    results = score_round(instrument, councils, responses, 5, draws=100)
    trust = results.reliability["trust"]
    assert trust.complete == 40  # 36 in the passing councils and the small council's 4
    icc = results.council_reliability["trust"]
    assert icc.councils == 3 and 0 < icc.icc1 < icc.icc2 <= 1
    assert not icc.flagged  # councils this far apart are reliably told apart


def test_peer_barrier_medians(instrument):
    """Five peers calling data sharing a significant barrier in 0%, 20%, 40%, 60% and 80%
    of answers: the median is 40%. With four peers there is no peer figure."""
    councils = [council(g) for g in ("ME", "P1", "P2", "P3", "P4", "P5", "SMALL")]
    data_sharing = next(b for b in instrument.barriers if b.key == "data_sharing")

    def people(significant: int):
        out = []
        for i in range(5):
            answers = complete_answers(instrument, "4")
            answers[data_sharing.id] = "4" if i < significant else "1"
            out.append(answers)
        return out

    responses = {f"P{k + 1}": people(k) for k in range(5)}
    responses["ME"] = people(5)
    responses["SMALL"] = people(5)[:3]  # below the threshold: never a peer
    results = score_round(instrument, councils, responses, 5, draws=100)
    peers = ["P1", "P2", "P3", "P4", "P5", "SMALL"]
    medians = peer_barrier_medians(results, "ME", peers)
    assert medians["data_sharing"] == pytest.approx(0.4)
    assert peer_barrier_medians(results, "ME", peers[:4])["data_sharing"] is None


def test_a_council_with_too_few_peers_of_its_type_is_compared_with_a_wider_group(instrument):
    """Peer figures need five peers that pass the threshold. A council whose own type
    has fewer is compared with its nation (in England its region), and failing that
    with every council; one whose type has enough keeps its type."""
    from scoring.national import comparable_group

    councils = [council("W0", type_="WPA", nation="Wales", region="Wales")]
    councils += [council(f"W{i}", type_="WPA", nation="Wales", region="Wales") for i in (1, 2)]
    councils += [council(f"WU{i}", type_="UA", nation="Wales", region="Wales") for i in range(3)]
    councils += [council(f"E{i}", region="North West") for i in range(6)]  # NMD
    councils += [council("EX", region="North West")]  # below the threshold
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    responses["EX"] = uniform(instrument, "4", 2)
    results = score_round(instrument, councils, responses, 5, draws=20)
    # Two other Welsh principal areas; five councils in Wales: exactly enough.
    assert comparable_group(results, "W0", public_min=10) == "nation"
    # An English district: five others of its type pass (EX does not count).
    assert comparable_group(results, "E0", public_min=10) == "type"
    # With the Welsh unitary authorities gone, Wales has too few: every council.
    fewer = {g: r for g, r in responses.items() if not g.startswith("WU")}
    results = score_round(instrument, councils, fewer, 5, draws=20)
    assert comparable_group(results, "W0", public_min=10) == "all"
    # Fewer than five pass anywhere (a pilot round): the council keeps its own type, as a
    # wider group would show no peer figures either.
    pilot = {g: r for g, r in fewer.items() if g in ("W0", "W1", "E0", "E1", "E2")}
    results = score_round(instrument, councils, pilot, 5, draws=20)
    assert sum(r.passes for r in results.rows.values()) == 5
    assert comparable_group(results, "W0", public_min=10) == "type"
    assert comparable_group(results, "E0", public_min=10) == "type"


def test_an_english_council_with_no_region_recorded_is_grouped_by_its_nation(instrument):
    """The register gives every English council a region; one hand-edited without it
    is compared with England, not with every other council that has no region."""
    councils = [council("E0", region="")] + [council(f"E{i}", region="North West") for i in (1, 2)]
    councils += [council(f"W{i}", type_="UA", nation="Wales", region="") for i in range(3)]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert peer_codes(results, "E0", "nation", public_min=10) == ["E1", "E2"]
    assert peer_codes(results, "E1", "nation", public_min=10) == ["E2"]
