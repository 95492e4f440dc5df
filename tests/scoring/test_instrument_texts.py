"""The instrument as built in each language: the same ids, scales and scoring rules, every
text a respondent or reader sees in English or in Welsh, taken from the file's key or its
``_cy`` twin. Each instrument is loaded inside the test that reads it."""

from __future__ import annotations

import copy

import pytest
import yaml

from scoring.instrument import (
    DEFAULT_INSTRUMENT,
    InstrumentError,
    load_instruments,
    parse_instrument,
)

RAW = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
TRUST_IDS = [
    "trust_partner_intentions",
    "trust_partner_competence",
    "trust_time_invested",
    "trust_open_problems",
    "trust_share_information",
    "trust_suspicion",
    "trust_outlasts_people",
]
CULTURE_IDS = [
    "culture_outward",
    "culture_unique_fixation",
    "culture_start_from_common",
    "culture_give_up_control",
    "culture_sovereignty_first",
    "culture_mutual_wins",
]


def test_both_languages_share_the_ids_version_and_length():
    both = load_instruments()
    assert set(both) == {"en", "cy"}
    for instrument in both.values():
        assert (instrument.id, instrument.version, instrument.minutes) == (
            "collaboration-maturity",
            1,
            15,
        )
    assert both["en"].title == "How your council collaborates"
    assert both["cy"].title == "Sut mae eich cyngor yn cydweithio"


def test_the_scales_keep_their_values_and_translate_their_labels():
    both = load_instruments()
    agreement = {lang: both[lang].agreement_scale for lang in both}
    for options in agreement.values():
        assert [o.value for o in options] == ["1", "2", "3", "4", "5", "dont_know"]
    assert [o.label for o in agreement["en"]] == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
        "Don't know",
    ]
    assert agreement["cy"][0].label == "Anghytuno'n gryf"
    assert agreement["cy"][5].label == "Ddim yn gwybod"
    barrier = {lang: both[lang].barrier_scale for lang in both}
    for options in barrier.values():
        assert [o.value for o in options] == ["1", "2", "3", "4", "dont_know"]
    assert barrier["en"][3].label == "Major barrier"
    assert barrier["cy"][3].label == "Rhwystr mawr"


def test_sources_and_level_bounds_are_the_same_in_both_languages():
    both = load_instruments()
    for instrument in both.values():
        assert instrument.sources == RAW["sources"]
        assert [(lv.level, lv.lower) for lv in instrument.levels] == [
            (1, 0),
            (2, 20),
            (3, 40),
            (4, 60),
            (5, 80),
        ]
        assert instrument.level(4).lower == 60
    assert [lv.name for lv in both["en"].levels] == [
        "Isolated",
        "Emerging",
        "Developing",
        "Established",
        "Leading",
    ]
    assert both["cy"].level(1).name == "Ynysig"
    assert both["cy"].level(5).name == "Yn arwain"


def test_a_factor_carries_its_title_description_levels_and_suggestions():
    both = load_instruments()
    english, welsh = both["en"].factor("trust"), both["cy"].factor("trust")
    assert (english.id, welsh.id) == ("trust", "trust")
    assert (english.title, welsh.title) == ("Trust", "Ymddiriedaeth")
    assert english.description.startswith("Confidence in partners' intentions and competence")
    assert welsh.description.startswith("Hyder ym mwriadau a chymhwysedd partneriaid")
    assert english.level_descriptors[0].startswith("Partners are treated with suspicion")
    assert english.level_descriptors[4].startswith("Trust is deliberate and resilient")
    assert welsh.level_descriptors[0].startswith("Caiff partneriaid eu trin ag amheuaeth")
    assert welsh.level_descriptors[4].startswith("Mae ymddiriedaeth yn fwriadol")
    assert len(english.suggestions) == len(welsh.suggestions) == 3
    assert english.suggestions[1].startswith("Agree how problems will be raised early")
    assert welsh.suggestions[1].startswith("Cytunwch sut y caiff problemau eu codi")


def test_each_factor_holds_its_own_statements_in_file_order():
    both = load_instruments()
    for instrument in both.values():
        assert [i.id for i in instrument.factor("trust").items] == TRUST_IDS
        assert [i.id for i in instrument.factor("culture").items] == CULTURE_IDS
        for factor in instrument.factors:
            assert {i.factor for i in factor.items} == {factor.id}
        assert len(instrument.items) == 7 + 6 + 7 + 6 + 6


def test_a_statement_keeps_its_scoring_fields_and_translates_its_text_and_hint():
    both = load_instruments()
    english = {i.id: i for i in both["en"].items}
    welsh = {i.id: i for i in both["cy"].items}
    for items in (english, welsh):
        suspicion = items["trust_suspicion"]
        assert (suspicion.factor, suspicion.reverse, suspicion.source) == (
            "trust",
            True,
            "hay_trust_time",
        )
        assert items["trust_share_information"].reverse is False
        assert items["trust_partner_intentions"].hint is None
    assert english["trust_suspicion"].text == (
        "When a partner proposes joint working, people here assume they have a hidden agenda."
    )
    assert welsh["trust_suspicion"].text.startswith("Pan fydd partner yn cynnig gweithio")
    assert english["trust_outlasts_people"].hint == (
        "For example, after a change of chief executive, lead member or project manager."
    )
    assert welsh["trust_outlasts_people"].hint.startswith("Er enghraifft, ar ôl newid")
    assert all(english[key].text != welsh[key].text for key in english)


def test_the_barriers_keep_keys_sources_and_bt_figures_and_translate_texts():
    both = load_instruments()
    english, welsh = both["en"], both["cy"]
    assert english.barriers_title == "What holds collaboration back"
    assert welsh.barriers_title == "Beth sy'n dal cydweithio yn ôl"
    assert english.barriers_question.startswith("How much does each of these hold back")
    assert welsh.barriers_question.startswith("I ba raddau y mae pob un")
    for instrument in both.values():
        first, last = instrument.barriers[0], instrument.barriers[-1]
        assert (first.id, first.key, first.source, first.bt2014) == (
            "barrier_data_sharing",
            "data_sharing",
            "bt_2014",
            0.80,
        )
        assert (last.id, last.key, last.source, last.bt2014) == (
            "barrier_uniqueness",
            "uniqueness",
            "practice_uniqueness",
            None,
        )
    assert english.barriers[2].text == "Incompatible IT systems"
    assert welsh.barriers[2].text == "Systemau TG anghydnaws"


def test_the_profile_questions_translate_their_texts_and_option_labels():
    both = load_instruments()
    english, welsh = both["en"], both["cy"]
    assert (english.profile_title, welsh.profile_title) == ("About you", "Amdanoch chi")
    assert [p.id for p in english.profile] == ["profile_role", "profile_area"]
    assert [p.id for p in welsh.profile] == ["profile_role", "profile_area"]
    assert english.profile[0].text == "Which best describes your role?"
    assert welsh.profile[0].text == "Pa un sy'n disgrifio'ch rôl orau?"
    for instrument in both.values():
        assert instrument.profile[0].options[0].value == "elected_member"
        assert instrument.profile[1].hint is None
    assert english.profile[0].options[0].label == "Elected member"
    assert welsh.profile[0].options[0].label == "Aelod etholedig"


def test_a_profile_question_with_a_hint_shows_it_in_each_language():
    data = copy.deepcopy(RAW)
    data["profile"]["items"][0].update(hint="Pick the closest.", hint_cy="Dewiswch yr agosaf.")
    assert parse_instrument(data, lang="en").profile[0].hint == "Pick the closest."
    assert parse_instrument(copy.deepcopy(data), lang="cy").profile[0].hint == (
        "Dewiswch yr agosaf."
    )


def test_the_comment_boxes_keep_their_limit_and_translate_text_and_hint():
    both = load_instruments()
    english, welsh = both["en"], both["cy"]
    assert (english.comments_title, welsh.comments_title) == ("Your comments", "Eich sylwadau")
    for instrument in both.values():
        assert [(c.id, c.max_length) for c in instrument.comments] == [
            ("comment_working_well", 2000),
            ("comment_change", 2000),
        ]
    assert english.comments[1].text == (
        "What one change would most improve how your council collaborates?"
    )
    assert welsh.comments[1].text.startswith("Pa un newid a fyddai'n gwella")
    assert english.comments[0].hint.startswith("Optional. Please do not include names")
    assert welsh.comments[0].hint.startswith("Dewisol. Peidiwch â chynnwys enwau")


def test_parsing_builds_the_language_asked_for():
    welsh = parse_instrument(copy.deepcopy(RAW), "instrument.yaml", lang="cy")
    assert welsh.title == "Sut mae eich cyngor yn cydweithio"
    assert parse_instrument(copy.deepcopy(RAW)).title == "How your council collaborates"


def test_a_language_without_texts_is_refused_with_the_choices():
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(copy.deepcopy(RAW), lang="fr")
    assert str(caught.value) == "no texts in language 'fr'; choose one of ('en', 'cy')"


def test_asking_for_a_factor_that_does_not_exist_names_it():
    instrument = load_instruments()["en"]
    with pytest.raises(KeyError) as caught:
        instrument.factor("optimism")
    assert caught.value.args == ("optimism",)
