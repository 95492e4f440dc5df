"""The whole respondent journey in Chromium, with axe (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import pytest

from survey.db import get_store
from survey.passwords import hash_password
from tests.browser.checks import check

pytestmark = pytest.mark.browser


def press(page, name: str) -> None:
    """Click a button that loads a new page, and wait for that page before going on."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def answer_page(page, value: str = "4") -> None:
    """Choose ``value`` (or the first option where the scale differs) in every radio group."""
    for fieldset in page.locator("main fieldset").all():
        radio = fieldset.locator(f"input[type=radio][value='{value}']")
        (radio if radio.count() else fieldset.locator("input[type=radio]").first).check()


def test_whole_journey_with_save_resume_errors_and_axe(live_app, page, browser):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        token = get_store().create_invitations("r2026", "E07900001", 1)[0]
    titles = set()

    page.goto(f"{base}/i/{token}")
    assert page.url == f"{base}/start"
    check(page)
    titles.add(page.title())
    press(page, "Start now")
    check(page)  # a fresh statement page: nothing pre-selected

    # An incomplete page: the error summary comes first, takes focus, links to the field.
    page.locator("input[name=trust_partner_intentions][value='2']").check()
    press(page, "Save and continue")
    assert page.title().startswith("Error: ")
    summary = page.locator("main .govuk-error-summary")
    assert summary.get_by_text("There is a problem").is_visible()
    assert page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null")
    first_in_main = page.evaluate(
        "() => document.querySelector('main').firstElementChild"
        ".classList.contains('govuk-error-summary')"
    )
    assert first_in_main
    assert page.locator("input[name=trust_partner_intentions][value='2']").is_checked()
    check(page, answered=True)
    summary.locator("a").first.click()
    assert page.evaluate("() => document.activeElement.name") == "trust_partner_competence"

    # Save and come back later, then resume in a new browser with the same link.
    press(page, "Save and come back later")
    assert page.url.startswith(f"{base}/saved")
    check(page)
    later = browser.new_context().new_page()
    later.goto(f"{base}/i/{token}")
    press(later, "Continue where you left off")
    assert later.url == f"{base}/section/trust"
    assert later.locator("input[name=trust_partner_intentions][value='2']").is_checked()

    # Every section, axe on each.
    while "/section/" in later.url:
        if later.locator("main fieldset").count():
            answer_page(later)
        else:
            assert later.locator("textarea").count(), later.locator("main").inner_text()
            later.locator("textarea").first.fill("Our joint waste contract works well.")
        caption = later.locator(".govuk-caption-l").inner_text()
        assert caption.startswith("Section ")
        titles.add(later.title())
        later.evaluate("() => window.scrollTo(0, 0)")
        check(later, answered=True)
        press(later, "Save and continue")

    assert later.url == f"{base}/check-answers"
    check(later)
    titles.add(later.title())
    press(later, "Submit your answers")
    assert later.url == f"{base}/confirmation"
    check(later)
    titles.add(later.title())
    assert len(titles) == 11  # start, 8 sections, check, confirmation: all different

    # The link no longer works, and says why.
    page.goto(f"{base}/i/{token}")
    assert "already taken part" in page.locator("h1").inner_text()
    check(page)
    later.context.close()


def test_results_pages_are_accessible(live_app, page):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        store = get_store()
        if store.get_user_by_email("axe@example.org") is None:
            store.create_user(
                "axe@example.org", "admin", password_hash=hash_password("browser test password")
            )
    page.goto(f"{base}/")
    check(page)
    page.goto(f"{base}/results/")
    assert "/sign-in" in page.url
    check(page)
    page.get_by_label("Email address").fill("axe@example.org")
    page.locator("#password").fill("browser test password")
    press(page, "Sign in")
    assert page.url.endswith("/results/")
    check(page)
    for gss in ("E07900001", "E07900003"):  # above and below the threshold
        page.goto(f"{base}/results/demo-2026/{gss}")
        check(page)
    page.goto(f"{base}/results/demo-2026/E07900001")
    assert page.locator("#intervals-chart .main-svg").count() >= 1  # Plotly drew the chart
    assert "Not enough responses yet" in page.goto(f"{base}/results/demo-2026/E07900003").text()
