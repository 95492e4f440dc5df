"""The partnership report read back from its PDF: the headline on page 1 from the scored
figures, reverse-worded statements marked, a prompt per statement from the module, space
for agreed actions, a running header on one line, and print that can be read."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pytest

from reports.partnership_document import (
    HEADER_CHARACTERS,
    headline,
    partnership_report,
    running_header,
)
from reports.text import round_title_in
from scoring.rounding import display
from survey.db import get_store
from survey.demo import load_demo
from survey.inputs import partnership_input
from tests.conftest import make_app
from tests.reports.legibility import chart_problems
from tests.reports.printed import (
    fill,
    lines_of,
    overlapping,
    pages,
    save_first_page,
    text_of,
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("partnership"))
    made = {}
    with app.app_context():
        store = get_store()
        versions = app.extensions["instruments"]
        # As `collab demo` (its seed), with fewer councils.
        load_demo(store, versions.latest(), 8, 12, 2026, previous=versions.get(1))
        partnership = store.list_partnerships()[0]
        partnership = store.get_partnership(partnership["id"])
        for lang in ("en", "cy"):
            data = partnership_input(
                store,
                versions,
                app.extensions["partnership_modules"],
                partnership,
                store.get_round("demo-2026"),
                5,
                lang,
            )
            made[lang] = (data, partnership_report(data))
    return made


def test_page_one_says_what_the_partnership_looks_like_from_the_scored_figures(reports):
    data, pdf = reports["en"]
    first = text_of(pdf).split("The perception gap")[0]
    names = {m["gss"]: m["name"] for m in data.partnership["members"]}
    said = headline(data.results, names, data.texts)
    assert said and said in first
    # Worked again from the results: the members' average index per factor.
    average = {
        factor: statistics.fmean(m.mean for m in gap.members if m.mean is not None)
        for factor, gap in data.results.gaps.items()
    }
    high = max(average, key=average.get)
    low = min(average, key=average.get)

    def named(best: str) -> str:
        """Every factor printed with the same figure as ``best``, named together."""
        tied = [
            data.texts.factor(f).title.lower()
            for f in average
            if display(average[f]) == display(average[best])
        ]
        return tied[0] if len(tied) == 1 else ", ".join(tied[:-1]) + " and " + tied[-1]

    assert f"highest on {named(high)} ({display(average[high])} out of 100" in first
    assert f"lowest on {named(low)} ({display(average[low])})" in first
    flagged = [f for f, g in data.results.gaps.items() if g.flagged]
    widest = max(flagged, key=lambda f: data.results.gaps[f].gap)
    means = sorted(m.mean for m in data.results.gaps[widest].members if m.mean is not None)
    assert f"most on {data.texts.factor(widest).title.lower()}:" in first
    assert f"rates it {display(means[-1])} and" in first and first.count(display(means[0]))


def test_a_headline_says_when_members_see_it_alike():
    from scoring.instrument import CURRENT_INSTRUMENT
    from scoring.partnership import MemberFigure, PartnershipResults, PerceptionGap
    from scoring.versions import load_versions

    texts = load_versions(CURRENT_INSTRUMENT).latest()
    same = {
        f.id: PerceptionGap(
            (MemberFigure("A", 9, 60.0), MemberFigure("B", 9, 50.0 + i)), 0.0, 1.0, 0.4, False
        )
        for i, f in enumerate(texts.factors)
    }
    results = PartnershipResults({"A": 9, "B": 9}, ("A", "B"), same, (), {})
    said = headline(results, {"A": "Ayton", "B": "Beeby"}, texts)
    # Averages 55, 55.5, 56, 56.5, 57, printed 55, 56, 56, 57, 57: two factors tie for the
    # highest at the printed precision, and both are named.
    assert said.startswith(
        "Members rate this partnership highest on leadership and shared language (57 out"
    )
    assert "lowest on trust (55)" in said
    assert said.endswith("on no factor are the members further apart than chance explains.")


def test_statements_come_with_their_prompt_and_reverse_wording_marked(reports):
    data, pdf = reports["en"]
    text = text_of(pdf)
    items = {item.id: item for item in data.module_texts.items}
    widest = [items[s.item] for s in data.results.widest]
    assert any(item.reverse for item in widest), "the demo's widest include a reversed one"
    marker = "This statement is worded the other way round: agreeing is a bad sign."
    assert text.count(marker) == sum(item.reverse for item in widest)
    prompts = [item.prompt for item in widest]
    assert all(prompts) and len(set(prompts)) == len(prompts)
    for prompt in prompts:
        assert f"To discuss: {prompt}" in text
    assert "Actions the members agree" in text
    assert text.count("Who leads") == 4


def test_the_running_header_fits_on_one_line(reports):
    for lang in ("en", "cy"):
        data, pdf = reports[lang]
        document = pages(pdf)
        # The round's title in the document's language (the demo round has a Welsh one).
        expected = running_header(data.partnership["name"], round_title_in(data.round, lang)[0])
        assert not document[0]["header"]  # page 1 has its name as the title
        for page in document[1:]:
            tops = {round(c["top"]) for c in page["header"]}
            assert len(tops) == 1, tops
            assert "".join(c["text"] for c in page["header"]) == expected.replace(" ", "")
    cut = running_header("A very long partnership name " * 5, "Round 2026")
    assert len(cut) <= HEADER_CHARACTERS and cut.endswith("…")


def test_every_page_is_legible_and_welsh_is_welsh(reports, tmp_path):
    for lang in ("en", "cy"):
        _data, pdf = reports[lang]
        document = pages(pdf)
        for number, page in enumerate(document, start=1):
            assert min(c["size"] for c in page["chars"]) >= 8 - 0.05, number
            assert all(c["upright"] for c in page["chars"])
            assert not overlapping(page["body"]), (number, overlapping(page["body"])[:5])
            if number < len(document):
                assert fill(page) > 0.5, (number, fill(page))
        assert [str(p) for p in chart_problems(pdf)] == []
    welsh = text_of(reports["cy"][1])
    assert "I'w drafod:" in welsh and "Camau gweithredu y mae'r aelodau'n cytuno arnynt" in welsh
    assert "To discuss" not in welsh and "Members rate" not in welsh
    assert save_first_page(reports["en"][1], "partnership", tmp_path).stat().st_size > 10_000
    assert save_first_page(reports["cy"][1], "partnership-cy", tmp_path).stat().st_size > 10_000


def test_the_chair_reads_plain_words_and_the_test_figures_sit_in_a_method_note(reports):
    data, pdf = reports["en"]
    text = text_of(pdf)
    gaps = data.results.gaps
    assert "Views differ" in text or "No clear difference" in text
    assert text.count("Views differ") >= sum(g.flagged for g in gaps.values() if g.gap is not None)
    assert "Within their uncertainty" not in text
    # F and p only in the method note, after its opening words; never in the table.
    method = text.split("Method: for each factor, an F test", 1)
    assert len(method) == 2 and "F " not in method[0].split("The perception gap", 1)[1]
    for factor, g in gaps.items():
        if g.gap is not None:
            assert f"{data.texts.factor(factor).title}: F " in method[1]
    # "p <" never parts from its number at the end of a line.
    for page in pages(pdf):
        for line in lines_of(page["body"]):
            assert not line.endswith(("p<", ",p")), line
            assert not line.startswith("<"), line


def test_with_two_members_each_against_the_other_is_shown_once(reports):
    data, _pdf = reports["en"]
    assert len(data.results.passing) >= 2
    two = replace(data, results=replace(data.results, passing=data.results.passing[:2]))
    text = text_of(partnership_report(two))
    names = {m["gss"]: m["name"] for m in data.partnership["members"]}
    first, second = (names[g] for g in two.results.passing)
    assert f"{first} against {second}" in text
    assert "Each member against the others" not in text
    assert f"{second} against {first} is the same with the sign turned round." in text
    if len(data.results.passing) > 2:  # the demo's three members: a column each
        assert "Each member against the others" in text_of(reports["en"][1])
