"""Jinja templates for the web app and the reports, and the Welsh catalogue of their
interface strings (``translations/cy/LC_MESSAGES/messages.po``; the compiled ``.mo`` is
built by ``make`` and not committed).

A package only so that a non-editable install carries the templates with it.
"""

from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel.support import Translations

DIRECTORY = Path(__file__).resolve().parent
TRANSLATIONS = DIRECTORY / "translations"


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue for ``lang`` (English needs none: its strings are the ids)."""
    return Translations.load(str(TRANSLATIONS), [lang], domain="messages")
