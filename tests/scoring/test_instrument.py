"""The instrument file and its checks."""

from __future__ import annotations

import copy

import pytest
import yaml

from scoring.instrument import (
    CORE_FACTORS,
    DEFAULT_INSTRUMENT,
    InstrumentError,
    load_instrument,
)
from survey import create_app

RAW = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))


def write(tmp_path, data) -> str:
    path = tmp_path / "broken.v1.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def test_the_instrument_has_five_core_factors_of_six_to_eight_statements(instrument):
    assert tuple(f.id for f in instrument.factors) == CORE_FACTORS
    for factor in instrument.factors:
        assert 6 <= len(factor.items) <= 8, factor.id
        assert any(item.reverse for item in factor.items), factor.id
        assert len(factor.level_descriptors) == 5
    assert instrument.version == 1


def test_every_item_names_a_source_finding(instrument):
    for item in instrument.items:
        assert item.source in instrument.sources
        assert item.factor in CORE_FACTORS


def test_barriers_include_the_ones_the_research_names(instrument):
    keys = {b.key for b in instrument.barriers}
    assert {
        "data_sharing",
        "time_resource",
        "incompatible_it",
        "procurement_rules",
        "contract_timing",
        "politics_sovereignty",
    } <= keys
    bt = {b.key: b.bt2014 for b in instrument.barriers if b.bt2014 is not None}
    assert bt == {"data_sharing": 0.80, "time_resource": 0.81, "incompatible_it": 0.85}


def test_profile_has_role_and_area_and_two_optional_questions(instrument):
    role = instrument.profile[0]
    assert [o.value for o in role.options][:6] == [
        "elected_member",
        "chief_executive_or_director",
        "senior_manager",
        "manager",
        "officer",
        "partner_organisation",
    ]
    assert len(instrument.comments) == 2


def test_ids_are_unique_across_the_whole_instrument(instrument):
    ids = (
        [i.id for i in instrument.items]
        + [b.id for b in instrument.barriers]
        + [p.id for p in instrument.profile]
        + [c.id for c in instrument.comments]
    )
    assert len(ids) == len(set(ids))


def _with(change):
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["items"][2].pop("source"),
            r"item 'trust_time_invested'.*'source' is a required property",
        ),
        (
            lambda d: d["items"][0].update(factor="trusting"),
            r"item 'trust_partner_intentions': factor 'trusting' is not one of",
        ),
        (
            lambda d: d["items"][1].update(id="trust_partner_intentions"),
            r"item 'trust_partner_intentions': this id is used more than once",
        ),
        (
            lambda d: d["items"][0].update(source="made_up"),
            r"item 'trust_partner_intentions': source 'made_up' is not listed",
        ),
        (
            lambda d: d["items"][0].update(reverse="no"),
            r"item 'trust_partner_intentions'.*'no' is not of type 'boolean'",
        ),
        (
            lambda d: d["items"][0].update(id="Trust Intentions"),
            r"item 'Trust Intentions'.*does not match",
        ),
        (
            lambda d: d.update(items=[i for i in d["items"] if i["id"] != "trust_suspicion"]),
            r"factor 'trust': needs at least one reverse-worded statement",
        ),
        (
            lambda d: d.update(
                items=[
                    i
                    for i in d["items"]
                    if i["factor"] != "culture" or i["id"] == "culture_outward"
                ]
            ),
            r"factor 'culture': has 1 statements; needs 6 to 8",
        ),
    ],
)
def test_a_bad_file_names_the_file_the_item_and_the_problem(tmp_path, change, expected):
    path = write(tmp_path, _with(change))
    with pytest.raises(InstrumentError, match=expected) as caught:
        load_instrument(path)
    assert "broken.v1.yaml" in str(caught.value)


def test_invalid_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("items: [unclosed", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"bad.yaml: not valid YAML"):
        load_instrument(path)


def test_a_bad_instrument_stops_the_app_starting(tmp_path):
    path = write(tmp_path, _with(lambda d: d["items"][0].pop("text")))
    with pytest.raises(InstrumentError, match="'text' is a required property"):
        create_app({"INSTRUMENT": path, "DATABASE": str(tmp_path / "db.sqlite")})
