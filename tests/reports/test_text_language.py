"""``in_language`` and ``round_title`` (reports/text.py): one rule for tagging text in
another language than the page's, in the web pages and the report templates alike."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from reports.pdf import environment
from reports.text import in_language, round_title, round_title_in

ROUND = {"slug": "r2026", "title": "Round 2026", "title_cy": "Rownd 2026"}
NO_WELSH = {"slug": "r2025", "title": "Round 2025", "title_cy": None}


@pytest.mark.parametrize(
    ("text", "text_lang", "page_lang", "expected"),
    [
        ("Meet monthly", "en", "en", "Meet monthly"),
        ("Meet monthly", "en", "cy", '<span lang="en">Meet monthly</span>'),
        ("Cyfarfod", "cy", "en", '<span lang="cy">Cyfarfod</span>'),
        ("Cyfarfod", "cy", "cy", "Cyfarfod"),
        ("<b>&</b>", "cy", "en", '<span lang="cy">&lt;b&gt;&amp;&lt;/b&gt;</span>'),
        ("<b>", "en", "en", "&lt;b&gt;"),
        ("Meet", None, "cy", '<span lang="en">Meet</span>'),  # unknown counts as English
        ("Meet", '"><script>', "cy", '<span lang="en">Meet</span>'),
        ("", "cy", "en", ""),
        (None, "cy", "en", ""),
    ],
)
def test_in_language_escapes_and_tags_text_in_another_language(
    text, text_lang, page_lang, expected
):
    result = in_language(text, text_lang, page_lang)
    assert isinstance(result, Markup) and str(result) == expected


def test_round_title_is_welsh_in_welsh_output_and_tagged_english_without_one():
    assert str(round_title(ROUND, "cy")) == "Rownd 2026"
    assert str(round_title(ROUND, "en")) == "Round 2026"
    assert str(round_title(NO_WELSH, "cy")) == '<span lang="en">Round 2025</span>'
    assert (
        str(round_title({**NO_WELSH, "title_cy": ""}, "cy")) == '<span lang="en">Round 2025</span>'
    )
    assert str(round_title({"title": "A & B"}, "en")) == "A &amp; B"
    assert round_title_in(ROUND, "cy") == ("Rownd 2026", "cy")
    assert round_title_in(NO_WELSH, "cy") == ("Round 2025", "en")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_report_templates_have_the_filter_and_round_title(lang):
    template = environment(lang).from_string(
        "{{ round_title(round, lang) }}|{{ what | in_language(text_lang, lang) }}"
    )
    html = template.render(round=NO_WELSH, what="Cyfarfod <bob> mis", text_lang="cy")
    title, action = html.split("|")
    if lang == "cy":
        assert title == '<span lang="en">Round 2025</span>'
        assert action == "Cyfarfod &lt;bob&gt; mis"
    else:
        assert title == "Round 2025"
        assert action == '<span lang="cy">Cyfarfod &lt;bob&gt; mis</span>'
