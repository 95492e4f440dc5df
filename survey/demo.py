"""Fictional demonstration data: invented councils with believable synthetic responses.

No real council appears, so no screenshot can show a real council with invented scores.
Fictional GSS codes use a 9 in the fourth character (E07900001), which ONS does not use.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import cache

from scoring.instrument import DONT_KNOW, Instrument
from scoring.partnership_module import load_module_versions, member_item_id
from survey.demo_councils import fictional_councils
from survey.questionnaire import module_item_id
from survey.store import Store

DEMO_ROUND = "demo-2026"
DEMO_ROUND_TITLE = "Demonstration round 2026 (fictional data)"
DEMO_ROUND_TITLE_CY = "Rownd arddangos 2026 (data ffuglennol)"
PREVIOUS_ROUND = "demo-2025"
PREVIOUS_ROUND_TITLE = "Demonstration round 2025 (fictional data)"
PREVIOUS_ROUND_TITLE_CY = "Rownd arddangos 2025 (data ffuglennol)"
# One account per role, to try each view: (role, councils).
DEMO_USERS = {
    "admin@demo.invalid": ("admin", []),
    "analyst@demo.invalid": ("analyst", []),
    "lead@demo.invalid": ("lead", ["E07900001", "E07900003"]),
    "facilitator@demo.invalid": ("facilitator", ["E07900001"]),
}

# (name, type, type name, nation, region, population)
COMMENTS = [
    "Our shared waste contract with the neighbouring district works well because we meet monthly.",
    "We agree things at the partnership board and then nothing happens for months.",
    "Senior leaders are supportive but officers do not have the time.",
    "Data sharing agreements take far too long to sign off.",
    "",
]


# How the demo's answers vary, on the 1-5 scale: councils differ a little (their level and
# a climate per factor), people within a council much more, as in real staff surveys, where
# ICC(1) of council means sits near 0.05-0.20 (tests/survey/test_demo.py checks 0.05-0.20).
COUNCIL_SD = 0.2
CLIMATE_SD = 0.12
PERSON_SD = 0.6
ITEM_SD = 0.7
STRAIGHT_LINERS = 0.03  # people who give one answer to every statement


def synthetic_responses(
    instrument: Instrument, rng: random.Random, count: int, council_level: float
) -> Iterator[dict[str, str]]:
    """Believable answers: a council climate per factor, people around it, items around
    them; most answers between 3 and 4, some Don't know, a few straight-liners."""
    climate = {f.id: council_level + rng.gauss(0, CLIMATE_SD) for f in instrument.factors}
    for _ in range(count):
        person = rng.gauss(0, PERSON_SD)
        answers: dict[str, str] = {}
        straight = rng.random() < STRAIGHT_LINERS
        for item in instrument.items:
            if straight:
                answers[item.id] = "4"  # the same box ticked all the way down
                continue
            if rng.random() < 0.04:
                answers[item.id] = DONT_KNOW
                continue
            agreement = climate[item.factor] + person + rng.gauss(0, ITEM_SD)
            value = min(5, max(1, round(agreement)))
            answers[item.id] = str(6 - value if item.reverse else value)
        for barrier in instrument.barriers:
            if rng.random() < 0.06:
                answers[barrier.id] = DONT_KNOW
                continue
            likely = barrier.bt2014 if barrier.bt2014 is not None else 0.5
            pressure = likely - (council_level - 3) * 0.15 + rng.gauss(0, 0.15)
            if rng.random() < pressure:  # Significant (3) or Major (4)
                answers[barrier.id] = rng.choice(["3", "3", "4"])
            else:  # Not a barrier (1) or Minor (2)
                answers[barrier.id] = rng.choice(["1", "2", "2"])
        for profile in instrument.profile:
            answers[profile.id] = rng.choice(profile.options).value
        comment = rng.choice(COMMENTS)
        if comment:
            answers[instrument.comments[0].id] = comment
        yield answers


# Council (by position) -> submitted responses: under and at each threshold.
THRESHOLD_COUNTS = {3: 3, 5: 9, 7: 10, 9: 5}


def load_demo(
    store: Store,
    instrument: Instrument,
    councils: int,
    respondents: int,
    seed: int,
    previous: Instrument | None = None,
) -> dict:
    """Load the demo councils, round and submitted responses; skip what is there already.
    With ``previous``, a closed round a year earlier on that questionnaire comes first,
    so the demo shows a trend (across versions, on the statements both share)."""
    rng = random.Random(seed)
    rows = fictional_councils(councils)
    store.upsert_councils(rows)
    loaded = 0
    if previous is not None and store.get_round(DEMO_ROUND) is None:
        loaded += _previous_round(store, previous, rows, respondents, seed)
    if store.get_round(DEMO_ROUND) is None:
        store.create_round(
            DEMO_ROUND, DEMO_ROUND_TITLE, instrument.id, instrument.version,
            title_cy=DEMO_ROUND_TITLE_CY,
        )  # fmt: skip
    partnership = _demo_partnership(store, rows)
    module_rng = random.Random(seed * 7 + 1)  # its own, so the main answers stay the same
    for index, council in enumerate(rows):
        level = rng.gauss(3.4, COUNCIL_SD)
        # Some councils sit just under and just over each threshold (5 to be shown, 10 to
        # be published), to show what each looks like; Dunholme (the fourth) is below.
        count = THRESHOLD_COUNTS.get(index, max(5, respondents + rng.randint(-4, 8)))
        answers = list(synthetic_responses(instrument, rng, count, level))
        if partnership and council["gss"] in DEMO_PARTNERSHIP_LEVELS:
            for person in answers:
                person.update(
                    _module_answers(partnership, instrument.version, council["gss"], module_rng)
                )
        if store.count_responses(DEMO_ROUND, council["gss"]) == 0:
            loaded += store.insert_submitted_responses(
                DEMO_ROUND,
                council["gss"],
                instrument.id,
                instrument.version,
                answers,
                submitted_on="2026-10-15",
            )
    _invitations_and_eligible(store, DEMO_ROUND, rows, seed)
    first = rows[0]["gss"]
    if not store.actions(first):
        # A workshop's action plan for the first council: one action overdue, one under
        # way, and a target, so that the action plan and results pages show them.
        for fields in DEMO_ACTIONS:
            store.add_action(first, DEMO_ROUND, fields)
        store.set_target(first, "trust", 4, "the 2027 round", DEMO_ROUND)
    return {"councils": len(rows), "responses_loaded": loaded}


def _previous_round(
    store: Store, instrument: Instrument, rows: list[dict], respondents: int, seed: int
) -> int:
    """Last year's round, closed: each council a little behind where it is now."""
    rng = random.Random(seed * 3 + 2)  # its own, so this year's answers stay the same
    if store.get_round(PREVIOUS_ROUND) is None:
        store.create_round(
            PREVIOUS_ROUND,
            PREVIOUS_ROUND_TITLE,
            instrument.id,
            instrument.version,
            "2025-09-01",
            "2025-10-31",
            PREVIOUS_ROUND_TITLE_CY,
        )
        store.set_round_state(PREVIOUS_ROUND, "closed")
    loaded = 0
    for council in rows:
        if store.count_responses(PREVIOUS_ROUND, council["gss"]):
            continue
        count = max(5, respondents + rng.randint(-4, 6))
        level = rng.gauss(3.3, COUNCIL_SD)
        loaded += store.insert_submitted_responses(
            PREVIOUS_ROUND,
            council["gss"],
            instrument.id,
            instrument.version,
            list(synthetic_responses(instrument, rng, count, level)),
            submitted_on="2025-10-15",
        )
    _invitations_and_eligible(store, PREVIOUS_ROUND, rows, seed)
    return loaded


# Councils (by position) whose eligible count makes a response rate under 20%, to show the
# flag: Caldermoor (a large metropolitan district that shared links in a newsletter).
LOW_RATE_COUNCILS = {2}
ELIGIBLE_NOTES = (
    "All staff on the payroll on 1 September, including part-time staff",
    "Managers and staff who work with partners, from the HR system",
    "Everyone on the staff newsletter list",
)


def _invitations_and_eligible(store: Store, round_slug: str, rows: list[dict], seed: int) -> None:
    """An invitation (used) behind every submitted response, some unused and a few
    withdrawn, and an eligible count a little above the links sent, per council; skipped
    where the council has invitations in the round already."""
    rng = random.Random(f"{seed}-{round_slug}-invitations")  # its own: answers stay the same
    at = store.get_round(round_slug)["created_at"]
    for index, council in enumerate(rows):
        gss = council["gss"]
        submitted = store.count_submitted(round_slug, gss)
        if store.council_progress(round_slug, gss)["invited"]:
            continue
        unused = round(submitted * rng.uniform(0.3, 1.2)) + 2
        revoked = rng.choice((0, 0, 1, 1, 2))
        store.insert_demo_invitations(
            round_slug, gss, {"submitted": submitted, "unused": unused, "revoked": revoked}, at
        )
        invited = submitted + unused + revoked
        if store.eligible(round_slug, gss) is None:
            grow = rng.uniform(5.5, 7.0) if index in LOW_RATE_COUNCILS else rng.uniform(1.0, 1.3)
            note = (
                ELIGIBLE_NOTES[2] if index in LOW_RATE_COUNCILS else rng.choice(ELIGIBLE_NOTES[:2])
            )
            store.set_eligible(round_slug, gss, round(invited * grow), note, "demo")


# A shared service of three demo councils with the partnership module on: Brackenford sees
# it more kindly than Caldermoor, and Dunholme (below the threshold) is listed without figures.
# The round's module version is its questionnaire's: on version 2 each member's people also
# answer the paired statements about each other member, and Caldermoor believes it
# understands Brackenford better than Brackenford feels understood.
DEMO_PARTNERSHIP = "Brackenford, Caldermoor and Dunholme shared services"
DEMO_PARTNERSHIP_LEVELS = {"E07900002": 3.9, "E08900001": 2.8, "E07900003": 3.3}
# (answering member, per_member statement, member asked about) -> shift from its level
DEMO_UNDERSTANDING = {
    ("E07900002", "pm_they_understand_us", "E08900001"): -0.9,
    ("E08900001", "pm_we_understand_them", "E07900002"): 1.0,
    ("E08900001", "pm_they_understand_us", "E07900002"): 0.3,
    ("E07900002", "pm_we_understand_them", "E08900001"): -0.2,
}


def _demo_partnership(store: Store, rows: list[dict]) -> int | None:
    members = [r["gss"] for r in rows if r["gss"] in DEMO_PARTNERSHIP_LEVELS]
    if len(members) < len(DEMO_PARTNERSHIP_LEVELS):
        return None
    for existing in store.list_partnerships():
        if existing["name"] == DEMO_PARTNERSHIP:
            return existing["id"]
    pid = store.create_partnership(DEMO_PARTNERSHIP, members, "demo", confirmed=members)
    store.set_partnership_module(DEMO_ROUND, pid, True)
    return pid


@cache
def _modules():
    return load_module_versions()


def _module_answers(
    partnership_id: int, version: int, gss: str, rng: random.Random
) -> dict[str, str]:
    """One person's answers to the round's module, as a person of member ``gss``."""
    module = _modules().get(version)
    others = [other for other in DEMO_PARTNERSHIP_LEVELS if other != gss]
    level = DEMO_PARTNERSHIP_LEVELS[gss]
    shifts = {
        member_item_id(statement, about): shift
        for (who, statement, about), shift in DEMO_UNDERSTANDING.items()
        if who == gss
    }
    person = rng.gauss(0, 0.5)
    answers = {}
    for item in module.expand(others).items:
        shift = shifts.get(item.id, 0.0)
        value = min(5, max(1, round(level + shift + person + rng.gauss(0, 0.6))))
        answers[module_item_id(partnership_id, item.id)] = str(6 - value if item.reverse else value)
    return answers


DEMO_ACTIONS = (
    {
        "factor": "trust",
        "what": "Hold a monthly meeting with partner officers that is not tied to a decision",
        "lead": "Head of Partnerships",
        "due": "2026-11-01",
        "measure": "Meetings held and attended by every partner",
        "status": "planned",
    },
    {
        "factor": "behaviour",
        "what": "Keep one list of agreed joint actions and review it at every partnership board",
        "lead": "Chief Executive's office",
        "due": "2027-03-31",
        "measure": "The list is reviewed at four boards in a row",
        "status": "under_way",
    },
)
