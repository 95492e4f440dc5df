"""Gathering inputs from the store: what the PDF documents and several pages need (a
council's trend, action plan, peer group, partnerships), read from the database and
handed to :mod:`reports` and :mod:`scoring`, which never touch it themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app

from reports.documents import CouncilInput
from reports.partnership_document import PartnershipInput
from reports.words import trend_reason
from scoring.actions import is_overdue, movement, target_gap
from scoring.coverage import Coverage, coverage
from scoring.instrument import LANGUAGES, Instrument
from scoring.national import PEER_GROUPS, RoundResults, comparable_group, peer_codes
from scoring.partnership import PartnershipResults
from scoring.partnership import partnership_results as score_partnership
from scoring.partnership_module import PartnershipModule, PartnershipModules
from scoring.statements import statement_spreads
from scoring.versions import Instruments, shared_statements
from survey.round_cache import round_results, scored_with
from survey.store import Store, today


def council_coverage(store: Store, round_slug: str, gss: str, public_min: int) -> Coverage:
    """The council's response rate in the round: submitted responses over its eligible
    count (``eligible`` None when the lead has not recorded one)."""
    row = store.eligible(round_slug, gss)
    return coverage(
        store.count_submitted(round_slug, gss),
        row["eligible"] if row else None,
        public_min,
        row["note"] if row else "",
    )


def round_coverage(store: Store, round_slug: str, public_min: int) -> dict[str, Coverage]:
    """:func:`council_coverage` for every council with responses or an eligible count."""
    return {
        gss: coverage(row["submitted"], row["eligible"], public_min, row["note"])
        for gss, row in store.round_coverage(round_slug).items()
    }


def trend(store: Store, versions: Instruments, round_row: Mapping, gss: str, minimum: int):
    """This round beside the previous one, or why there is no trend: ``why`` says which
    reason (the documents word it in their language) and ``reason`` words it in English."""

    def missing(**why) -> dict:
        return {**why, "reason": trend_reason(why)}

    previous = store.previous_round(round_row["slug"])
    if previous is None:
        return missing(why="first")
    shared = None
    if previous["instrument_version"] == round_row["instrument_version"]:
        before = round_results(store, versions, previous["slug"], minimum)
        now = round_results(store, versions, round_row["slug"], minimum)
    else:
        # Different questionnaires: both rounds rescored on the statements they share.
        cut = shared_statements(versions.for_round(previous), versions.for_round(round_row))
        if cut is None:
            return missing(
                why="version", previous=previous, version=round_row["instrument_version"]
            )
        before = scored_with(store, cut.older, previous["slug"], minimum)
        now = scored_with(store, cut.newer, round_row["slug"], minimum)
        shared = cut.count
    then_row, now_row = before.rows.get(gss), now.rows.get(gss)
    if then_row is None or not then_row.passes:
        return missing(why="previous_small", previous=previous, minimum=minimum)
    if now_row is None or not now_row.passes:
        return missing(why="current_small")
    return {
        "previous": previous,
        "shared": shared,  # statements both rounds share, when their versions differ
        "rows": [
            (m, then_row.value(m), now_row.value(m))
            for m in now.measures
            if then_row.value(m) is not None and now_row.value(m) is not None
        ],
    }


def _factor_indices(
    store: Store, versions: Instruments, slug: str, gss: str, minimum: int
) -> dict[str, float]:
    """The council's factor indices in a round; empty below the threshold."""
    row = round_results(store, versions, slug, minimum).rows.get(gss)
    if row is None or not row.passes:
        return {}
    return {factor: fs.index for factor, fs in row.score.factors.items()}


def action_plan(
    store: Store, versions: Instruments, round_row: Mapping, gss: str, minimum: int
) -> dict:
    """The council's agreed actions as they stand at ``round_row``: each with how its
    factor moved from the round it was agreed after to this one, whether it is overdue,
    and each factor's target with the gap still to go. Only rounds up to this one count,
    and an index is given only when that round passed the threshold. Each round's
    results are asked for once, however many actions it has."""
    order = [r["slug"] for r in reversed(store.list_rounds())]  # oldest first
    upto = order[: order.index(round_row["slug"]) + 1] if round_row["slug"] in order else []
    on = today()
    by_round: dict[str, dict[str, float]] = {}

    def indices(slug: str) -> dict[str, float]:
        if slug not in by_round:
            by_round[slug] = _factor_indices(store, versions, slug, gss, minimum)
        return by_round[slug]

    now = indices(round_row["slug"])
    actions = []
    for action in store.actions(gss):
        if action["round_slug"] not in upto:
            continue
        then = indices(action["round_slug"]).get(action["factor"])
        current = now.get(action["factor"])
        actions.append(
            {
                **action,
                "index_then": then,
                "index_now": current,
                "movement": movement(then, current)
                if action["round_slug"] != round_row["slug"]
                else None,
                "overdue": is_overdue(action["status"], action["due"], on),
            }
        )
    targets = {}
    for factor, target in store.targets(gss).items():
        targets[factor] = {
            **target,
            "index_now": now.get(factor),
            "gap": target_gap(now.get(factor), target["level"], versions.for_round(round_row)),
        }
    return {"actions": actions, "targets": targets}


def _partnerships(
    store, modules: PartnershipModules | None, round_row, gss, minimum, lang
) -> list[dict]:
    if not modules:
        return []
    module = modules.for_round(round_row)
    found = []
    for row in store.module_partnerships(round_row["slug"], gss):
        partnership = store.get_partnership(row["id"])
        results = partnership_results(store, module, partnership, round_row["slug"], minimum)
        found.append(
            {
                "name": partnership["name"],
                "names": {m["gss"]: m["name"] for m in partnership["members"]},
                "results": results,
                # The module's texts in the document's language.
                "module": modules.with_prompts(round_row, lang if lang in LANGUAGES else "en"),
            }
        )
    return found


def council_input(
    store: Store,
    versions: Instruments,
    round_row: Mapping,
    council: Mapping,
    minimum: int,
    peer_group: str | None = None,
    lang: str = "en",
    modules: PartnershipModules | None = None,
    *,
    public_min: int,
    with_plan: bool,
) -> CouncilInput:
    """The round is scored with its own questionnaire version from ``versions``, its
    texts in ``lang``; ``modules`` (the partnership module versions) adds the
    council's partnerships that had the module on in this round, for the workshop pack.
    ``public_min`` is the threshold a chosen peer must reach; ``with_plan`` is whether
    the reader may see the council's action plan (``access.can_view_action_plan``)."""
    if peer_group is not None and peer_group not in PEER_GROUPS:
        raise ValueError(f"unknown peer group {peer_group!r}")
    results = round_results(store, versions, round_row["slug"], minimum)
    instrument = versions.for_round(round_row)
    gss = council["gss"]
    answers = store.submitted_answers(round_row["slug"], gss)
    group, instead_of = default_group(results, gss, peer_group, public_min)
    peers = (
        peer_codes(results, gss, group, store.chosen_peers(gss), public_min=public_min)
        if gss in results.rows
        else []
    )
    return CouncilInput(
        council=council,
        round=round_row,
        results=results,
        spreads=statement_spreads(instrument, answers),
        responses=answers,
        peer_group=group,
        peer_group_instead_of=instead_of,
        peers=peers,
        trend=trend(store, versions, round_row, gss, minimum),
        plan=action_plan(store, versions, round_row, gss, minimum) if with_plan else {},
        partnerships=_partnerships(store, modules, round_row, gss, minimum, lang),
        coverage=council_coverage(store, round_row["slug"], gss, public_min),
        lang=lang,
        texts=_texts(versions, round_row, lang),
    )


def default_group(
    results: RoundResults, gss: str, chosen: str | None, public_min: int
) -> tuple[str, str | None]:
    """The peer group to use and, when it is wider than the council's own type because
    too few of those took part, ``"type"`` (what it replaced). A group the reader chose
    (``chosen``) is used as it is."""
    if chosen is not None:
        return chosen, None
    row = results.rows.get(gss)
    if row is None or not row.passes:
        return "type", None
    group = comparable_group(results, gss, public_min=public_min)
    return group, ("type" if group != "type" else None)


def _texts(versions: Instruments, round_row: Mapping, lang: str) -> Instrument | None:
    """The round's questionnaire in ``lang``, with the newest version's workshop prompts
    on the statements it shares; None for a language it is not written in, which the
    document refuses with its own message."""
    return versions.with_prompts(round_row, lang) if lang in LANGUAGES else None


def app_council_input(
    store: Store,
    round_row: Mapping,
    council: Mapping,
    peer_group: str | None,
    lang: str,
    *,
    partnerships: bool,
    with_plan: bool,
) -> CouncilInput:
    """:func:`council_input` with this app's instrument, texts and thresholds.
    ``partnerships`` for the workshop pack only: the report has no partnership pages, so
    it does not pay for their bootstrap intervals."""
    app = current_app
    return council_input(
        store,
        app.extensions["instruments"],
        round_row,
        council,
        app.config["MIN_RESPONDENTS"],
        peer_group,
        lang,
        app.extensions["partnership_modules"] if partnerships else None,
        public_min=app.config["PUBLIC_MIN_RESPONDENTS"],
        with_plan=with_plan,
    )


def app_partnership_input(
    store: Store, partnership: Mapping, round_row: Mapping, lang: str
) -> PartnershipInput:
    """:func:`partnership_input` with this app's instruments, module and threshold."""
    return partnership_input(
        store,
        current_app.extensions["instruments"],
        current_app.extensions["partnership_modules"],
        partnership,
        round_row,
        current_app.config["MIN_RESPONDENTS"],
        lang,
    )


def partnership_results(
    store: Store, module: PartnershipModule, partnership: Mapping, round_slug: str, minimum: int
) -> PartnershipResults:
    """The partnership view for a round (:func:`scoring.partnership.partnership_results`)
    from each confirmed member's submitted answers to the module (the round's version),
    each member's people having answered its per_member statements about every other
    confirmed member."""
    prefix = f"p{partnership['id']}__"
    by_member = {}
    for member in partnership["members"]:
        if not member["confirmed_at"]:
            continue
        responses = [
            {k.removeprefix(prefix): v for k, v in answers.items() if k.startswith(prefix)}
            for answers in store.submitted_answers(round_slug, member["gss"])
        ]
        by_member[member["gss"]] = [r for r in responses if r]
    return score_partnership(module, by_member, minimum)


def partnership_input(
    store: Store,
    versions: Instruments,
    modules: PartnershipModules,
    partnership: Mapping,
    round_row: Mapping,
    minimum: int,
    lang: str = "en",
) -> PartnershipInput:
    """What the partnership report needs, texts in ``lang``, with the round's module."""
    module = modules.for_round(round_row)
    results = partnership_results(store, module, partnership, round_row["slug"], minimum)
    return PartnershipInput(
        partnership=partnership,
        round=round_row,
        results=results,
        texts=_texts(versions, round_row, lang),
        module_texts=modules.with_prompts(round_row, lang if lang in LANGUAGES else "en"),
        min_respondents=minimum,
        lang=lang,
    )
