"""The partnership module file: built in both languages, and refused with the file, the item
and the problem when it is unusable. Bad variants are written to ``tmp_path``."""

from __future__ import annotations

import copy

import pytest
import yaml

from scoring.instrument import InstrumentError
from scoring.partnership_module import DEFAULT_MODULE, load_partnership_modules

RAW = yaml.safe_load(DEFAULT_MODULE.read_text(encoding="utf-8"))


def test_the_module_is_built_in_english_and_welsh_with_the_same_ids():
    modules = load_partnership_modules()
    english, welsh = modules["en"], modules["cy"]
    for module in (english, welsh):
        assert (module.id, module.version) == ("partnership-module", 1)
        assert len(module.items) == 15
        hidden = module.items[2]
        assert (hidden.id, hidden.factor, hidden.reverse) == (
            "pm_trust_hidden_agendas",
            "trust",
            True,
        )
        assert {item.source for item in module.items} == {"partnership"}
    assert english.title == "This partnership"
    assert english.intro.startswith("These statements are about the partnership named above")
    assert welsh.intro.startswith("Mae'r datganiadau hyn yn ymwneud â'r bartneriaeth")
    assert english.items[0].text == (
        "The councils in this partnership trust each other to act in good faith."
    )
    assert welsh.items[0].text.startswith("Mae'r cynghorau yn y bartneriaeth hon")


def test_a_factors_items_are_only_its_own():
    module = load_partnership_modules()["en"]
    assert [i.id for i in module.factor_items("trust")] == [
        "pm_trust_good_faith",
        "pm_trust_problems_early",
        "pm_trust_hidden_agendas",
    ]
    assert module.factor_items("optimism") == ()


def write(tmp_path, data) -> str:
    path = tmp_path / "module.v1.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def refusal(path) -> str:
    with pytest.raises(InstrumentError) as caught:
        load_partnership_modules(path)
    return str(caught.value)


def _with(change):
    data = copy.deepcopy(RAW)
    change(data)
    return data


def test_a_missing_module_file_is_reported_with_its_path(tmp_path):
    path = tmp_path / "absent.yaml"
    assert refusal(path).startswith(f"{path}: cannot read the module: [Errno 2]")


def test_a_module_that_is_not_yaml_is_reported_with_its_path(tmp_path):
    path = tmp_path / "module.v1.yaml"
    path.write_text("items: [unclosed", encoding="utf-8")
    assert refusal(path).startswith(f"{path}: cannot read the module: while parsing")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["items"][0].update(reverse="no"),
            "item 'pm_trust_good_faith' (at items/0/reverse): 'no' is not of type 'boolean'",
        ),
        (
            # The validator finds ``version`` first (schema order); by path items/0 is first.
            lambda d: (d.update(version=0), d["items"][0].update(reverse="no")),
            "item 'pm_trust_good_faith' (at items/0/reverse): 'no' is not of type 'boolean'",
        ),
        (
            lambda d: d.pop("intro_cy"),
            "the top level (at (root)): 'intro_cy' is a required property",
        ),
        (
            lambda d: d["items"][1].update(id="pm_trust_good_faith"),
            "an item id is used more than once",
        ),
        (
            lambda d: d.update(items=[i for i in d["items"] if i["factor"] != "leadership"]),
            "factor 'leadership' has no statement",
        ),
    ],
    ids=["schema", "first by path", "top level", "duplicate id", "factor missing"],
)
def test_a_bad_module_names_the_file_the_item_and_the_problem(tmp_path, change, problem):
    path = write(tmp_path, _with(change))
    assert refusal(path) == f"{path}: {problem}"
