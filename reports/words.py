"""The words scoring gives in English (agreement labels, peer groups) and the
reasons a trend is missing, in the language of a document.

``N_`` only marks a string for the catalogue (``make translations`` finds it); the
document's ``_`` translates it when the text is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

from reports.text import in_language

Translate = Callable[[str], str]


def N_(text: str) -> str:
    return text


def same(text: str) -> str:
    return text


AGREEMENT = {
    "lack of agreement": N_("lack of agreement"),
    "weak agreement": N_("weak agreement"),
    "moderate agreement": N_("moderate agreement"),
    "strong agreement": N_("strong agreement"),
    "very strong agreement": N_("very strong agreement"),
}
PEER_GROUPS = {
    "all": N_("All councils"),
    "type": N_("Councils of the same type"),
    "nation": N_("Councils in the same nation (in England, the same region)"),
    "nearest": N_("The 20 councils of the same type nearest in population"),
    "chosen": N_("Councils you choose"),
}

STATUSES = {
    "planned": N_("Planned"),
    "under_way": N_("Under way"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}

# The council register's type, nation and region names (``local-authority-type-name``,
# ``nation``, ``region``), so that a Welsh report can name a council's peer group in
# Welsh. A name not listed here (a register that gains a type) is printed as the register
# has it, tagged as English.
REGISTER_NAMES = frozenset(
    (
        N_("Non-metropolitan district"),
        N_("Unitary authority"),
        N_("Metropolitan district"),
        N_("Scottish unitary authority"),
        N_("London borough"),
        N_("Welsh unitary authority"),
        N_("County"),
        N_("Combined authority"),
        N_("NI district"),
        N_("Strategic Regional Authority"),
        N_("City corporation"),
        N_("England"),
        N_("Scotland"),
        N_("Wales"),
        N_("Northern Ireland"),
        N_("North East"),
        N_("North West"),
        N_("Yorkshire and The Humber"),
        N_("East Midlands"),
        N_("West Midlands"),
        N_("East of England"),
        N_("London"),
        N_("South East"),
        N_("South West"),
    )
)


def register_name(name: str | None, lang: str, _: Translate = same) -> Markup:
    """A register name in the document's language: translated when the catalogue has
    it, otherwise as the register spells it, inside ``<span lang="en">`` in a Welsh
    document (WCAG 3.1.2)."""
    if name and name in REGISTER_NAMES and _(name) != name:
        return escape(_(name))
    return in_language(name, "en", lang)


# Welsh "and" is "ac" before a vowel (Welsh counts w and y as vowels) and "a" before a
# consonant. No library we use knows this (CLDR's Welsh list pattern is "{0} a {1}"
# whatever follows), so it is written here; the names it joins are factor titles.
WELSH_VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ"


def both(first: str, second: str, lang: str) -> str:
    """Two names joined by "and" in the document's language."""
    if lang == "cy":
        return f"{first} {'ac' if second[:1].lower() in WELSH_VOWELS else 'a'} {second}"
    return f"{first} and {second}"


def trend_reason(trend: Mapping, _: Translate = same) -> str | None:
    """Why a council's report has no trend table, or None when it has one."""
    why = trend.get("why")
    if why is None:
        return None
    if why == "first":
        return _("This is the first round, so there is nothing to compare with yet.")
    if why == "version":
        return _(
            "The previous round, %(previous)s, used questionnaire version %(then)s and this "
            "one version %(now)s: the scores are not comparable."
        ) % {
            "previous": trend["previous"]["title"],
            "then": trend["previous"]["instrument_version"],
            "now": trend["version"],
        }
    if why == "previous_small":
        return _(
            "In the previous round, %(previous)s, the council had fewer than %(minimum)s "
            "responses, so there is no score to compare with."
        ) % {"previous": trend["previous"]["title"], "minimum": trend["minimum"]}
    return _("This round has too few responses to compare yet.")
