"""A whole round at once: every council's scores, the league table with rank intervals,
funnel limits, peer comparisons and national summaries (contract sections 3 and 5-8).

Only councils that pass the respondent threshold take part in any comparison or
aggregate, so no figure of a council below the threshold can be read from them, or worked
out by subtracting one published figure from another.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from scoring.anova import CouncilReliability, council_reliability
from scoring.benchmark import MIN_PEERS, Z95, Z998, Funnel, PeerStats, funnel, peer_stats
from scoring.confidentiality import check_min_respondents
from scoring.council import (
    BARRIER_SIGNIFICANT,
    Answers,
    CouncilScore,
    item_scores,
    respondent_means,
    score_council,
)
from scoring.instrument import DONT_KNOW, Instrument
from scoring.league import DEFAULT_SEED, DRAWS, rank_councils
from scoring.reliability import FactorReliability, instrument_reliability

INDEX = "index"  # the collaboration index, beside the factor ids
PEER_GROUPS = {
    "all": "All councils",
    "type": "Councils of the same type",
    "nation": "Councils in the same nation (in England, the same region)",
    "nearest": "The 20 councils of the same type nearest in population",
    "chosen": "Councils you choose",
}
NEAREST = 20


@dataclass(frozen=True)
class CouncilRow:
    """One council in a scored round. Frozen, as is :class:`RoundResults`: results are
    cached per worker and shared by every request that reads the round."""

    council: Mapping
    score: CouncilScore
    league_n: int
    samples: Mapping[str, tuple[float, ...]]  # measure -> respondents' own indices
    passes: bool = False
    rank: float | None = None
    rank_low: int | None = None
    rank_high: int | None = None
    funnel: str | None = None
    percentile_in_type: float | None = None

    @property
    def gss(self) -> str:
        return self.council["gss"]

    def value(self, measure: str) -> float | None:
        """The council's collaboration index or factor index, if shown."""
        if not self.passes:
            return None
        if measure == INDEX:
            return self.score.collaboration_index
        factor = self.score.factors.get(measure)
        return factor.index if factor else None

    def n(self, measure: str) -> int:
        return self.league_n if measure == INDEX else len(self.samples[measure])


@dataclass(frozen=True)
class RoundResults:
    instrument: Instrument
    min_respondents: int
    seed: int
    draws: int
    rows: Mapping[str, CouncilRow]
    funnels: Mapping[str, Funnel | None] = field(default_factory=dict)
    reliability: Mapping[str, FactorReliability] = field(default_factory=dict)
    council_reliability: Mapping[str, CouncilReliability] = field(default_factory=dict)
    barrier_shares: Mapping[str, tuple[float | None, int]] = field(default_factory=dict)

    @property
    def measures(self) -> list[str]:
        return [INDEX] + [f.id for f in self.instrument.factors]

    def passing(self) -> list[CouncilRow]:
        return [r for r in self.rows.values() if r.passes]

    def league(self) -> list[CouncilRow]:
        """Ranked councils first (by rank), then those below the threshold by name."""
        ranked = sorted(self.passing(), key=lambda r: (r.rank, r.council["name"]))
        others = sorted(
            (r for r in self.rows.values() if not r.passes), key=lambda r: r.council["name"]
        )
        return ranked + others

    def national_median(self, measure: str) -> float | None:
        values = [v for r in self.passing() if (v := r.value(measure)) is not None]
        return statistics.median(values) if values else None

    def by_group(self, key: str, measure: str = INDEX) -> dict[str, list[float]]:
        """Council values grouped by a council field (type_name, region)."""
        groups: dict[str, list[float]] = {}
        for row in self.passing():
            value = row.value(measure)
            if value is not None:
                groups.setdefault(row.council[key], []).append(value)
        return dict(sorted(groups.items()))


def score_round(
    instrument: Instrument,
    councils: Sequence[Mapping],
    responses: Mapping[str, Sequence[Answers]],
    min_respondents: int,
    seed: int = DEFAULT_SEED,
    draws: int = DRAWS,
) -> RoundResults:
    """Score every council with submitted responses and rank those passing the threshold."""
    check_min_respondents(min_respondents)
    factor_ids = [f.id for f in instrument.factors]
    measures = [INDEX, *factor_ids]
    scored: list[CouncilRow] = []
    # Per council, each response's item scores in the order of instrument.items.
    scored_by_council: dict[str, list[tuple[int | None, ...]]] = {}
    items = instrument.items  # a property that builds its tuple: once, not per person
    for council in councils:
        answers = responses.get(council["gss"], [])
        if not answers:
            continue
        samples: dict[str, list[float]] = {m: [] for m in measures}
        # Each answer scored once, for the means, agreement and reliability alike.
        scores = item_scores(items, answers)
        scored_by_council[council["gss"]] = scores
        means = [respondent_means(instrument, p, s) for p, s in zip(answers, scores, strict=True)]
        for own in means:
            # Floats here: these feed the rank intervals and funnel spread, not shown figures.
            indices = {fid: 25 * (float(m) - 1) for fid, m in own.items() if m is not None}
            for fid, value in indices.items():
                samples[fid].append(value)
            if len(indices) == len(factor_ids):
                samples[INDEX].append(sum(indices.values()) / len(indices))
        score = score_council(instrument, answers, min_respondents, means, scores)
        league_n = len(samples[INDEX])
        passes = (
            not score.suppressed
            and score.collaboration_index is not None
            and league_n >= min_respondents
        )
        frozen = MappingProxyType({m: tuple(v) for m, v in samples.items()})
        row = CouncilRow(MappingProxyType(dict(council)), score, league_n, frozen, passes)
        scored.append(row)
    passing = [r for r in scored if r.passes]

    funnels = {}
    for measure in measures:
        with_value = [r for r in passing if r.value(measure) is not None]
        funnels[measure] = funnel(
            [r.value(measure) for r in with_value], [r.samples[measure] for r in with_value]
        )
    index_funnel = funnels[INDEX]
    ranked = rank_councils(
        {r.gss: r.score.collaboration_index for r in passing},
        {r.gss: r.league_n for r in passing},
        index_funnel.spread if index_funnel else None,
        draws,
        seed,
    )
    rows: dict[str, CouncilRow] = {}
    for row in scored:
        if row.passes:
            place = ranked[row.gss]
            same_type = [
                p.score.collaboration_index
                for p in passing
                if p.council["type"] == row.council["type"] and p.gss != row.gss
            ]
            stats = peer_stats(row.score.collaboration_index, same_type)
            row = replace(
                row,
                rank=place.rank,
                rank_low=place.rank_low,
                rank_high=place.rank_high,
                percentile_in_type=stats.percentile_rank if stats else None,
                funnel=(
                    index_funnel.position(row.value(INDEX), row.league_n) if index_funnel else None
                ),
            )
        rows[row.gss] = row

    pooled = [a for r in passing for a in responses[r.gss]]
    # Alpha is the instrument's reliability: every council's complete respondents count,
    # whatever the council's own number (contract section 5).
    everyone = [a for answers in responses.values() for a in answers]
    everyone_scores = [
        score
        for gss, answers in responses.items()
        for score in scored_by_council.get(gss) or item_scores(items, answers)
    ]
    iccs = {
        factor: council_reliability(factor, [r.samples[factor] for r in passing])
        for factor in factor_ids
    }
    barrier_shares = {}
    for barrier in instrument.barriers:
        given = [a.get(barrier.id) for a in pooled]
        answered = [v for v in given if v not in (None, "", DONT_KNOW)]
        significant = sum(v in BARRIER_SIGNIFICANT for v in answered)
        barrier_shares[barrier.key] = (
            significant / len(answered) if answered else None,
            len(answered),
        )
    return RoundResults(
        instrument,
        min_respondents,
        seed,
        draws,
        MappingProxyType(rows),
        MappingProxyType(funnels),
        MappingProxyType(instrument_reliability(instrument.factors, everyone, everyone_scores)),
        MappingProxyType(iccs),
        MappingProxyType(barrier_shares),
    )


def peer_codes(
    results: RoundResults,
    gss: str,
    group: str,
    chosen: Sequence[str] = (),
    *,
    public_min: int,
) -> list[str]:
    """GSS codes of a council's peer group (the council itself excluded).

    A group the council chooses counts only councils at or above ``public_min``
    (``PUBLIC_MIN_RESPONDENTS``): a lead picks its members, so it could otherwise pick a
    council never published and read its index from the peer figures (contract
    section 6). :func:`chosen_left_out` says which were left out."""
    me = results.rows[gss].council
    others = [r.council for r in results.rows.values() if r.gss != gss]
    if group == "all":
        members = others
    elif group == "type":
        members = [c for c in others if c["type"] == me["type"]]
    elif group == "nation":
        # In England the region; a council with no region recorded, its nation.
        key = "region" if me["nation"] == "England" and me.get("region") else "nation"
        members = [c for c in others if c[key] == me[key]]
    elif group == "nearest":
        same_type = [c for c in others if c["type"] == me["type"] and c.get("population")]
        population = me.get("population") or 0
        same_type.sort(key=lambda c: (abs(c["population"] - population), c["gss"]))
        members = same_type[:NEAREST]
    elif group == "chosen":
        wanted = set(chosen)
        members = [
            c
            for c in others
            if c["gss"] in wanted and _published(results.rows[c["gss"]], public_min)
        ]
    else:
        raise ValueError(f"unknown peer group {group!r}")
    return sorted(c["gss"] for c in members)


# Where a council's own type gives too few peers, the wider groups tried in turn.
WIDER_GROUPS = ("nation", "all")


def comparable_group(results: RoundResults, gss: str, *, public_min: int) -> str:
    """The peer group for a reader who has not chosen one: the council's own type if it
    gives at least ``MIN_PEERS`` peers that pass the threshold (so peer figures can be
    shown), otherwise the first of its nation (in England, its region) and all councils
    that does. When none does, its type: a wider group would show no peer figures either,
    so there is nothing to gain by leaving the council's own type."""
    for group in ("type", *WIDER_GROUPS):
        peers = peer_codes(results, gss, group, public_min=public_min)
        if sum(results.rows[code].passes for code in peers) >= MIN_PEERS:
            return group
    return "type"


def _published(row: CouncilRow, public_min: int) -> bool:
    return row.passes and row.league_n >= public_min and row.score.n >= public_min


def chosen_left_out(
    results: RoundResults, gss: str, chosen: Sequence[str], *, public_min: int
) -> list[str]:
    """The chosen councils that :func:`peer_codes` leaves out of a chosen group: those
    with fewer than ``public_min`` responses this round (none at all included)."""
    counted = set(peer_codes(results, gss, "chosen", chosen, public_min=public_min))
    return sorted(c for c in set(chosen) if c != gss and c not in counted)


@dataclass(frozen=True)
class Comparison:
    measure: str
    value: float
    n: int
    peers: PeerStats | None  # None with fewer than MIN_PEERS qualifying peers
    national_median: float | None
    funnel: str | None  # within / above / below the 99.8% limits
    limits95: tuple[float, float] | None
    limits998: tuple[float, float] | None


def compare(results: RoundResults, gss: str, peers: Sequence[str]) -> list[Comparison]:
    """The council against its peers, for the index and every factor it has.

    Only peers that pass the threshold count; a council that does not pass gets nothing.
    """
    row = results.rows.get(gss)
    if row is None or not row.passes:
        return []
    comparisons = []
    for measure in results.measures:
        value = row.value(measure)
        if value is None:
            continue
        peer_values = [
            v
            for code in peers
            if code != gss
            and code in results.rows
            and (v := results.rows[code].value(measure)) is not None
        ]
        fun = results.funnels.get(measure)
        n = row.n(measure)
        comparisons.append(
            Comparison(
                measure=measure,
                value=value,
                n=n,
                peers=peer_stats(value, peer_values),
                national_median=results.national_median(measure),
                funnel=fun.position(value, n) if fun else None,
                limits95=fun.limits(n, Z95) if fun else None,
                limits998=fun.limits(n, Z998) if fun else None,
            )
        )
    return comparisons


def peer_barrier_medians(
    results: RoundResults, gss: str, peers: Sequence[str]
) -> dict[str, float | None]:
    """Per barrier, the median share (Significant or Major) among the council's peers
    that pass the threshold and answered it (contract section 9); None with fewer than
    ``MIN_PEERS`` such peers, as for every peer statistic."""
    medians: dict[str, float | None] = {}
    for barrier in results.instrument.barriers:
        shares = [
            share
            for code in peers
            if code != gss
            and (row := results.rows.get(code)) is not None
            and row.passes
            and (share := row.score.barriers[barrier.key].share) is not None
        ]
        medians[barrier.key] = statistics.median(shares) if len(shares) >= MIN_PEERS else None
    return medians
