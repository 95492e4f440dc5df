"""The partnership report: how the member councils of a partnership see it, from the
partnership module's answers. Takes a :class:`PartnershipInput` (no database, no Flask)
and returns PDF bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from babel.dates import format_date

import templates
from reports.documents import Charts, NoReport
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.view_models import partnership_view, statement_texts
from scoring.instrument import Instrument
from scoring.partnership import PartnershipResults


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
    view = partnership_view(data.partnership, data.results, data.min_respondents)
    pending = Charts()
    chart = pending.add(*view.chart(data.texts, _))
    pending.render()
    context = {
        "partnership": data.partnership,
        "round": data.round,
        "results": data.results,
        "texts": data.texts,
        "module": data.module_texts,
        "item_text": statement_texts(data.module_texts, _("each other council")),
        "names": view.names,
        "min_respondents": data.min_respondents,
        "made_on_text": format_date(data.made_on, "d MMMM y", locale=data.lang),
        "chart": chart,
    }
    return write_pdf(render_html("reports/partnership.html", context, data.lang), fetcher)
