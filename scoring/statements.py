"""How a council's respondents answered each statement: the distribution of answers and
how much they disagreed (the variance), for reports and workshop prompts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.council import Answers
from scoring.instrument import DONT_KNOW, Instrument, Item

AGREEMENT_VALUES = ("1", "2", "3", "4", "5")
DISAGREE_VALUES = ("1", "2")
AGREE_VALUES = ("4", "5")
# People are split on a statement when at least this share of those who gave a point on
# the scale agree, and at least this share disagree (Don't know left out). A quarter
# each way puts at least half the room on one side or the other, and neither side
# outnumbers the other by more than three to one.
SPLIT_SHARE = (1, 4)


def is_split(counts: dict[str, int]) -> bool:
    """Whether people are split on a statement: at least a quarter of those who gave a
    point on the scale agree (4 or 5) and at least a quarter disagree (1 or 2). Don't
    know and anything off the scale count for neither. Worked in whole numbers, so
    exactly a quarter counts."""
    answered = sum(counts.get(value, 0) for value in AGREEMENT_VALUES)
    if answered == 0:
        return False
    top, bottom = SPLIT_SHARE
    agree = sum(counts.get(value, 0) for value in AGREE_VALUES)
    disagree = sum(counts.get(value, 0) for value in DISAGREE_VALUES)
    return bottom * agree >= top * answered and bottom * disagree >= top * answered


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

    def side(self, values: Sequence[str]) -> float | None:
        """Share of those who gave a point on the scale (Don't know excluded) giving one
        of ``values``, as worded."""
        if not self.answered:
            return None
        return sum(self.counts.get(value, 0) for value in values) / self.answered

    @property
    def agree(self) -> float | None:
        """Share agreeing or strongly agreeing, of those on the scale."""
        return self.side(AGREE_VALUES)

    @property
    def disagree(self) -> float | None:
        """Share disagreeing or strongly disagreeing, of those on the scale."""
        return self.side(DISAGREE_VALUES)

    @property
    def split(self) -> bool:
        """Whether people are split on it (:func:`is_split`)."""
        return is_split(self.counts)


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


def to_discuss(
    spreads: Sequence[StatementSpread], least: int = 4, most: int = 6
) -> list[StatementSpread]:
    """The statements for a workshop to discuss: those people are split on, most
    disagreement first, topped up to ``least`` with the most disagreed of the rest and
    cut at ``most`` (a workshop has time for about six)."""
    ranked = most_disagreed(spreads, len(spreads))
    split = [s for s in ranked if s.split]
    rest = [s for s in ranked if not s.split]
    return (split + rest[: max(0, least - len(split))])[:most]
