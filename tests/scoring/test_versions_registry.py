"""The registry of questionnaire versions (scoring/versions.py): a round's version,
the current one, refusals that say what exists, and the shared-statement cut."""

from __future__ import annotations

import shutil

import pytest
import yaml

from scoring.instrument import CURRENT_INSTRUMENT, DEFAULT_INSTRUMENT, InstrumentError
from scoring.versions import load_versions, shared_statements

VERSIONS = load_versions(CURRENT_INSTRUMENT)


def test_a_round_gets_its_own_version_in_the_language_asked_for():
    older = VERSIONS.for_round({"instrument_version": 1})
    assert (older.version, older.title) == (1, "How your council collaborates")
    welsh = VERSIONS.for_round({"instrument_version": 1}, "cy")
    assert (welsh.version, welsh.title) == (1, "Sut mae eich cyngor yn cydweithio")
    assert VERSIONS.latest().version == 2 and VERSIONS.latest().pages
    assert VERSIONS.latest("cy").pages[0].title.startswith("Datganiadau")
    assert list(VERSIONS) == [1, 2]


def test_an_unknown_version_or_language_is_refused_naming_what_exists():
    with pytest.raises(
        InstrumentError, match="no questionnaire version 7 in en; this service has versions 1, 2$"
    ):
        VERSIONS.get(7)
    with pytest.raises(InstrumentError, match="no questionnaire version 2 in fr"):
        VERSIONS.get(2, "fr")


def test_two_files_of_one_version_are_refused(tmp_path):
    shutil.copy(DEFAULT_INSTRUMENT, tmp_path / "collaboration-maturity.v1.yaml")
    shutil.copy(DEFAULT_INSTRUMENT, tmp_path / "collaboration-maturity.v9.yaml")
    with pytest.raises(InstrumentError) as refused:
        load_versions(tmp_path / "collaboration-maturity.v1.yaml")
    message = str(refused.value)
    assert message.startswith(str(tmp_path / "collaboration-maturity.v9.yaml"))
    assert message.endswith(f"version 1 is also in {tmp_path / 'collaboration-maturity.v1.yaml'}")


def write_v2(tmp_path, change) -> object:
    shutil.copy(DEFAULT_INSTRUMENT, tmp_path / DEFAULT_INSTRUMENT.name)
    data = yaml.safe_load(CURRENT_INSTRUMENT.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "collaboration-maturity.v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_bad_link_after_statements_without_one_is_still_found(tmp_path):
    def change(data):
        data["items"][0].pop("same_as", None)  # no link: checking goes on past it
        data["items"][1]["same_as"] = "trust_nothing"

    path = write_v2(tmp_path, change)
    with pytest.raises(InstrumentError) as refused:
        load_versions(path)
    item = yaml.safe_load(path.read_text(encoding="utf-8"))["items"][1]["id"]
    assert str(refused.value) == (
        f"{path}: item '{item}': same_as 'trust_nothing' is not a statement of version 1"
    )


def test_a_link_to_a_statement_worded_the_other_way_round_is_refused(tmp_path):
    def change(data):
        trust = [i for i in data["items"] if i["factor"] == "trust" and not i["reverse"]]
        trust[0]["same_as"] = "trust_suspicion"  # version 1's reverse-worded trust statement
        for item in data["items"]:
            if (
                item["same_as" if "same_as" in item else "id"] == "trust_suspicion"
                and item is not trust[0]
            ):
                item.pop("same_as")

    path = write_v2(tmp_path, change)
    with pytest.raises(InstrumentError) as refused:
        load_versions(path)
    assert str(refused.value).startswith(f"{path}: item '")
    assert str(refused.value).endswith(
        "same_as 'trust_suspicion' is on another factor or worded the other way round, "
        "so it does not ask the same thing"
    )


def test_the_cut_instruments_are_named_for_what_they_are():
    cut = shared_statements(VERSIONS.get(1), VERSIONS.get(2))
    assert cut.older.id == "collaboration-maturity:shared-v1-v2"
    assert cut.newer.id == "collaboration-maturity:shared-v1-v2"
    assert (cut.older.version, cut.newer.version) == (1, 2)
    assert cut.newer.pages == ()


def test_versions_that_share_nothing_have_no_cut():
    older, newer = VERSIONS.get(1), VERSIONS.get(2)
    assert shared_statements(older, older) is None  # version 1 has no same_as links
    from dataclasses import replace

    unlinked = replace(
        newer,
        factors=tuple(
            replace(f, items=tuple(replace(i, same_as=None) for i in f.items))
            for f in newer.factors
        ),
    )
    assert shared_statements(older, unlinked) is None


def test_only_links_to_statements_the_older_version_has_are_shared():
    """Given a version 1 with only its trust statements, only the links to those count."""
    from dataclasses import replace

    older = VERSIONS.get(1)
    trust_only = replace(
        older,
        factors=tuple(replace(f, items=f.items if f.id == "trust" else ()) for f in older.factors),
    )
    trust_ids = {i.id for i in older.factor("trust").items}
    expected = sum(1 for i in VERSIONS.get(2).items if i.same_as in trust_ids)
    cut = shared_statements(trust_only, VERSIONS.get(2))
    assert 0 < cut.count == expected < 25
    assert {i.same_as for i in cut.newer.items} <= trust_ids


def test_a_version_1_round_gets_the_prompts_of_the_version_2_statements_linked_to_it():
    """Version 1 has no workshop prompts: each statement a version 2 statement links to
    (``same_as``) takes that statement's prompt, in the language asked for; the others
    stay without one (the workshop pack words a fallback)."""
    round_row = {"instrument_version": 1}
    for lang in ("en", "cy"):
        newer = VERSIONS.latest(lang)
        older = VERSIONS.with_prompts(round_row, lang)
        links = {i.same_as: i.prompt for i in newer.items if i.same_as}
        assert len(links) == 25  # of version 1's 32 statements
        for item in older.items:
            assert item.prompt == links.get(item.id)
        assert VERSIONS.for_round(round_row, lang).items[0].prompt is None
    intentions = VERSIONS.with_prompts(round_row, "cy").item("trust_partner_intentions")
    assert intentions.prompt.startswith("Beth mae partneriaid wedi'i wneud")
    # A version 2 round keeps its own.
    assert VERSIONS.with_prompts({"instrument_version": 2}) == VERSIONS.latest()


def test_the_partnership_module_carries_its_prompts_the_same_way():
    from scoring.partnership_module import load_module_versions

    modules = load_module_versions()
    newer = modules.get(2)
    assert all(item.prompt for item in newer.items)
    older = modules.with_prompts({"instrument_version": 1})
    links = {i.same_as: i.prompt for i in newer.items if i.same_as}
    assert [i.prompt for i in older.items] == [links.get(i.id) for i in older.items]
    assert any(i.prompt for i in older.items)
    assert modules.with_prompts({"instrument_version": 2}, "cy").items[0].prompt.startswith("Pryd")
