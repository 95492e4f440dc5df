"""Chart builders and the PDF layer without Flask or a database: labels, alt texts,
escaping, and what a report may fetch."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from markupsafe import Markup

from reports.benchmark_charts import groups_alt, heat_map_data, wrap
from reports.charts import figure_json
from reports.document_charts import distribution_figure
from reports.funnel_chart import funnel_alt
from reports.pdf import RefusedURL, ReportFetcher, _finalize
from scoring.statements import statement_spreads
from tests.reports.fixtures import INSTRUMENT, RESPONSES, small_round

RESULTS = small_round()


def test_wrap_breaks_long_labels_at_word_boundaries():
    assert wrap("Incompatible IT systems between councils", 20) == (
        "Incompatible IT<br>systems between<br>councils"
    )
    assert wrap("short") == "short"


def test_heat_map_data_averages_passing_councils_by_region():
    regions, factors, z = heat_map_data(RESULTS)
    trust = [f.id for f in factors].index("trust")
    london = [RESULTS.rows[g].value("trust") for g in ("E3", "E4", "E5")]
    assert z[regions.index("London")][trust] == pytest.approx(sum(london) / 3)


def test_alt_texts_name_the_figures():
    assert "Outside the 99.8% limits" in funnel_alt(RESULTS)
    text = groups_alt({"District": [40.0, 60.0], "Unitary": [50.0]}, "council type")
    assert "District: 2 councils, median 50" in text and "Unitary: 1 council," in text


def test_figure_json_cannot_end_its_script_element():
    fig = go.Figure(go.Bar(x=["</script><script>alert(1)</script> & co"], y=[1]))
    text = figure_json(fig)
    assert "</script>" not in text and "&" not in text
    assert json.loads(text)["data"][0]["x"] == ["</script><script>alert(1)</script> & co"]


def test_distribution_figure_shares_add_up_for_each_statement():
    spreads = statement_spreads(INSTRUMENT, RESPONSES["E2"])[:3]
    labels = {s.item.id: s.item.id for s in spreads}
    figure = distribution_figure(spreads, labels, INSTRUMENT.agreement_scale)
    totals = [0.0] * len(spreads)
    for trace in figure["data"]:
        for i, value in enumerate(trace["x"]):
            totals[i] += value or 0
    assert totals == pytest.approx([100.0] * len(spreads))


def test_report_templates_escape_control_characters_in_everything_they_print():
    assert _finalize("Ash\x1b[2Jcombe") == "Ash\\x1b[2Jcombe"
    kept = _finalize(Markup("<b>a\x00b</b>"))
    assert isinstance(kept, Markup) and kept == Markup("<b>a\\x00b</b>")
    assert _finalize(42) == 42


def test_the_report_fetcher_refuses_everything_but_data_urls():
    fetcher = ReportFetcher()
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://a/b"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.refused == ["file:///etc/passwd", "http://example.org/x.png", "https://a/b"]
    fetched = fetcher.fetch("data:text/plain;base64,aGk=")
    assert fetched is not None
