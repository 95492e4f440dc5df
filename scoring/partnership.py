"""How differently the members of a partnership see it: the perception gap per factor.

For one factor, each member council contributes its respondents' own factor indices
(0 to 100) from the partnership module. Only members with at least ``minimum``
respondents take part; the others are listed as too small and never enter any figure, so
nothing about a small member can be worked out from the partnership's results.

- **Gap**: the largest minus the smallest member mean.
- **Interval**: 95% bootstrap percentile interval of the gap (each member's respondents
  resampled with replacement, B = 1000, fixed seed), as for league-table ranks.
- **Test**: do the members' means differ by more than their respondents' spread explains?
  Q = sum(n_i * (m_i - m)**2) / s**2, with m the respondent-weighted mean of the member
  means and s**2 the pooled within-member variance (ddof=1). Under no real difference
  Q follows chi-square with k - 1 degrees of freedom; the gap is flagged when p < 0.05.
  (This is one-way ANOVA's between-groups sum of squares over the pooled variance; the
  same pooled spread the funnel plot uses.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from scoring.council import factor_index, item_score, respondent_factor_mean
from scoring.instrument import CORE_FACTORS, PartnershipModule

BOOTSTRAP = 1000
DEFAULT_SEED = 20261128
ALPHA = 0.05


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for chi-square with integer ``df`` degrees of freedom, in closed form.

    Written here rather than adding SciPy (tens of megabytes) for one function; the tests
    check it against published critical values.
    """
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for j in range(1, df // 2):
            term *= half / j
            total += term
        return min(1.0, math.exp(-half) * total)
    total = math.erfc(math.sqrt(half))
    term = math.sqrt(half) / math.gamma(1.5)  # j = 1: half**0.5 / Gamma(3/2)
    for j in range(1, (df - 1) // 2 + 1):
        if j > 1:
            term *= half / (j - 0.5)
        total += math.exp(-half) * term
    return min(1.0, total)


@dataclass(frozen=True)
class MemberFigure:
    gss: str
    n: int
    mean: float | None  # None when the member is below the threshold


@dataclass(frozen=True)
class PerceptionGap:
    members: tuple[MemberFigure, ...]  # every member, small ones without a mean
    gap: float | None  # None with fewer than 2 members that pass the threshold
    low: float | None
    high: float | None
    q: float | None
    p: float | None
    flagged: bool
    seed: int = DEFAULT_SEED

    @property
    def compared(self) -> tuple[MemberFigure, ...]:
        return tuple(m for m in self.members if m.mean is not None)


def perception_gap(
    members: Mapping[str, Sequence[float]],
    minimum: int,
    seed: int = DEFAULT_SEED,
    resamples: int = BOOTSTRAP,
) -> PerceptionGap:
    """The gap, its interval and the test for one factor. ``members`` maps each member's
    GSS code to its respondents' factor indices."""
    figures = tuple(
        MemberFigure(gss, len(values), float(np.mean(values)) if len(values) >= minimum else None)
        for gss, values in sorted(members.items())
    )
    shown = {gss: np.asarray(values, dtype=float) for gss, values in sorted(members.items())
             if len(values) >= minimum}  # fmt: skip
    if len(shown) < 2:
        return PerceptionGap(figures, None, None, None, None, None, False, seed)
    means = np.array([v.mean() for v in shown.values()])
    sizes = np.array([len(v) for v in shown.values()])
    gap = float(means.max() - means.min())
    q, p = _heterogeneity(list(shown.values()), means, sizes)
    rng = np.random.default_rng(seed)
    gaps = np.empty(resamples)
    for b in range(resamples):
        resampled = [rng.choice(v, size=len(v), replace=True).mean() for v in shown.values()]
        gaps[b] = max(resampled) - min(resampled)
    low, high = np.percentile(gaps, [2.5, 97.5])
    return PerceptionGap(figures, gap, float(low), float(high), q, p, p < ALPHA, seed)


def _heterogeneity(values, means, sizes) -> tuple[float, float]:
    within = sum(((v - v.mean()) ** 2).sum() for v in values)
    dof = int(sizes.sum() - len(values))
    overall = float((sizes * means).sum() / sizes.sum())
    between = float((sizes * (means - overall) ** 2).sum())
    if within == 0:
        # Everyone within each member answered alike: any difference between members is
        # beyond chance, and no difference is none.
        return (math.inf, 0.0) if between > 0 else (0.0, 1.0)
    pooled = within / dof
    q = between / pooled
    return q, chi2_sf(q, len(values) - 1)


@dataclass(frozen=True)
class StatementGap:
    item: str
    gap: float
    means: dict[str, float]  # member GSS -> mean answer (1 to 5, after reverse scoring)


def widest_statements(
    item_means: Mapping[str, Mapping[str, float]], passing: Sequence[str], count: int = 5
) -> list[StatementGap]:
    """The statements on which member councils differ most (largest minus smallest member
    mean), for workshop prompts. Only members in ``passing`` (at or above the threshold)
    count; a statement needs at least two of them."""
    gaps = []
    for item, by_member in item_means.items():
        means = {gss: m for gss, m in by_member.items() if gss in passing}
        if len(means) >= 2:
            gaps.append(StatementGap(item, max(means.values()) - min(means.values()), means))
    return sorted(gaps, key=lambda g: (-g.gap, g.item))[:count]


def module_indices(
    module: PartnershipModule, responses: Sequence[Mapping[str, str]]
) -> dict[str, list[float]]:
    """Per factor, each respondent's own index (0 to 100) from the partnership module,
    with the main questionnaire's rules: reverse scoring, Don't know missing, and a
    factor counted only when at least half its statements were answered."""
    indices: dict[str, list[float]] = {f: [] for f in CORE_FACTORS}
    for answers in responses:
        for factor in CORE_FACTORS:
            mean = respondent_factor_mean(answers, module.factor_items(factor))
            if mean is not None:
                indices[factor].append(float(factor_index(mean)))
    return indices


def item_means(
    module: PartnershipModule, responses: Sequence[Mapping[str, str]]
) -> dict[str, float]:
    """Each statement's mean answer (1 to 5, after reverse scoring) over those who answered."""
    means = {}
    for item in module.items:
        scores = [
            s for answers in responses if (s := item_score(answers.get(item.id), item.reverse))
        ]
        if scores:
            means[item.id] = sum(scores) / len(scores)
    return means


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


def partnership_results(
    module: PartnershipModule,
    by_member: Mapping[str, Sequence[Mapping[str, str]]],
    minimum: int,
) -> PartnershipResults:
    """Everything the partnership page and report show, from each confirmed member's
    answers to the module (item ids without the partnership's prefix). Members below
    ``minimum`` are counted but never enter a figure."""
    indices = {gss: module_indices(module, responses) for gss, responses in by_member.items()}
    gaps = {
        factor: perception_gap({gss: ix[factor] for gss, ix in indices.items()}, minimum)
        for factor in CORE_FACTORS
    }
    passing = tuple(gss for gss, responses in by_member.items() if len(responses) >= minimum)
    means = {gss: item_means(module, by_member[gss]) for gss in passing}
    widest = widest_statements(
        {
            item.id: {gss: m[item.id] for gss, m in means.items() if item.id in m}
            for item in module.items
        },
        passing,
    )
    return PartnershipResults(
        respondents=MappingProxyType({gss: len(r) for gss, r in by_member.items()}),
        passing=passing,
        gaps=MappingProxyType(gaps),
        widest=tuple(widest),
        items=MappingProxyType({item.id: item for item in module.items}),
    )
