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
    """Funnel-plot limits around ``target`` with over-dispersion (Spiegelhalter 2005,
    additive random effects): ``phi`` is the mean squared (winsorised) z-score, ``tau2``
    the between-council variance added to each council's sampling variance."""

    target: float
    spread: float
    phi: float = 1.0
    tau2: float = 0.0

    @property
    def tau(self) -> float:
        """Real differences between councils beyond chance, in index points (SD)."""
        return math.sqrt(self.tau2)

    def limits(self, n: int, z: float) -> tuple[float, float]:
        half = z * math.sqrt(self.spread**2 / n + self.tau2)
        return self.target - half, self.target + half

    def position(self, value: float, n: int) -> str:
        """ "above" or "below" outside the 99.8% limits, else "within"."""
        low, high = self.limits(n, Z998)
        if value > high:
            return "above"
        if value < low:
            return "below"
        return "within"


WINSORISE = (10, 90)  # percentiles of the z-scores kept when estimating phi


def over_dispersion(
    values: Sequence[float], counts: Sequence[int], target: float, spread: float
) -> tuple[float, float]:
    """``(phi, tau2)`` for the funnel (contract section 7): z-scores against the target,
    winsorised at their 10th and 90th percentiles; ``phi = mean(z_w**2)``; ``tau2 = 0``
    when ``g * phi <= g - 1``, else ``(g*phi - (g-1)) / (sum(w) - sum(w**2)/sum(w))`` with
    ``w = 1/se**2``."""
    g = len(values)
    se = spread / np.sqrt(np.asarray(counts, dtype=float))
    z = (np.asarray(values, dtype=float) - target) / se
    low, high = np.percentile(z, WINSORISE)
    phi = float((np.clip(z, low, high) ** 2).mean())
    if g * phi <= g - 1:
        return phi, 0.0
    w = 1 / se**2
    return phi, float((g * phi - (g - 1)) / (w.sum() - (w**2).sum() / w.sum()))


def funnel(council_values: Sequence[float], respondent_values: Sequence[Sequence[float]]):
    """Target (unweighted mean of council values), pooled spread and over-dispersion;
    None without data or without any variation within councils (the limits would
    collapse onto the target)."""
    if not council_values:
        return None
    spread = pooled_spread(respondent_values)
    if not spread:
        return None
    target = statistics.fmean(council_values)
    counts = [len(v) for v in respondent_values]
    phi, tau2 = over_dispersion(council_values, counts, target, spread)
    return Funnel(target, spread, phi, tau2)
