"""How a council's respondents answered each statement: the distribution of answers and
how much they disagreed (the variance), for reports and workshop prompts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.council import Answers
from scoring.instrument import DONT_KNOW, Instrument, Item

AGREEMENT_VALUES = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class StatementSpread:
    item: Item
    counts: dict[str, int]  # answer as worded ("1".."5", "dont_know") -> people
    answered: int  # gave a point on the scale (Don't know and blanks excluded)
    variance: float | None  # of the answers on the scale, ddof=1

    def share(self, value: str) -> float | None:
        """Share of those who answered at all (Don't know included) giving ``value``."""
        total = self.answered + self.counts.get(DONT_KNOW, 0)
        return self.counts.get(value, 0) / total if total else None


def statement_spreads(
    instrument: Instrument, responses: Sequence[Answers]
) -> list[StatementSpread]:
    """One entry per statement, in questionnaire order. The variance is the same whether
    or not a statement is reverse-worded (``6 - x`` has the variance of ``x``)."""
    spreads = []
    for item in instrument.items:
        counts = dict.fromkeys((*AGREEMENT_VALUES, DONT_KNOW), 0)
        values = []
        for answers in responses:
            value = answers.get(item.id)
            if value in counts:
                counts[value] += 1
                if value != DONT_KNOW:
                    values.append(int(value))
        variance = statistics.variance(values) if len(values) >= 2 else None
        spreads.append(StatementSpread(item, counts, len(values), variance))
    return spreads


def most_disagreed(spreads: Sequence[StatementSpread], count: int = 5) -> list[StatementSpread]:
    """The statements with the highest variance (ties in questionnaire order)."""
    ranked = [s for s in spreads if s.variance is not None]
    order = {s.item.id: i for i, s in enumerate(spreads)}
    ranked.sort(key=lambda s: (-s.variance, order[s.item.id]))
    return ranked[:count]
