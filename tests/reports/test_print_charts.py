"""Charts drawn at their printed size: the workshop pack's answer bars and the partnership
chart. Text size, direction and contrast are checked on the figures here, and as printed
in the PDFs in test_workshop.py and test_partnership_document.py."""

from __future__ import annotations

import pytest

from reports.document_charts import ANSWER_COLOURS, partnership_figure
from reports.print_charts import (
    CHART_FONT_PT,
    TEXT_WIDTH_PT,
    answer_bar,
    contrast,
    sized_for_print,
    text_colour,
    text_width,
)
from scoring.instrument import Item, Option
from scoring.statements import StatementSpread

SCALE = tuple(Option(v, f"label {v}") for v in ("1", "2", "3", "4", "5", "dont_know"))
ITEM = Item("x", "trust", "A statement", False, "source")


def test_contrast_is_the_wcag_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # Black on the dark red and dark blue was 2.85:1 and 3.32:1 (issue 18): white instead.
    assert contrast("#0b0c0c", ANSWER_COLOURS["1"]) < 4.5
    assert text_colour(ANSWER_COLOURS["1"]) == text_colour(ANSWER_COLOURS["5"]) == "#ffffff"


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize(
    "counts",
    [
        {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1},
        {"1": 1, "5": 30},  # a 3% sliver: no room for its label
        {"3": 4, "dont_know": 9},
        {"2": 7, "4": 6},
    ],
)
def test_answer_bar_labels_are_legible_level_and_fit_their_segment(counts, large):
    answered = sum(counts.get(v, 0) for v in "12345")
    figure = answer_bar(StatementSpread(ITEM, counts, answered, None), SCALE, large)
    font = CHART_FONT_PT[large]
    assert figure["layout"]["width"] == TEXT_WIDTH_PT  # placed at this many points
    assert figure["layout"]["font"]["size"] >= (12 if large else 8)
    assert sum(t["x"][0] for t in figure["data"]) == pytest.approx(100)
    for trace in figure["data"]:
        label = trace["text"][0]
        assert trace["textangle"] == 0
        assert trace["textfont"]["size"] == font
        assert contrast(trace["textfont"]["color"], trace["marker"]["color"]) >= 4.5
        if label:
            room = trace["x"][0] / 100 * TEXT_WIDTH_PT
            assert text_width(label, font) < room


def test_a_figure_sized_for_print_has_every_font_at_the_print_size():
    from scoring.partnership import PartnershipResults

    results = PartnershipResults(respondents={}, passing=(), gaps={}, widest=(), items={})
    figure = partnership_figure(results, {}, _texts(), str)
    for large in (False, True):
        sized = sized_for_print(figure, large)
        font = CHART_FONT_PT[large]
        assert sized["layout"]["font"]["size"] == font
        assert sized["layout"]["legend"]["font"]["size"] == font
        assert sized["layout"]["xaxis"]["title"]["font"]["size"] == font
        assert sized["layout"]["xaxis"]["tickangle"] == sized["layout"]["yaxis"]["tickangle"] == 0
    assert figure["layout"]["font"]["size"] == 12  # the page's figure is left as it was


def _texts():
    from scoring.instrument import CURRENT_INSTRUMENT, load_instrument

    return load_instrument(CURRENT_INSTRUMENT)


def test_every_mark_colour_stands_out_from_the_page_and_the_row_bands():
    """WCAG 1.4.11: the marks a reader needs (the council, the peer median, the national
    median, each partnership member) have at least 3:1 contrast with white and with the
    grey bands behind alternate rows."""
    from reports.benchmark_charts import NATIONAL_COLOUR, PEER_COLOUR
    from reports.charts import COUNCIL_COLOUR
    from reports.document_charts import MEMBER_STYLES
    from reports.print_charts import contrast

    marks = [COUNCIL_COLOUR, PEER_COLOUR, NATIONAL_COLOUR, *(c for c, _ in MEMBER_STYLES)]
    for colour in marks:
        for background in ("#ffffff", "#f3f2f1"):
            assert contrast(colour, background) >= 3, (colour, background)
