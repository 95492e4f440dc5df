import pytest

from scoring.rounding import display, round_half_away, signed


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (62.5, 0, "63"),
        (-62.5, 0, "-63"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (62.4999, 0, "62"),
        (2.675, 2, "2.68"),
        (0.875, 2, "0.88"),
        (55.0, 0, "55"),
    ],
)
def test_half_away_from_zero(value, digits, expected):
    assert str(round_half_away(value, digits)) == expected


def test_display_of_a_missing_figure_is_a_dash():
    assert display(None) == "\u2014"
    assert display(74.5) == "75"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2.05, "+2.1"), (-1.2, "-1.2"), (0.04, "0.0"), (-0.04, "0.0"), (-0.05, "-0.1"), (None, "—")],
)
def test_a_difference_is_shown_with_its_sign_and_none_at_zero(value, shown):
    assert signed(value, 1) == shown


def test_display_rounds_to_the_digits_asked_for():
    assert display(2.675, 2) == "2.68"
    assert display(-0.125, 2) == "-0.13"
    assert display(0.7, 2) == "0.70"


def test_a_difference_has_no_decimals_unless_asked_and_a_plus_below_one():
    assert signed(3) == "+3"  # whole points by default
    assert signed(0.6, 1) == "+0.6"  # a rise under one point still shows its sign
    assert signed(-0.6, 1) == "-0.6"
