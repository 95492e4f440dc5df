"""The plain-English summary paragraph of the council report, written from the figures.

Every sentence is chosen by the data: which factors are highest and lowest, where the
council sits among its peers (if it can be compared), where people agree least, and the
barrier most often named. Nothing is said that the figures do not support.
"""

from __future__ import annotations

from collections.abc import Mapping

from reports.words import AGREEMENT, Translate, same
from scoring.instrument import Instrument
from scoring.national import INDEX, Comparison, CouncilRow, RoundResults
from scoring.rounding import display

WEAK_AGREEMENT = ("lack of agreement", "weak agreement", "moderate agreement")


def _peer_sentence(comparison: Comparison, peer_group: str, _: Translate) -> str:
    peers = comparison.peers
    figures = {
        "n": peers.peers,
        "group": peer_group,
        "median": display(peers.median),
        "percentile": display(peers.percentile_rank),
    }
    if comparison.value > peers.q3:
        text = _(
            "Among %(n)s %(group)s, the index is in the top quarter of the group (peer "
            "median %(median)s; percentile %(percentile)s)."
        )
    elif comparison.value < peers.q1:
        text = _(
            "Among %(n)s %(group)s, the index is in the bottom quarter of the group (peer "
            "median %(median)s; percentile %(percentile)s)."
        )
    elif comparison.value >= peers.median:
        text = _(
            "Among %(n)s %(group)s, the index is at or above the median of the group (peer "
            "median %(median)s; percentile %(percentile)s)."
        )
    else:
        text = _(
            "Among %(n)s %(group)s, the index is below the median of the group (peer median "
            "%(median)s; percentile %(percentile)s)."
        )
    return text % figures


def summary_paragraph(
    name: str,
    row: CouncilRow,
    comparisons: Mapping[str, Comparison],
    instrument: Instrument,
    peer_group: str,
    results: RoundResults,
    _: Translate = same,
) -> str:
    """The paragraph in the language of ``_``; ``instrument`` gives the factor and
    barrier names in that language and ``peer_group`` is already translated."""
    score = row.score
    sentences = [
        _(
            "%(name)s's collaboration index is %(index)s out of 100, maturity level %(level)s "
            "(%(level_name)s), from %(n)s people's answers."
        )
        % {
            "name": name,
            "index": display(score.collaboration_index),
            "level": score.level,
            "level_name": instrument.level(score.level).name,
            "n": row.league_n,
        }
    ]
    factors = sorted(score.factors.values(), key=lambda f: f.index, reverse=True)
    high, low = factors[:2], factors[-2:]

    def named(fs) -> str:
        return f"{instrument.factor(fs.factor).title.lower()} ({display(fs.index)})"

    if high[0].index - low[-1].index < 5:
        sentences.append(
            _(
                "The five factors score within 5 points of each other, so no single one "
                "stands out as a strength or a weakness."
            )
        )
    else:
        sentences.append(
            _("People rate %(first)s and %(second)s highest, and %(third)s and %(fourth)s lowest.")
            % {
                "first": named(high[0]),
                "second": named(high[1]),
                "third": named(low[1]),
                "fourth": named(low[0]),
            }
        )
    index = comparisons.get(INDEX)
    if index is not None and index.peers is not None:
        sentences.append(_peer_sentence(index, peer_group, _))
    elif index is not None:
        sentences.append(
            _("Fewer than 3 %(group)s have enough responses, so there is no peer comparison yet.")
            % {"group": peer_group}
        )
    if index is not None and index.funnel == "above":
        sentences.append(
            _(
                "The index is above the range expected for a council with this many "
                "respondents: a difference that chance alone rarely makes."
            )
        )
    elif index is not None and index.funnel == "below":
        sentences.append(
            _(
                "The index is below the range expected for a council with this many "
                "respondents: a difference that chance alone rarely makes."
            )
        )
    disagreed = [f for f in factors if f.rwg_label in WEAK_AGREEMENT]
    if disagreed:
        least = min(disagreed, key=lambda f: f.rwg)
        sentences.append(
            _(
                "People agree least about %(factor)s (rwg(j) %(rwg)s, %(label)s): views "
                "differ, so that is worth discussing before acting on the average."
            )
            % {
                "factor": instrument.factor(least.factor).title.lower(),
                "rwg": display(least.rwg, 2),
                "label": _(AGREEMENT[least.rwg_label]),
            }
        )
    else:
        sentences.append(_("People broadly agree with each other on every factor."))
    barriers = [b for b in score.barriers.values() if b.share is not None]
    if barriers:
        top = max(barriers, key=lambda b: b.share)
        text = next(b.text for b in instrument.barriers if b.key == top.key)
        figures = {
            "barrier": text[0].lower() + text[1:],
            "share": display(100 * top.share),
        }
        if top.bt2014 is not None:
            sentence = _(
                "The barrier named most often is %(barrier)s: %(share)s%% call it significant "
                "or major (the BT survey of 2014 put it at %(bt)s%%, as context only: a "
                "different question and scale)."
            )
            figures["bt"] = display(100 * top.bt2014)
        else:
            sentence = _(
                "The barrier named most often is %(barrier)s: %(share)s%% call it significant "
                "or major."
            )
        sentences.append(sentence % figures)
    return " ".join(sentences)
