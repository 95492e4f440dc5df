"""How differently the members of a partnership see it (scoring contract section 10).

For one factor, each member council contributes its respondents' own factor indices
(0 to 100) from the partnership module. Only members with at least ``minimum``
respondents take part; the others are listed as too small and never enter any figure, so
nothing about a small member can be worked out from the partnership's results.

- **Test**: one-way ANOVA, ``F = MSB / MSW`` on (k - 1, N - k) degrees of freedom; "views
  differ" when p < 0.05. (Version 1's chi-square on the same sum said "views differ" in
  9-10% of partnerships whose members did not differ, with 5 respondents each.)
- **Perception gap**: ``sqrt(max(0, (MSB - MSW) / n0))`` in index points (the contract's
  ``25 * sqrt(...)`` on the 1-5 scale): the spread of members' views beyond what chance
  explains. (Version 1's highest-minus-lowest grew with the number of members, and its
  interval never held 0 when views were the same.)
- **Each member against the rest**: the member's mean index minus the mean index of the
  other members' respondents, with a Welch 95% interval.
- **Statements seen most differently**: the largest item-level F; a per_member statement
  (module version 2) pooled back under its own id, each respondent counting once.
- **How well members understand each other** (module version 2): :mod:`scoring.understanding`.

Each member's respondents answer the module expanded for the other members
(:meth:`scoring.partnership_module.PartnershipModule.expand`); their factor indices count
the expanded statements like any other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from scoring.anova import anova
from scoring.council import factor_index, item_score, respondent_factor_mean
from scoring.distributions import t_quantile
from scoring.instrument import CORE_FACTORS
from scoring.partnership_module import PartnershipModule, pooled_id
from scoring.understanding import Understanding, understanding

ALPHA = 0.05


@dataclass(frozen=True)
class MemberFigure:
    gss: str
    n: int
    mean: float | None  # None when the member is below the threshold
    versus_rest: float | None = None  # mean minus the other members' respondents' mean
    low: float | None = None  # Welch 95% interval of versus_rest
    high: float | None = None


@dataclass(frozen=True)
class PerceptionGap:
    members: tuple[MemberFigure, ...]  # every member, small ones without a mean
    gap: float | None  # index points; None with fewer than 2 members passing
    f: float | None
    p: float | None
    flagged: bool  # p < 0.05: views differ

    @property
    def compared(self) -> tuple[MemberFigure, ...]:
        return tuple(m for m in self.members if m.mean is not None)


def welch_interval(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """``mean(a) - mean(b)`` and its Welch 95% interval (Welch-Satterthwaite degrees of
    freedom); a zero-width interval when neither group varies."""
    difference = float(a.mean() - b.mean())
    va = a.var(ddof=1) / len(a) if len(a) > 1 else 0.0
    vb = b.var(ddof=1) / len(b) if len(b) > 1 else 0.0
    se2 = va + vb
    if se2 == 0:
        return difference, difference, difference
    df = se2**2 / (
        (va**2 / (len(a) - 1) if len(a) > 1 else 0) + (vb**2 / (len(b) - 1) if len(b) > 1 else 0)
    )
    half = t_quantile(0.975, df) * math.sqrt(se2)
    return difference, difference - half, difference + half


def perception_gap(members: Mapping[str, Sequence[float]], minimum: int) -> PerceptionGap:
    """The test, the gap and each member against the rest, for one factor. ``members``
    maps each member's GSS code to its respondents' factor indices."""
    shown = {
        gss: np.asarray(values) for gss, values in sorted(members.items()) if len(values) >= minimum
    }
    result = anova(list(shown.values()))  # None with fewer than two members shown
    figures = []
    for gss, values in sorted(members.items()):
        if gss not in shown:
            figures.append(MemberFigure(gss, len(values), None))
            continue
        mean = float(shown[gss].mean())
        if result is None:
            figures.append(MemberFigure(gss, len(values), mean))
            continue
        rest = np.concatenate([v for other, v in shown.items() if other != gss])
        difference, low, high = welch_interval(shown[gss], rest)
        figures.append(MemberFigure(gss, len(values), mean, difference, low, high))
    if result is None:
        return PerceptionGap(tuple(figures), None, None, None, False)
    gap = math.sqrt(max(0.0, (result.msb - result.msw) / result.n0))
    return PerceptionGap(tuple(figures), gap, result.f, result.p, result.p < ALPHA)


@dataclass(frozen=True)
class StatementGap:
    item: str
    f: float  # item-level F across the members that pass the threshold
    gap: float  # largest minus smallest member mean (1 to 5), as shown
    means: Mapping[str, float]  # member GSS -> mean answer (after reverse scoring)


def widest_statements(
    item_scores: Mapping[str, Mapping[str, Sequence[float]]],
    passing: Sequence[str],
    count: int = 5,
) -> list[StatementGap]:
    """The statements the members see most differently: the largest F of each item's
    scores by member (contract section 10). ``item_scores`` maps item -> member -> the
    scored answers (1 to 5, reversed where the statement is) of that member's
    respondents. Only members in ``passing`` count, and an item needs two of them."""
    found = []
    for item, by_member in item_scores.items():
        scores = {g: list(v) for g, v in by_member.items() if g in passing and len(v)}
        result = anova(list(scores.values()))
        if result is None:  # fewer than two members answered it
            continue
        means = {g: sum(v) / len(v) for g, v in scores.items()}
        spread = max(means.values()) - min(means.values())
        found.append(StatementGap(item, result.f, spread, MappingProxyType(means)))
    return sorted(found, key=lambda g: (-g.f, -g.gap, g.item))[:count]


def module_indices(
    module: PartnershipModule, responses: Sequence[Mapping[str, str]]
) -> dict[str, list[float]]:
    """Per factor, each respondent's own index (0 to 100) from the partnership module,
    with the main questionnaire's rules: reverse scoring, Don't know missing, and a
    factor counted only when at least half its statements were answered. ``module`` is
    the one the respondents answered: expanded (:meth:`PartnershipModule.expand`) when it
    has per_member statements, each of which then counts like any other statement."""
    indices: dict[str, list[float]] = {f: [] for f in CORE_FACTORS}
    for answers in responses:
        for factor in CORE_FACTORS:
            mean = respondent_factor_mean(answers, module.factor_items(factor))
            if mean is not None:
                indices[factor].append(float(factor_index(mean)))
    return indices


def item_scores(
    module: PartnershipModule, responses: Sequence[Mapping[str, str]], others: Sequence[str] = ()
) -> dict[str, list[float]]:
    """Each module statement's scored answers (1 to 5, after reverse scoring), Don't know
    left out, one per respondent. A per_member statement, asked about each of ``others``,
    is pooled back under its own id: each respondent counts once, with the mean of their
    answers about the other members, so that the statement's F counts people, not
    answers."""
    found: dict[str, list[float]] = {item.id: [] for item in module.items}
    asked = module.expand(others).items
    for answers in responses:
        given: dict[str, list[int]] = {}
        for item in asked:
            score = item_score(answers.get(item.id), item.reverse)
            if score is not None:
                given.setdefault(pooled_id(item.id), []).append(score)
        for item_id, scores in given.items():
            found[item_id].append(scores[0] if len(scores) == 1 else sum(scores) / len(scores))
    return found


@dataclass(frozen=True)
class PartnershipResults:
    """A partnership's view of one round: how many of each confirmed member's people
    answered the module, which members pass the threshold, the perception gap per core
    factor, and the statements seen most differently. Frozen (it is cached and shared)."""

    respondents: Mapping[str, int]  # confirmed member GSS -> people who answered the module
    passing: tuple[str, ...]  # members with at least the minimum, in member order
    gaps: Mapping[str, PerceptionGap]  # core factor id -> gap
    widest: tuple[StatementGap, ...]
    items: Mapping[str, object]  # module item id -> the module's item
    # How well the passing members understand each other (module version 2), by pair.
    understanding: tuple[Understanding, ...] = ()


def partnership_results(
    module: PartnershipModule,
    by_member: Mapping[str, Sequence[Mapping[str, str]]],
    minimum: int,
) -> PartnershipResults:
    """Everything the partnership page and report show, from each confirmed member's
    answers to the module (item ids without the partnership's prefix). Each member's
    respondents answered the per_member statements about every other member in
    ``by_member``. Members below ``minimum`` are counted but never enter a figure."""
    others = {gss: [g for g in by_member if g != gss] for gss in by_member}
    indices = {
        gss: module_indices(module.expand(others[gss]), responses)
        for gss, responses in by_member.items()
    }
    gaps = {
        factor: perception_gap({gss: ix[factor] for gss, ix in indices.items()}, minimum)
        for factor in CORE_FACTORS
    }
    passing = tuple(gss for gss, responses in by_member.items() if len(responses) >= minimum)
    scores = {gss: item_scores(module, by_member[gss], others[gss]) for gss in passing}
    widest = widest_statements(
        {item.id: {gss: s[item.id] for gss, s in scores.items()} for item in module.items},
        passing,
    )
    return PartnershipResults(
        respondents=MappingProxyType({gss: len(r) for gss, r in by_member.items()}),
        passing=passing,
        gaps=MappingProxyType(gaps),
        widest=tuple(widest),
        items=MappingProxyType({item.id: item for item in module.items}),
        understanding=understanding(module, by_member, passing),
    )
