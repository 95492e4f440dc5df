"""League tables that admit uncertainty (scoring contract section 7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.rounding import round_half_away

BOOTSTRAP = 1000
DEFAULT_SEED = 20261128


def average_ranks(values: Sequence[float]) -> list[float]:
    """Rank 1 for the highest value; tied values share the average of their ranks."""
    array = np.asarray(values, dtype=float)
    order = np.sort(array)
    greater = len(array) - np.searchsorted(order, array, side="right")
    equal = np.searchsorted(order, array, side="right") - np.searchsorted(order, array, side="left")
    return [float(g + (e + 1) / 2) for g, e in zip(greater, equal, strict=True)]


def rank_intervals(
    samples: Sequence[Sequence[float]], bootstrap: int = BOOTSTRAP, seed: int = DEFAULT_SEED
) -> list[tuple[int, int]]:
    """95% bootstrap interval of each council's rank.

    ``samples[c]`` holds council c's respondents' own collaboration indices. In each of
    ``bootstrap`` resamples every council's respondents are drawn with replacement (same
    n), each council's index is the mean of the draw, and all councils are ranked. The
    interval is the 2.5th and 97.5th percentiles of each council's ranks (linear),
    rounded half away from zero.
    """
    if not samples:
        return []
    rng = np.random.default_rng(seed)
    means = np.empty((bootstrap, len(samples)))
    for c, values in enumerate(samples):
        array = np.asarray(values, dtype=float)
        draws = rng.integers(0, len(array), size=(bootstrap, len(array)))
        means[:, c] = array[draws].mean(axis=1)
    ranks = np.empty_like(means)
    for b in range(bootstrap):
        row = means[b]
        order = np.sort(row)
        right = np.searchsorted(order, row, side="right")
        left = np.searchsorted(order, row, side="left")
        ranks[b] = (len(row) - right) + (right - left + 1) / 2
    low, high = np.percentile(ranks, [2.5, 97.5], axis=0)
    return [
        (int(round_half_away(lo, 0)), int(round_half_away(hi, 0)))
        for lo, hi in zip(low, high, strict=True)
    ]


@dataclass(frozen=True)
class Ranked:
    gss: str
    rank: float
    rank_low: int
    rank_high: int


def rank_councils(
    indices: Mapping[str, float],
    samples: Mapping[str, Sequence[float]],
    bootstrap: int = BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> dict[str, Ranked]:
    """Point ranks from the councils' collaboration indices and bootstrap intervals from
    their respondents' own indices. Councils are taken in GSS order, so a seed always
    gives the same intervals for the same data."""
    codes = sorted(indices)
    points = average_ranks([indices[c] for c in codes])
    intervals = rank_intervals([samples[c] for c in codes], bootstrap, seed)
    return {
        code: Ranked(code, point, low, high)
        for code, point, (low, high) in zip(codes, points, intervals, strict=True)
    }
