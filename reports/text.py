"""Text that people typed, made fit to print.

Control characters (Unicode category Cc: C0, DEL and C1) are nothing a person means to
type. NUL breaks SVG and XML, ESC sequences rewrite a terminal. One rule for all text:

- forms and imports refuse them (:func:`has_control_characters`), except tab and line
  breaks in multi-line fields;
- every output (CSV cells, PDF text and charts, CLI listings) shows whatever is already
  stored with them escaped as ``\\x1b`` (:func:`printable`), so nothing stored before the
  rule can break a report or a terminal.

And text in a language other than the page's is tagged with its own, so that a screen
reader switches voice (WCAG 3.1.2, language of parts):

- :func:`in_language`, the Jinja filter ``in_language`` in the web pages and the report
  templates: text a person typed (an action, say), escaped, inside
  ``<span lang="cy">`` or ``<span lang="en">`` when that is not the page's language;
- :func:`round_title`, a Jinja global in both too: a round's title in the page's
  language (its Welsh title in Welsh output, when it has one), tagged by the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup, escape

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Multi-line fields keep tab and line breaks (browsers send a textarea's lines as CRLF).
MULTILINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAK = re.compile(r"\r\n?")


def has_control_characters(text: str, multiline: bool = False) -> bool:
    """Whether ``text`` holds a character the text rule refuses."""
    return bool((MULTILINE_CONTROL if multiline else CONTROL).search(text))


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str, keep: str = "\n\t") -> str:
    """``text`` with every control character except those in ``keep`` written as
    ``\\xNN``. Keeping newlines also turns CRLF and lone CR into newlines; ``keep=""``
    puts everything on one line (for a listing, where a newline could forge a row)."""
    if "\n" in keep:
        text = LINE_BREAK.sub("\n", text)
    return CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


TEXT_LANGUAGES = ("en", "cy")


def in_language(text: object, text_lang: str | None, page_lang: str) -> Markup:
    """``text`` escaped, and wrapped in ``<span lang="...">`` when it was written in a
    language other than the page's (an unknown or missing language counts as English,
    the column's default). Empty text stays empty, with no span."""
    text = "" if text is None else str(text)
    lang = text_lang if text_lang in TEXT_LANGUAGES else "en"
    if not text or lang == page_lang:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(lang, text)


def round_title_in(round_row: Mapping, lang: str) -> tuple[str, str]:
    """The title to show for a round in ``lang`` and the language it is written in: the
    Welsh title in Welsh when the round has one, else the English title (plain text, for
    a page's ``<title>`` or a CSV; :func:`round_title` tags it for HTML)."""
    welsh = round_row.get("title_cy")
    if lang == "cy" and welsh:
        return str(welsh), "cy"
    return str(round_row.get("title") or ""), "en"


def round_title(round_row: Mapping, lang: str) -> Markup:
    """A round's title for HTML in ``lang``: its Welsh title in Welsh output when set,
    otherwise the English title, tagged ``lang="en"`` on a Welsh page."""
    return in_language(*round_title_in(round_row, lang), lang)
