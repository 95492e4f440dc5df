"""The partnership module's versions: version 2 beside version 1, the one a round uses,
per_member statements expanded for the other members, and the rules that refuse a bad
version 2 file with the file, the item and the problem. Bad variants go to ``tmp_path``."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml

from scoring.instrument import InstrumentError
from scoring.partnership_module import (
    CURRENT_MODULE,
    DEFAULT_MODULE,
    load_module_versions,
    load_partnership_modules,
    name_council,
    pooled_id,
)

RAW = yaml.safe_load(CURRENT_MODULE.read_text(encoding="utf-8"))
MODULES = load_module_versions()


def test_both_versions_load_and_a_round_gets_the_module_of_its_questionnaire_version():
    assert list(MODULES) == [1, 2]
    for lang in ("en", "cy"):
        v1 = MODULES.for_round({"instrument_version": 1}, lang)
        assert v1 == load_partnership_modules(DEFAULT_MODULE)[lang]  # exactly as before
        assert v1.per_member == frozenset() and len(v1.items) == 15
        v2 = MODULES.for_round({"instrument_version": 2}, lang)
        assert (v2.id, v2.version, len(v2.items)) == ("partnership-module", 2, 17)
        assert v2.per_member == {"pm_they_understand_us", "pm_we_understand_them"}
    with pytest.raises(InstrumentError, match="no partnership module version 3 in en; this "):
        MODULES.for_round({"instrument_version": 3})


def test_version_2_splits_leadership_and_rewords_the_three_statements():
    v2 = MODULES.get(2)
    leadership = {i.id: i for i in v2.factor_items("leadership")}
    assert leadership["pm_leadership_my_council"].text == (
        "My council's senior leaders are committed to this partnership."
    )
    assert leadership["pm_leadership_other_councils"].text == (
        "The other councils' senior leaders are committed to this partnership."
    )
    ids = {i.id for i in v2.items}
    assert {"pm_trust_aims_kept_back", "pm_behaviour_only_updates"} <= ids  # agendas, talk
    assert "pm_behaviour_moves_forward" in ids and "pm_leadership_commitment" not in ids
    same = {i.id: i.same_as for i in v2.items if i.same_as}
    assert same["pm_language_same_words"] == "pm_language_same_terms"
    assert "pm_they_understand_us" not in same


def test_a_per_member_statement_is_asked_once_for_each_other_member_by_name():
    names = {"E07900002": "Brackenford", "E08900001": "Caldermoor"}
    english = MODULES.get(2).expand(list(names), names)
    shared = [(i.id, i.text) for i in english.factor_items("shared_language")]
    assert shared[:4] == [
        ("pm_they_understand_us__E07900002",
         "Brackenford understands what my council needs from this partnership."),
        ("pm_they_understand_us__E08900001",
         "Caldermoor understands what my council needs from this partnership."),
        ("pm_we_understand_them__E07900002",
         "My council understands what Brackenford needs from this partnership."),
        ("pm_we_understand_them__E08900001",
         "My council understands what Caldermoor needs from this partnership."),
    ]  # fmt: skip
    assert len(english.items) == 15 + 2 * 2 and english.per_member == frozenset()
    welsh = MODULES.get(2, "cy").expand(["E07900002"], names)
    assert [i.text for i in welsh.items if "Brackenford" in i.text] == [
        "Mae Brackenford yn deall beth yw anghenion fy nghyngor i o'r bartneriaeth hon.",
        "Mae fy nghyngor i yn deall beth yw anghenion Brackenford o'r bartneriaeth hon.",
    ]
    # Without a name the code stands in; with no other member the pair is not asked.
    assert "E1 understands" in MODULES.get(2).expand(["E1"]).items[13].text
    assert len(MODULES.get(2).expand([]).items) == 15
    assert MODULES.get(1).expand(["E1"]) is MODULES.get(1)  # nothing to expand


def test_an_expanded_statement_pools_back_under_its_own_id():
    assert pooled_id("pm_they_understand_us__E07900002") == "pm_they_understand_us"
    assert pooled_id("pm_trust_good_faith") == "pm_trust_good_faith"
    assert name_council("{council} understands us.", "each other council") == (
        "Each other council understands us."
    )
    assert name_council("We understand {council}.", "Caldermoor") == "We understand Caldermoor."


def _write(tmp_path, change, name="partnership-module.v2.yaml"):
    data = copy.deepcopy(RAW)
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _item(data, item_id):
    return next(i for i in data["items"] if i["id"] == item_id)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: _item(d, "pm_we_understand_them").update(
                text_cy="Mae fy nghyngor i yn deall anghenion y cyngor arall."
            ),
            "item 'pm_we_understand_them': a per_member statement needs {council} in text_cy",
        ),
        (
            lambda d: _item(d, "pm_they_understand_us").update(text="They understand us."),
            "item 'pm_they_understand_us': a per_member statement needs {council} in text",
        ),
        (
            lambda d: _item(d, "pm_trust_good_faith").update(text="We trust {council}."),
            "item 'pm_trust_good_faith': text holds {council}, but the statement is not per_member",
        ),
        (
            lambda d: _item(d, "pm_trust_aims_kept_back").update(reverse=False),
            "factor 'trust' needs at least one reverse-worded statement",
        ),
        (
            lambda d: d.update(items=[i for i in d["items"] if i["factor"] != "culture"]),
            "factor 'culture' has no statement",
        ),
        (
            lambda d: _item(d, "pm_trust_good_faith").update(id="pm_trust__good_faith"),
            "item 'pm_trust__good_faith' (at items/0/id): 'pm_trust__good_faith' does not "
            "match '^pm_[a-z0-9]+(_[a-z0-9]+)*$'",
        ),
        (
            lambda d: _item(d, "pm_trust_good_faith").update(per_member="yes"),
            "item 'pm_trust_good_faith' (at items/0/per_member): 'yes' is not of type 'boolean'",
        ),
        (
            lambda d: _item(d, "pm_behaviour_moves_forward").update(id="pm_trust_good_faith"),
            "an item id is used more than once",
        ),
    ],
    ids=[
        "placeholder missing in Welsh",
        "placeholder missing in English",
        "placeholder outside per_member",
        "factor without reverse",
        "factor missing",
        "double underscore",
        "per_member not boolean",
        "duplicate id",
    ],
)
def test_a_bad_version_2_module_names_the_file_the_item_and_the_problem(tmp_path, change, problem):
    path = _write(tmp_path, change)
    with pytest.raises(InstrumentError) as caught:
        load_partnership_modules(path)
    assert str(caught.value) == f"{path}: {problem}"


def test_version_1_keeps_its_own_schema(tmp_path):
    data = yaml.safe_load(DEFAULT_MODULE.read_text(encoding="utf-8"))
    data["items"][0]["per_member"] = True
    path = tmp_path / "partnership-module.v1.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentError, match="'per_member' was unexpected"):
        load_partnership_modules(path)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: _item(d, "pm_trust_aims_kept_back").update(same_as="pm_trust_unknown"),
            "item 'pm_trust_aims_kept_back': same_as 'pm_trust_unknown' is not a statement of "
            "module version 1",
        ),
        (
            lambda d: _item(d, "pm_trust_aims_kept_back").update(same_as="pm_trust_good_faith"),
            "item 'pm_trust_aims_kept_back': same_as 'pm_trust_good_faith' is on another "
            "factor or worded the other way round, so it does not ask the same thing",
        ),
        (
            lambda d: _item(d, "pm_culture_my_council_gives_control").update(
                same_as="pm_culture_shared_first"
            ),
            "item 'pm_culture_my_council_gives_control': same_as 'pm_culture_shared_first' is "
            "claimed by 'pm_culture_shared_first' too",
        ),
    ],
    ids=["unknown", "other polarity", "claimed twice"],
)
def test_same_as_must_name_a_version_1_statement_that_asks_the_same(tmp_path, change, problem):
    shutil.copy(DEFAULT_MODULE, tmp_path / DEFAULT_MODULE.name)
    path = _write(tmp_path, change)
    with pytest.raises(InstrumentError) as caught:
        load_module_versions(tmp_path)
    assert str(caught.value) == f"{path}: {problem}"


def test_two_files_of_one_version_are_refused(tmp_path):
    shutil.copy(CURRENT_MODULE, tmp_path / CURRENT_MODULE.name)
    copy_path = _write(tmp_path, lambda d: None, "partnership-module.v2b.yaml")
    with pytest.raises(InstrumentError, match="version 2 is also in"):
        load_module_versions(tmp_path)
    assert copy_path.exists()
