"""Peer groups with enough candidate councils to exercise every rule (contract section
6): the nearest 20 by population on both sides of the council, the nation group outside
England, and the public threshold for a group the council chooses."""

from __future__ import annotations

import pytest

from scoring.national import chosen_left_out, peer_codes, score_round
from tests.scoring.test_national import council, uniform
from tests.scoring.test_national_round import person


def test_nearest_peers_lie_on_both_sides_of_the_councils_population(instrument):
    """The home council has 100,000 people; 15 districts are smaller (99,000 down to
    85,000, 1,000 to 15,000 away) and 15 larger (101,500 up to 115,500, 1,500 to 15,500
    away). In order of distance: 1,000 (S01), 1,500 (L01), 2,000 (S02) ... 10,000 (S10),
    10,500 (L10): twenty, ten on each side; S11 at 11,000 is the first left out."""
    home = council("HOME", population=100_000)
    smaller = [council(f"S{i:02d}", population=100_000 - 1_000 * i) for i in range(1, 16)]
    larger = [council(f"L{i:02d}", population=100_500 + 1_000 * i) for i in range(1, 16)]
    councils = [home, *smaller, *larger]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=20)
    nearest = peer_codes(results, "HOME", "nearest", public_min=5)
    expected = [f"S{i:02d}" for i in range(1, 11)] + [f"L{i:02d}" for i in range(1, 11)]
    assert nearest == sorted(expected)


def test_nearest_peers_of_a_council_without_a_population_are_the_smallest(instrument):
    """With no population recorded the council counts as 0: the nearest are the smallest
    of its type, and councils without a population are never anyone's nearest."""
    home = council("HOME", population=None)
    others = [council(f"C{i:02d}", population=50_000 + 1_000 * i) for i in range(1, 25)]
    unknown = council("NOPOP", population=None)
    councils = [home, *others, unknown]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert peer_codes(results, "HOME", "nearest", public_min=5) == [
        f"C{i:02d}" for i in range(1, 21)
    ]


def test_nation_peers_outside_england_are_the_whole_nation(instrument):
    """Only England is split into regions: a Welsh council's nation group is every Welsh
    council, whatever its region field says (the register gives "Wales"; a council
    added by hand may carry something else)."""
    councils = [
        council("W1", "WPA", "Wales", "North Wales"),
        council("W2", "WPA", "Wales", "South Wales"),
        council("W3", "WPA", "Wales", "North Wales"),
        council("E1", "NMD", "England", "South West"),
    ]
    responses = {c["gss"]: uniform(instrument, "4", 5) for c in councils}
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert peer_codes(results, "W1", "nation", public_min=5) == ["W2", "W3"]
    assert peer_codes(results, "W2", "nation", public_min=5) == ["W1", "W3"]


def test_a_chosen_council_needs_the_public_number_of_complete_respondents(instrument):
    """A council with 12 responses, of which only 8 have all five factors, is below the
    public threshold of 10 in the league (contract section 7), so a chosen group leaves it
    out; one with 10 complete responses counts."""
    factors = [f.id for f in instrument.factors]
    partial = [person(instrument, 50, missing=factors[i % 5]) for i in range(4)]
    councils = [council(g) for g in ("ME", "PARTIAL", "FULL")]
    responses = {
        "ME": uniform(instrument, "4", 10),
        "PARTIAL": [person(instrument, 50) for _ in range(8)] + partial,
        "FULL": uniform(instrument, "3", 10),
    }
    results = score_round(instrument, councils, responses, 5, draws=20)
    partial_row = results.rows["PARTIAL"]
    assert partial_row.passes and partial_row.score.n == 12 and partial_row.league_n == 8
    chosen = ["PARTIAL", "FULL"]
    assert peer_codes(results, "ME", "chosen", chosen, public_min=10) == ["FULL"]
    assert chosen_left_out(results, "ME", chosen, public_min=10) == ["PARTIAL"]


def test_a_council_failing_the_threshold_is_never_a_chosen_peer(instrument):
    """Ten responses but only four complete ones: the council does not pass at all, so it
    is left out of a chosen group, even with a public minimum (3) below the threshold that
    its responses and complete responses would both meet."""
    factors = [f.id for f in instrument.factors]
    councils = [council("ME"), council("FEW")]
    responses = {
        "ME": uniform(instrument, "4", 5),
        "FEW": [person(instrument, 50) for _ in range(4)]
        + [person(instrument, 50, missing=factors[i % 5]) for i in range(6)],
    }
    results = score_round(instrument, councils, responses, 5, draws=20)
    assert not results.rows["FEW"].passes and results.rows["FEW"].score.n == 10
    assert peer_codes(results, "ME", "chosen", ["FEW"], public_min=3) == []


def test_an_unknown_peer_group_is_named_in_the_error(instrument):
    results = score_round(
        instrument, [council("A")], {"A": uniform(instrument, "4", 5)}, 5, draws=20
    )
    with pytest.raises(ValueError, match="unknown peer group 'friends'"):
        peer_codes(results, "A", "friends", public_min=5)
