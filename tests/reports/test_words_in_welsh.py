"""Words a Welsh report builds from parts (``reports.words``):

- a council's type, nation and region come from the council register in English; a Welsh
  report names them in Welsh (``register_name``), and anything the catalogue has no Welsh
  for stays as the register spells it, tagged as English;
- two names joined by "and" (``both``): in Welsh "ac" before a vowel, "a" otherwise."""

from __future__ import annotations

import csv

import pytest

import templates
from reports.words import REGISTER_NAMES, both, register_name
from tests.conftest import SHARED_REGISTER

WELSH = templates.translations("cy").gettext


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Welsh unitary authority", "cy", "Awdurdod unedol yng Nghymru"),
        ("Non-metropolitan district", "cy", "Dosbarth anfetropolitan"),
        ("Wales", "cy", "Cymru"),
        ("Yorkshire and The Humber", "cy", "Swydd Efrog a&#39;r Humber"),  # escaped
        ("Welsh unitary authority", "en", "Welsh unitary authority"),
        # A type the register may gain one day: as spelt there, tagged as English.
        ("Mayoral authority", "cy", '<span lang="en">Mayoral authority</span>'),
        ("<b>", "cy", '<span lang="en">&lt;b&gt;</span>'),
        (None, "cy", ""),
        ("", "cy", ""),
    ],
)
def test_a_register_name_in_the_documents_language(name, lang, expected):
    gettext = WELSH if lang == "cy" else (lambda text: text)
    assert str(register_name(name, lang, gettext)) == expected


def test_without_a_translator_the_name_is_tagged_as_english_in_a_welsh_document():
    assert str(register_name("Wales", "cy")) == '<span lang="en">Wales</span>'


def test_every_type_nation_and_region_in_the_real_register_has_its_welsh():
    with SHARED_REGISTER.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    used = {
        row[column].strip()
        for row in rows
        for column in ("local-authority-type-name", "nation", "region")
        if row[column].strip()
    }
    assert len(used) > 20  # the register's columns are still where this test reads them
    assert used <= REGISTER_NAMES, sorted(used - REGISTER_NAMES)
    untranslated = sorted(name for name in REGISTER_NAMES if WELSH(name) == name)
    assert not untranslated


@pytest.mark.parametrize(
    ("first", "second", "lang", "expected"),
    [
        ("Behaviour", "Shared language", "en", "Behaviour and Shared language"),
        ("Trust", "Culture", "en", "Trust and Culture"),
        ("Ymddygiad", "Iaith gyffredin", "cy", "Ymddygiad ac Iaith gyffredin"),
        ("Diwylliant", "Ymddiriedaeth", "cy", "Diwylliant ac Ymddiriedaeth"),
        ("Ymddygiad", "Arweinyddiaeth", "cy", "Ymddygiad ac Arweinyddiaeth"),
        ("Iaith gyffredin", "Diwylliant", "cy", "Iaith gyffredin a Diwylliant"),
        ("Ymddiriedaeth", "Ŵyl", "cy", "Ymddiriedaeth ac Ŵyl"),
    ],
)
def test_two_names_joined_by_and_in_the_documents_language(first, second, lang, expected):
    assert both(first, second, lang) == expected
