"""Welsh: a test fails when any interface string or instrument text lacks its Welsh."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

import templates
from scoring.instrument import (
    DEFAULT_INSTRUMENT,
    InstrumentError,
    load_instruments,
    parse_instrument,
)

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = templates.TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Every string marked for translation in the code and templates, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
            "-k", "lazy_gettext", "--no-location", "-o", str(pot), ".",
        ],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def welsh():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="cy")


def test_every_interface_string_has_welsh(extracted, welsh):
    ids = [message.id for message in extracted if message.id]
    assert len(ids) > 100  # the respondent journey, public pages and errors
    missing, fuzzy, mismatched = [], [], []
    for msgid in ids:
        entry = welsh.get(msgid)
        strings = entry.string if entry else None
        texts = strings if isinstance(strings, tuple) else (strings,)
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        if entry is None or not all(texts):
            missing.append(key)
        elif entry.fuzzy:
            fuzzy.append(key)
        elif any(set(PLACEHOLDER.findall(t)) != set(PLACEHOLDER.findall(key)) for t in texts):
            mismatched.append(key)
    assert not missing, f"no Welsh for {missing} (run `make translations`, then translate)"
    assert not fuzzy, f"Welsh marked fuzzy (unchecked) for {fuzzy}"
    assert not mismatched, f"Welsh has different %(name)s placeholders for {mismatched}"


def test_the_compiled_catalogue_is_the_one_served(welsh):
    translations = templates.translations("cy")
    for message in list(welsh)[1:]:
        if isinstance(message.id, str):
            assert translations.gettext(message.id) == message.string, message.id


def instrument_texts(instrument) -> list[tuple[str, str]]:
    """(where, text) for every text a respondent or reader sees."""
    texts = [("title", instrument.title)]
    texts += [(f"level {lv.level}", lv.name) for lv in instrument.levels]
    texts += [(f"agreement {o.value}", o.label) for o in instrument.agreement_scale]
    texts += [(f"barrier scale {o.value}", o.label) for o in instrument.barrier_scale]
    for factor in instrument.factors:
        texts += [(factor.id, factor.title), (factor.id, factor.description)]
        texts += [(f"{factor.id} level", d) for d in factor.level_descriptors]
        texts += [(f"{factor.id} suggestion", s) for s in factor.suggestions]
    for item in instrument.items:
        texts += [(item.id, item.text)] + ([(item.id, item.hint)] if item.hint else [])
    texts += [("barriers", instrument.barriers_title), ("barriers", instrument.barriers_question)]
    texts += [(b.id, b.text) for b in instrument.barriers]
    texts += [("profile", instrument.profile_title), ("comments", instrument.comments_title)]
    for p in instrument.profile:
        texts += [(p.id, p.text)] + [(f"{p.id} {o.value}", o.label) for o in p.options]
    for c in instrument.comments:
        texts += [(c.id, c.text)] + ([(c.id, c.hint)] if c.hint else [])
    return texts


def test_every_instrument_text_has_its_own_welsh():
    both = load_instruments()
    english, welsh = instrument_texts(both["en"]), instrument_texts(both["cy"])
    assert len(english) == len(welsh) > 130
    for (where, en), (_, cy) in zip(english, welsh, strict=True):
        assert cy and cy.strip(), where
        assert cy != en, f"{where}: the Welsh is the English text"
    # The same questionnaire in both languages: same ids, scales' values and scoring rules.
    assert [i.id for i in both["en"].items] == [i.id for i in both["cy"].items]
    assert [i.reverse for i in both["en"].items] == [i.reverse for i in both["cy"].items]
    assert [o.value for o in both["en"].agreement_scale] == [
        o.value for o in both["cy"].agreement_scale
    ]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("items", 3), "text_cy"),
        (("factors", 1), "suggestions_cy"),
        (("scales", "agreement", 0), "label_cy"),
        (("profile", "items", 1, "options", 2), "label_cy"),
        (("comments", "items", 0), "hint_cy"),
        (("levels", 4), "name_cy"),
    ],
)
def test_an_instrument_missing_any_welsh_text_is_refused(path, key):
    data = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
    node = data
    for part in path:
        node = node[part]
    del node[key]
    with pytest.raises(InstrumentError, match=key):
        parse_instrument(data, "instrument.yaml")


def test_welsh_suggestions_must_match_the_english_ones():
    data = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
    data["factors"][0]["suggestions_cy"] = data["factors"][0]["suggestions_cy"][:2]
    with pytest.raises(InstrumentError, match="one Welsh text per suggestion"):
        parse_instrument(data, "instrument.yaml")
