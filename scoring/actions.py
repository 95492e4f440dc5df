"""Following agreed actions from round to round: how far a factor is from the level the
council aims for, and how it moved since an action on it was agreed. Pure functions of
scores; the figures they take and give are factor indices (0 to 100, full precision)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scoring.instrument import Instrument

STATUSES = ("planned", "under_way", "done", "dropped")
OPEN_STATUSES = ("planned", "under_way")


def target_gap(index: float | None, level: int, instrument: Instrument) -> float | None:
    """Index points still to go to reach ``level`` (its lower bound), 0 when reached, and
    None when the factor has no score to compare."""
    if index is None:
        return None
    return max(0.0, instrument.level(level).lower - index)


def movement(then: float | None, now: float | None) -> float | None:
    """The change in a factor's index since the round an action was agreed after; None
    when either round has no score for it (too few responses, or not yet scored)."""
    if then is None or now is None:
        return None
    return now - then


def is_overdue(status: str, due: str, today: str) -> bool:
    """Still open and due before today (ISO dates compare as text)."""
    return status in OPEN_STATUSES and due < today


def overdue(actions: Iterable[Mapping], today: str) -> list[Mapping]:
    """The actions (rows with ``status`` and ``due``) that are overdue on ``today``."""
    return [a for a in actions if is_overdue(a["status"], a["due"], today)]
