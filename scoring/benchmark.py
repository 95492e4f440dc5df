"""Peer statistics and funnel limits (scoring contract sections 6 and 7).

Pure functions over numbers; the caller decides which councils pass the threshold.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Contract section 8: with fewer peers the median and quartiles give away each peer's
# own index (three chosen peers gave all three).
MIN_PEERS = 5
Z95 = 1.959964
Z998 = 3.090232


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Q1, median, Q3 by linear interpolation between order statistics (inclusive)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def percentile_rank(value: float, peers: Sequence[float]) -> float:
    """``100 * (count(p < c) + 0.5 * count(p == c)) / len(P)``."""
    if not peers:
        raise ValueError("percentile rank needs at least one peer")
    below = sum(p < value for p in peers)
    equal = sum(p == value for p in peers)
    return 100 * (below + 0.5 * equal) / len(peers)


@dataclass(frozen=True)
class PeerStats:
    peers: int
    q1: float
    median: float
    q3: float
    percentile_rank: float


def peer_stats(value: float, peer_values: Sequence[float]) -> PeerStats | None:
    """Where a council sits among its peers; None with fewer than ``MIN_PEERS`` peers.

    ``peer_values`` must already exclude the council itself and any council below the
    respondent threshold.
    """
    if len(peer_values) < MIN_PEERS:
        return None
    q1, median, q3 = quartiles(list(peer_values))
    return PeerStats(len(peer_values), q1, median, q3, percentile_rank(value, peer_values))


def pooled_spread(groups: Sequence[Sequence[float]]) -> float | None:
    """Pooled within-council standard deviation, ``sqrt(sum((n-1) s^2) / sum(n-1))``."""
    numerator = 0.0
    dof = 0
    for values in groups:
        n = len(values)
        if n < 2:
            continue
        numerator += (n - 1) * float(np.var(np.asarray(values, dtype=float), ddof=1))
        dof += n - 1
    if dof == 0:
        return None
    return math.sqrt(numerator / dof)


@dataclass(frozen=True)
class Funnel:
    target: float
    spread: float

    def limits(self, n: int, z: float) -> tuple[float, float]:
        half = z * self.spread / math.sqrt(n)
        return self.target - half, self.target + half

    def position(self, value: float, n: int) -> str:
        """ "above" or "below" outside the 99.8% limits, else "within"."""
        low, high = self.limits(n, Z998)
        if value > high:
            return "above"
        if value < low:
            return "below"
        return "within"


def funnel(council_values: Sequence[float], respondent_values: Sequence[Sequence[float]]):
    """Target (unweighted mean of council values) and pooled spread; None without data or
    without any variation within councils (the limits would collapse onto the target)."""
    if not council_values:
        return None
    spread = pooled_spread(respondent_values)
    if not spread:
        return None
    return Funnel(statistics.fmean(council_values), spread)
