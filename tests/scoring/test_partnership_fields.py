"""Field by field, what a partnership's results carry (contract section 10): every
member listed in order whatever its size, the Welch interval with a one- or two-person
side, the ordering of the statements seen most differently, and the results of a whole
partnership from module answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scoring.distributions import t_quantile
from scoring.partnership import (
    partnership_results,
    perception_gap,
    welch_interval,
    widest_statements,
)
from scoring.partnership_module import load_partnership_modules

MODULE = load_partnership_modules()["en"]


def test_every_member_is_listed_in_order_with_its_size_whatever_comes_before_it():
    gap = perception_gap({"C": [60, 70, 80], "A": [50, 60], "B": [40, 50, 60]}, 3)
    assert [(m.gss, m.n) for m in gap.members] == [("A", 2), ("B", 3), ("C", 3)]
    assert gap.members[0].mean is None  # too small: listed, never counted
    assert [m.mean for m in gap.members[1:]] == [50, 70]
    assert gap.members[2].versus_rest == 20  # 70 against B's 50


def test_with_one_member_shown_there_is_no_test_but_every_member_is_listed():
    gap = perception_gap({"A": [50, 60, 70], "B": [10, 20]}, 3)
    assert [(m.gss, m.n, m.mean) for m in gap.members] == [("A", 3, 60), ("B", 2, None)]
    assert gap.members[0].versus_rest is None
    assert (gap.gap, gap.f, gap.p) == (None, None, None)
    assert gap.flagged is False


def test_a_member_whose_views_differ_is_flagged_true_not_just_truthy():
    gap = perception_gap({"A": [10, 12, 14], "B": [80, 82, 84]}, 3)
    assert gap.flagged is True and gap.p < 0.001


def test_welch_interval_with_one_person_on_one_side():
    """a = (50): no variance of its own. b = (40, 60): variance 200, vb = 100, so se2 =
    100, df = 100**2 / (100**2 / 1) = 1 and the interval is 0 +/- t(0.975, 1) * 10."""
    difference, low, high = welch_interval(np.array([50.0]), np.array([40.0, 60.0]))
    half = t_quantile(0.975, 1) * 10
    assert half == pytest.approx(127.062, abs=1e-3)
    assert (difference, low, high) == pytest.approx((0, -half, half))
    # And the other way round: the one person is the rest.
    assert welch_interval(np.array([40.0, 60.0]), np.array([50.0])) == pytest.approx(
        (0, -half, half)
    )


def test_welch_interval_with_two_people_on_one_side():
    """a = (40, 60): va = 200 / 2 = 100. b = (50, 50, 50): vb = 0. se2 = 100, df =
    100**2 / (100**2 / (2 - 1)) = 1."""
    difference, low, high = welch_interval(np.array([40.0, 60.0]), np.array([50.0] * 3))
    half = t_quantile(0.975, 1) * 10
    assert (difference, low, high) == pytest.approx((0, -half, half))
    assert welch_interval(np.array([50.0] * 3), np.array([40.0, 60.0])) == pytest.approx(
        (0, -half, half)
    )


def test_statements_with_equal_f_are_ordered_by_the_wider_gap_then_by_id():
    """Doubling the distances between answers leaves F alone: "near" (means 1.5 and 2.5)
    and "far" (2 and 4) have the same F; "far" has the wider gap so it comes first.
    "twin" equals "far" exactly and comes after it by id. A statement only one member
    answered comes first in the input and is skipped, not the end of the search."""
    scores = {
        "one member": {"A": [3, 4], "B": []},
        "near": {"A": [1, 2], "B": [2, 3]},
        "far": {"A": [1, 3], "B": [3, 5]},
        "twin": {"A": [1, 3], "B": [3, 5]},
    }
    widest = widest_statements(scores, passing=["A", "B"])
    assert [w.item for w in widest] == ["far", "twin", "near"]
    assert widest[0].f == pytest.approx(widest[2].f)
    assert (widest[0].gap, widest[2].gap) == (2, 1)


def test_at_most_five_statements_are_listed_by_default():
    scores = {f"s{i}": {"A": [1, 2], "B": [2 + i % 3, 4]} for i in range(7)}
    assert len(widest_statements(scores, passing=["A", "B"])) == 5
    assert len(widest_statements(scores, passing=["A", "B"], count=7)) == 7


def answers(value: str) -> dict[str, str]:
    return {item.id: value for item in MODULE.items}


def test_a_partnership_from_its_members_module_answers():
    """B's people answer 4 to everything, C's 2, A has only two people. Per factor,
    an all-4 respondent scores (4 * plain + 2 * reversed) / statements."""
    by_member = {
        "B": [answers("4")] * 3,
        "A": [answers("5")] * 2,
        "C": [answers("2")] * 4,
    }
    results = partnership_results(MODULE, by_member, minimum=3)
    assert dict(results.respondents) == {"B": 3, "A": 2, "C": 4}
    assert results.passing == ("B", "C")
    assert set(results.items) == {i.id for i in MODULE.items}
    assert results.items["pm_trust_good_faith"].factor == "trust"
    trust = MODULE.factor_items("trust")
    reversed_ = sum(i.reverse for i in trust)

    def index(value: int) -> float:
        mean = (value * (len(trust) - reversed_) + (6 - value) * reversed_) / len(trust)
        return 25 * (mean - 1)

    gap = results.gaps["trust"]
    assert [(m.gss, m.mean) for m in gap.members] == [
        ("A", None),
        ("B", pytest.approx(index(4))),
        ("C", pytest.approx(index(2))),
    ]
    assert gap.flagged and gap.f == math.inf  # everyone in a member answered alike
    assert set(results.gaps) == {"trust", "culture", "behaviour", "leadership", "shared_language"}
    # Every statement: B and C answered alike within, differently between; A never counts.
    assert len(results.widest) == 5
    assert all(set(w.means) == {"B", "C"} for w in results.widest)
    assert all(w.gap == 2 for w in results.widest)
