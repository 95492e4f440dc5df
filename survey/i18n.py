"""English and Welsh (Cymraeg): which language a page is shown in, and the switch.

The respondent journey, the public pages (home, privacy, accessibility, errors outside
staff pages, a council's "you said, we are doing" page) and the paper-response data entry
(which shows a printed copy's questions in the language it was printed in) follow the
person's choice, kept in their session cookie. Welsh councils' invitation links and shared
pages open in Welsh unless the person has already chosen English. Staff pages are
otherwise in English only for now (docs/accessibility-statement.md says so); the header
every page shares is translated, so a page is never half in one language and half in the
other.
"""

from __future__ import annotations

from datetime import date

from flask import Flask, request, session
from flask_babel import Babel, format_date, get_locale

import templates
from scoring.instrument import LANGUAGES

# Blueprints whose pages are translated; None is a page outside any blueprint (a 404).
TRANSLATED = {"respond", "pages", "share", "paper", None}
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def select_locale() -> str:
    if request.blueprint in TRANSLATED and session.get("lang") in LANGUAGES:
        return session["lang"]
    return "en"


def choose(lang: str) -> None:
    if lang in LANGUAGES:
        session["lang"] = lang


def default_for_council(gss: str) -> None:
    """Welsh councils (GSS codes beginning W) open in Welsh unless a language was chosen."""
    if "lang" not in session and gss.startswith("W"):
        session["lang"] = "cy"


def language() -> str:
    return str(get_locale() or "en")


def long_date(value: str | date | None) -> str:
    """A date as people write it, in the page's language: 31 December 2026, 31 Rhagfyr 2026."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, "d MMMM y")


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(templates.TRANSLATIONS))
    Babel(app, locale_selector=select_locale)
    app.add_template_filter(long_date, "long_date")

    @app.context_processor
    def language_context():
        lang = language()
        return {
            "htmlLang": lang,
            "page_language": lang,
            "language_switch": request.blueprint in TRANSLATED,
            "other_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES if code != lang],
        }
