"""The PDF documents: the council benchmark report and the national summary (the
workshop pack is in :mod:`reports.workshop`, the partnership report in
:mod:`reports.partnership_document`). Each builder takes scoring results (no
database, no Flask) and returns PDF bytes. What a document shares with its page comes
from :mod:`reports.view_models`; its own charts from :mod:`reports.document_charts`,
rendered to SVG through kaleido."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from babel.dates import format_date
from markupsafe import Markup

import templates
from reports.benchmark_charts import measure_title
from reports.council_charts import (
    WIDTH,
    barrier_bars,
    factor_strip,
)
from reports.document_charts import ANSWER_COLOURS
from reports.headline import council_headline, peer_position, percent
from reports.pdf import ReportFetcher, lay_out, page_of, render_html
from reports.svg import svg_data_uris
from reports.text import in_language, round_title_in
from reports.view_models import (
    council_results,
    peer_comparison,
)
from reports.words import AGREEMENT, PEER_GROUPS, STATUSES, register_name, trend_reason
from scoring.benchmark import MIN_PEERS
from scoring.council import maturity_level
from scoring.coverage import Coverage
from scoring.instrument import LANGUAGES, Instrument
from scoring.national import RoundResults
from scoring.rounding import display
from scoring.statements import StatementSpread


class NoReport(Exception):
    """This council cannot have a report (the message says why)."""


@dataclass
class CouncilInput:
    """Everything a council document needs, gathered by the caller."""

    council: Mapping
    round: Mapping
    results: RoundResults
    spreads: Sequence[StatementSpread]
    peer_group: str = "type"
    # The group it replaced ("type") when too few councils of the council's type took
    # part and the reader had not chosen a group; None otherwise.
    peer_group_instead_of: str | None = None
    # The council's submitted answers, for the breakdown by contact with partners.
    responses: Sequence[Mapping] = ()
    peers: Sequence[str] = ()
    trend: Mapping = field(default_factory=dict)
    # Agreed actions and targets ({"actions": [...], "targets": {factor: ...}}).
    plan: Mapping = field(default_factory=dict)
    # Partnerships with the module on in this round: name, member names, the partnership
    # results and the module's statements in the document's language.
    partnerships: Sequence[Mapping] = ()
    # The response rate (None when not gathered): for page 1 of the council report.
    coverage: Coverage | None = None
    made_on: dt.date = field(default_factory=dt.date.today)
    # The document's language, and the instrument's texts in it (the same questionnaire
    # as results.instrument, which scored it); None means the results' own (English).
    lang: str = "en"
    texts: Instrument | None = None

    def __post_init__(self):
        if self.lang not in LANGUAGES:
            raise NoReport(f"Reports can be in {' or '.join(LANGUAGES)}, not {self.lang!r}.")
        if self.texts is None:
            self.texts = self.results.instrument


class Charts:
    """Charts collected while a document's context is built, then rendered together
    (kaleido spreads them over its tabs), each filled into its placeholder."""

    def __init__(self):
        self._pending: list[tuple[dict, go.Figure | dict, int]] = []

    def add(self, fig: go.Figure | dict, alt: str, width: int = 760) -> dict:
        chart = {"src": None, "alt": alt}
        self._pending.append((chart, fig, width))
        return chart

    def render(self) -> None:
        uris = svg_data_uris([(fig, width) for _, fig, width in self._pending])
        for (chart, _, _), uri in zip(self._pending, uris, strict=True):
            chart["src"] = uri
        self._pending = []


def _statement_labels(texts: Instrument) -> dict[str, str]:
    """Short codes for statements in charts (T1, C3...; Y1, D3... in Welsh), spelled out
    in tables."""
    labels = {}
    for factor in texts.factors:
        prefix = "".join(word[0].upper() for word in factor.title.split())
        for number, item in enumerate(factor.items, start=1):
            labels[item.id] = f"{prefix}{number}"
    return labels


def _check(data: CouncilInput):
    row = data.results.rows.get(data.council["gss"])
    if row is None or not row.passes:
        n = row.league_n if row else 0
        raise NoReport(
            f"{data.council['name']} has {n} responses covering all five factors; a report "
            f"needs at least {data.results.min_respondents}."
        )
    return row


def level_text(index: float, instrument: Instrument, texts: Instrument, _=str) -> str:
    """The one rating a report gives a score: its maturity level, named in the document's
    language (contract section 3; the Wilder bands are no longer shown)."""
    number, _english = maturity_level(index, instrument)
    return _("Level %(level)s, %(name)s") % {"level": number, "name": texts.level(number).name}


def interval_text(low: float | None, high: float | None, _=str) -> str:
    """A figure's 95% interval in words, or nothing when there is none."""
    if low is None or high is None:
        return ""
    return _("95%% interval %(low)s to %(high)s") % {"low": display(low), "high": display(high)}


def council_context(data: CouncilInput, charts: bool = True) -> dict:
    results = data.results
    instrument = results.instrument
    texts = data.texts
    _ = templates.translations(data.lang).gettext
    row = _check(data)
    name = data.council["name"]
    comparison = peer_comparison(results, data.council["gss"], data.peers, name)
    comparisons = comparison.by_measure
    own = council_results(instrument, row.score, name, data.responses, texts)
    factors = [
        (f.factor, f.score, f.level, comparisons.get(f.factor.id))
        for f in own.factors
        if f.score is not None
    ]
    labels = _statement_labels(texts)
    by_factor = {
        f.id: [s for s in data.spreads if s.item.factor == f.id] for f in instrument.factors
    }
    peer_group = _(PEER_GROUPS[data.peer_group])
    council = data.council
    named = {
        "type": council.get("type_name"),
        "nearest": council.get("type_name"),
        "nation": council.get("region") or council.get("nation"),
    }.get(data.peer_group)
    peer_group_named = (
        Markup("{} ({})").format(peer_group, register_name(named, data.lang, _))
        if named
        else peer_group
    )
    if data.peer_group_instead_of == "type":
        # Say what was tried: the council's type and, for all councils, its nation or region.
        wider = (
            _("%(group)s: fewer than %(min)s other councils of its type (%(type)s), or in "
              "%(area)s, took part with enough responses")
            if data.peer_group == "all"
            else _("%(group)s: fewer than %(min)s other councils of its type (%(type)s) took "
                   "part with enough responses")
        )  # fmt: skip
        peer_group_named = Markup(wider) % {
            "group": peer_group_named,
            "min": MIN_PEERS,
            "type": register_name(council.get("type_name") or council.get("type"), data.lang, _),
            "area": register_name(council.get("region") or council.get("nation"), data.lang, _),
        }

    barrier_medians = comparison.barrier_medians

    def title_of(measure: str) -> str:
        return measure_title(results, measure, texts, _)

    context = {
        "council": data.council,
        "round": data.round,
        "round_name": round_title_in(data.round, data.lang)[0],
        "made_on": data.made_on,
        "made_on_text": format_date(data.made_on, "d MMMM y", locale=data.lang),
        "score": row.score,
        "n": row.league_n,
        "min_respondents": results.min_respondents,
        "instrument": instrument,
        "texts": texts,
        "item_text": {item.id: item.text for item in texts.items},
        "level_text": lambda index: level_text(index, instrument, texts, _),
        "interval_text": lambda low, high: interval_text(low, high, _),
        "agreement_name": lambda label: _(AGREEMENT[label]),
        "contact": own.contact,
        "factors": [
            {
                "factor": f,
                "score": fs,
                "comparison": comp,
                "level": level,
                "spreads": by_factor[f.id],
            }
            for f, fs, level, comp in factors
        ],
        "comparisons": list(comparison.comparisons),
        "peer_group": peer_group,
        "labels": labels,
        "measure_title": title_of,
        "trend": data.trend,
        "trend_reason": trend_reason(data.trend, _),
        "actions": data.plan.get("actions", []),
        "targets": data.plan.get("targets", {}),
        "status_name": lambda status: _(STATUSES[status]),
        "barrier_shares": row.score.barriers,
        "barrier_medians": barrier_medians,
        "headline": council_headline(
            results,
            data.council["gss"],
            comparisons,
            data.peers,
            peer_group_named,
            barrier_medians,
            data.plan.get("actions", []),
            texts,
            _,
            data.lang,
        ),
        "peer_place": lambda measure: peer_position(
            results, data.council["gss"], data.peers, measure
        ),
        "intervals": comparison.intervals,
        "percent": percent,
        "in_lang": lambda text, text_lang="en": in_language(text, text_lang, data.lang),
        # Responses, eligible, rate (None if unknown or over 100%), flagged; reasons in words.
        "coverage": data.coverage,
        "coverage_reasons": data.coverage.reason_texts(_) if data.coverage else [],
        "charts": {},
        "answer_key": [
            (option.label, ANSWER_COLOURS[option.value]) for option in texts.agreement_scale
        ],
    }
    if charts:
        _council_charts(context, comparison, row, by_factor, labels, name, texts, _)
    return context


def _council_charts(context, comparison, row, by_factor, labels, name, texts, _) -> None:
    """The report's charts, drawn together: the factors with their intervals (page 1),
    each factor's strip and answers, and the barriers."""
    pending = Charts()
    score = row.score
    intervals = context["intervals"]
    titles = {c.measure: context["measure_title"](c.measure) for c in comparison.comparisons}
    context["charts"]["factors"] = pending.add(*comparison.interval_chart(titles, _), WIDTH)
    for entry in context["factors"]:
        comp = entry["comparison"]
        figures = {
            "factor": texts.factor(entry["factor"].id).title,
            "council": name,
            "value": display(comp.value),
        }
        if comp.peers:
            figures.update(
                low=display(comp.peers.q1),
                high=display(comp.peers.q3),
                median=display(comp.peers.median),
            )
            alt = _(
                "%(factor)s: %(council)s %(value)s, peers' middle half %(low)s to "
                "%(high)s, median %(median)s. Below, the share of people giving each "
                "answer to each statement, as listed in the table that follows."
            )
        else:
            alt = _(
                "%(factor)s: %(council)s %(value)s, too few peers to compare. Below, the "
                "share of people giving each answer to each statement, as listed in the "
                "table that follows."
            )
        entry["chart"] = pending.add(
            factor_strip(comp, intervals[comp.measure], entry["spreads"], labels, texts, _),
            alt % figures,
            WIDTH,
        )
    context["charts"]["barriers"] = pending.add(
        barrier_bars(
            {k: b.share for k, b in score.barriers.items()},
            context["barrier_medians"],
            texts,
            name,
            _,
        ),
        _(
            "Bar chart of the share of respondents calling each barrier significant or "
            "major, with the peers' median share marked; the figures are in the table."
        ),
        WIDTH,
    )
    pending.render()


def council_report(data: CouncilInput, fetcher: ReportFetcher | None = None) -> bytes:
    """The council benchmark report, A4, about 10 pages. Page 1 holds the whole story:
    when a long text (a Welsh one, a wider peer group, a warning) pushes its last part
    over, page 1 is laid out again a little tighter."""
    context = council_context(data)
    document = lay_out(render_html("reports/council.html", context, data.lang), fetcher)
    if page_of(document, "how-to-read") not in (None, 1):
        compact = {**context, "compact": True}
        document = lay_out(render_html("reports/council.html", compact, data.lang), fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1")
