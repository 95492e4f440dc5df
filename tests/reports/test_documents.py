"""The PDF documents, read back: contents match the scores, the PDF is tagged with a title,
language, bookmarks and alt text, and nothing outside the allow-list is fetched."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from reports.documents import NoReport, council_report
from reports.national_story import national_summary
from reports.pdf import ReportFetcher, write_pdf
from scoring.national import INDEX, compare
from scoring.rounding import display
from survey.db import get_store
from survey.demo import load_demo
from survey.round_cache import round_results
from tests.conftest import demo_council_input, make_app

HOSTILE = "<b>Evil</b> & Co <script>alert(1)</script>"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("reports"))
    with app.app_context():
        store = get_store()
        load_demo(store, app.extensions["instruments"].get(1), councils=10, respondents=8, seed=11)
        council = store.get_council("E07900002")
        store.upsert_councils([{**council, "name": HOSTILE}])
    return app


@pytest.fixture(scope="module")
def report(demo):
    data = demo_council_input(demo, "E07900001")
    fetcher = ReportFetcher()
    pdf = council_report(data, fetcher)
    return data, PdfReader(io.BytesIO(pdf)), fetcher


def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def struct_elements(reader):
    """Every element of the PDF's structure tree (tags), depth first."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    stack = [root]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict) or hasattr(node, "keys"):
            yield node
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object() if hasattr(kids, "get_object") else kids
                stack.extend(kids if isinstance(kids, list) else [kids])


def bookmarks(outline):
    for item in outline:
        if isinstance(item, list):
            yield from bookmarks(item)
        else:
            yield item["/Title"]


def test_council_report_says_what_the_scores_say(report):
    data, reader, _ = report
    texts = page_texts(reader)
    assert 8 <= len(texts) <= 14
    assert "Ashcombe Vale" in texts[0] and "Collaboration benchmark report" in texts[0]
    row = data.results.rows["E07900001"]
    assert display(row.score.collaboration_index) in texts[0]
    comparisons = {c.measure: c for c in compare(data.results, "E07900001", data.peers)}
    for factor in data.results.instrument.factors:
        page = next(t for t in texts if t.lstrip().startswith(factor.title + "\n"))
        assert display(row.score.factors[factor.id].index) in page
        # The key to the answer chart, as text under it.
        key = page.replace("\n", " ")
        assert all(o.label in key for o in data.results.instrument.agreement_scale)
        peers = comparisons[factor.id].peers
        if peers:
            assert f"peer median {display(peers.median)}" in page
    index = comparisons[INDEX]
    if index.peers:
        assert display(index.peers.median) in texts[1]
    assert "Appendix" not in "".join(texts)
    # The demo council's workshop agreed two actions and a target: the report shows them.
    actions = next(t for t in texts if "Agreed actions and targets" in t).replace("\n", " ")
    assert "Keep one list of agreed joint actions" in actions
    assert "Level 4, Established" in actions and "the 2027 round" in actions
    assert all(f"of {len(texts)}" in t for t in texts[1:])  # page numbers


def test_council_report_is_tagged_with_title_language_bookmarks_and_alt_text(report):
    _, reader, _ = report
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Ashcombe Vale: collaboration benchmark report")
    outline = list(bookmarks(reader.outline))
    assert "Ashcombe Vale" in outline and "Trust" in outline
    assert "How to read this report" in outline
    figures = [e for e in struct_elements(reader) if e.get("/S") == "/Figure"]
    assert len(figures) >= 7
    assert all(len(str(f.get("/Alt", ""))) > 30 for f in figures)


def test_only_data_urls_are_fetched(report):
    _, _, fetcher = report
    assert fetcher.requested and all(u.startswith("data:") for u in fetcher.requested)
    assert fetcher.refused == []


def test_the_fetcher_refuses_files_and_the_network():
    fetcher = ReportFetcher()
    html = (
        '<html lang="en"><title>t</title><body><img src="file:///etc/passwd" alt="x">'
        '<img src="http://example.org/a.png" alt="y"><link rel="stylesheet" '
        'href="https://example.org/s.css"><p>text</p></body></html>'
    )
    pdf = write_pdf(html, fetcher)
    assert pdf.startswith(b"%PDF")
    assert "file:///etc/passwd" in fetcher.refused
    assert "http://example.org/a.png" in fetcher.refused
    assert "https://example.org/s.css" in fetcher.refused


def test_user_text_is_printed_as_text(demo):
    pdf = council_report(demo_council_input(demo, "E07900002"))
    text = "".join(page_texts(PdfReader(io.BytesIO(pdf))))
    assert "<b>Evil</b> & Co <script>alert(1)</script>" in text.replace("\n", " ")


def test_a_council_below_the_threshold_gets_no_report(demo):
    with pytest.raises(NoReport, match="needs at least 5"):
        council_report(demo_council_input(demo, "E07900003"))


def test_national_summary_lists_every_council(demo):
    with demo.app_context():
        store = get_store()
        results = round_results(store, demo.extensions["instruments"], "demo-2026", 5)
        pdf = national_summary(results, store.get_round("demo-2026"))
    text = " ".join(page_texts(PdfReader(io.BytesIO(pdf)))).replace("\n", " ")
    assert "Fewer than 5 responses" in text and "Dunholme" in text
    for row in results.passing():
        assert f"{row.rank_low}–{row.rank_high}" in text


@pytest.fixture(scope="module")
def welsh(demo):
    data = demo_council_input(demo, "E07900001", "cy")
    return data, PdfReader(io.BytesIO(council_report(data)))


def test_the_council_report_in_welsh(demo, welsh):
    data, reader = welsh
    texts = page_texts(reader)
    joined = "\n".join(texts)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cy"
    assert reader.metadata.title.startswith("Ashcombe Vale: adroddiad meincnodi cydweithio")
    assert "Adroddiad meincnodi cydweithio" in texts[0]
    assert 8 <= len(texts) <= 14  # Welsh is longer, but each factor still fits its page
    # pypdf reads the kerned "Tudalen" as "T udalen"
    assert all(f"udalen {n} o {len(texts)}" in t for n, t in enumerate(texts[1:], 2))
    row = data.results.rows["E07900001"]
    welsh_texts = demo.extensions["instruments"].get(1, "cy")
    for factor in welsh_texts.factors:  # one page per factor, headed with its Welsh name
        page = next(t for t in texts if t.lstrip().startswith(factor.title + "\n"))
        assert display(row.score.factors[factor.id].index) in page
        assert welsh_texts.factor(factor.id).items[0].text[:40] in page.replace("\n", " ")
    first = texts[0].replace("\n", " ")
    assert f"Mae Ashcombe Vale ar lefel {row.score.level}" in first
    assert "Safle cenedlaethol" in first and "Camau nesaf" in first
    outline = list(bookmarks(reader.outline))
    assert "Ashcombe Vale" in outline and "Ymddiriedaeth" in outline
    assert "Camau gweithredu a thargedau y cytunwyd arnynt" in outline
    figures = [e for e in struct_elements(reader) if e.get("/S") == "/Figure"]
    assert all(len(str(f.get("/Alt", ""))) > 30 for f in figures)
    assert any("Siart dot a chyfwng" in str(f.get("/Alt")) for f in figures)
    # No English left in the words the report writes itself (council and round names
    # are the council's own).
    for english in (
        "Summary",
        "Collaboration index",
        "Page ",
        "Peer median",
        "Strongly agree",
        "Next steps",
        "National rank",
        "weakest",
        "How to read",
        "Trust",
        "strength",
        "borderline",
        "concern",
    ):
        assert english not in joined, english


def test_a_report_in_another_language_is_refused(demo):
    with pytest.raises(NoReport, match="not 'fr'"):
        demo_council_input(demo, "E07900001", "fr")


def test_page_one_is_laid_out_tighter_when_its_story_runs_over(welsh):
    """The Welsh report of a council compared with a wider peer group has a long opening
    and peers note: laid out as usual, the end of its story falls on page 2. The report
    lays page 1 out again a little tighter, so page 2 starts with how to read it."""
    from reports.documents import council_context
    from reports.pdf import lay_out, page_of, render_html

    data, reader = welsh
    assert data.peer_group_instead_of == "type"
    context = council_context(data)
    usual = lay_out(render_html("reports/council.html", context, "cy"))
    assert page_of(usual, "how-to-read") == 2  # the story ran over without the relayout
    assert page_texts(reader)[1].lstrip().startswith("Sut i ddarllen")


def test_the_welsh_report_names_the_councils_type_and_area_in_welsh(welsh):
    """The register's type and region are English; page 1 of a Welsh report gives them in
    Welsh (the area in brackets, where no mutation after 'yn' is needed)."""
    data, reader = welsh
    first_page = " ".join(page_texts(reader)[0].split())
    assert data.council["type_name"] == "Non-metropolitan district"
    assert "(Dosbarth anfetropolitan)" in first_page
    assert "Non-metropolitan" not in first_page
    # The opening names the two lowest factors joined by "a", or "ac" before a vowel.
    texts = data.texts
    weakest = sorted(data.results.rows[data.council["gss"]].score.factors.values(),
                     key=lambda f: (f.index, f.factor))[:2]  # fmt: skip
    first, second = (texts.factor(f.factor).title for f in weakest)
    joined = f"{first} {'ac' if second[0] in 'AEIOUWY' else 'a'} {second} sy'n sgorio isaf"
    assert joined in first_page
    if data.peer_group == "all":  # the wider group tried first was the council's region
        assert data.council["region"] == "South West"
        assert "yn ei ardal (De-orllewin Lloegr)" in first_page
