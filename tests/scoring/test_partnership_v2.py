"""Scoring the partnership module version 2, worked by hand: the per_member statements
count in a respondent's factor means like any other, are pooled back under their own id
for the statements seen most differently, and give the figures of how well the members
understand each other. A member below the threshold enters none of them."""

from __future__ import annotations

import pytest

from scoring.partnership import item_scores, module_indices, partnership_results
from scoring.partnership_module import load_module_versions
from scoring.understanding import Understanding, understanding

MODULE = load_module_versions().get(2)
A, B, C = "E07900001", "E07900002", "E07900003"


def test_expanded_statements_count_in_the_factor_mean_like_any_other():
    """Shared language for a member of three: they understand us (B, C), we understand
    them (B, C), same words, and misunderstanding (reverse-worded): six statements.
    5, 3, 4, Don't know, 2 and 4 (reversed to 2) give 16 / 5 = 3.2, index 55. Three of six
    answered is half, so it counts: (5 + 4 + 2) / 3, index 66.67; two of six do not."""
    expanded = MODULE.expand([B, C])
    assert len(expanded.factor_items("shared_language")) == 6
    answers = {
        f"pm_they_understand_us__{B}": "5",
        f"pm_they_understand_us__{C}": "3",
        f"pm_we_understand_them__{B}": "4",
        f"pm_we_understand_them__{C}": "dont_know",
        "pm_language_same_words": "2",
        "pm_language_misunderstanding": "4",
    }
    half = {k: answers[k] for k in list(answers)[::2]}  # 5, 4, 2
    two = {k: answers[k] for k in list(answers)[:2]}
    indices = module_indices(expanded, [answers, half, two])["shared_language"]
    assert indices == pytest.approx([55.0, 25 * (11 / 3 - 1)])
    # Unexpanded, the answers about B and C would not count at all: 2 and 2 of four.
    assert module_indices(MODULE, [answers])["shared_language"] == [25.0]


def test_a_per_member_statement_is_pooled_per_respondent_under_its_id():
    """(5 about B, 3 about C) gives the respondent 4; (2, Don't know) gives 2; two Don't
    knows give nothing. Each respondent counts once."""
    responses = [
        {f"pm_they_understand_us__{B}": "5", f"pm_they_understand_us__{C}": "3"},
        {f"pm_they_understand_us__{B}": "2", f"pm_they_understand_us__{C}": "dont_know"},
        {f"pm_they_understand_us__{B}": "dont_know", f"pm_they_understand_us__{C}": "dont_know"},
    ]
    scores = item_scores(MODULE, responses, [B, C])
    assert scores["pm_they_understand_us"] == [4, 2]
    assert scores["pm_trust_good_faith"] == []
    assert f"pm_they_understand_us__{B}" not in scores


def _people(pairs_they, pairs_we):
    """Respondents answering 3 to everything but the paired statements."""
    people = []
    for (they_1, they_2), (we_1, we_2) in zip(pairs_they, pairs_we, strict=True):
        people.append({i.id: "3" for i in MODULE.items} | {**they_1, **they_2, **we_1, **we_2})
    return people


def _member(others, they, we):
    first, second = others
    return _people(
        [({f"pm_they_understand_us__{first}": x}, {f"pm_they_understand_us__{second}": y})
         for x, y in they],
        [({f"pm_we_understand_them__{first}": x}, {f"pm_we_understand_them__{second}": y})
         for x, y in we],
    )  # fmt: skip


DK = "dont_know"
# A and B have five people each (the threshold), C two: C is listed and enters nothing.
BY_MEMBER = {
    A: _member((B, C), [("2", "4"), ("2", "2"), ("3", "3"), ("1", "3"), ("4", "4")],
               [("3", "3")] * 5),
    B: _member((A, C), [("4", "4"), ("5", "5"), ("4", DK), ("5", "3"), ("3", "5")],
               [("4", "3"), ("4", "3"), ("5", "3"), ("5", "3"), (DK, "3")]),
    C: _member((A, B), [("1", "1")] * 2, [("1", "1")] * 2),
}  # fmt: skip


def test_how_well_members_understand_each_other_by_hand():
    """A's people on "B understands what my council needs": 2, 2, 3, 1, 4, mean 2.4. B's
    people on "My council understands what A needs": 4, 4, 5, 5 and a Don't know, mean
    4.5 (4 answered). B's view of itself minus A's view of B: 4.5 - 2.4 = +2.1.
    The other way round: B's people on "A understands what my council needs": 4, 5, 4, 5,
    3, mean 4.2; A's people on "My council understands what B needs": all 3. 3 - 4.2 =
    -1.2. C has two people: no pair includes it, though A and B answered about it."""
    found = understanding(MODULE, BY_MEMBER, (A, B))
    assert found == (
        Understanding(A, B, pytest.approx(2.4), 5, pytest.approx(4.5), 4),
        Understanding(B, A, pytest.approx(4.2), 5, pytest.approx(3.0), 5),
    )
    assert found[0].difference == pytest.approx(2.1)
    assert found[1].difference == pytest.approx(-1.2)
    assert understanding(MODULE, BY_MEMBER, (A,)) == ()
    assert understanding(load_module_versions().get(1), BY_MEMBER, (A, B)) == ()


def test_a_pair_with_no_answers_on_one_side_has_no_difference():
    nobody = {A: [{f"pm_they_understand_us__{B}": DK}], B: [{}]}
    (first, second) = understanding(MODULE, nobody, (A, B))
    assert (first.felt, first.felt_n, first.claimed, first.difference) == (None, 0, None, None)
    assert second.difference is None


def test_the_whole_partnership_on_version_2_by_hand():
    """Shared language (six statements each): A's people's means 18/6, 16/6, 18/6, 16/6
    and 20/6, average 88/30, index 48.33; B's 21/6, 23/6, 18/5, 22/6 and 17/5, average
    3.6, index 65. MSB = 5 x 8.33^2 x 2 = 694.4, MSW = (194.4 + 68.1) / 8 = 32.8, F =
    21.16; A against the rest -16.67. Pooled per respondent, "they understand us" is A
    3, 2, 3, 2, 4 (mean 2.8) against B 4, 5, 4, 4, 4 (4.2): MSB 4.9, MSW 3.6 / 8 = 0.45,
    F = 10.89; "we understand them" is A all 3 against B 3.5, 3.5, 4, 4, 3 (3.6): MSB
    0.9, MSW 0.7 / 8, F = 10.29. Every other statement is 3 for everyone (F 0)."""
    results = partnership_results(MODULE, BY_MEMBER, 5)
    assert results.passing == (A, B) and results.respondents[C] == 2
    shared = results.gaps["shared_language"]
    assert [(m.gss, m.n) for m in shared.members] == [(A, 5), (B, 5), (C, 2)]
    assert [m.mean for m in shared.members] == [pytest.approx(48 + 1 / 3), 65, None]
    assert shared.f == pytest.approx(694.444 / 32.8125, rel=1e-4)
    assert shared.members[0].versus_rest == pytest.approx(-(16 + 2 / 3))
    assert results.gaps["trust"].members[0].mean == 50  # all 3
    top = results.widest[:2]
    assert [(s.item, round(s.f, 2), round(s.gap, 1)) for s in top] == [
        ("pm_they_understand_us", 10.89, 1.4),
        ("pm_we_understand_them", 10.29, 0.6),
    ]
    assert dict(top[0].means) == pytest.approx({A: 2.8, B: 4.2})
    assert all(set(s.means) == {A, B} for s in results.widest)
    assert [(u.member, u.other) for u in results.understanding] == [(A, B), (B, A)]
    assert "pm_they_understand_us" in results.items  # the statements by their own ids


def test_the_small_member_changes_nothing():
    other = dict(BY_MEMBER)
    other[C] = _member((A, B), [("5", "5")] * 2, [("5", "5")] * 2)
    first, second = partnership_results(MODULE, BY_MEMBER, 5), partnership_results(MODULE, other, 5)
    assert first.gaps == second.gaps
    assert first.widest == second.widest
    assert first.understanding == second.understanding
