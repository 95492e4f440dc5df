"""The invitation and reminder emails: in English, or in Welsh and English (Welsh first).

Councils in Wales always send both languages (the Welsh Language Standards); a lead can
choose both for any council. Every message has a plain-text part and an HTML part, each
language in its own block marked with ``lang``. The web pages and the command line both
send through :func:`send_links`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

import templates
from survey.mail import Mailer
from survey.outreach import Link, Message, deliver

# kind of email: its templates, email/NAME.txt and email/NAME.html
TEMPLATES = {"invitations": "invitation", "reminders": "reminder"}


def languages_for(council: Mapping, bilingual: bool = False) -> tuple[str, ...]:
    """Welsh then English for a council in Wales or when the lead chose both; else English."""
    if bilingual or council.get("nation") == "Wales":
        return ("cy", "en")
    return ("en",)


@cache
def _environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates.DIRECTORY)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(templates.translations(lang), newstyle=True)
    return env


def _closes(value: str | None, lang: str) -> str:
    if not value:
        return ""
    return format_date(dt.date.fromisoformat(value[:10]), "d MMMM y", locale=lang)


def _subject(kind: str, council_name: str, lang: str) -> str:
    _ = templates.translations(lang).gettext
    if kind == "invitations":
        return _("Questionnaire: how %(council)s collaborates") % {"council": council_name}
    return _("Reminder: questionnaire on how %(council)s collaborates") % {"council": council_name}


def compose(
    kind: str,
    council: Mapping,
    round_row: Mapping,
    link: str,
    minimum: int,
    languages: Iterable[str],
) -> Message:
    """The email for one link, in ``languages`` in that order."""
    if kind not in TEMPLATES:
        raise ValueError(f"unknown kind of email: {kind}")
    languages = tuple(languages)
    name = " ".join(str(council["name"]).split())
    texts, parts = [], []
    for lang in languages:
        context = {
            "council": name,
            "round_title": round_row.get(f"title_{lang}") or round_row["title"],
            "link": link,
            "minimum": minimum,
            "closes": _closes(round_row.get("closes"), lang),
        }
        env = _environment(lang)
        texts.append(env.get_template(f"email/{TEMPLATES[kind]}.txt").render(context).strip())
        parts.append(
            {
                "lang": lang,
                "html": Markup(env.get_template(f"email/{TEMPLATES[kind]}.html").render(context)),
            }
        )
    subject = " / ".join(_subject(kind, name, lang) for lang in languages)
    text = ("\n\n" + "-" * 40 + "\n\n").join(texts) + "\n"
    html = (
        _environment("en").get_template("email/message.html").render(subject=subject, parts=parts)
    )
    return Message(subject, text, html)


def send_links(
    links: list[Link],
    kind: str,
    council: Mapping,
    round_row: Mapping,
    mailer: Mailer | None,
    minimum: int,
    bilingual: bool = False,
) -> tuple[list[Link], list[str]]:
    """Email the links that have addresses (with a mailer); see :func:`deliver`."""
    languages = languages_for(council, bilingual)
    return deliver(
        links,
        mailer,
        lambda link: compose(kind, council, round_row, link.url, minimum, languages),
    )
