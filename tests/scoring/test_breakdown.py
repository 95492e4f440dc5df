"""Factor indices by contact with partners (contract section 8): groups under the
threshold hidden, complementary suppression, and nobody worked out by subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.breakdown import CONTACT, breakdown
from scoring.instrument import CURRENT_INSTRUMENT, DEFAULT_INSTRUMENT, load_instruments
from tests.conftest import complete_answers

V2 = load_instruments(CURRENT_INSTRUMENT)
INSTRUMENT, WELSH = V2["en"], V2["cy"]


def people(count: int, contact: str | None, value: str = "4") -> list[dict[str, str]]:
    """``count`` respondents answering ``value`` to every statement (reverse-worded ones
    6 - value, so every factor mean is ``value``)."""
    answers = complete_answers(INSTRUMENT, value)
    for item in INSTRUMENT.items:
        if item.reverse:
            answers[item.id] = str(6 - int(value))
    if contact is None:
        answers.pop(CONTACT)
    else:
        answers[CONTACT] = contact
    return [dict(answers) for _ in range(count)]


def by_value(result):
    return {g.value: g for g in result.groups}


def test_two_groups_of_five_or_more_are_shown_with_their_own_indices():
    """Weekly: 5 people all 4 (index 75); monthly: 6 people all 2 (index 25)."""
    result = by_value(
        breakdown(INSTRUMENT, people(5, "weekly") + people(6, "monthly", "2"), CONTACT, 5)
    )
    assert (result["weekly"].shown, result["weekly"].n) == (True, 5)
    assert result["weekly"].indices == dict.fromkeys(result["weekly"].indices, 75.0)
    assert result["weekly"].collaboration_index == 75
    assert result["monthly"].collaboration_index == 25 and result["monthly"].n == 6
    assert (result["never"].shown, result["never"].n, result["never"].indices) == (False, None, {})


def test_a_single_small_group_takes_the_next_smallest_with_it():
    """{weekly 10, monthly 8, a few times 2}: the 2 are hidden, so the 8 are too;
    otherwise the 2 would be the council less the 10 and the 8."""
    responses = people(10, "weekly") + people(8, "monthly") + people(2, "few_times")
    result = by_value(breakdown(INSTRUMENT, responses, CONTACT, 5))
    assert [g for g, row in result.items() if row.shown] == ["weekly"]


def test_people_who_did_not_answer_are_protected_like_a_hidden_group():
    """6 weekly, 6 monthly and 1 who skipped the question: showing both groups would give
    the one person's answers away by subtraction, so the smaller-named group is hidden."""
    responses = people(6, "weekly") + people(6, "monthly") + people(1, None)
    result = by_value(breakdown(INSTRUMENT, responses, CONTACT, 5))
    assert [g for g, row in result.items() if row.shown] == ["weekly"]


def test_labels_come_in_the_reports_language():
    responses = people(5, "weekly") + people(5, "monthly")
    welsh = breakdown(INSTRUMENT, responses, CONTACT, 5, texts=WELSH)
    english = breakdown(INSTRUMENT, responses, CONTACT, 5)
    assert welsh.question != english.question
    assert [g.label for g in welsh.groups] != [g.label for g in english.groups]
    assert [g.indices for g in welsh.groups] == [g.indices for g in english.groups]


def test_no_breakdown_without_the_question_or_below_the_threshold():
    version_1 = load_instruments(DEFAULT_INSTRUMENT)["en"]
    assert breakdown(version_1, [complete_answers(version_1)] * 6, CONTACT, 5) is None
    assert breakdown(INSTRUMENT, people(4, "weekly"), CONTACT, 5) is None


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=4, max_size=4),
    st.integers(0, 3),
    st.integers(3, 6),
)
def test_what_is_hidden_always_reaches_the_threshold_together(sizes, skipped, minimum):
    values = ["never", "few_times", "monthly", "weekly"]
    responses = [p for v, n in zip(values, sizes, strict=True) for p in people(n, v)]
    responses += people(skipped, None)
    result = breakdown(INSTRUMENT, responses, CONTACT, minimum)
    if len(responses) < minimum:
        assert result is None
        return
    shown = [g for g in result.groups if g.shown]
    assert all(g.n >= minimum for g in shown)
    rest = len(responses) - sum(g.n for g in shown)
    assert rest == 0 or rest >= minimum


def test_a_council_exactly_at_the_threshold_has_a_breakdown():
    result = breakdown(INSTRUMENT, people(5, "weekly"), CONTACT, 5)
    assert [(g.value, g.shown, g.n) for g in result.groups if g.shown] == [("weekly", True, 5)]
    assert [g.label for g in result.groups] == [
        "Never",
        "A few times",
        "About once a month",
        "Every week or more",
    ]


def test_everyone_else_exactly_at_the_threshold_is_enough():
    """Weekly 10; a few times 3 and never 2 are hidden (two groups, so neither can be
    worked out alone) and together they are 5, the threshold: weekly stays shown."""
    responses = people(10, "weekly") + people(3, "few_times") + people(2, "never")
    result = by_value(breakdown(INSTRUMENT, responses, CONTACT, 5))
    assert [g for g, row in result.items() if row.shown] == ["weekly"]


def test_the_smallest_shown_group_is_the_one_hidden_not_the_first_by_name():
    """Weekly 5, monthly 8 and one person who skipped: weekly (5) is hidden, though
    "monthly" comes first by name."""
    responses = people(5, "weekly") + people(8, "monthly") + people(1, None)
    result = by_value(breakdown(INSTRUMENT, responses, CONTACT, 5))
    assert [g for g, row in result.items() if row.shown] == ["monthly"]
    assert result["weekly"].label == "Every week or more"


def test_a_factor_withheld_in_a_group_reads_as_no_figure():
    """In the weekly group 3 of 5 answered no trust statement: trust is withheld there
    (and so is the group's collaboration index); the other factors are shown."""
    weekly = people(5, "weekly")
    for answers in weekly[:3]:
        for item in INSTRUMENT.factor("trust").items:
            answers[item.id] = "dont_know"
    result = by_value(breakdown(INSTRUMENT, weekly + people(5, "monthly"), CONTACT, 5))
    assert result["weekly"].indices["trust"] is None
    assert result["weekly"].indices["culture"] == 75
    assert result["weekly"].collaboration_index is None
