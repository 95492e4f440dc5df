"""Coverage: how many of the people asked answered (the response rate), and when to warn.

A council records how many people were invited or eligible in a round; the rate is its
submitted responses over that number. The results are flagged for a reader when the rate
is under 20% or the responses are fewer than the public threshold
(``PUBLIC_MIN_RESPONDENTS``). More responses than people eligible means the count is out
of date: no rate is given then, and the reader is told why, rather than shown "130%".

``N_`` only marks the reasons for the Welsh catalogue; a document's ``_`` translates them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scoring.rounding import display

LOW_RATE = 0.20


def N_(text: str) -> str:
    return text


def same(text: str) -> str:
    return text


REASONS = {
    "low_rate": N_(
        "Fewer than 1 in 5 of the people asked answered (%(responses)s of %(eligible)s). "
        "Those who answered may see things differently from those who did not: read the "
        "results as the views of the people who answered, not of the whole council."
    ),
    "below_public": N_(
        "Fewer than %(public_min)s people answered (%(responses)s). Each person's answers "
        "move the figures a lot, and results this small are not published openly."
    ),
    "over_eligible": N_(
        "More people answered (%(responses)s) than were recorded as invited or eligible "
        "(%(eligible)s), so no response rate is given: the number of people eligible is "
        "probably out of date."
    ),
}


@dataclass(frozen=True)
class Coverage:
    """One council's coverage in one round. ``eligible`` is None when not recorded."""

    responses: int
    eligible: int | None
    public_min: int
    note: str = ""

    @property
    def over_eligible(self) -> bool:
        return self.eligible is not None and self.responses > self.eligible

    @property
    def rate(self) -> float | None:
        """Responses over eligible, 0 to 1; None when unknown or more than 100%."""
        if self.eligible is None or self.over_eligible:
            return None
        return self.responses / self.eligible

    @property
    def low_rate(self) -> bool:
        return self.rate is not None and self.rate < LOW_RATE

    @property
    def below_public(self) -> bool:
        return self.responses < self.public_min

    @property
    def flagged(self) -> bool:
        """The rule: a rate under 20% or fewer responses than the public threshold."""
        return self.low_rate or self.below_public

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why a reader should take care, as keys of ``REASONS``, most important first."""
        found = (
            ("over_eligible", self.over_eligible),
            ("low_rate", self.low_rate),
            ("below_public", self.below_public),
        )
        return tuple(key for key, applies in found if applies)

    def reason_texts(self, _: Callable[[str], str] = same) -> list[str]:
        values = {
            "responses": self.responses,
            "eligible": self.eligible,
            "public_min": self.public_min,
        }
        return [_(REASONS[key]) % values for key in self.reasons]

    def percent(self) -> str | None:
        """The rate as a whole percentage ("42%"), half away from zero; None without one."""
        return None if self.rate is None else f"{display(100 * self.rate)}%"

    def as_json(self) -> dict:
        """Full precision for data: ``response_rate`` is null when unknown or over 100%."""
        return {
            "responses": self.responses,
            "eligible": self.eligible,
            "response_rate": self.rate,
            "coverage_flagged": self.flagged,
            "coverage_reasons": list(self.reasons),
        }


def coverage(responses: int, eligible: int | None, public_min: int, note: str = "") -> Coverage:
    if responses < 0:
        raise ValueError("responses cannot be negative")
    if eligible is not None and eligible < 1:
        raise ValueError("the number eligible must be 1 or more")
    return Coverage(responses, eligible, public_min, note or "")
