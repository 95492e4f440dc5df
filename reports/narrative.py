"""The plain-English summary paragraph of the council report, written from the figures.

Every sentence is chosen by the data: which factors are highest and lowest, where the
council sits among its peers (if it can be compared), where people agree least, and the
barrier most often named. Nothing is said that the figures do not support.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.instrument import Instrument
from scoring.national import INDEX, Comparison, CouncilRow, RoundResults
from scoring.rounding import display

WEAK_AGREEMENT = ("lack of agreement", "weak agreement", "moderate agreement")


def _position(comparison: Comparison) -> str | None:
    peers = comparison.peers
    if peers is None:
        return None
    if comparison.value > peers.q3:
        where = "in the top quarter of"
    elif comparison.value < peers.q1:
        where = "in the bottom quarter of"
    elif comparison.value >= peers.median:
        where = "at or above the median of"
    else:
        where = "below the median of"
    return where


def summary_paragraph(
    name: str,
    row: CouncilRow,
    comparisons: Mapping[str, Comparison],
    instrument: Instrument,
    peer_group: str,
    results: RoundResults,
) -> str:
    score = row.score
    sentences = [
        f"{name}'s collaboration index is {display(score.collaboration_index)} out of 100, "
        f"maturity level {score.level} ({score.level_name}), from {row.league_n} people's "
        "answers."
    ]
    factors = sorted(score.factors.values(), key=lambda f: f.index, reverse=True)
    high, low = factors[:2], factors[-2:]

    def named(fs) -> str:
        return f"{instrument.factor(fs.factor).title.lower()} ({display(fs.index)})"

    if high[0].index - low[-1].index < 5:
        sentences.append(
            "The five factors score within 5 points of each other, so no single one stands "
            "out as a strength or a weakness."
        )
    else:
        sentences.append(
            f"People rate {named(high[0])} and {named(high[1])} highest, and "
            f"{named(low[1])} and {named(low[0])} lowest."
        )
    index = comparisons.get(INDEX)
    if index is not None and index.peers is not None:
        sentences.append(
            f"Among {index.peers.peers} {peer_group}, the index is {_position(index)} the "
            f"group (peer median {display(index.peers.median)}; "
            f"{display(index.peers.percentile_rank)}th percentile)."
        )
    elif index is not None:
        sentences.append(
            f"Fewer than 3 {peer_group} have enough responses, so there is no peer comparison yet."
        )
    if index is not None and index.funnel in ("above", "below"):
        sentences.append(
            f"The index is {index.funnel} the range expected for a council with this many "
            "respondents: a difference that chance alone rarely makes."
        )
    disagreed = [f for f in factors if f.rwg_label in WEAK_AGREEMENT]
    if disagreed:
        least = min(disagreed, key=lambda f: f.rwg)
        sentences.append(
            f"People agree least about {instrument.factor(least.factor).title.lower()} "
            f"(rwg(j) {display(least.rwg, 2)}, {least.rwg_label}): views differ, so "
            "that is worth discussing before acting on the average."
        )
    else:
        sentences.append("People broadly agree with each other on every factor.")
    barriers = [b for b in score.barriers.values() if b.share is not None]
    if barriers:
        top = max(barriers, key=lambda b: b.share)
        text = next(b.text for b in instrument.barriers if b.key == top.key)
        bt = (
            f", against {display(100 * top.bt2014)}% of councils in the BT survey of 2014"
            if top.bt2014 is not None
            else ""
        )
        sentences.append(
            f"The barrier named most often is {text[0].lower() + text[1:]}: "
            f"{display(100 * top.share)}% call it significant or major{bt}."
        )
    return " ".join(sentences)
