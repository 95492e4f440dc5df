"""How a council's respondents answered each statement: the counts of each answer, the
shares, the variance (ddof=1) of the answers on the scale, and the statements they
disagreed on most. Values worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.instrument import Item
from scoring.statements import (
    StatementSpread,
    is_split,
    most_disagreed,
    statement_spreads,
    to_discuss,
)

# Six respondents to the first four trust statements:
#   trust_partner_intentions: 1, 3, 5, Don't know, "7" (not on the scale), blank
#   trust_partner_competence: 5, Don't know, None, then absent
#   trust_time_invested: 2, 4; trust_open_problems: nobody
RESPONSES = [
    {"trust_partner_intentions": "1", "trust_partner_competence": "5"},
    {"trust_partner_intentions": "3", "trust_partner_competence": "dont_know"},
    {"trust_partner_intentions": "5", "trust_partner_competence": None},
    {"trust_partner_intentions": "dont_know", "trust_time_invested": "2"},
    {"trust_partner_intentions": "7", "trust_time_invested": "4"},
    {},
]


def by_id(spreads):
    return {s.item.id: s for s in spreads}


def test_answers_are_counted_by_value_and_off_scale_or_blank_answers_ignored(instrument):
    spread = by_id(statement_spreads(instrument, RESPONSES))["trust_partner_intentions"]
    assert spread.counts == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 1, "dont_know": 1}
    assert spread.answered == 3  # 1, 3 and 5; Don't know, "7" and blank are not
    assert spread.item is instrument.items[0]


def test_the_variance_is_the_sample_variance_of_answers_on_the_scale(instrument):
    """trust_partner_intentions: 1, 3, 5 have mean 3 and squares 4 + 0 + 4 = 8, so
    8 / (3 - 1) = 4. trust_time_invested: 2 and 4, mean 3, (1 + 1) / 1 = 2 (two answers
    are enough). trust_partner_competence has one answer on the scale: no variance."""
    spreads = by_id(statement_spreads(instrument, RESPONSES))
    assert spreads["trust_partner_intentions"].variance == 4
    assert spreads["trust_time_invested"].variance == 2
    assert spreads["trust_time_invested"].answered == 2
    assert spreads["trust_partner_competence"].variance is None
    assert spreads["trust_partner_competence"].answered == 1


def test_shares_are_of_everyone_who_answered_dont_know_included(instrument):
    """trust_partner_intentions: 3 on the scale + 1 Don't know = 4 people; "5" is 1 of 4.
    trust_partner_competence: 1 + 1 = 2 people; "5" is 1 of 2, "3" none of them."""
    spreads = by_id(statement_spreads(instrument, RESPONSES))
    intentions = spreads["trust_partner_intentions"]
    assert intentions.share("5") == 0.25
    assert intentions.share("dont_know") == 0.25
    assert intentions.share("2") == 0
    competence = spreads["trust_partner_competence"]
    assert competence.share("5") == 0.5
    assert competence.share("3") == 0


def test_a_statement_nobody_answered_has_no_shares_and_no_variance(instrument):
    spreads = by_id(statement_spreads(instrument, RESPONSES))
    unanswered = spreads["trust_open_problems"]
    assert unanswered.counts == dict.fromkeys(("1", "2", "3", "4", "5", "dont_know"), 0)
    assert (unanswered.answered, unanswered.variance) == (0, None)
    assert unanswered.share("3") is None


def test_when_everyone_says_dont_know_that_is_the_whole_share():
    """Two Don't knows: 2 people, none on the scale; Don't know is 2 of 2."""
    item = Item("x", "trust", "A statement", False, "source")
    spread = StatementSpread(item, {"dont_know": 2}, 0, None)
    assert spread.share("dont_know") == 1
    assert spread.share("4") == 0


def test_counts_without_a_dont_know_entry_count_nobody_as_dont_know():
    """Counts {"4": 2, "5": 1} with 3 answered: 3 people in all, "4" is 2 of 3."""
    item = Item("x", "trust", "A statement", False, "source")
    spread = StatementSpread(item, {"4": 2, "5": 1}, 3, 1 / 3)
    assert spread.share("4") == pytest.approx(2 / 3)
    assert spread.share("dont_know") == 0


def test_there_is_one_spread_per_statement_in_questionnaire_order(instrument):
    spreads = statement_spreads(instrument, [])
    assert [s.item.id for s in spreads] == [i.id for i in instrument.items]
    assert [s.item.id for s in spreads][:2] == [
        "trust_partner_intentions",
        "trust_partner_competence",
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "3", "4", "5", "dont_know", None]), max_size=12))
def test_reverse_wording_keeps_the_variance_and_the_shares_add_up_to_one(instrument, answers):
    """Answering ``6 - x`` instead of ``x`` mirrors the answers; their spread is the same."""
    mirror = {"1": "5", "2": "4", "3": "3", "4": "2", "5": "1"}
    item_id = instrument.items[0].id
    forward = [{item_id: a} for a in answers]
    reversed_ = [{item_id: mirror.get(a, a)} for a in answers]
    one = statement_spreads(instrument, forward)[0]
    other = statement_spreads(instrument, reversed_)[0]
    assert one.answered == other.answered == sum(a in mirror for a in answers)
    assert one.variance == pytest.approx(other.variance)
    if one.answered + one.counts["dont_know"]:
        total = sum(one.share(v) for v in ("1", "2", "3", "4", "5", "dont_know"))
        assert total == pytest.approx(1)


def spread(item_id: str, variance: float | None) -> StatementSpread:
    item = Item(item_id, "trust", f"Statement {item_id}", False, "source")
    return StatementSpread(item, {}, 0 if variance is None else 2, variance)


# In questionnaire order: a, b (no variance), c, d, e, f, g, h.
SPREADS = [
    spread("a", 0.5),
    spread("b", None),
    spread("c", 2.0),
    spread("d", 3.0),
    spread("e", 1.0),
    spread("f", 3.0),
    spread("g", 2.5),
    spread("h", 0.25),
]


def test_the_five_most_disagreed_statements_come_highest_variance_first():
    """3.0 (d, f: tied, questionnaire order), 2.5 (g), 2.0 (c), 1.0 (e); then 0.5, 0.25
    are left out and b has no variance."""
    assert [s.item.id for s in most_disagreed(SPREADS)] == ["d", "f", "g", "c", "e"]


def test_fewer_or_more_can_be_asked_for_and_statements_without_variance_never_appear():
    assert [s.item.id for s in most_disagreed(SPREADS, 2)] == ["d", "f"]
    everything = [s.item.id for s in most_disagreed(SPREADS, 10)]
    assert everything == ["d", "f", "g", "c", "e", "a", "h"]
    assert most_disagreed([spread("b", None)]) == []


# People are split: at least 25% agree and at least 25% disagree, of those on the scale.
@pytest.mark.parametrize(
    ("counts", "split"),
    [
        # 2 agree, 2 disagree, 4 neither: 2/8 = 25% each way, exactly the line.
        ({"1": 1, "2": 1, "3": 4, "4": 1, "5": 1}, True),
        # 1 agree of 5: 20% agree, 40% disagree; not split.
        ({"1": 2, "3": 2, "4": 1}, False),
        # 3 disagree, 1 agree of 4: 75% and 25%.
        ({"1": 3, "5": 1}, True),
        # 4 Don't know do not dilute the sides: 1 agree, 1 disagree, 2 neither of 4.
        ({"2": 1, "3": 2, "4": 1, "dont_know": 4}, True),
        # The same with 1 more neither: 1/5 = 20% each way.
        ({"2": 1, "3": 3, "4": 1, "dont_know": 4}, False),
        # Everyone agrees; everyone disagrees; everyone neutral.
        ({"4": 3, "5": 3}, False),
        ({"1": 6}, False),
        ({"3": 6}, False),
        # Nobody on the scale.
        ({"dont_know": 5}, False),
        ({}, False),
        # 3 of 11 agree (27%), 3 of 11 disagree: split; 2 of 9 (22%) disagree: not.
        ({"1": 3, "3": 5, "5": 3}, True),
        ({"2": 2, "3": 4, "4": 3}, False),
    ],
)
def test_people_are_split_when_a_quarter_agree_and_a_quarter_disagree(counts, split):
    assert is_split(counts) is split
    item = Item("x", "trust", "A statement", False, "source")
    answered = sum(counts.get(v, 0) for v in ("1", "2", "3", "4", "5"))
    assert StatementSpread(item, counts, answered, None).split is split


def test_the_sides_are_shares_of_those_on_the_scale():
    """1, 2, 3, 4, 4 and two Don't knows: agree 2 of 5, disagree 2 of 5."""
    item = Item("x", "trust", "A statement", False, "source")
    spread = StatementSpread(item, {"1": 1, "2": 1, "3": 1, "4": 2, "dont_know": 2}, 5, None)
    assert (spread.agree, spread.disagree) == (0.4, 0.4)
    assert StatementSpread(item, {"dont_know": 2}, 0, None).agree is None


answer_counts = st.fixed_dictionaries(
    {v: st.integers(0, 30) for v in ("1", "2", "3", "4", "5", "dont_know")}
)


@settings(max_examples=200, deadline=None)
@given(answer_counts, st.integers(0, 30))
def test_split_is_the_quarter_rule_whatever_the_dont_knows_and_mirrors(counts, more_dont_know):
    """Split exactly when both sides hold at least a quarter (checked in fractions);
    adding Don't knows changes nothing; mirroring the answers (reverse wording) neither."""
    on_scale = sum(counts[v] for v in ("1", "2", "3", "4", "5"))
    agree, disagree = counts["4"] + counts["5"], counts["1"] + counts["2"]
    expected = on_scale > 0 and agree / on_scale >= 0.25 and disagree / on_scale >= 0.25
    assert is_split(counts) is expected
    assert is_split({**counts, "dont_know": counts["dont_know"] + more_dont_know}) is expected
    mirror = {str(6 - int(v)): n for v, n in counts.items() if v != "dont_know"}
    assert is_split(mirror) is expected
    if expected:  # neither side can hold more than three quarters
        assert max(agree, disagree) <= 3 * on_scale / 4


def test_to_discuss_puts_split_statements_first_and_tops_up_with_the_most_disagreed():
    item = lambda i: Item(i, "trust", i, False, "source")  # noqa: E731
    split = {"1": 2, "5": 2}  # variance 16/3
    wide = {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}  # 2.5, split (40% each way)
    narrow = {"3": 3, "4": 1}  # 0.25
    lean = {"1": 1, "4": 4, "5": 1}  # 1.6 rounded, 1 of 6 disagree: not split
    spreads = [
        StatementSpread(item("n"), narrow, 4, 0.25),
        StatementSpread(item("l"), lean, 6, 1.6),
        StatementSpread(item("w"), wide, 5, 2.5),
        StatementSpread(item("s"), split, 4, 16 / 3),
    ]
    assert [s.item.id for s in to_discuss(spreads, least=3)] == ["s", "w", "l"]
    assert [s.item.id for s in to_discuss(spreads, least=1)] == ["s", "w"]
    assert [s.item.id for s in to_discuss(spreads, least=1, most=1)] == ["s"]
