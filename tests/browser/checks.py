"""The checks every page gets in the browser tests.

axe-core with the WCAG 2.0/2.1/2.2 A and AA tags; our own checks for what axe does not
test (one h1, a skip link, radio and checkbox groups in fieldsets with legends, nothing
pre-selected, the error summary pattern); the W3C Nu HTML checker on the page as the
browser holds it; and reflow at 320 CSS pixels wide and at 400% zoom.

400% zoom of a 1280 x 1024 window lays the page out in 320 x 256 CSS pixels (the device
pixel ratio changes only how sharply it is drawn), so that is the viewport used for it.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
SERVICE_NAMES = (
    "Collaboration maturity self-assessment",
    "Hunanasesiad aeddfedrwydd cydweithio",
)
PROBLEM = {"en": "There is a problem", "cy": "Mae problem wedi codi"}
ERROR_PREFIX = {"en": "Error: ", "cy": "Gwall: "}
NARROW = {"width": 320, "height": 900}
ZOOM_400 = {"width": 320, "height": 256}


@dataclass
class Validator:
    """The Nu HTML checker, running as a local web service for the whole session."""

    url: str
    checked: list[str] = field(default_factory=list)

    def errors(self, html: str) -> list[str]:
        request = urllib.request.Request(
            f"{self.url}/?out=json",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:120]}]"
            for m in messages
            if m["type"] == "error" or m.get("subType") == "fatal"
        ]


VALIDATOR: Validator | None = None  # set by the session fixture in conftest.py


def assert_accessible(page, answered: bool = False) -> None:
    """Every check but reflow: axe, our own checks, the error summary and the HTML checker.
    ``answered`` pages may show the person's own saved choices; every other page must
    have nothing selected."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert page.locator("h1").count() == 1, f"{page.url}: not exactly one h1"
    assert page.locator("a.govuk-skip-link[href='#main-content']").count() == 1, page.url
    assert page.locator("main#main-content").count() == 1, page.url
    title = page.title()
    assert title.endswith(SERVICE_NAMES) and len(title) > 45, f"{page.url}: title {title!r}"
    ungrouped = page.evaluate("""() => [...document.querySelectorAll(
            'input[type=radio], input[type=checkbox]')]
        .filter(i => !i.closest('fieldset') || !i.closest('fieldset').querySelector('legend'))
        .map(i => i.name)""")
    assert ungrouped == [], f"{page.url}: not in a fieldset with a legend: {ungrouped}"
    if not answered:
        checked = "() => document.querySelectorAll('input:checked').length"
        assert page.evaluate(checked) == 0, f"{page.url} pre-selects an answer"
    _check_error_summary(page)
    _check_charts(page)
    if VALIDATOR is not None:
        errors = VALIDATOR.errors(page.content())
        VALIDATOR.checked.append(page.url)
        assert errors == [], f"{page.url}: the Nu HTML checker found\n" + "\n".join(errors)


def _check_error_summary(page) -> None:
    """When a page shows errors: the summary comes first in main, says there is a problem,
    has focus, links to every field in error, and the title starts "Error: "."""
    if page.locator(".govuk-error-summary").count() == 0:
        assert page.locator(".govuk-form-group--error").count() == 0, (
            f"{page.url}: fields in error but no error summary"
        )
        return
    lang = page.evaluate("() => document.documentElement.lang")
    assert page.title().startswith(ERROR_PREFIX[lang]), f"{page.url}: {page.title()!r}"
    first = page.evaluate(
        "() => document.querySelector('main').firstElementChild"
        ".classList.contains('govuk-error-summary')"
    )
    assert first, f"{page.url}: the error summary is not first in main"
    heading = page.locator(".govuk-error-summary__title").inner_text().strip()
    assert heading == PROBLEM[lang], page.url
    focused = "() => document.activeElement.closest('.govuk-error-summary') !== null"
    assert page.evaluate(focused), f"{page.url}: the error summary does not have focus"
    problems = page.evaluate("""() => {
        const links = [...document.querySelectorAll('.govuk-error-summary a')];
        const targets = links.map(a => document.querySelector(a.getAttribute('href')));
        const broken = links.filter((a, i) => !targets[i]).map(a => a.getAttribute('href'));
        const unlinked = [...document.querySelectorAll('.govuk-form-group--error')]
            .filter(group => !targets.some(t => t && group.contains(t)))
            .map(group => group.innerText.slice(0, 60));
        return {broken, unlinked};
    }""")
    assert problems == {"broken": [], "unlinked": []}, f"{page.url}: {problems}"


def _check_charts(page) -> None:
    """Every chart is an image with a text alternative, and its figures are in a table on
    the same page that the chart names."""
    problems = page.evaluate("""() => [...document.querySelectorAll('[data-plotly-figure]')]
        .filter(c => c.getAttribute('role') !== 'img'
            || (c.getAttribute('aria-label') || '').length < 40
            || !document.querySelector(`table#${c.dataset.table}`)
            || !document.querySelector(`a[href="#${c.dataset.table}"]`))
        .map(c => c.id)""")
    assert problems == [], f"{page.url}: charts without a text alternative or table: {problems}"


CAPTIONS_CUT_OFF = """() => [...document.querySelectorAll('.app-table-wrapper caption')]
    .filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(c => c.textContent.trim())"""


def assert_reflows(page) -> None:
    """At 320 CSS pixels wide, and at 400% zoom, the page does not scroll sideways
    (WCAG 1.4.10); wide tables scroll inside their own region instead."""
    size = page.viewport_size
    charts = page.locator(".js-plotly-plot").count() > 0
    try:
        for viewport, name in ((NARROW, "320px wide"), (ZOOM_400, "400% zoom")):
            page.set_viewport_size(viewport)
            if charts:
                page.wait_for_timeout(400)  # Plotly redraws after a resize (debounced)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{page.url} is {width}px wide at {name}"
            # A wide table scrolls, but its caption wraps on screen rather than run off it.
            cut = page.evaluate(CAPTIONS_CUT_OFF)
            assert not cut, f"{page.url}: captions cut off at {name}: {cut}"
    finally:
        page.set_viewport_size(size)


def check(page, answered: bool = False) -> None:
    assert_accessible(page, answered)
    assert_reflows(page)
