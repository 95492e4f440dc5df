"""Text that people typed, made fit to print.

Control characters (Unicode category Cc: C0, DEL and C1) are nothing a person means to
type. NUL breaks SVG and XML, ESC sequences rewrite a terminal. One rule for all text:

- forms and imports refuse them (:func:`has_control_characters`), except tab and line
  breaks in multi-line fields;
- every output (CSV cells, PDF text and charts, CLI listings) shows whatever is already
  stored with them escaped as ``\\x1b`` (:func:`printable`), so nothing stored before the
  rule can break a report or a terminal.
"""

from __future__ import annotations

import re

from markupsafe import Markup

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


def in_language(text: str, text_lang: str | None, page_lang: str) -> Markup:
    """User text, escaped, inside ``<span lang=...>`` when it was entered in another
    language than the page's, so that a screen reader switches voice (WCAG 3.1.2)."""
    text_lang = text_lang or "en"
    same = text_lang.split("-")[0] == (page_lang or "en").split("-")[0]
    if same:
        return Markup.escape(text)
    code = "en-GB" if text_lang == "en" else text_lang
    return Markup('<span lang="{}">{}</span>').format(code, text)
