"""HTML to tagged PDF with WeasyPrint, from the Jinja templates in templates/reports/.

Autoescaping is on, so council names, round titles and comments reach the PDF as text.
The URL fetcher allows ``data:`` URLs (the charts, embedded by :mod:`reports.svg`) and
refuses everything else: no ``file://``, no network.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Mapping
from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher

import templates
from reports.text import in_language, printable, round_title
from reports.words import both
from scoring.rounding import display, signed

ALLOWED_SCHEMES = ("data",)


class RefusedURL(ValueError):
    """A report asked for a resource outside the allow-list."""


class ReportFetcher(URLFetcher):
    """Fetches only ``data:`` URLs, and remembers what it was asked for."""

    def __init__(self):
        super().__init__(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url[:80])
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise RefusedURL(f"reports may not fetch {url[:80]!r}")
        return super().fetch(url, headers)


class _IgnoredFill(logging.Filter):
    """Plotly's SVG gives WeasyPrint harmless "Ignored fill" messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Ignored" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_IgnoredFill())


def _finalize(value):
    """Every value a report template prints, with control characters escaped: a council
    name or round title stored with one must not break the PDF."""
    if isinstance(value, Markup):
        return Markup(printable(str(value)))
    if isinstance(value, str):
        return printable(value)
    return value


@cache
def environment(lang: str = "en") -> Environment:
    """The report templates with their interface strings in ``lang`` (English or Welsh,
    from the catalogue in templates/translations)."""
    env = Environment(
        loader=FileSystemLoader(str(templates.DIRECTORY)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        finalize=_finalize,
    )
    env.install_gettext_translations(templates.translations(lang), newstyle=True)
    env.filters["figure"] = display
    env.filters["signed"] = signed
    env.filters["median"] = statistics.median
    env.filters["zip"] = zip
    env.filters["in_language"] = in_language  # {{ a.what | in_language(a.text_lang, lang) }}
    env.globals["round_title"] = round_title  # {{ round_title(round, lang) }}
    env.globals["lang"] = lang
    env.globals["both"] = both  # {{ both(first, second, lang) }}: "and" in the language
    return env


def render_html(template: str, context: Mapping, lang: str = "en") -> str:
    return environment(lang).get_template(template).render(**context)


def count_pages(html: str) -> int:
    """How many pages ``html`` lays out to."""
    return len(HTML(string=html, base_url=None, url_fetcher=ReportFetcher()).render().pages)


def write_pdf(html: str, fetcher: ReportFetcher | None = None) -> bytes:
    """A tagged PDF (PDF/UA-1): title and language come from the HTML's ``<title>`` and
    ``lang``; headings become bookmarks."""
    return lay_out(html, fetcher).write_pdf(pdf_variant="pdf/ua-1")


def lay_out(html: str, fetcher: ReportFetcher | None = None) -> Document:
    """``html`` laid out in pages, ready for :meth:`Document.write_pdf` (as a tagged PDF,
    PDF/UA-1), for a caller that checks where something fell first."""
    fetcher = fetcher or ReportFetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).render(pdf_variant="pdf/ua-1")


def page_of(document: Document, anchor: str) -> int | None:
    """The page (0 first) on which the element with id ``anchor`` starts, if any."""
    return next((k for k, page in enumerate(document.pages) if anchor in page.anchors), None)
