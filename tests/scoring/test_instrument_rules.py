"""The checks a schema cannot express, and how every refusal names the file, the item and
the problem. Each case changes one thing in a copy of the real instrument."""

from __future__ import annotations

import copy

import pytest
import yaml

from scoring.instrument import (
    DEFAULT_INSTRUMENT,
    InstrumentError,
    load_instrument,
    parse_instrument,
    where,
)

RAW = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
FILE = "instrument.yaml"


def _with(change):
    data = copy.deepcopy(RAW)
    change(data)
    return data


def refusal(data, path=FILE) -> str:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(data, path)
    return str(caught.value)


def _extra_statements(factor_id: str, how_many: int):
    """Add ``how_many`` copies of the factor's first statement under new ids."""

    def change(data):
        first = next(i for i in data["items"] if i["factor"] == factor_id)
        for n in range(how_many):
            data["items"].append({**first, "id": f"{factor_id}_extra_{n}"})

    return change


def _without_one_forward_statement(factor_id: str):
    def change(data):
        drop = next(i for i in data["items"] if i["factor"] == factor_id and not i["reverse"])
        data["items"].remove(drop)

    return change


# Statement counts in the file: trust 7, culture 6, behaviour 7, leadership 6,
# shared_language 6. Six to eight are allowed, both ends included.
def test_a_factor_may_have_exactly_eight_statements():
    instrument = parse_instrument(_with(_extra_statements("trust", 1)), FILE)
    assert len(instrument.factor("trust").items) == 8


def test_a_factor_may_have_exactly_six_statements():
    assert len(parse_instrument(copy.deepcopy(RAW), FILE).factor("culture").items) == 6


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_extra_statements("trust", 2), "factor 'trust': has 9 statements; needs 6 to 8"),
        (
            _without_one_forward_statement("culture"),
            "factor 'culture': has 5 statements; needs 6 to 8",
        ),
    ],
)
def test_a_factor_with_too_many_or_too_few_statements_is_refused(change, problem):
    assert refusal(_with(change)) == f"{FILE}: {problem}"


def test_factors_out_of_order_are_refused_listing_expected_and_found():
    def swap(data):
        data["factors"][0], data["factors"][1] = data["factors"][1], data["factors"][0]

    assert refusal(_with(swap)) == (
        f"{FILE}: factors: expected the five core factors trust, culture, behaviour, "
        "leadership, shared_language in that order, found culture, trust, behaviour, "
        "leadership, shared_language"
    )


LEVELS_PROBLEM = f"{FILE}: levels: must be 1 to 5 with rising lower bounds from 0"


@pytest.mark.parametrize(
    "change",
    [
        # level numbers wrong, lower bounds fine (0, 20, 40, 60, 80)
        lambda d: d["levels"][4].update(level=4),
        # lower bounds not rising (0, 40, 20, 60, 80), level numbers fine
        lambda d: (d["levels"][1].update(lower=40), d["levels"][2].update(lower=20)),
        # lower bounds rising but not from 0 (10, 20, 40, 60, 80)
        lambda d: d["levels"][0].update(lower=10),
    ],
    ids=["level numbers", "falling bounds", "first bound not 0"],
)
def test_each_levels_problem_is_refused_on_its_own(change):
    assert refusal(_with(change)) == LEVELS_PROBLEM


def test_a_statement_naming_an_unknown_factor_lists_the_factors():
    data = _with(lambda d: d["items"][0].update(factor="trusting"))
    assert refusal(data) == (
        f"{FILE}: item 'trust_partner_intentions': factor 'trusting' is not one of trust, "
        "culture, behaviour, leadership, shared_language"
    )


def test_welsh_suggestions_must_match_the_english_one_for_one():
    data = _with(lambda d: d["factors"][0]["suggestions_cy"].pop())
    assert refusal(data) == (
        f"{FILE}: item 'trust': suggestions_cy must have one Welsh text per suggestion"
    )


@pytest.mark.parametrize(
    ("scale", "order", "expected"),
    [
        ("agreement", [1, 0, 2, 3, 4, 5], "1, 2, 3, 4, 5, dont_know"),
        ("barrier", [0, 1, 2, 4, 3], "1, 2, 3, 4, dont_know"),
    ],
)
def test_scale_values_out_of_order_are_refused_with_the_expected_values(scale, order, expected):
    def reorder(data):
        values = [o["value"] for o in data["scales"][scale]]
        for option, n in zip(data["scales"][scale], order, strict=True):
            option["value"] = values[n]

    assert refusal(_with(reorder)) == f"{FILE}: scales/{scale}: values must be {expected}"


def test_an_id_shared_by_a_barrier_and_a_comment_is_refused():
    data = _with(lambda d: d["comments"]["items"][1].update(id="barrier_uniqueness"))
    assert refusal(data) == f"{FILE}: item 'barrier_uniqueness': this id is used more than once"


# Where a schema problem is: the nearest enclosing item with an id, and the path to it.
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.pop("minutes"),
            "the top level (at (root)): 'minutes' is a required property",
        ),
        (
            lambda d: d["scales"]["agreement"][0].pop("label"),
            "the top level (at scales/agreement/0): 'label' is a required property",
        ),
        (
            lambda d: d["items"][2].pop("source"),
            "item 'trust_time_invested' (at items/2): 'source' is a required property",
        ),
        (
            lambda d: d["factors"][0]["levels"].update(isolated="short"),
            "item 'trust' (at factors/0/levels/isolated): 'short' is too short",
        ),
    ],
    ids=["root", "no id on the way", "an item", "inside an item"],
)
def test_a_schema_problem_names_the_enclosing_item_and_the_path(change, expected):
    assert refusal(_with(change)) == f"{FILE}: {expected}"


def test_a_path_that_runs_past_the_data_names_the_last_item_reached():
    data = {"items": [{"id": "only_item", "text": "A statement"}]}
    assert where(data, ["items", 0, "hint", 0]) == "item 'only_item' (at items/0/hint)"


def test_of_several_schema_problems_the_first_in_file_order_is_reported():
    """``minutes`` comes before ``items`` in the schema, so the validator finds it first;
    by path, items/0/reverse sorts before minutes."""

    def two_problems(data):
        data["minutes"] = 0
        data["items"][0]["reverse"] = "no"

    assert refusal(_with(two_problems)) == (
        f"{FILE}: item 'trust_partner_intentions' (at items/0/reverse): "
        "'no' is not of type 'boolean'"
    )


def test_a_schema_message_of_160_characters_is_kept_and_a_longer_one_names_the_rule():
    """The message is ``repr(value) + " is not of type 'boolean'"``: n + 2 + 25 characters,
    so 133 characters give 160 and 134 give 161."""
    prefix = f"{FILE}: item 'trust_partner_intentions' (at items/0/reverse): "
    kept = refusal(_with(lambda d: d["items"][0].update(reverse="x" * 133)))
    assert kept == prefix + repr("x" * 133) + " is not of type 'boolean'"
    assert len(kept) - len(prefix) == 160
    named = refusal(_with(lambda d: d["items"][0].update(reverse="x" * 134)))
    assert named == prefix + "does not meet the schema rule type: boolean"


def test_data_parsed_elsewhere_is_named_as_the_instrument():
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(_with(lambda d: d.pop("minutes")))
    assert str(caught.value) == (
        "<instrument>: the top level (at (root)): 'minutes' is a required property"
    )


def test_a_missing_file_is_reported_with_its_path_and_the_reason(tmp_path):
    path = tmp_path / "missing.v1.yaml"
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(caught.value) == f"{path}: cannot read the file (No such file or directory)"
