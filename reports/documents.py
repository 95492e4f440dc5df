"""The three PDF documents: the council benchmark report, the facilitator's workshop pack
and the national summary. Each builder takes scoring results (no database, no Flask) and
returns PDF bytes; the charts are Plotly figures rendered to SVG through kaleido."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import cycle

import plotly.graph_objects as go
from babel.dates import format_date

import templates
from reports.benchmark_charts import (
    BAND_COLOUR,
    NATIONAL_COLOUR,
    PEER_COLOUR,
    barrier_bars,
    box_by_group,
    compare_radar,
    funnel_alt,
    funnel_plot,
    groups_alt,
    heat_map_data,
    measure_title,
    wrap,
)
from reports.charts import COUNCIL_COLOUR, FONT
from reports.narrative import summary_paragraph
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.svg import svg_data_uris
from reports.words import AGREEMENT, BANDS, PEER_GROUPS, STATUSES, trend_reason
from scoring.council import maturity_level
from scoring.instrument import DONT_KNOW, LANGUAGES, Instrument
from scoring.national import INDEX, Comparison, RoundResults, compare
from scoring.partnership import PartnershipResults
from scoring.rounding import display
from scoring.statements import AGREEMENT_VALUES, StatementSpread, most_disagreed

# Diverging, colour-blind-safe; every segment also carries its percentage as text.
ANSWER_COLOURS = {
    "1": "#b2182b",
    "2": "#ef8a62",
    "3": "#d9d9d9",
    "4": "#67a9cf",
    "5": "#2166ac",
    DONT_KNOW: "#ffffff",
}


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
    peers: Sequence[str] = ()
    trend: Mapping = field(default_factory=dict)
    # Agreed actions and targets ({"actions": [...], "targets": {factor: ...}}).
    plan: Mapping = field(default_factory=dict)
    # Partnerships with the module on in this round: name, member names, the partnership
    # results and the module's statements in the document's language.
    partnerships: Sequence[Mapping] = ()
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


FONT_SPEC = {"family": FONT, "size": 12, "color": "#0b0c0c"}

# The PDF charts below are plain figure dicts, which kaleido takes as they are: building
# them through plotly's validating classes cost 0.1 s a chart (docs/performance.md).


def _distribution_traces(spreads, labels, scale, xaxis="x", yaxis="y") -> list[dict]:
    """``scale`` names each answer (the instrument's agreement scale, in its language)."""
    names = {option.value: option.label for option in scale}
    ys = [labels[s.item.id] for s in spreads]
    traces = []
    for value in (*AGREEMENT_VALUES, DONT_KNOW):
        shares = [100 * (s.share(value) or 0) for s in spreads]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": ys,
                "x": shares,
                "name": names[value],
                "marker": {
                    "color": ANSWER_COLOURS[value],
                    "line": {"color": "#505a5f", "width": 0.5},
                },
                "text": [f"{round(v)}" if v >= 6 else "" for v in shares],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"size": 11, "color": "#0b0c0c"},
                "xaxis": xaxis,
                "yaxis": yaxis,
            }
        )
    return traces


def distribution_figure(
    spreads: Sequence[StatementSpread], labels: Mapping[str, str], scale
) -> dict:
    """Stacked bars, one per statement: the share giving each answer, as worded."""
    return {
        "data": _distribution_traces(spreads, labels, scale),
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            # The legend sits below the x axis in a margin of its own, with room for
            # two rows (Welsh labels are longer).
            "margin": {"l": 40, "r": 10, "t": 10, "b": 96},
            "height": 130 + 34 * len(spreads),
            "plot_bgcolor": "white",
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": 0,
                "yref": "container",
                "yanchor": "bottom",
                "traceorder": "normal",
            },
            "xaxis": {"range": [0, 100], "ticksuffix": "%"},
            "yaxis": {"autorange": "reversed"},
        },
    }


def factor_figure(
    comparison: Comparison,
    spreads: Sequence[StatementSpread],
    labels: Mapping[str, str],
    council_name: str,
    texts: Instrument,
    _=str,
) -> dict:
    """The factor's place among peers (top) and its statements' answers (below), in one
    figure so that each factor page costs one chart."""
    rows = len(spreads)
    height = 84 + 21 * rows
    gap = 48 / height  # room for the second title
    top = 1.4 / (1.4 + rows) * (1 - gap)
    peers = comparison.peers
    data: list[dict] = []
    if peers:
        data += [
            {
                "type": "bar",
                "orientation": "h",
                "y": ["peers"],
                "x": [peers.q3 - peers.q1],
                "base": [peers.q1],
                "width": 0.5,
                "marker": {"color": BAND_COLOUR, "line": {"color": PEER_COLOUR, "width": 1}},
                "showlegend": False,
                "hoverinfo": "skip",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "y": ["peers"],
                "x": [peers.median],
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 22,
                    "color": PEER_COLOUR,
                    "line": {"width": 3},
                },
                "showlegend": False,
            },
        ]
    data += [
        {
            "type": "scatter",
            "mode": "markers",
            "y": ["peers"],
            "x": [comparison.national_median],
            "marker": {"symbol": "diamond", "size": 11, "color": NATIONAL_COLOUR},
            "showlegend": False,
        },
        {
            "type": "scatter",
            "mode": "markers",
            "y": ["peers"],
            "x": [comparison.value],
            "marker": {"symbol": "circle", "size": 14, "color": COUNCIL_COLOUR},
            "name": council_name,
            "showlegend": False,
        },
        *_distribution_traces(spreads, labels, texts.agreement_scale, "x2", "y2"),
    ]

    def title(text: str, y: float) -> dict:
        return {
            "text": text,
            "x": 0.5,
            "y": y,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "center",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 13},
        }

    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "font": FONT_SPEC,
            "margin": {"l": 40, "r": 10, "t": 25, "b": 20},
            "height": height,
            "plot_bgcolor": "white",
            # The answers' key is in the page's HTML, under the chart: WeasyPrint lays
            # out SVG text a letter at a time, and the same key in every factor chart
            # was a third of their letters.
            "showlegend": False,
            "xaxis": {"range": [0, 100], "gridcolor": "#dddddd", "anchor": "y"},
            "yaxis": {"domain": [1 - top, 1], "showticklabels": False, "anchor": "x"},
            "xaxis2": {"range": [0, 100], "ticksuffix": "%", "anchor": "y2"},
            "yaxis2": {"domain": [0, 1 - top - gap], "autorange": "reversed", "anchor": "x2"},
            "annotations": [
                title(_("Among peers (index 0 to 100)"), 1),
                title(_("Answers to each statement (%)"), 1 - top - gap),
            ],
        },
    }


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


def council_context(data: CouncilInput, charts: bool = True) -> dict:
    results = data.results
    instrument = results.instrument
    texts = data.texts
    _ = templates.translations(data.lang).gettext
    row = _check(data)
    comparisons = {c.measure: c for c in compare(results, data.council["gss"], data.peers)}
    factors = [
        (f, row.score.factors[f.id], comparisons.get(f.id))
        for f in instrument.factors
        if f.id in row.score.factors
    ]
    ranked = sorted(factors, key=lambda t: t[1].index, reverse=True)
    labels = _statement_labels(texts)
    by_factor = {
        f.id: [s for s in data.spreads if s.item.factor == f.id] for f in instrument.factors
    }
    name = data.council["name"]
    peer_group = _(PEER_GROUPS[data.peer_group])

    def title_of(measure: str) -> str:
        return measure_title(results, measure, texts, _)

    context = {
        "council": data.council,
        "round": data.round,
        "made_on": data.made_on,
        "made_on_text": format_date(data.made_on, "d MMMM y", locale=data.lang),
        "score": row.score,
        "n": row.league_n,
        "min_respondents": results.min_respondents,
        "instrument": instrument,
        "texts": texts,
        "item_text": {item.id: item.text for item in texts.items},
        "band_name": lambda band: _(BANDS[band]),
        "agreement_name": lambda label: _(AGREEMENT[label]),
        "factors": [
            {
                "factor": f,
                "score": fs,
                "comparison": comp,
                "level": maturity_level(fs.index, instrument),
                "spreads": by_factor[f.id],
            }
            for f, fs, comp in factors
        ],
        "strongest": ranked[:2],
        "weakest": ranked[-2:][::-1],
        "paragraph": summary_paragraph(
            name, row, comparisons, texts, peer_group.lower(), results, _
        ),
        "index_comparison": comparisons.get(INDEX),
        "comparisons": list(comparisons.values()),
        "peer_group": peer_group,
        "labels": labels,
        "measure_title": title_of,
        "trend": data.trend,
        "trend_reason": trend_reason(data.trend, _),
        "actions": data.plan.get("actions", []),
        "targets": data.plan.get("targets", {}),
        "status_name": lambda status: _(STATUSES[status]),
        "barrier_shares": row.score.barriers,
        "charts": {},
        "answer_key": [
            (option.label, ANSWER_COLOURS[option.value]) for option in texts.agreement_scale
        ],
    }
    if charts:
        pending = Charts()
        comparison_list = list(comparisons.values())
        context["charts"]["radar"] = pending.add(
            compare_radar(results, comparison_list, name, texts, _),
            _(
                "Radar of %(council)s's five factor indices beside the peer median and the "
                "national median. The figures are in the table on this page."
            )
            % {"council": name},
        )
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
                factor_figure(comp, entry["spreads"], labels, name, texts, _), alt % figures
            )
        context["charts"]["barriers"] = pending.add(
            _council_barriers(results, row, texts, _),
            _(
                "Bar chart of the share of respondents calling each barrier significant or "
                "major, beside the BT survey of 2014; the figures are in the table."
            ),
        )
        pending.render()
    return context


def _council_barriers(results: RoundResults, row, texts: Instrument, _=str):
    barriers = list(texts.barriers)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=[wrap(b.text) for b in barriers],
            x=[
                None
                if row.score.barriers[b.key].share is None
                else 100 * row.score.barriers[b.key].share
                for b in barriers
            ],
            orientation="h",
            name=row.council["name"],
            marker={"color": COUNCIL_COLOUR},
        )
    )
    fig.add_trace(
        go.Bar(
            y=[wrap(b.text) for b in barriers],
            x=[None if b.bt2014 is None else 100 * b.bt2014 for b in barriers],
            orientation="h",
            name=_("BT survey, 2014"),
            marker={"color": "#E69F00", "pattern": {"shape": "/"}},
        )
    )
    fig.update_layout(
        barmode="group",
        font={"family": FONT, "size": 12, "color": "#0b0c0c"},
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        height=120 + 55 * len(barriers),
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.12},
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%", gridcolor="#dddddd")
    fig.update_yaxes(autorange="reversed")
    return fig


def council_report(data: CouncilInput, fetcher: ReportFetcher | None = None) -> bytes:
    """The council benchmark report, A4, about 10 pages."""
    html = render_html("reports/council.html", council_context(data), data.lang)
    return write_pdf(html, fetcher)


def workshop_pack(
    data: CouncilInput, large_print: bool = False, fetcher: ReportFetcher | None = None
) -> bytes:
    """The facilitator's workshop pack: prompts from the statements people disagreed on
    most, the lowest factors, action-planning tables and a one-page handout."""
    context = council_context(data, charts=False)
    _ = templates.translations(data.lang).gettext
    labels = context["labels"]
    scale = data.texts.agreement_scale
    prompts = most_disagreed(data.spreads, 5)
    pending = Charts()

    def alt(spread: StatementSpread) -> str:
        shares = ", ".join(
            f"{option.label} {round(100 * (spread.share(option.value) or 0))}%" for option in scale
        )
        return _("Answers to '%(statement)s': %(shares)s") % {
            "statement": context["item_text"][spread.item.id],
            "shares": shares,
        }

    context.update(
        {
            "large_print": large_print,
            "prompts": [
                {
                    "spread": s,
                    "factor": data.results.instrument.factor(s.item.factor),
                    "chart": pending.add(
                        distribution_figure([s], labels, scale), alt(s), width=680
                    ),
                }
                for s in prompts
            ],
            "focus": context["weakest"],
            "partnerships": data.partnerships,
        }
    )
    pending.render()
    return write_pdf(render_html("reports/workshop.html", context, data.lang), fetcher)


def national_summary(
    results: RoundResults,
    round_row: Mapping,
    made_on: dt.date | None = None,
    fetcher: ReportFetcher | None = None,
) -> bytes:
    by_type = results.by_group("type_name")
    by_region = results.by_group("region")
    regions, factors, heat = heat_map_data(results)
    pending = Charts()
    context = {
        "round": round_row,
        "made_on": made_on or dt.date.today(),
        "results": results,
        "rows": results.league(),
        "ranked": len(results.passing()),
        "fun": results.funnels.get(INDEX),
        "outside": [r for r in results.passing() if r.funnel in ("above", "below")],
        "by_type": by_type,
        "by_region": by_region,
        "heat": (regions, factors, heat),
        "charts": {
            "funnel": pending.add(funnel_plot(results), funnel_alt(results)),
            "types": pending.add(
                box_by_group(by_type, "Collaboration index"), groups_alt(by_type, "council type")
            ),
            "regions": pending.add(
                box_by_group(by_region, "Collaboration index"),
                groups_alt(by_region, "region or nation"),
            ),
            "barriers": pending.add(
                barrier_bars(results),
                "Bar chart of the share calling each barrier significant or major, this round "
                "beside the BT survey of 2014; the figures are in the table.",
            ),
        },
    }
    pending.render()
    return write_pdf(render_html("reports/national.html", context), fetcher)


# Partnerships -------------------------------------------------------------------------

# Okabe-Ito colours and a different marker for each member, so that no member is told
# apart by colour alone.
MEMBER_STYLES = (
    ("#0072B2", "circle"),
    ("#E69F00", "square"),
    ("#009E73", "diamond"),
    ("#CC79A7", "triangle-up"),
    ("#56B4E9", "cross"),
    ("#D55E00", "x"),
)


@dataclass
class PartnershipInput:
    """A partnership's view for one round, gathered by the caller."""

    partnership: Mapping
    round: Mapping
    results: PartnershipResults
    texts: Instrument  # factor names in the document's language
    module_texts: object  # the partnership module in the document's language
    min_respondents: int
    lang: str = "en"
    made_on: dt.date = field(default_factory=dt.date.today)


def partnership_figure(data: PartnershipInput, _=str) -> dict:
    """Each member's index per factor, one marker shape per member."""
    names = {m["gss"]: m["name"] for m in data.partnership["members"]}
    factors = list(data.results.gaps)
    titles = [data.texts.factor(f).title for f in factors]
    traces = []
    # More members than styles reuse them; the legend and the table still name everyone.
    for (colour, symbol), gss in zip(cycle(MEMBER_STYLES), data.results.passing):
        values = []
        for f in factors:
            figure = next((m for m in data.results.gaps[f].members if m.gss == gss), None)
            values.append(figure.mean if figure else None)
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": values,
                "y": titles,
                "name": names[gss],
                "marker": {"symbol": symbol, "size": 13, "color": colour,
                           "line": {"color": "#0b0c0c", "width": 1}},
            }
        )  # fmt: skip
    return {
        "data": traces,
        "layout": {
            "font": FONT_SPEC,
            "height": 120 + 50 * len(factors),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 80},
            "plot_bgcolor": "white",
            "xaxis": {
                "range": [0, 100],
                "gridcolor": "#dddddd",
                "title": {"text": _("Index (0 to 100)")},
            },
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": 0,
                "yref": "container",
                "yanchor": "bottom",
            },
        },
    }


def partnership_report(data: PartnershipInput, fetcher: ReportFetcher | None = None) -> bytes:
    """How the members see the partnership: the perception gap per factor with its
    interval and test, and the statements they see most differently. Members below the
    threshold are named without figures."""
    if len(data.results.passing) < 2:
        raise NoReport(
            f"{data.partnership['name']} has fewer than two members with at least "
            f"{data.min_respondents} answers to the partnership module in this round."
        )
    _ = templates.translations(data.lang).gettext
    names = {m["gss"]: m["name"] for m in data.partnership["members"]}
    pending = Charts()
    parts = []
    for factor, gap in data.results.gaps.items():
        figures = ", ".join(f"{names[m.gss]} {display(m.mean)}" for m in gap.compared)
        parts.append(f"{data.texts.factor(factor).title}: {figures}")
    chart = pending.add(
        partnership_figure(data, _),
        _("Each member's index for the partnership, by factor. %(figures)s.")
        % {"figures": "; ".join(parts)},
    )
    pending.render()
    context = {
        "partnership": data.partnership,
        "round": data.round,
        "results": data.results,
        "texts": data.texts,
        "module": data.module_texts,
        "item_text": {item.id: item.text for item in data.module_texts.items},
        "names": names,
        "min_respondents": data.min_respondents,
        "made_on_text": format_date(data.made_on, "d MMMM y", locale=data.lang),
        "chart": chart,
    }
    return write_pdf(render_html("reports/partnership.html", context, data.lang), fetcher)
