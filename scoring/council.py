"""Scores for one council in one round (scoring contract sections 1-4, 8 and 9).

Inputs are plain values: each submitted response is a mapping of item id to the answer
string the form posted (``"1"`` .. ``"5"``, ``"dont_know"``, or absent). Means are
computed with exact fractions so that a band or level boundary (a mean of exactly 4.0, an
index of exactly 60) is never missed by a floating-point rounding error; results are
returned as floats at full precision.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from scoring.confidentiality import check_min_respondents
from scoring.distributions import t_quantile
from scoring.exact import exact_mean, score_variance, standard_error
from scoring.instrument import DONT_KNOW, Factor, Instrument, Item

Answers = Mapping[str, str | None]
EMPTY: Mapping = MappingProxyType({})

# Expected variance with no agreement: the slightly skewed null of LeBreton & Senter (2008)
# for 5 options. Version 1 used the uniform null, (5**2 - 1) / 12 = 2, against which almost
# every council read "very strong agreement"; it stays in the JSON as ``rwg_uniform``.
RWG_NULL = "slightly skewed (variance 1.34)"
RWG_EXPECTED_VARIANCE = Fraction(134, 100)
RWG_UNIFORM_VARIANCE = Fraction(5**2 - 1, 12)
# A response whose statements (Don't know aside) are all one answer, with at least this
# many answered, is flagged as straight-lined (contract section 3).
STRAIGHT_LINE_MIN = 10
BARRIER_SIGNIFICANT = frozenset({"3", "4"})  # Significant barrier, Major barrier

RWG_LABELS = (
    # LeBreton & Senter (2008). Gaps between the published ranges (0.50-0.51, 0.70-0.71)
    # go to the lower label: agreement is not claimed until the next range is reached.
    (0.31, "lack of agreement"),
    (0.51, "weak agreement"),
    (0.71, "moderate agreement"),
)


@dataclass(frozen=True)
class FactorScore:
    factor: str
    n: int
    mean: float
    index: float
    se: float | None
    wilder_band: str  # in JSON only, as ``wilder_band``, never shown (contract section 3)
    rwg: float | None  # against the slightly skewed null (RWG_NULL)
    rwg_label: str | None
    low: float | None = None  # 95% interval of the index (t on n - 1 degrees of freedom)
    high: float | None = None
    rwg_uniform: float | None = None  # version 1's figure, against the uniform null


@dataclass(frozen=True)
class BarrierShare:
    key: str
    share: float | None  # Significant or Major, among those who gave an answer
    answered: int
    bt2014: float | None


@dataclass(frozen=True)
class CouncilScore:
    """A council's scores in one round; ``suppressed`` when below ``min_respondents``.
    Frozen through and through (read-only mappings): results are cached and shared."""

    n: int
    min_respondents: int
    suppressed: bool
    factors: Mapping[str, FactorScore]
    withheld_factors: tuple[str, ...]
    collaboration_index: float | None
    level: int | None
    level_name: str | None
    barriers: Mapping[str, BarrierShare]
    # 95% interval of the collaboration index, from respondents' own collaboration indices.
    index_low: float | None = None
    index_high: float | None = None
    straight_lined: int = 0  # responses flagged as straight-lined (they still count)
    # The collaboration index without them (a sensitivity figure); None when too few remain.
    index_without_straight_lined: float | None = None


# The score of each valid answer, by whether the statement is reverse-worded.
_SCORES = {
    reverse: {str(v): 6 - v if reverse else v for v in range(1, 6)} for reverse in (False, True)
}
_NOT_GIVEN = frozenset({None, "", DONT_KNOW})


def item_score(value: str | None, reverse: bool) -> int | None:
    """Score one answer: 1-5 (``6 - answer`` when reverse-worded); missing is ``None``.

    "Don't know" and unanswered are missing, never 0 or 3. Any other value is an error:
    the forms never let one through, so one here means the data is corrupt.
    """
    score = _SCORES[reverse].get(value)
    if score is not None:
        return score
    if value is None or value == "" or value == DONT_KNOW:
        return None
    raise ValueError(f"not an answer on the agreement scale: {value!r}")


def respondent_factor_mean(answers: Answers, items: Sequence[Item]) -> Fraction | None:
    """Mean of a respondent's scored items in a factor, if they answered at least half."""
    return _mean_if_half([item_score(answers.get(i.id), i.reverse) for i in items])


def _mean_if_half(scores: Sequence[int | None]) -> Fraction | None:
    answered = len(scores) - scores.count(None)
    if not answered or answered * 2 < len(scores):
        return None
    return Fraction(sum(filter(None, scores)), answered)  # scores are 1-5: none is 0


def item_scores(
    items: Sequence[Item], responses: Sequence[Answers]
) -> list[tuple[int | None, ...]]:
    """Each response's score on each of ``items``, in their order (reverse wording
    applied; missing or Don't know is None), worked out once for a round's several
    figures that need it. Given ``instrument.items``, each factor's scores are a slice of
    a response's tuple (:func:`factor_spans`)."""
    # A national round has over a million answers: each valid one is a single lookup in
    # its statement's table. Only the gaps go through item_score, which tells missing and
    # Don't know from a corrupt answer (and raises for that).
    plan = [(item.id, _SCORES[item.reverse]) for item in items]
    result = []
    for answers in responses:
        scores = [table.get(answers.get(item_id)) for item_id, table in plan]
        if None in scores:
            for k, item in enumerate(items):
                if scores[k] is None:
                    scores[k] = item_score(answers.get(item.id), item.reverse)
        result.append(tuple(scores))
    return result


def factor_spans(factors: Sequence[Factor]) -> dict[str, slice]:
    """Where each factor's items sit in the items of ``factors`` taken in order (as
    ``instrument.items`` lists them), for slicing :func:`item_scores`."""
    spans, start = {}, 0
    for factor in factors:
        spans[factor.id] = slice(start, start + len(factor.items))
        start += len(factor.items)
    return spans


def factor_index(mean: Fraction | float) -> Fraction | float:
    """0-100 index of a factor mean on the 1-5 scale: ``25 * (mean - 1)``."""
    return 25 * (mean - 1)


def wilder_band(mean: Fraction | float) -> str:
    """The Wilder-style band of a factor mean: strength (>= 4), borderline (3 to under 4),
    concern (< 3). Version 2 shows only levels; the band stays in the JSON for comparison
    with the Wilder inventory."""
    if mean >= 4:
        return "strength"
    return "borderline" if mean >= 3 else "concern"


def maturity_level(index: Fraction | float, instrument: Instrument) -> tuple[int, str]:
    """Level 1-5 and its name for a 0-100 collaboration index: the highest level whose
    lower bound it reaches (the instrument's rules make the first level's bound 0)."""
    chosen = next(lv for lv in reversed(instrument.levels) if index >= lv.lower)
    return chosen.level, chosen.name


def rwg_j(
    columns: Sequence[Sequence[int]], j: int, expected: Fraction = RWG_EXPECTED_VARIANCE
) -> float | None:
    """Multi-item within-group agreement rwg(j) (contract section 4).

    ``columns`` holds, per item of the factor, the scored answers (after reverse scoring)
    of the respondents who answered it; ``j`` is the number of items in the factor.
    Items with fewer than two answers are left out of the mean variance. ``expected`` is
    the variance with no agreement: the slightly skewed null (1.34) unless given.
    """
    s2 = mean_item_variance(columns)
    return None if s2 is None else rwg_from(s2, j, expected)


def mean_item_variance(columns: Sequence[Sequence[int]]) -> Fraction | None:
    """``s2`` of rwg(j): the mean variance of the items with at least two answers."""
    variances = [score_variance(col) for col in columns if len(col) >= 2]
    if not variances:
        return None
    return sum(variances) / len(variances)


def rwg_from(s2: Fraction, j: int, expected: Fraction = RWG_EXPECTED_VARIANCE) -> float:
    """rwg(j) from the mean item variance ``s2`` against the null variance ``expected``."""
    ratio = min(s2 / expected, 1)  # no less agreement than none: rwg(j) 0, not negative
    return float(j * (1 - ratio) / (j * (1 - ratio) + ratio))


def index_interval(
    centre: float, values: Sequence[Fraction | float], scale: float = 1.0, se: float | None = None
):
    """``centre +/- t * scale * se(values)``, ``t`` the 0.975 quantile of Student's t on
    n - 1 degrees of freedom: ``(low, high)``, or ``(None, None)`` with fewer than two
    values. For a factor, ``values`` are respondents' factor means and ``scale`` is 25 (to
    index points); for the collaboration index, respondents' own collaboration indices.
    ``se`` may carry ``standard_error(values)``, if already worked out."""
    if se is None:
        se = standard_error(values)
    if se is None:
        return None, None
    half = t_quantile(0.975, len(values) - 1) * scale * se
    return centre - half, centre + half


def straight_lined(answers: Answers, items: Sequence[Item]) -> bool:
    """All scored statements given one answer (before reverse scoring), with at least
    ``STRAIGHT_LINE_MIN`` answered and Don't know aside (contract section 3)."""
    # One pass settles most people (they give more than one answer); only those who gave
    # one answer throughout are counted.
    if len({answers.get(i.id) for i in items}.difference(_NOT_GIVEN)) != 1:
        return False
    return sum(answers.get(i.id) not in _NOT_GIVEN for i in items) >= STRAIGHT_LINE_MIN


def rwg_label(rwg: float) -> str:
    for upper, label in RWG_LABELS:
        if rwg < upper:
            return label
    return "strong agreement" if rwg <= 0.90 else "very strong agreement"


def barrier_share(values: Sequence[str | None]) -> tuple[float | None, int]:
    """Share answering Significant or Major among those who answered (Don't know excluded)."""
    answered = [v for v in values if v not in (None, "", DONT_KNOW)]
    if not answered:
        return None, 0
    return sum(v in BARRIER_SIGNIFICANT for v in answered) / len(answered), len(answered)


def respondent_means(
    instrument: Instrument, answers: Answers, scores: Sequence[int | None] | None = None
) -> dict[str, Fraction | None]:
    """A respondent's factor means (None where they answered under half the items);
    ``scores`` may carry their :func:`item_scores`, if already worked out."""
    if scores is None:
        return {f.id: respondent_factor_mean(answers, f.items) for f in instrument.factors}
    spans = factor_spans(instrument.factors)
    return {f.id: _mean_if_half(scores[spans[f.id]]) for f in instrument.factors}


def score_council(
    instrument: Instrument,
    responses: Sequence[Answers],
    min_respondents: int,
    means: Sequence[Mapping[str, Fraction | None]] | None = None,
    scores: Sequence[Sequence[int | None]] | None = None,
) -> CouncilScore:
    """Score one council's submitted responses in one round.

    Below ``min_respondents`` submitted responses nothing but ``n`` is returned
    (``suppressed=True``). A factor whose own ``n`` falls below the threshold (many
    "Don't know" answers) is withheld too, and then there is no collaboration index.
    ``means`` may carry each respondent's :func:`respondent_means`, and ``scores`` their
    :func:`item_scores`, if already worked out (a national round scores each answer once).
    """
    check_min_respondents(min_respondents)
    n = len(responses)
    if n < min_respondents:
        return CouncilScore(n, min_respondents, True, EMPTY, (), None, None, None, EMPTY)
    factors: dict[str, FactorScore] = {}
    withheld: list[str] = []
    exact_indices: list[Fraction] = []
    items = instrument.items  # a property that builds its tuple: once, not per person
    scored = scores if scores is not None else item_scores(items, responses)
    spans = factor_spans(instrument.factors)
    per_person = (
        means
        if means is not None
        else [respondent_means(instrument, r, s) for r, s in zip(responses, scored, strict=True)]
    )
    for factor in instrument.factors:
        means = [m[factor.id] for m in per_person if m[factor.id] is not None]
        if len(means) < min_respondents:
            withheld.append(factor.id)
            continue
        mean = exact_mean(means)
        index = factor_index(mean)
        exact_indices.append(index)
        span = spans[factor.id]
        columns = [
            [v for v in column if v is not None]
            for column in zip(*(p[span] for p in scored), strict=True)
        ]
        # Every factor shown has at least 3 respondents who each answered at least half
        # its statements, so some statement has two answers and s2 exists.
        s2 = mean_item_variance(columns)
        rwg = rwg_from(s2, len(factor.items))
        se = standard_error(means)
        low, high = index_interval(float(index), means, 25, se)
        factors[factor.id] = FactorScore(
            factor=factor.id,
            n=len(means),
            mean=float(mean),
            index=float(index),
            se=se,
            wilder_band=wilder_band(mean),
            rwg=rwg,
            rwg_label=rwg_label(rwg),
            low=low,
            high=high,
            rwg_uniform=rwg_from(s2, len(factor.items), RWG_UNIFORM_VARIANCE),
        )
    collaboration_index = level = level_name = index_low = index_high = None
    if len(exact_indices) == len(instrument.factors):
        exact = sum(exact_indices) / len(exact_indices)
        collaboration_index = float(exact)
        level, level_name = maturity_level(exact, instrument)
        # Each respondent's own index in floats: these give only the interval's width, not
        # a shown figure (so 25 * (mean - 1) needs no "- 1": a shift leaves the SD alone).
        own = [
            25 * statistics.fmean(float(m[f.id]) for f in instrument.factors)
            for m in per_person
            if all(m[f.id] is not None for f in instrument.factors)
        ]
        index_low, index_high = index_interval(collaboration_index, own)
    # The sensitivity figure: the collaboration index without straight-lined responses
    # (they still count in every figure above; this only shows how much they move it).
    considered = [
        per_person[k] for k, response in enumerate(responses) if not straight_lined(response, items)
    ]
    without = collaboration_index
    if len(considered) < len(responses):
        without = _collaboration_index(instrument, considered, min_respondents)
    barriers = {}
    for barrier in instrument.barriers:
        share, answered = barrier_share([r.get(barrier.id) for r in responses])
        barriers[barrier.key] = BarrierShare(barrier.key, share, answered, barrier.bt2014)
    return CouncilScore(
        n=n,
        min_respondents=min_respondents,
        suppressed=False,
        factors=MappingProxyType(factors),
        withheld_factors=tuple(withheld),
        collaboration_index=collaboration_index,
        level=level,
        level_name=level_name,
        barriers=MappingProxyType(barriers),
        index_low=index_low,
        index_high=index_high,
        straight_lined=len(responses) - len(considered),
        index_without_straight_lined=without,
    )


def _collaboration_index(
    instrument: Instrument, per_person: Sequence[Mapping[str, Fraction | None]], minimum: int
) -> float | None:
    """The collaboration index of these respondents' factor means, with the same rules
    as :func:`score_council` (every factor needs ``minimum`` respondents)."""
    if len(per_person) < minimum:
        return None
    indices = []
    for factor in instrument.factors:
        values = [m[factor.id] for m in per_person if m[factor.id] is not None]
        if len(values) < minimum:
            return None
        indices.append(factor_index(exact_mean(values)))
    return float(sum(indices) / len(indices))
