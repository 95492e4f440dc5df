"""Meta-tests of questionnaire version 2 (issue 17): what the file must be, and that the
schema and rules refuse a file that breaks any of it."""

from __future__ import annotations

import copy
import re
import shutil
from statistics import fmean

import pytest
import textstat
import yaml

from scoring.instrument import (
    CORE_FACTORS,
    CURRENT_INSTRUMENT,
    DEFAULT_INSTRUMENT,
    InstrumentError,
    load_instruments,
    parse_instrument,
)
from scoring.versions import load_versions, shared_statements

RAW = yaml.safe_load(CURRENT_INSTRUMENT.read_text(encoding="utf-8"))
V2 = load_instruments(CURRENT_INSTRUMENT)
ENGLISH, WELSH = V2["en"], V2["cy"]


def test_the_current_questionnaire_is_version_2_and_version_1_is_still_there():
    versions = load_versions(CURRENT_INSTRUMENT)
    assert versions.current == 2 and sorted(versions.versions) == [1, 2]
    assert versions.get(1).items == load_instruments(DEFAULT_INSTRUMENT)["en"].items


def test_the_introduction_defines_partners_we_and_senior_leaders():
    terms = {d.term: d.meaning for d in ENGLISH.introduction.definitions}
    assert set(terms) == {"partners", "we", "senior leaders"}
    for body in ("NHS", "police", "fire", "voluntary"):
        assert body in terms["partners"]
    assert "Not suppliers" in terms["partners"]
    assert "this council" in terms["we"]
    for who in ("chief executive", "directors", "leader and cabinet"):
        assert who in terms["senior leaders"]
    assert len(WELSH.introduction.definitions) == 3
    assert WELSH.introduction.text != ENGLISH.introduction.text


def test_wording_is_balanced():
    for factor in ENGLISH.factors:
        assert sum(i.reverse for i in factor.items) >= 2, factor.id
    assert sum(i.reverse for i in ENGLISH.items) / len(ENGLISH.items) >= 0.30


NEGATIVES = re.compile(r"\b(not|no|never|nobody|nothing|none|without|cannot)\b|n't", re.I)


def test_reverse_statements_are_plainly_worded_with_no_double_negative():
    for item in ENGLISH.items:
        if item.reverse:
            assert len(NEGATIVES.findall(item.text)) <= 1, item.text


@pytest.mark.parametrize(
    ("factor", "words"),
    [
        ("culture", "managed risk"),
        ("behaviour", "public credit"),
        ("leadership", "answer for the results"),
        ("leadership", "judged on how well they work with partners"),
        ("shared_language", "define data in the same way"),
        ("trust", "Partners trust us"),
    ],
)
def test_the_new_statements_the_review_asked_for_are_there(factor, words):
    assert any(words in i.text for i in ENGLISH.factor(factor).items), words


def test_the_new_barriers_are_there_and_procurement_is_about_reading_the_rules():
    texts = " | ".join(b.text for b in ENGLISH.barriers)
    for words in ("who decides and who is accountable", "costs and savings", "fears for"):
        assert words in texts
    assert "terms and conditions" in texts
    assert "read more narrowly here" in texts


V1_DOUBLE_BARRELLED = (
    "culture_outward",
    "leadership_lip_service",
    "leadership_stated_goal",
    "barrier_contract_timing",
    "barrier_politics_sovereignty",
)


def test_double_barrelled_and_factual_v1_statements_are_gone():
    ids = {i.id for i in ENGLISH.items} | {b.id for b in ENGLISH.barriers}
    assert not ids & set(V1_DOUBLE_BARRELLED)
    assert not any(i.text.startswith("We agree") for i in ENGLISH.items)
    assert "profile_written_commitment" in {p.id for p in ENGLISH.profile}


def test_every_statement_reads_at_grade_9_or_below_and_grade_7_on_average():
    """Flesch-Kincaid grade with textstat 0.7.3 (pinned: later versions count syllables
    with a dictionary they download, which CI cannot)."""
    grades = {i.id: textstat.flesch_kincaid_grade(i.text) for i in ENGLISH.items}
    assert max(grades.values()) <= 9, max(grades, key=grades.get)
    assert fmean(grades.values()) <= 7


def test_pages_are_neutral_mixed_and_hold_every_statement_once():
    placed = [item_id for page in ENGLISH.pages for item_id in page.item_ids]
    assert sorted(placed) == sorted(i.id for i in ENGLISH.items)
    titles = [p.title.lower() for p in ENGLISH.pages + WELSH.pages]
    for factor in ENGLISH.factors + WELSH.factors:
        assert not any(factor.title.lower() in title for title in titles)
    for page in ENGLISH.pages:
        assert len({ENGLISH.item(i).factor for i in page.item_ids}) >= 3
    reverse = [ENGLISH.item(i).reverse for i in placed]
    assert not any(a and b for a, b in zip(reverse, reverse[1:], strict=False))


def test_role_has_four_groups_and_contact_with_partners_is_asked():
    profile = {p.id: p for p in ENGLISH.profile}
    roles = [o.value for o in profile["profile_role_group"].options]
    assert roles[:4] == ["elected_member", "senior_leadership", "manager", "staff"]
    assert set(roles[4:]) <= {"prefer_not_to_say"}
    contact = profile["profile_contact"]
    assert "12 months" in contact.text
    assert [o.value for o in contact.options] == ["never", "few_times", "monthly", "weekly"]


def test_suggestions_differ_by_level_and_carry_the_articles_advice():
    every = " ".join(s for f in ENGLISH.factors for s in f.suggestions).lower()
    for advice in ("register", "framework", "objectives"):
        assert advice in every
    for factor in ENGLISH.factors:
        assert len(set(factor.level_suggestions)) == 5, factor.id
        assert factor.suggestions_at(1) != factor.suggestions_at(5)


def test_every_statement_has_a_workshop_prompt_in_both_languages():
    for english, welsh in zip(ENGLISH.items, WELSH.items, strict=True):
        assert english.prompt and welsh.prompt and english.prompt != welsh.prompt


def test_a_trend_across_versions_uses_the_shared_statements_of_each_factor():
    versions = load_versions(CURRENT_INSTRUMENT)
    cut = shared_statements(versions.get(1), versions.get(2))
    assert cut.count == sum(1 for i in ENGLISH.items if i.same_as)
    for old, new in zip(cut.older.factors, cut.newer.factors, strict=True):
        assert len(old.items) == len(new.items) >= 1
        assert {i.id for i in old.items} == {i.same_as for i in new.items}
    assert cut.older.id != versions.get(1).id  # never mistaken for the full questionnaire


# A v2 file that breaks each rule is refused ---------------------------------------------


def broken(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def first_of(data, factor):
    return next(i for i in data["items"] if i["factor"] == factor)


def unreverse(data, factor, keep):
    for item in [i for i in data["items"] if i["factor"] == factor and i["reverse"]][keep:]:
        item["reverse"] = False


def pages_title(data):
    data["pages"][0]["title"] = "Trust and culture"


def page_twice(data):
    data["pages"][1]["items"].append(data["pages"][0]["items"][0])


def adjacent_reverse(data):
    items = data["pages"][0]["items"]
    reverse = [i for i in data["items"] if i["reverse"]]
    for item in reverse[:2]:
        for page in data["pages"]:
            if item["id"] in page["items"]:
                page["items"].remove(item["id"])
    items[0:0] = [reverse[0]["id"], reverse[1]["id"]]


def one_factor_page(data):
    trust = [i["id"] for i in data["items"] if i["factor"] == "trust"]
    for page in data["pages"]:
        page["items"] = [i for i in page["items"] if i not in trust]
    data["pages"].append({"id": "trust_only", "title": "More", "title_cy": "Mwy", "items": trust})


def claim_twice(data):
    data["items"][0].pop("same_as")  # a statement with no link first: checking goes on
    data["items"][2]["same_as"] = data["items"][1]["same_as"]


def welsh_suggestion_short(data):
    """Three English suggestions at Leading, two in Welsh (the schema's least is two)."""
    leading = data["factors"][0]["suggestions"]["leading"]
    leading.append(leading[0] + " Again.")


def unknown_on_page(data):
    data["pages"][0]["items"].append("trust_nothing")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("introduction"), "'introduction' is a required property"),
        (
            lambda d: d["introduction"]["definitions"][2].update(term="bosses"),
            "must define 'senior",
        ),
        (lambda d: first_of(d, "trust").pop("prompt"), "'prompt' is a required property"),
        (
            lambda d: unreverse(d, "culture", 1),
            "factor 'culture': needs at least 2 reverse-worded statements, has 1",
        ),
        (
            welsh_suggestion_short,
            "item 'trust': suggestions_cy/leading must have one Welsh text per suggestion",
        ),
        (
            lambda d: [x.update(term="x") for x in d["introduction"]["definitions"][1:]],
            "introduction: must define 'we', 'senior leaders'",
        ),
        (unknown_on_page, "page 'statements_1': 'trust_nothing' is not a statement"),
        (lambda d: [unreverse(d, f, 2) for f in CORE_FACTORS], "needs at least 30%"),
        (pages_title, "page 'statements_1': its title names a factor ('trust')"),
        (lambda d: d["pages"][0]["items"].pop(), "is on no page"),
        (page_twice, "is on more than one page"),
        (adjacent_reverse, "are next to each other"),
        (one_factor_page, "mix the factors"),
        (
            claim_twice,
            "item 'trust_time_for_relationships': same_as 'trust_partner_competence' is "
            "claimed by 'trust_partners_deliver' too",
        ),
        (lambda d: d["factors"][0]["suggestions"].pop("leading"), "'leading' is a required"),
        (lambda d: d.__setitem__("version", 3), "2 was expected"),
    ],
)
def test_a_version_2_file_that_breaks_a_rule_is_refused(change, message):
    with pytest.raises(InstrumentError) as refused:
        parse_instrument(broken(change), "v2.yaml")
    assert message in str(refused.value)
    assert str(refused.value).startswith("v2.yaml: ")


def test_a_same_as_that_is_not_a_version_1_statement_is_refused(tmp_path):
    shutil.copy(DEFAULT_INSTRUMENT, tmp_path / DEFAULT_INSTRUMENT.name)
    data = broken(lambda d: first_of(d, "trust").__setitem__("same_as", "trust_nothing"))
    path = tmp_path / "collaboration-maturity.v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentError, match="same_as 'trust_nothing' is not a statement"):
        load_versions(path)
    data = broken(lambda d: first_of(d, "trust").__setitem__("same_as", "leadership_stated_goal"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentError, match="is on another factor"):
        load_versions(path)
