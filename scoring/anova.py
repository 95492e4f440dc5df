"""One-way analysis of variance of values by group: the partnership test (contract
section 10) and the reliability of council means, ICC(1) and ICC(2) (section 5), share
it. Notation after Bliese (2000)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.distributions import f_sf


@dataclass(frozen=True)
class Anova:
    """MSB, MSW, n0 and the F test of one grouping."""

    msb: float
    msw: float
    n0: float
    f: float  # inf when every group is uniform within but the groups differ
    p: float
    df1: int
    df2: int


def anova(groups: Sequence[Sequence[float]]) -> Anova | None:
    """MSB, MSW, n0, F and its p for ``groups`` (at least two, with more values than
    groups in all); None when it is undefined."""
    arrays = [np.asarray(g, dtype=float) for g in groups if len(g)]
    k = len(arrays)
    sizes = np.array([len(a) for a in arrays], dtype=float)
    total = sizes.sum()
    if k < 2 or total <= k:
        return None
    means = np.array([a.mean() for a in arrays])
    grand = float(np.concatenate(arrays).mean())
    msb = float((sizes * (means - grand) ** 2).sum() / (k - 1))
    msw = float(sum(((a - a.mean()) ** 2).sum() for a in arrays) / (total - k))
    n0 = float((total - (sizes**2).sum() / total) / (k - 1))
    df1, df2 = k - 1, int(total - k)
    if msw == 0:
        f, p = (math.inf, 0.0) if msb > 0 else (0.0, 1.0)
    else:
        f = msb / msw
        p = f_sf(f, df1, df2)
    return Anova(msb, msw, n0, f, p, df1, df2)


@dataclass(frozen=True)
class CouncilReliability:
    """How reliable council means are on one factor (contract section 5): ICC(1), the
    share of variance between councils, and ICC(2), the reliability of a council's mean.
    ICC(2) below 0.70 is flagged: council means are not reliable enough to rank."""

    factor: str
    councils: int
    icc1: float | None
    icc2: float | None

    @property
    def flagged(self) -> bool:
        return self.icc2 is not None and self.icc2 < ICC2_FLAG


ICC2_FLAG = 0.70


def council_reliability(factor: str, groups: Sequence[Sequence[float]]) -> CouncilReliability:
    """ICC(1) = (MSB - MSW) / (MSB + (n0 - 1) * MSW), ICC(2) = (MSB - MSW) / MSB, over
    the councils that pass the threshold (``groups``: each council's respondents' factor
    values); None where undefined (fewer than two councils, or no variance)."""
    result = anova(groups)
    if result is None or result.msb == 0:
        return CouncilReliability(factor, len(groups), None, None)
    icc1 = (result.msb - result.msw) / (result.msb + (result.n0 - 1) * result.msw)
    icc2 = (result.msb - result.msw) / result.msb
    return CouncilReliability(factor, len(groups), icc1, icc2)
