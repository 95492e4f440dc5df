"""The paper questionnaire: a printable, tagged PDF of a round's questionnaire, one copy
per response code, for people who would rather not answer on a screen. The same pages,
numbers and answer options as online, so that a facilitator can type a copy's answers
into the data-entry page question by question.

Takes the questionnaire's pages as the app builds them for respondents (any objects with
the attributes of ``survey.questionnaire.Section`` and ``Question``: this package never
imports the app) and returns PDF bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from babel.dates import format_date

import templates
from reports.pdf import ReportFetcher, count_pages, render_html, write_pdf
from scoring.instrument import LANGUAGES, Instrument

# RNIB's clear print guidance: at least 16 point (we print large print at 16 point, every
# line of it, the page header and footer too), left aligned, sans serif, no text over
# images; bigger tick boxes for less steady hands.
LARGE_PRINT_PT = 16
STANDARD_PT = 11


class NoPaper(ValueError):
    """The questionnaire cannot be printed as asked (the message says why)."""


@dataclass(frozen=True)
class PaperInput:
    council: Mapping  # name
    round: Mapping  # title, closes
    instrument: Instrument  # the round's questionnaire, in ``lang``
    sections: Sequence  # the respondent's pages in ``lang``, partnership module included
    codes: Sequence[str]  # one per copy, as printed
    min_respondents: int
    lang: str = "en"
    large_print: bool = False

    def __post_init__(self):
        if self.lang not in LANGUAGES:
            raise NoPaper(f"Paper copies can be in {' or '.join(LANGUAGES)}, not {self.lang!r}.")
        if not self.codes:
            raise NoPaper("Print at least one copy.")


def paper_questionnaire(data: PaperInput, fetcher: ReportFetcher | None = None) -> bytes:
    """One copy of the questionnaire per code, each starting on a new sheet (a right-hand
    page, so that copies printed on both sides never share a sheet), with its code on
    every page."""
    translations = templates.translations(data.lang)
    closes = (
        format_date(dt.date.fromisoformat(data.round["closes"][:10]), "d MMMM y", locale=data.lang)
        if data.round.get("closes")
        else None
    )
    context = {
        "council": data.council,
        "round": data.round,
        "instrument": data.instrument,
        "sections": data.sections,
        "codes": data.codes,
        "minimum": data.min_respondents,
        "closes": closes,
        "large_print": data.large_print,
        "body_pt": LARGE_PRINT_PT if data.large_print else STANDARD_PT,
        "total": sum(len(s.questions) for s in data.sections),
        "title": translations.gettext("%(title)s: paper questionnaire")
        % {"title": data.instrument.title},
    }
    # Every copy has the same pages, so one copy laid out says how many ("Page 2 of 9").
    one = render_html("reports/paper.html", {**context, "codes": data.codes[:1]}, data.lang)
    html = render_html(
        "reports/paper.html", {**context, "pages_per_copy": count_pages(one)}, data.lang
    )
    return write_pdf(html, fetcher)
