"""The response rate and its flag rule, with hand-worked cases."""

from __future__ import annotations

import pytest

from scoring.coverage import LOW_RATE, coverage


def test_the_rate_is_responses_over_eligible_at_full_precision():
    c = coverage(21, 50, public_min=10, note="All staff")
    assert c.rate == 0.42
    assert c.percent() == "42%"
    assert not c.flagged and c.reasons == ()
    assert c.as_json() == {
        "responses": 21,
        "eligible": 50,
        "response_rate": 0.42,
        "coverage_flagged": False,
        "coverage_reasons": [],
    }


def test_percentages_round_half_away_from_zero():
    assert coverage(1, 8, 1).percent() == "13%"  # 12.5%
    assert coverage(5, 8, 1).percent() == "63%"  # 62.5%


@pytest.mark.parametrize(
    ("responses", "eligible", "low"),
    [(19, 100, True), (20, 100, False), (1, 6, True), (1, 5, False)],
)
def test_a_rate_under_20_percent_is_flagged_and_20_percent_is_not(responses, eligible, low):
    c = coverage(responses, eligible, public_min=1)
    assert LOW_RATE == 0.20
    assert c.low_rate is low and c.flagged is low
    assert ("low_rate" in c.reasons) is low


def test_fewer_responses_than_the_public_threshold_are_flagged_even_at_a_high_rate():
    c = coverage(9, 10, public_min=10)
    assert c.rate == 0.9 and c.below_public and c.flagged
    (text,) = c.reason_texts()
    assert text.startswith("Fewer than 10 people answered (9).")
    assert not coverage(10, 10, public_min=10).flagged


def test_both_reasons_are_given_in_words():
    c = coverage(3, 40, public_min=10)
    assert c.reasons == ("low_rate", "below_public")
    low, small = c.reason_texts()
    assert "Fewer than 1 in 5 of the people asked answered (3 of 40)" in low
    assert "Fewer than 10 people answered (3)" in small


def test_more_responses_than_eligible_gives_no_rate_and_says_why():
    c = coverage(13, 10, public_min=10)
    assert c.over_eligible and c.rate is None and c.percent() is None
    assert c.reasons == ("over_eligible",)
    assert c.reason_texts() == [
        "More people answered (13) than were recorded as invited or eligible (10), so no "
        "response rate is given: the number of people eligible is probably out of date."
    ]
    assert c.as_json()["response_rate"] is None
    # Exactly everyone is 100%, not "over".
    assert coverage(10, 10, 10).percent() == "100%"


def test_without_an_eligible_count_there_is_no_rate_but_the_threshold_still_applies():
    c = coverage(4, None, public_min=10)
    assert c.rate is None and not c.low_rate and not c.over_eligible
    assert c.reasons == ("below_public",)


def test_reasons_are_translated_by_the_callers_function():
    c = coverage(3, 40, public_min=10)
    import templates

    welsh = c.reason_texts(templates.translations("cy").gettext)
    assert welsh[0].startswith("Atebodd llai nag 1 o bob 5") and "(3 o 40)" in welsh[0]


@pytest.mark.parametrize(("responses", "eligible"), [(-1, 10), (1, 0), (1, -5)])
def test_impossible_counts_are_refused(responses, eligible):
    with pytest.raises(ValueError):
        coverage(responses, eligible, 10)
