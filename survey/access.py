"""Who may see and do what: the four staff roles and the rules for each.

Pure functions of a user (a mapping with ``role`` and ``councils``) and a council's GSS
code, so that every view, the API and the tests ask the same questions of one place.
Respondents never have accounts: they come in through invitation links only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

ROLES = ("admin", "analyst", "lead", "facilitator")
ROLE_NAMES = {
    "admin": "Administrator",
    "analyst": "National analyst",
    "lead": "Council lead",
    "facilitator": "Facilitator",
}
# Roles tied to particular councils.
COUNCIL_ROLES = ("lead", "facilitator")


def _assigned(user: Mapping, gss: str) -> bool:
    return user["role"] in COUNCIL_ROLES and gss in user["councils"]


def is_admin(user: Mapping) -> bool:
    return user["role"] == "admin"


def sees_every_council(user: Mapping) -> bool:
    """Admins and national analysts see every council's scored results above the threshold."""
    return user["role"] in ("admin", "analyst")


def can_view_results(user: Mapping, gss: str) -> bool:
    """Scored results (always subject to the respondent threshold)."""
    return sees_every_council(user) or _assigned(user, gss)


def can_view_comments(user: Mapping, gss: str) -> bool:
    """Free-text comments: only the council's own lead and facilitators. Admins run the
    service but do not read what individual people wrote; analysts never see free text."""
    return _assigned(user, gss)


def can_view_progress(user: Mapping, gss: str, submitted: int, minimum: int) -> bool:
    """Invited, started and submitted counts. An analyst sees them only for councils at or
    above the threshold, so a small council's draft count is never shown nationally."""
    if is_admin(user) or _assigned(user, gss):
        return True
    return user["role"] == "analyst" and submitted >= minimum


def can_manage_participation(user: Mapping, gss: str) -> bool:
    """Invitations, reminders, revoking links, closing early, assigning facilitators."""
    return is_admin(user) or (user["role"] == "lead" and gss in user["councils"])


def can_print_workshop_pack(user: Mapping, gss: str) -> bool:
    """Workshop packs are for the council's own lead and facilitators (and admins)."""
    return is_admin(user) or _assigned(user, gss)


def can_enter_paper_responses(user: Mapping, gss: str) -> bool:
    """Typing in a paper copy's answers: the council's own lead and facilitators, who
    hand the copies out and collect them. Not administrators: entering a copy means
    reading one person's answers and comments, which admins never do."""
    return _assigned(user, gss)


def can_record_actions(user: Mapping, gss: str) -> bool:
    """Action plans and targets: the council's lead and facilitators, who agree them in
    workshops (and admins)."""
    return is_admin(user) or _assigned(user, gss)


def can_view_action_plan(user: Mapping, gss: str) -> bool:
    """The same people who record them, on every page and in every report: national
    analysts never see a council's action plan."""
    return can_record_actions(user, gss)


def can_create_partnership(user: Mapping) -> bool:
    """Admins, and council leads (a lead's own council must be a member)."""
    return user["role"] in ("admin", "lead")


def can_view_partnership(user: Mapping, members: Iterable[str]) -> bool:
    """Everyone who sees a member's results: its lead and facilitators, national
    analysts and admins. Thresholds still apply to every member's figures."""
    return sees_every_council(user) or any(_assigned(user, gss) for gss in members)


def can_confirm_membership(user: Mapping, gss: str) -> bool:
    return is_admin(user) or (user["role"] == "lead" and gss in user["councils"])


def can_switch_module(user: Mapping, confirmed: Iterable[str]) -> bool:
    """Admins, or the lead of a confirmed member council."""
    return is_admin(user) or (
        user["role"] == "lead" and any(gss in user["councils"] for gss in confirmed)
    )


def can_publish_share(user: Mapping, gss: str) -> bool:
    """Publishing and unpublishing the council's "you said, we are doing" page for its
    staff: the council's lead (and admins), as for everything else about taking part."""
    return can_manage_participation(user, gss)
