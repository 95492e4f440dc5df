"""Confidentiality thresholds (scoring contract section 8)."""

from __future__ import annotations

from collections.abc import Mapping

# A threshold below 3 would let a respondent's answers be worked out from the results.
LOWEST_MIN_RESPONDENTS = 3
DEFAULT_MIN_RESPONDENTS = 5
DEFAULT_PUBLIC_MIN_RESPONDENTS = 10


def check_min_respondents(value: int, name: str = "MIN_RESPONDENTS") -> int:
    """Return ``value`` if it is an allowed threshold, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if value < LOWEST_MIN_RESPONDENTS:
        raise ValueError(f"{name} cannot be set below {LOWEST_MIN_RESPONDENTS} (got {value})")
    return value


def visible_groups(counts: Mapping[str, int], min_respondents: int) -> set[str]:
    """Groups of a breakdown inside a council that may be shown.

    A group is shown only with at least ``min_respondents``. Groups with no responses are
    left out first; then, when exactly one non-empty group would be hidden, the next
    smallest is hidden too, so the hidden one cannot be worked out by subtracting the
    shown groups from the council total. (Version 1 counted empty groups as hidden, so
    {10, 8, 2, 0} showed 10 and 8 and gave the 2 away.)
    """
    check_min_respondents(min_respondents)
    present = {group: count for group, count in counts.items() if count > 0}
    hidden = {group for group, count in present.items() if count < min_respondents}
    shown = {group for group in present if group not in hidden}
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda group: (counts[group], group))
        shown.discard(smallest)
    return shown
