"""Page 1 of the council report and of the national summary, read back from the PDF: the
figures a chief executive or a national analyst needs are there, and equal the scored
figures (worked out here from the round's results, not from the page's own builder).
Every chart in them passes the print legibility rule, in English and in Welsh, and page 1
of each is saved as a PNG under evidence/reports/ for people to look at."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from reports.documents import council_report
from reports.national_story import national_summary
from scoring.national import INDEX
from scoring.rounding import display
from survey.db import get_store
from survey.demo import load_demo
from survey.round_cache import round_results
from tests.conftest import demo_council_input, make_app
from tests.reports.legibility import chart_problems, chart_text_count
from tests.reports.printed import save_first_page

ENGLISH, WELSH = "E07900001", "W06900001"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("page-one"))
    with app.app_context():
        versions = app.extensions["instruments"]
        load_demo(store := get_store(), versions.get(2), 24, 12, 7, previous=versions.get(1))
        assert store.get_council(WELSH)
    return app


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class Page(str):
    """A page's text, where ``in`` ignores spacing: the PDF's text layer runs a big
    figure into the words after it ("6195% interval")."""

    def __contains__(self, text: str) -> bool:
        return re.sub(r"\s+", "", text) in re.sub(r"\s+", "", str(self))


@pytest.fixture(scope="module")
def english(demo):
    data = demo_council_input(demo, ENGLISH)
    return data, council_report(data)


def test_council_page_one_has_the_story_and_it_equals_the_scores(english):
    data, pdf = english
    page = Page(flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text()))
    results, gss = data.results, data.council["gss"]
    row = results.rows[gss]
    score = row.score
    texts = data.texts
    # The index with its interval and level.
    assert f"Collaboration index {display(score.collaboration_index)}" in page
    assert f"95% interval {display(score.index_low)} to {display(score.index_high)}" in page
    assert f"Level {score.level}, {texts.level(score.level).name}" in page
    # The national rank with its interval, out of the councils ranked.
    ranked = len(results.passing())
    assert (
        f"National rank {row.rank_low}–{row.rank_high} of {ranked} councils, allowing for "
        f"chance {display(row.rank)} on its index alone" in page
    )
    # The named peer group and the council's place in it.
    peers = [
        results.rows[c].value(INDEX)
        for c in data.peers
        if c != gss and c in results.rows and results.rows[c].passes
    ]
    place = 1 + sum(v > row.value(INDEX) for v in peers)
    assert f"Among its peers {place} of {len(peers) + 1} (1 is highest)" in page
    assert f"({data.council['type_name']})" in page
    # The two weakest factors, with their figures.
    weakest = sorted(score.factors.values(), key=lambda f: (f.index, f.factor))[:2]
    for factor in weakest:
        title = texts.factor(factor.factor).title
        assert f"{title}: {display(factor.index)} ({display(factor.low)} to" in page
    # Unless a lowest factor's interval clears every other factor's, page 1 says they may
    # not really be weaker.
    rest = [f.low for f in score.factors.values() if f not in weakest]
    clear = any(f.high < min(rest) for f in weakest)
    assert ("may not really be weaker" in page) is not clear
    # The opening sentence says the same: "score lowest", qualified unless it is clear.
    assert ("though not clearly below the other factors" in page) is not clear
    # The barrier most named, against its peers' median.
    top = max(
        (b for b in texts.barriers if score.barriers[b.key].share is not None),
        key=lambda b: score.barriers[b.key].share,
    )
    assert top.text in page
    assert f"{display(100 * score.barriers[top.key].share)}% of people" in page
    # The agreed actions: how many, and how many are overdue.
    actions = data.plan["actions"]
    overdue = sum(1 for a in actions if a["overdue"])
    assert actions, "the demo council has an action plan"
    assert f"{len(actions)} actions agreed" in page or f"{len(actions)} action agreed" in page
    assert (
        (f"{overdue} is overdue" in page or f"{overdue} are overdue" in page)
        if overdue
        else ("None is overdue" in page)
    )
    # The response rate, from the eligible count the lead recorded.
    cover = data.coverage
    assert cover and cover.eligible
    assert (
        f"Response rate {display(100 * cover.responses / cover.eligible)}%: "
        f"{cover.responses} of the {cover.eligible} people asked answered" in page
    )
    # Three numbered next steps.
    steps = page.split("Next steps", 1)[1]
    assert all(f"{n}. " in steps for n in (1, 2, 3))
    # The jargon waits for "How to read this report".
    for jargon in ("rwg", "funnel", "99.8%", "percentile"):
        assert jargon not in page


def test_council_report_reads_in_order_without_the_repeated_appendix(english):
    _, pdf = english
    texts = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert texts[1].startswith("How to read this report")
    assert "Appendix" not in " ".join(texts)
    # Each factor has its own single page: one page starts with its name, and the
    # page's end (its level now and what helps) is on that same page.
    for title in ("Trust", "Culture", "Behaviour", "Leadership", "Shared language"):
        starts = [t for t in texts if t.startswith(f"{title} ")]
        assert len(starts) == 1, title
        assert "Now: level" in starts[0] and "What councils have found helps" in starts[0]


def test_a_council_with_too_few_peers_of_its_type_is_compared_with_a_wider_group(demo):
    """The demo's Welsh councils are the only two of their type: unless the reader asks
    for their type, page 1 compares them with a wider group and says why."""
    from scoring.benchmark import MIN_PEERS
    from survey.inputs import council_input

    data = demo_council_input(demo, WELSH)
    results = data.results
    same_type = [
        r
        for r in results.rows.values()
        if r.council["type"] == data.council["type"] and r.gss != WELSH and r.passes
    ]
    assert len(same_type) < MIN_PEERS
    assert data.peer_group in ("nation", "all") and data.peer_group_instead_of == "type"
    qualifying = [c for c in data.peers if results.rows[c].passes]
    assert len(qualifying) >= MIN_PEERS
    page = Page(flat(PdfReader(io.BytesIO(council_report(data))).pages[0].extract_text()))
    tried = f"fewer than {MIN_PEERS} other councils of its type ({data.council['type_name']})"
    if data.peer_group == "all":  # Wales had too few as well, and the page says so
        tried += f", or in {data.council['nation']},"
    assert f"{tried} took part with enough responses" in page
    assert "Too few peers" not in page and "peer median" in page
    # A reader who asks for the council's type gets it, with no peer figures.
    with demo.app_context():
        store = get_store()
        asked = council_input(
            store,
            demo.extensions["instruments"],
            store.get_round("demo-2026"),
            store.get_council(WELSH),
            5,
            "type",
            public_min=10,
            with_plan=True,
        )
    assert asked.peer_group == "type" and asked.peer_group_instead_of is None
    page = Page(flat(PdfReader(io.BytesIO(council_report(asked))).pages[0].extract_text()))
    assert "Too few peers to compare" in page and "took part" not in page


@pytest.mark.parametrize("lang,gss", [("en", ENGLISH), ("cy", WELSH)])
def test_every_council_report_chart_is_legible_in_print(demo, english, lang, gss, tmp_path):
    pdf = english[1] if lang == "en" else council_report(demo_council_input(demo, gss, lang))
    # Page 1 holds the whole story: page 2 starts with how to read the report.
    second = flat(PdfReader(io.BytesIO(pdf)).pages[1].extract_text())
    assert second.startswith({"en": "How to read this report", "cy": "Sut i ddarllen"}[lang])
    assert chart_text_count(pdf) > 500
    assert [str(p) for p in chart_problems(pdf, 8.0)] == []
    assert save_first_page(pdf, f"council-{lang}", tmp_path).stat().st_size > 10_000


@pytest.fixture(scope="module")
def national(demo):
    with demo.app_context():
        store = get_store()
        results = round_results(store, demo.extensions["instruments"], "demo-2026", 5)
        return results, national_summary(results, store.get_round("demo-2026"))


def test_national_page_one_says_what_a_national_body_can_conclude(national):
    results, pdf = national
    page = Page(flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text()))
    fun = results.funnels[INDEX]
    ranked = results.passing()
    assert f"{len(results.rows)} councils took part; {len(ranked)} have at least" in page
    assert f"{display(fun.tau, 1)} index points (tau)" in page
    if display(fun.tau) == "0":  # no real spread: said in words, not "about 0 points"
        assert "differ no more than chance alone would make them" in page
    else:
        assert f"differ by about {display(fun.tau)} points" in page
    assert f"councils scatter {display(fun.phi, 2)} × as much as chance" in page
    # Which pairs of councils can be put in order: one's rank interval wholly above the
    # other's.
    bounds = [(r.rank_low, r.rank_high) for r in ranked]
    pairs = sum(1 for _, high in bounds for low, _ in bounds if high < low)
    if pairs:
        assert f"The order of {pairs} pairs of councils" in page
    else:
        assert "no council can be placed above another with confidence" in page
    outside = [r.council["name"] for r in ranked if r.funnel in ("above", "below")]
    assert f"Stand out beyond chance {len(outside)}" in page
    assert all(name in page for name in outside)
    for factor in results.instrument.factors:
        icc2 = results.council_reliability[factor.id].icc2
        assert f"{factor.title} {display(icc2, 2)}" in page
    assert "What you can conclude" in page and "What you cannot conclude" in page


def test_national_summary_charts_ranks_and_keeps_small_groups_out_of_boxes(national, tmp_path):
    results, pdf = national
    reader = PdfReader(io.BytesIO(pdf))
    texts = [flat(p.extract_text()) for p in reader.pages]
    assert "Ranks with their uncertainty" in texts[1]
    # Every ranked council is named in the rank chart (alt text and labels).
    assert all(r.council["name"] in texts[1] for r in results.passing()[:40])
    assert [str(p) for p in chart_problems(pdf, 8.0)] == []
    # No page but the last is left nearly empty by a table's last rows.
    for number, page in enumerate(texts[:-1], start=1):
        assert len(page) > 400, f"page {number} is nearly empty"
    assert save_first_page(pdf, "national", tmp_path).stat().st_size > 10_000
