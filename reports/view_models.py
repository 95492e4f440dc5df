"""What a page and its PDF both show, built once: figures, chart specs and alt text.

- :func:`council_results`: a council's own scores with the level of each factor (its
  results page, and the levels in its report);
- :func:`peer_comparison`: the council against its peers and nationally (the benchmark
  page, and the council report);
- :func:`national_view`: the league, groups, heat map and charts (the national page and
  the national summary);
- :func:`partnership_view`: members side by side (the partnership page and report).

Each returns a frozen object; charts are built when asked for (:class:`Chart`: a Plotly
figure and its alt text), in the language of the ``texts`` and ``_`` passed, so a page
that shows no chart pays nothing for it. Pages turn a chart into JSON
(:func:`reports.charts.figure_json`), PDFs into SVG (:mod:`reports.svg`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reports.benchmark_charts import (
    barrier_bars,
    box_by_group,
    groups_alt,
    heat_map,
    heat_map_data,
)
from reports.council_charts import factor_intervals, factor_intervals_alt
from reports.document_charts import partnership_figure
from reports.funnel_chart import funnel_alt, funnel_plot
from scoring.benchmark import Funnel
from scoring.breakdown import CONTACT, Breakdown, breakdown
from scoring.council import CouncilScore, FactorScore, maturity_level
from scoring.instrument import Factor, Instrument
from scoring.national import (
    INDEX,
    Comparison,
    CouncilRow,
    RoundResults,
    compare,
    peer_barrier_medians,
)
from scoring.partnership import PartnershipResults
from scoring.partnership_module import PartnershipModule, name_council
from scoring.rounding import display


class Chart(NamedTuple):
    figure: object  # a plotly Figure, or a figure dict
    alt: str


class FactorRow(NamedTuple):
    factor: Factor
    score: FactorScore | None  # None when the factor has too few answers
    level: tuple[int, str] | None  # (level, its name), as scoring.council.maturity_level


@dataclass(frozen=True)
class CouncilResults:
    council_name: str
    instrument: Instrument
    score: CouncilScore
    factors: tuple[FactorRow, ...]
    contact: Breakdown | None = None  # factor indices by contact with partners (v2)

    def chart(self, _=str) -> Chart | None:
        """The collaboration index and each factor shown, with their 95% intervals (the
        report's page-1 chart without the medians), or None with no factor shown."""
        if not self.score.factors:
            return None
        score = self.score
        own = [(f.id, fs.index, fs.n, (fs.low, fs.high)) for f, fs, _level in self.factors if fs]
        if score.collaboration_index is not None:
            interval = (score.index_low, score.index_high)
            own.insert(0, (INDEX, score.collaboration_index, score.n, interval))
        comparisons = [Comparison(m, v, n, None, None, None, None, None) for m, v, n, _i in own]
        intervals = {m: i for m, _v, _n, i in own}
        titles = {f.id: f.title for f in self.instrument.factors}
        titles[INDEX] = _("Collaboration index")
        return Chart(
            factor_intervals(comparisons, intervals, titles, self.council_name, _, 40),
            factor_intervals_alt(comparisons, intervals, titles, self.council_name, _),
        )


def council_results(
    instrument: Instrument,
    score: CouncilScore,
    council_name: str,
    responses: Sequence[Mapping] = (),
    texts: Instrument | None = None,
):
    """Each factor of the instrument with the council's score and level (if shown), and
    with the council's ``responses`` the breakdown by contact with partners (labels from
    ``texts``, the questionnaire in the reader's language)."""
    rows = []
    for factor in instrument.factors:
        fs = score.factors.get(factor.id)
        rows.append(FactorRow(factor, fs, maturity_level(fs.index, instrument) if fs else None))
    contact = (
        breakdown(instrument, responses, CONTACT, score.min_respondents, texts)
        if responses and not score.suppressed
        else None
    )
    return CouncilResults(council_name, instrument, score, tuple(rows), contact)


@dataclass(frozen=True)
class PeerComparison:
    results: RoundResults
    council_name: str
    comparisons: tuple[Comparison, ...]  # the index first, then each factor shown
    gss: str = ""
    peers: tuple[str, ...] = ()

    @property
    def barrier_medians(self) -> dict[str, float | None]:
        """Each barrier's median share among the peers (None with too few peers)."""
        return peer_barrier_medians(self.results, self.gss, self.peers)

    @property
    def by_measure(self) -> dict[str, Comparison]:
        return {c.measure: c for c in self.comparisons}

    @property
    def index(self) -> Comparison | None:
        return self.by_measure.get(INDEX)

    @property
    def intervals(self) -> dict[str, tuple[float | None, float | None]]:
        """The council's 95% interval on the index and on each factor it has."""
        row = self.results.rows.get(self.gss)
        if row is None or row.score.suppressed:
            return {}
        score = row.score
        return {
            INDEX: (score.index_low, score.index_high),
            **{f: (fs.low, fs.high) for f, fs in score.factors.items() if fs},
        }

    def interval_chart(self, titles: Mapping[str, str], _=str, row_height: int = 26) -> Chart:
        """The council's figures with their 95% intervals beside the peer and national
        medians (the benchmark page, and page 1 of the council report); ``titles`` names
        each measure in the reader's language."""
        comparisons, intervals = self.comparisons, self.intervals
        return Chart(
            factor_intervals(comparisons, intervals, titles, self.council_name, _, row_height),
            factor_intervals_alt(comparisons, intervals, titles, self.council_name, _),
        )


def peer_comparison(
    results: RoundResults, gss: str, peers: Sequence[str], council_name: str
) -> PeerComparison:
    """The council against ``peers`` (codes from :func:`scoring.national.peer_codes`);
    no comparisons for a council below the threshold."""
    return PeerComparison(
        results, council_name, tuple(compare(results, gss, peers)), gss, tuple(peers)
    )


NATIONAL_CHARTS = ("funnel", "types", "regions", "heat", "barriers")
HEAT_ALT = (
    "Heat map of mean factor indices by region; every figure is written in its cell and "
    "listed in the table below."
)
BARRIERS_ALT = (
    "Bar chart of the share calling each barrier significant or major, this round beside "
    "the BT survey of 2014 (context only); the figures are in the table below."
)


@dataclass(frozen=True)
class NationalView:
    results: RoundResults
    rows: tuple[CouncilRow, ...]  # the league: ranked councils, then the rest by name
    by_type: Mapping[str, list[float]]
    by_region: Mapping[str, list[float]]
    heat: tuple  # (regions, factors, mean index per region and factor)

    @property
    def ranked(self) -> int:
        return len(self.results.passing())

    @property
    def funnel(self) -> Funnel | None:
        return self.results.funnels.get(INDEX)

    @property
    def outside(self) -> list[CouncilRow]:
        """Councils outside the 99.8% funnel limits."""
        return [r for r in self.results.passing() if r.funnel in ("above", "below")]

    def chart(self, name: str) -> Chart:
        """One of :data:`NATIONAL_CHARTS`."""
        results = self.results
        if name == "funnel":
            return Chart(funnel_plot(results), funnel_alt(results))
        if name == "types":
            return Chart(
                box_by_group(self.by_type, "Collaboration index"),
                groups_alt(self.by_type, "council type"),
            )
        if name == "regions":
            return Chart(
                box_by_group(self.by_region, "Collaboration index"),
                groups_alt(self.by_region, "region or nation"),
            )
        if name == "heat":
            return Chart(heat_map(results), HEAT_ALT)
        if name == "barriers":
            return Chart(barrier_bars(results), BARRIERS_ALT)
        raise ValueError(f"no national chart called {name!r}")


def national_view(results: RoundResults) -> NationalView:
    return NationalView(
        results,
        tuple(results.league()),
        results.by_group("type_name"),
        results.by_group("region"),
        heat_map_data(results),
    )


@dataclass(frozen=True)
class PartnershipView:
    partnership: Mapping
    results: PartnershipResults
    min_respondents: int

    @property
    def names(self) -> dict[str, str]:
        return {m["gss"]: m["name"] for m in self.partnership["members"]}

    def chart(self, texts: Instrument, _=str) -> Chart:
        """Each member's index per factor, with every figure in the alt text."""
        names = self.names
        parts = []
        for factor, gap in self.results.gaps.items():
            figures = ", ".join(f"{names[m.gss]} {display(m.mean)}" for m in gap.compared)
            parts.append(f"{texts.factor(factor).title}: {figures}")
        return Chart(
            partnership_figure(self.results, names, texts, _),
            _("Each member's index for the partnership, by factor. %(figures)s.")
            % {"figures": "; ".join(parts)},
        )


def partnership_view(
    partnership: Mapping, results: PartnershipResults, min_respondents: int
) -> PartnershipView:
    return PartnershipView(partnership, results, min_respondents)


def statement_texts(module: PartnershipModule, each_other: str) -> dict[str, str]:
    """Each module statement's text where its answers are shown pooled (the statements
    seen most differently): a per_member statement names ``each_other`` ("each other
    council", in the reader's language) in place of one member."""
    return {
        item.id: name_council(item.text, each_other) if item.id in module.per_member else item.text
        for item in module.items
    }
