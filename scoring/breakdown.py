"""A council's factor indices broken down by one profile question, such as how often
respondents work with partners (contract section 8).

Each group is scored with the council's own rules, and shown only if it and what can be
worked out from it are safe: groups under the threshold are hidden, and when exactly one
non-empty group would be hidden the next smallest is hidden too
(:func:`scoring.confidentiality.visible_groups`); and everyone outside the shown groups,
taken together, must reach the threshold as well. A hidden group shows no figure and no
count. Respondents who did not answer the question are in no group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.confidentiality import visible_groups
from scoring.council import Answers, score_council
from scoring.instrument import Instrument

CONTACT = "profile_contact"  # version 2: contact with partners in the last 12 months


@dataclass(frozen=True)
class Group:
    value: str
    label: str
    shown: bool
    n: int | None  # None when hidden
    indices: Mapping[str, float | None]  # factor id -> index; empty when hidden
    collaboration_index: float | None = None


@dataclass(frozen=True)
class Breakdown:
    question: str  # the profile question's text
    groups: tuple[Group, ...]  # in the order of the question's options

    @property
    def hidden(self) -> int:
        return sum(not g.shown for g in self.groups)


def breakdown(
    instrument: Instrument,
    responses: Sequence[Answers],
    profile_id: str,
    min_respondents: int,
    texts: Instrument | None = None,
) -> Breakdown | None:
    """The breakdown by ``profile_id``, or None when the questionnaire does not ask it
    or the council itself is below the threshold. ``texts`` gives the labels in another
    language (the same questionnaire)."""
    question = next((p for p in instrument.profile if p.id == profile_id), None)
    if question is None or len(responses) < min_respondents:
        return None
    worded = next(p for p in (texts or instrument).profile if p.id == profile_id)
    labels = {o.value: o.label for o in worded.options}
    members = {
        o.value: [r for r in responses if r.get(profile_id) == o.value] for o in question.options
    }
    counts = {v: len(m) for v, m in members.items()}
    shown = visible_groups(counts, min_respondents)
    # Stricter than the contract's rule, because the council's own figures are shown
    # beside the groups': everyone not in a shown group (hidden groups, and people who did
    # not answer the question) could be worked out together by subtraction, so together
    # they must reach the threshold too, or the next smallest shown group is hidden.
    unanswered = len(responses) - sum(counts.values())
    while shown:
        rest = unanswered + sum(c for v, c in counts.items() if v not in shown)
        if rest == 0 or rest >= min_respondents:
            break
        shown.discard(min(shown, key=lambda v: (counts[v], v)))
    groups = []
    for option in question.options:
        people = members[option.value]
        if option.value not in shown:
            groups.append(Group(option.value, labels[option.value], False, None, {}))
            continue
        score = score_council(instrument, people, min_respondents)
        indices = {
            f.id: score.factors[f.id].index if f.id in score.factors else None
            for f in instrument.factors
        }
        groups.append(
            Group(
                option.value,
                labels[option.value],
                True,
                len(people),
                indices,
                score.collaboration_index,
            )
        )
    return Breakdown(worded.text, tuple(groups))
