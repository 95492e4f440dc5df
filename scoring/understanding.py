"""How well the members of a partnership understand each other (module version 2).

Version 2 of the module asks each respondent of member A, about every other member B,
"B understands what my council needs from this partnership" and "My council understands
what B needs from this partnership". For each ordered pair of members A, B that both
pass the threshold, this sets A's people's mean answer to the first (how well A feels
understood by B) beside B's people's mean answer to the second about A (how well B
thinks it understands A). The difference is B's view of itself minus A's view of B:
above 0, B thinks it understands A better than A feels understood.

A member below the threshold never enters a figure: no pair includes it, either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.council import item_score
from scoring.partnership_module import PartnershipModule, member_item_id

THEY_UNDERSTAND_US = "pm_they_understand_us"  # "{council} understands what my council needs"
WE_UNDERSTAND_THEM = "pm_we_understand_them"  # "My council understands what {council} needs"


@dataclass(frozen=True)
class Understanding:
    """One ordered pair: does ``other`` understand what ``member`` needs?"""

    member: str  # A, whose needs they are (GSS code)
    other: str  # B, who is to understand them
    felt: float | None  # A's people's mean answer (1 to 5): "B understands what my council needs"
    felt_n: int  # A's people who answered it (Don't know left out)
    claimed: float | None  # B's people's mean answer: "My council understands what A needs"
    claimed_n: int

    @property
    def difference(self) -> float | None:
        """B's view of itself minus A's view of B; None without both."""
        if self.felt is None or self.claimed is None:
            return None
        return self.claimed - self.felt


def _mean(
    responses: Sequence[Mapping[str, str]], item_id: str, reverse: bool
) -> tuple[float | None, int]:
    scores = [s for a in responses if (s := item_score(a.get(item_id), reverse)) is not None]
    return (sum(scores) / len(scores) if scores else None), len(scores)


def understanding(
    module: PartnershipModule,
    by_member: Mapping[str, Sequence[Mapping[str, str]]],
    passing: Sequence[str],
) -> tuple[Understanding, ...]:
    """Every ordered pair of members in ``passing``, in their order; none for a module
    without the two paired statements (version 1). ``by_member`` maps each member to
    its respondents' answers (item ids without the partnership's prefix)."""
    if not {THEY_UNDERSTAND_US, WE_UNDERSTAND_THEM} <= module.per_member:
        return ()
    items = {item.id: item for item in module.items}
    they, we = items[THEY_UNDERSTAND_US], items[WE_UNDERSTAND_THEM]
    pairs = []
    for a in passing:
        for b in passing:
            if a == b:
                continue
            felt, felt_n = _mean(by_member[a], member_item_id(they.id, b), they.reverse)
            claimed, claimed_n = _mean(by_member[b], member_item_id(we.id, a), we.reverse)
            pairs.append(Understanding(a, b, felt, felt_n, claimed, claimed_n))
    return tuple(pairs)
