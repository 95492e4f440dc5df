"""How a council's respondents answered each statement: the counts of each answer, the
shares, the variance (ddof=1) of the answers on the scale, and the statements they
disagreed on most. Values worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.instrument import Item
from scoring.statements import StatementSpread, most_disagreed, statement_spreads

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
