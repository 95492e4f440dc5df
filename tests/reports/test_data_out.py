"""Scores as data (reports.league), safe CSV cells (reports.cells), printable text
(reports.text) and the words documents use (reports.words), from small rounds built in
the test: no Flask, no database."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

import templates
from reports.cells import safe_cell
from reports.league import league_document, league_record, score_json, write_league_csv
from reports.text import CONTROL, has_control_characters, printable
from reports.words import trend_reason
from tests.reports.fixtures import small_round

RESULTS = small_round()


def test_score_json_carries_full_precision_and_nothing_when_suppressed():
    score = RESULTS.rows["E1"].score
    document = score_json(score)
    assert document["collaboration_index"] == score.collaboration_index  # not rounded
    assert set(document["factors"]["trust"]) == {
        "n", "mean", "index", "se", "wilder_band", "rwg", "rwg_label", "rwg_uniform", "low", "high"
    }  # fmt: skip
    assert document["barriers"]["data_sharing"]["share"] == score.barriers["data_sharing"].share
    json.dumps(document)  # plain JSON types only
    assert score_json(RESULTS.rows["E7"].score) == {"suppressed": True}


def test_a_league_record_below_the_threshold_has_no_figure_at_all():
    record = league_record(RESULTS, RESULTS.rows["E7"])
    assert record["n"] is None and record["suppressed"] is True
    assert not {"collaboration_index", "rank", "factors"} & set(record)
    ranked = league_record(RESULTS, RESULTS.rows["E6"])
    assert ranked["rank"] == RESULTS.rows["E6"].rank and ranked["n"] == 6


def test_the_league_csv_has_one_row_per_council_in_league_order():
    out = io.StringIO()
    document = league_document(RESULTS, "r1")
    write_league_csv(out, RESULTS, document["councils"])
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["gss"] for r in rows] == [r.gss for r in RESULTS.league()]
    assert rows[-1]["collaboration_index"] == "" and float(rows[0]["rank"]) == 1
    assert float(rows[0]["factor_trust"]) == RESULTS.league()[0].value("trust")


def test_safe_cell_neutralises_formulas_but_keeps_numbers():
    assert safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert safe_cell("@cmd") == "'@cmd"
    assert safe_cell(-3) == "-3" and safe_cell(0.5) == "0.5"
    assert safe_cell(None) == "" and safe_cell("Ash\x1bcombe") == "Ash\\x1bcombe"
    # A line break before a formula: CR becomes a newline, and either is neutralised.
    assert safe_cell("\r=1+1") == "'\n=1+1" and safe_cell("\n=1+1") == "'\n=1+1"


@given(st.text())
def test_printable_never_leaves_a_control_character_but_newline_and_tab(text):
    shown = printable(text)
    assert not CONTROL.search(shown.replace("\n", "").replace("\t", ""))
    one_line = printable(text, keep="")
    assert not CONTROL.search(one_line)
    if not has_control_characters(text, multiline=True) and "\r" not in text:
        assert shown == text  # ordinary text is untouched


def test_the_text_rule_by_hand():
    assert has_control_characters("a\x00b") and has_control_characters("a\x9bb")
    assert has_control_characters("a\nb") and not has_control_characters("a\nb", True)
    assert has_control_characters("a\x1bb", True)
    assert printable("a\r\nb\rc") == "a\nb\nc"
    assert printable("a\nb", keep="") == "a\\x0ab"


def test_trend_reasons_in_the_language_given():
    assert trend_reason({"rows": []}) is None
    english = trend_reason({"why": "first"})
    assert english.startswith("This is the first round")
    welsh = trend_reason({"why": "first"}, templates.translations("cy").gettext)
    assert welsh and welsh != english and "rownd" in welsh.lower()
