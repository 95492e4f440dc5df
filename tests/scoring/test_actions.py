"""Following actions: target gaps and movement, by hand and as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.actions import is_overdue, movement, overdue, target_gap


@pytest.mark.parametrize(
    ("index", "level", "gap"),
    [
        (50.0, 4, 10.0),  # level 4 starts at 60
        (67.857, 4, 0.0),  # already there
        (60.0, 4, 0.0),  # exactly on the boundary counts as reached
        (59.99, 4, 0.01),
        (12.5, 5, 67.5),
        (0.0, 1, 0.0),
        (None, 3, None),  # no score (too few responses): no gap is claimed
    ],
)
def test_target_gap_by_hand(instrument, index, level, gap):
    result = target_gap(index, level, instrument)
    assert result == (None if gap is None else pytest.approx(gap))


def test_movement_by_hand():
    # Trust all "3" (index 50) after one round; all "4" the next, one item reversed:
    # mean (6 x 4 + 2) / 7 = 26/7, index 25 x (26/7 - 1) = 67.857...
    assert movement(50.0, 25 * (26 / 7 - 1)) == pytest.approx(17.857, abs=1e-3)
    assert movement(None, 60.0) is None and movement(60.0, None) is None


def test_overdue_only_when_open_and_past_due():
    assert is_overdue("planned", "2026-11-01", "2026-11-28")
    assert is_overdue("under_way", "2026-11-27", "2026-11-28")
    assert not is_overdue("under_way", "2026-11-28", "2026-11-28")  # due today is not late
    assert not is_overdue("done", "2020-01-01", "2026-11-28")
    assert not is_overdue("dropped", "2020-01-01", "2026-11-28")


@given(st.floats(0, 100), st.integers(1, 5))
def test_gap_is_never_negative_and_zero_exactly_when_reached(instrument, index, level):
    gap = target_gap(index, level, instrument)
    assert gap >= 0
    assert (gap == 0) == (index >= instrument.level(level).lower)
    assert index + gap >= instrument.level(level).lower


def test_overdue_keeps_open_actions_due_before_today():
    actions = [
        {"id": 1, "status": "planned", "due": "2026-01-31"},
        {"id": 2, "status": "under_way", "due": "2026-01-30"},
        {"id": 3, "status": "done", "due": "2026-01-01"},
        {"id": 4, "status": "dropped", "due": "2026-01-01"},
        {"id": 5, "status": "planned", "due": "2026-02-01"},  # due today: not yet overdue
    ]
    assert [a["id"] for a in overdue(actions, "2026-02-01")] == [1, 2]
    assert overdue([], "2026-02-01") == []
