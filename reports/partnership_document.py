"""The partnership report: how the member councils of a partnership see it, from the
partnership module's answers. Takes a :class:`PartnershipInput` (no database, no Flask)
and returns PDF bytes.

Page 1 says in plain words what the members' collaboration looks like and where they
differ (:func:`headline`, from the scored figures); each statement they see most
differently comes with its own question from the module and, where agreeing is a bad
sign, says so; the last page is space for the actions the members agree.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

from babel.dates import format_date

import templates
from reports.documents import Charts, NoReport
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.print_charts import TEXT_WIDTH_PT, sized_for_print
from reports.text import round_title_in
from reports.view_models import partnership_view, statement_texts
from scoring.instrument import Instrument
from scoring.partnership import PartnershipResults
from scoring.rounding import display

# The running header is one line of 8 pt text across the A4 text block: about 105
# characters of DejaVu Sans; a longer name is cut with an ellipsis.
HEADER_CHARACTERS = 100


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


def headline(
    results: PartnershipResults, names: Mapping[str, str], texts: Instrument, _=str
) -> str:
    """What the members' collaboration looks like and where they differ, in plain words:
    the factors the members rate highest and lowest (the average of the members'
    indices), and how many factors they see differently beyond chance, naming the
    widest gap and the member who rates the partnership highest, when one does on every
    factor."""
    means = {
        factor: {m.gss: m.mean for m in gap.members if m.mean is not None}
        for factor, gap in results.gaps.items()
    }
    average = {f: statistics.fmean(m.values()) for f, m in means.items() if m}
    if not average:
        return ""
    high, low = max(average, key=average.get), min(average, key=average.get)
    # Factors that tie at the printed precision are named together: printing "62" for
    # two factors and naming one of them as the highest would be arbitrary.
    highs = [f for f in average if display(average[f]) == display(average[high])]
    lows = [f for f in average if display(average[f]) == display(average[low])]
    if highs == lows:
        sentences = [
            _(
                "Members rate this partnership the same on every factor (%(index)s out of 100 "
                "on average)."
            )
            % {"index": display(average[high])}
        ]
    else:
        sentences = [
            _(
                "Members rate this partnership highest on %(high)s (%(high_index)s out of 100 "
                "on average) and lowest on %(low)s (%(low_index)s)."
            )
            % {
                "high": _together([texts.factor(f).title.lower() for f in highs], _),
                "high_index": display(average[high]),
                "low": _together([texts.factor(f).title.lower() for f in lows], _),
                "low_index": display(average[low]),
            }
        ]
    flagged = [f for f, g in results.gaps.items() if g.flagged and g.gap is not None]
    if flagged:
        widest = max(flagged, key=lambda f: results.gaps[f].gap)
        ranked = sorted(means[widest].items(), key=lambda kv: kv[1], reverse=True)
        (top, top_mean), (bottom, bottom_mean) = ranked[0], ranked[-1]
        figures = {
            "count": len(flagged),
            "total": len(results.gaps),
            "factor": texts.factor(widest).title.lower(),
            "top": names[top],
            "top_index": display(top_mean),
            "bottom": names[bottom],
            "bottom_index": display(bottom_mean),
        }
        if len(flagged) == len(results.gaps):
            text = _(
                "They see it differently on every factor, beyond what chance explains, most "
                "on %(factor)s: %(top)s rates it %(top_index)s and %(bottom)s %(bottom_index)s."
            )
        else:
            text = _(
                "They see it differently on %(count)s of the %(total)s factors, beyond what "
                "chance explains, most on %(factor)s: %(top)s rates it %(top_index)s and "
                "%(bottom)s %(bottom_index)s."
            )
        sentences.append(text % figures)
        leaders = {max(m, key=m.get) for m in means.values() if len(m) >= 2}
        if len(leaders) == 1:
            sentences.append(
                _("%(member)s rates the partnership higher than the other members on every factor.")
                % {"member": names[leaders.pop()]}
            )
    else:
        sentences.append(
            _(
                "They see it much the same: on no factor are the members further apart than "
                "chance explains."
            )
        )
    return " ".join(sentences)


def _together(names: list[str], _=str) -> str:
    """Names in a list: "trust", "trust and culture", "trust, culture and behaviour"."""
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def running_header(name: str, round_title: str) -> str:
    """The partnership and the round, cut to fit one line of the running header."""
    text = f"{name} · {round_title}"
    if len(text) <= HEADER_CHARACTERS:
        return text
    return text[: HEADER_CHARACTERS - 1].rstrip() + "…"


def partnership_report(data: PartnershipInput, fetcher: ReportFetcher | None = None) -> bytes:
    """How the members see the partnership: a headline, the perception gap per factor
    with its interval and test, the statements they see most differently with a question
    for each, and space for agreed actions. Members below the threshold are named
    without figures."""
    if len(data.results.passing) < 2:
        raise NoReport(
            f"{data.partnership['name']} has fewer than two members with at least "
            f"{data.min_respondents} answers to the partnership module in this round."
        )
    _ = templates.translations(data.lang).gettext
    view = partnership_view(data.partnership, data.results, data.min_respondents)
    pending = Charts()
    figure, alt = view.chart(data.texts, _)
    chart = pending.add(sized_for_print(figure), alt, width=TEXT_WIDTH_PT)
    pending.render()
    round_name = round_title_in(data.round, data.lang)[0]
    context = {
        "partnership": data.partnership,
        "round": data.round,
        "round_name": round_name,
        "results": data.results,
        "texts": data.texts,
        "module": data.module_texts,
        "items": {item.id: item for item in data.module_texts.items},
        "item_text": statement_texts(data.module_texts, _("each other council")),
        "names": view.names,
        "min_respondents": data.min_respondents,
        "made_on_text": format_date(data.made_on, "d MMMM y", locale=data.lang),
        "chart": chart,
        "chart_width_pt": TEXT_WIDTH_PT,
        "headline": headline(data.results, view.names, data.texts, _),
        "header": running_header(data.partnership["name"], round_name),
    }
    return write_pdf(render_html("reports/partnership.html", context, data.lang), fetcher)
