"""Staff pages in Chromium: a council lead invites people, a respondent answers, the lead
sees progress change; axe (WCAG 2.2 AA) on every staff page, admin pages included."""

from __future__ import annotations

import re

import pytest

from survey.db import get_store
from tests.browser.checks import check
from tests.browser.test_journey import answer_page, press
from tests.conftest import PASSWORD, STAFF, add_staff

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff(live_app):
    with live_app.app_context():
        store = get_store()
        if store.get_user_by_email(STAFF["lead"][0]) is None:
            return add_staff(store)
        return {role: store.get_user_by_email(email)["id"] for role, (email, _) in STAFF.items()}


def sign_in(page, base, role):
    page.goto(f"{base}/sign-in")
    check(page)
    page.get_by_label("Email address").fill(STAFF[role][0])
    page.locator("#password").fill(PASSWORD)
    press(page, "Sign in")


def progress(page) -> dict[str, int]:
    rows = page.locator(".govuk-summary-list__row").all()
    found = {}
    for row in rows:
        key = row.locator(".govuk-summary-list__key").inner_text().strip()
        value = row.locator(".govuk-summary-list__value").inner_text().strip()
        if match := re.match(r"(\d+)", value):
            found[key] = int(match.group(1))
    return found


def test_lead_invites_a_respondent_answers_and_progress_moves(live_app, staff, page, browser):
    base = live_app.config["LIVE_URL"]
    sign_in(page, base, "lead")
    assert page.url == f"{base}/workspace/"
    check(page)
    page.get_by_role("link", name=re.compile(r"^Manage.*Demonstration round 2026")).click()
    page.wait_for_load_state()
    assert page.url == f"{base}/workspace/demo-2026/E07900001"
    check(page)
    before = progress(page)

    page.get_by_role("link", name="Invite people").click()
    page.wait_for_load_state()
    check(page)
    # A mistake first: the error summary takes focus and names the problem.
    press(page, "Create links")
    assert page.title().startswith("Error: ")
    assert page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null")
    check(page)
    page.get_by_label("How many links do you need?").fill("2")
    page.locator("main form").first.get_by_label("Show them on this screen").check()
    press(page, "Create links")
    check(page)
    links = page.locator("#links code").all_inner_texts()
    assert len(links) == 2

    respondent = browser.new_context().new_page()
    respondent.goto(links[0])
    press(respondent, "Start now")
    while "/section/" in respondent.url:
        if respondent.locator("main fieldset").count():
            answer_page(respondent)
        press(respondent, "Save and continue")
    press(respondent, "Submit your answers")
    assert respondent.url.endswith("/confirmation")
    respondent.context.close()

    page.goto(f"{base}/workspace/demo-2026/E07900001")
    after = progress(page)
    assert after["Invited"] == before["Invited"] + 2
    assert after["Submitted"] == before["Submitted"] + 1
    assert after["Started, not yet submitted"] == before["Started, not yet submitted"]

    # Withdraw the unused link, with the confirmation on the same page.
    page.get_by_label("Paste the invitation link to withdraw").fill(links[1])
    press(page, "Withdraw link")
    assert "no longer opens the questionnaire" in page.locator("main").inner_text()
    check(page)
    assert progress(page)["Withdrawn links"] == before["Withdrawn links"] + 1

    page.goto(f"{base}/workspace/demo-2026/E07900001/close")
    check(page)
    page.goto(f"{base}/results/demo-2026/E07900001")
    assert "What people said" in page.locator("main").inner_text()
    check(page)
    press(page, "Sign out")
    assert page.url == f"{base}/signed-out"
    check(page)


def test_admin_pages_are_accessible(live_app, staff, page):
    base = live_app.config["LIVE_URL"]
    sign_in(page, base, "admin")
    assert page.url == f"{base}/admin/"
    check(page)
    for path in (
        "/admin/users",
        "/admin/users/new",
        "/admin/councils",
        "/admin/rounds",
        "/admin/audit",
    ):
        page.goto(base + path)
        check(page)
    page.goto(f"{base}/admin/users/{staff['lead']}")
    check(page, answered=True)  # the user's current role is shown selected
    press(page, "Create a password reset link")
    check(page)
    reset = page.locator("main code").inner_text()
    page.goto(f"{base}/admin/users/new")
    press(page, "Add user")
    assert page.title().startswith("Error: ")
    check(page)

    other = page.context.browser.new_context().new_page()
    other.goto(reset)
    check(other)
    press(other, "Save password")
    check(other)
    other.goto(f"{base}/forgotten-password")
    check(other)
    other.get_by_label("Email address").fill("someone@example.org")
    press(other, "Send me a link")
    check(other)
    other.context.close()


def test_facilitator_and_analyst_see_only_what_they_may(live_app, staff, page):
    base = live_app.config["LIVE_URL"]
    sign_in(page, base, "facilitator")
    assert page.url == f"{base}/workspace/"
    check(page)
    assert page.get_by_role("link", name=re.compile("^Manage")).count() == 0
    page.goto(f"{base}/workspace/demo-2026/E07900001")
    assert page.locator("h1").inner_text() == "You do not have access to this page"
    check(page)
    press(page, "Sign out")
    sign_in(page, base, "analyst")
    assert page.url == f"{base}/results/"
    check(page)
    page.goto(f"{base}/results/demo-2026/E07900003")  # below the threshold
    assert "Fewer than 5 responses" in page.locator("main").inner_text()
    check(page)
    page.goto(f"{base}/national/demo-2026")
    page.wait_for_selector("#funnel-chart svg")  # the charts are drawn under the CSP
    assert page.locator(".js-plotly-plot").count() == 5
    check(page)
    page.get_by_label("Council type", exact=True).select_option("NMD")
    press(page, "Show councils")
    check(page)
    page.goto(f"{base}/results/demo-2026/E07900001/benchmark?peers=all")
    page.wait_for_selector("#intervals-chart svg")
    check(page, answered=True)  # the chosen peer group is shown selected
    page.goto(f"{base}/results/demo-2026/E07900003/benchmark")
    check(page)
