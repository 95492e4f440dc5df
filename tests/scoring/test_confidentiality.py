import pytest

from scoring.confidentiality import check_min_respondents, visible_groups


@pytest.mark.parametrize("value", [3, 5, 10])
def test_allowed_thresholds(value):
    assert check_min_respondents(value) == value


@pytest.mark.parametrize("value", [2, 0, -1, True, "5", 4.5])
def test_threshold_cannot_be_below_three_or_not_a_whole_number(value):
    with pytest.raises(ValueError):
        check_min_respondents(value)


def test_the_message_names_the_setting_and_the_problem():
    with pytest.raises(ValueError, match=r"^MIN_RESPONDENTS cannot be set below 3 \(got 2\)$"):
        check_min_respondents(2)
    with pytest.raises(ValueError, match=r"^MIN_RESPONDENTS must be a whole number, not '5'$"):
        check_min_respondents("5")
    with pytest.raises(ValueError, match=r"^PUBLIC_MIN_RESPONDENTS cannot be set below 3"):
        check_min_respondents(1, "PUBLIC_MIN_RESPONDENTS")


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"officer": 10, "manager": 6, "member": 2}, {"officer"}),  # one hidden: hide next smallest
        ({"officer": 10, "manager": 2, "member": 3}, {"officer"}),  # two hidden: nothing more
        ({"officer": 10, "manager": 6, "member": 7}, {"officer", "manager", "member"}),
        ({"officer": 4}, set()),
        ({"officer": 9, "member": 1}, set()),  # hiding the next smallest leaves nothing
        # Empty groups are left out first: {10, 8, 2, 0} hides the 8 with the 2, or the 2
        # could be worked out by subtraction (version 1 counted the 0 as a hidden group).
        ({"officer": 10, "manager": 8, "member": 2, "other": 0}, {"officer"}),
        ({"officer": 10, "manager": 8, "other": 0}, {"officer", "manager"}),
        # A group exactly at the threshold is shown; one short of it is not.
        ({"officer": 5, "manager": 5, "member": 4, "other": 4}, {"officer", "manager"}),
        ({"officer": 5, "manager": 6, "member": 4}, {"manager"}),
    ],
)
def test_breakdown_hides_small_groups_and_cannot_be_subtracted(counts, shown):
    assert visible_groups(counts, 5) == shown
