"""The words scoring gives in English (agreement labels, peer groups) and the
reasons a trend is missing, in the language of a document.

``N_`` only marks a string for the catalogue (``make translations`` finds it); the
document's ``_`` translates it when the text is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
