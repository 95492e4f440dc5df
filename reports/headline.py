"""Page 1 of the council report: the story a chief executive reads in thirty seconds.

Everything here comes from the scored round and the council's plan: the collaboration
index with its 95% interval and level, the national rank with its rank interval, the
council's place in its named peer group, the two weakest factors, the barrier most named
beside the peers, the state of the agreed actions, and three next steps chosen from those
figures. The report's page 1 is written from this, and its test reads the PDF back
against the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from reports.text import in_language
from reports.words import Translate, same
from scoring.council import maturity_level
from scoring.instrument import Instrument
from scoring.national import INDEX, Comparison, CouncilRow, RoundResults
from scoring.rounding import display


@dataclass(frozen=True)
class Weak:
    factor: str
    title: str
    index: float
    low: float | None
    high: float | None
    level: int
    level_name: str
    # Whether its 95% interval lies wholly below every other factor's (else the lowest
    # scores may be chance, and page 1 says so).
    clearly: bool = False


@dataclass(frozen=True)
class Barrier:
    text: str
    share: float
    peers_median: float | None


@dataclass(frozen=True)
class Headline:
    index: float
    low: float | None
    high: float | None
    level: int
    level_name: str
    rank: float | None  # ties share the average of their places
    rank_low: int | None
    rank_high: int | None
    ranked: int
    standing: str  # "higher", "lower" or "middle": where the rank interval puts it
    peer_group: str
    peer_position: int | None  # 1 = highest among the peers and the council
    peer_count: int  # peers with enough responses (the council is not one of them)
    peer_median: float | None
    weakest: tuple[Weak, ...]
    barrier: Barrier | None
    actions: Mapping[str, int]  # status -> count
    overdue: tuple[str, ...]  # what each overdue action is (as its lead typed it)
    next_steps: tuple[Markup, ...]  # escaped, with user text tagged by language


def _standing(rank_low: int | None, rank_high: int | None, ranked: int) -> str:
    """Where the whole rank interval lies: in the top third, the bottom third, or
    neither (then the council cannot be told apart from the middle of the table)."""
    if rank_low is None or rank_high is None or ranked < 3:
        return "middle"
    if rank_high <= ranked / 3:
        return "higher"
    if rank_low > 2 * ranked / 3:
        return "lower"
    return "middle"


def peer_position(
    results: RoundResults, gss: str, peers: Sequence[str], measure: str = INDEX
) -> int:
    """The council's place among itself and its peers that pass the threshold on
    ``measure``: 1 is the highest, and councils tied with it do not push it down."""
    values = [
        v
        for code in peers
        if code != gss
        and (row := results.rows.get(code)) is not None
        and row.passes
        and (v := row.value(measure)) is not None
    ]
    own = results.rows[gss].value(measure)
    return 1 + sum(v > own for v in values)


def _barrier(row: CouncilRow, medians: Mapping[str, float | None], texts: Instrument):
    named = [
        (share.share, b)
        for b in texts.barriers
        if (share := row.score.barriers[b.key]).share is not None
    ]
    if not named:
        return None
    share, barrier = max(named, key=lambda pair: pair[0])
    return Barrier(barrier.text, share, medians.get(barrier.key))


def _next_steps(
    weakest: Sequence[Weak],
    overdue: Sequence[str],
    overdue_text: Markup,
    actions: Mapping[str, int],
    barrier: Barrier | None,
    texts: Instrument,
    _: Translate,
) -> tuple[str, ...]:
    steps = []
    for weak in weakest:
        ideas = texts.factor(weak.factor).suggestions_at(weak.level)
        if ideas:
            steps.append(
                Markup.escape(_("%(factor)s (level %(level)s): %(idea)s"))
                % {"factor": weak.title, "level": weak.level, "idea": ideas[0]}
            )
    if overdue:
        steps.append(
            Markup.escape(_("Agree a new date for each overdue action, or drop it, starting "
                            "with \"%(what)s\"."))
            % {"what": overdue_text}
        )  # fmt: skip
    elif not sum(actions.values()):
        steps.append(
            Markup.escape(_("Hold the two-hour workshop (the workshop pack has the agenda "
                            "and prompts) and agree two or three actions, each with a lead "
                            "and a date."))
        )  # fmt: skip
    elif barrier and barrier.peers_median is not None and barrier.share > barrier.peers_median:
        steps.append(
            Markup.escape(
                _('Find out why more of your people name "%(barrier)s" than in peer councils.')
            )
            % {"barrier": barrier.text}
        )
    else:
        steps.append(
            Markup.escape(_("Keep the agreed actions moving, and run the next round in a year to "
                            "see whether the factors have moved."))
        )  # fmt: skip
    return tuple(steps[:3])


def council_headline(
    results: RoundResults,
    gss: str,
    comparisons: Mapping[str, Comparison],
    peers: Sequence[str],
    peer_group: str,
    barrier_medians: Mapping[str, float | None],
    actions: Sequence[Mapping],
    texts: Instrument,
    _: Translate = same,
    lang: str = "en",
) -> Headline:
    """The page-1 figures for a council that passes the threshold. ``texts`` is the
    instrument in the document's language, ``_`` its translation."""
    row = results.rows[gss]
    score = row.score
    instrument = results.instrument
    ranked = sum(1 for r in results.rows.values() if r.passes and r.rank is not None)
    factors = sorted(
        (fs for fs in score.factors.values() if fs is not None),
        key=lambda fs: (fs.index, fs.factor),
    )
    weakest = []
    for fs in factors[:2]:
        level, _english = maturity_level(fs.index, instrument)
        others = [f.low for f in factors[2:] if f.low is not None]
        clearly = fs.high is not None and bool(others) and fs.high < min(others)
        weakest.append(
            Weak(fs.factor, texts.factor(fs.factor).title, fs.index, fs.low, fs.high,
                 level, texts.level(level).name, clearly)
        )  # fmt: skip
    counts: dict[str, int] = {}
    for action in actions:
        counts[action["status"]] = counts.get(action["status"], 0) + 1
    late = [a for a in actions if a.get("overdue")]
    overdue = tuple(a["what"] for a in late)
    # The action's own words, tagged with the language it was written in (the steps are
    # Markup, so the page does not escape the tag).
    overdue_text = in_language(late[0]["what"], late[0].get("text_lang"), lang) if late else ""
    barrier = _barrier(row, barrier_medians, texts)
    index = comparisons.get(INDEX)
    peer_stats = index.peers if index else None
    return Headline(
        index=score.collaboration_index,
        low=score.index_low,
        high=score.index_high,
        level=score.level,
        level_name=texts.level(score.level).name,
        rank=row.rank,
        rank_low=row.rank_low,
        rank_high=row.rank_high,
        ranked=ranked,
        standing=_standing(row.rank_low, row.rank_high, ranked),
        peer_group=peer_group,
        peer_position=peer_position(results, gss, peers) if peer_stats else None,
        peer_count=peer_stats.peers if peer_stats else 0,
        peer_median=peer_stats.median if peer_stats else None,
        weakest=tuple(weakest),
        barrier=barrier,
        actions=counts,
        overdue=overdue,
        next_steps=_next_steps(weakest, overdue, overdue_text, counts, barrier, texts, _),
    )


def percent(share: float | None) -> str:
    return "–" if share is None else f"{display(100 * share)}%"
