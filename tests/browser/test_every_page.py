"""Every page of the service, in every state, through Chromium: each gets axe (WCAG 2.2 A
and AA), our own checks, the W3C Nu HTML checker, and reflow at 320 CSS pixels and at 400%
zoom (``checks.check``). The test fails when a route that returns a page is not visited,
so a page added later has to be added here, and when two different pages share a title.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from survey.db import get_store
from survey.questionnaire import module_item_id
from tests.browser.checks import check
from tests.conftest import PASSWORD, STAFF, add_staff

pytestmark = pytest.mark.browser

# Routes that never answer with a page of their own: files, JSON, and actions that only
# redirect (their error states are pages of the route they redirect back to).
NOT_PAGES = {
    "static",
    "pages.health",
    "pages.plotly_js",
    "pages.language",
    "auth.dashboard",
    "auth.sign_out",
    "admin.user_action",
    "admin.round_action",
    "admin.reopen_council",
    "workspace.remove_facilitator",
    "share.publish",
    "share.unpublish",
    "partnerships.confirm",
    "partnerships.module",
    "partnerships.report",
    "downloads.council",
    "downloads.workshop",
    "downloads.national",
    "api.openapi",
    "api.rounds",
    "api.councils",
    "api.council_scores",
    "api.league",
}
ROUND, OWN, SMALL = "demo-2026", "E07900001", "E07900003"


class Sweep:
    """Visits pages, checks each, and remembers which route and title each one had."""

    def __init__(self, app, base):
        self.app, self.base = app, base
        self.adapter = app.url_map.bind("127.0.0.1")
        self.endpoints: set[str] = set()
        self.titles: dict[str, set[str]] = defaultdict(set)
        self.count = 0

    def endpoint(self, url: str, method: str) -> str:
        path = url.removeprefix(self.base).split("#")[0]
        path, _, query = path.partition("?")
        for attempt in (method, "POST" if method == "GET" else "GET"):
            try:
                return self.adapter.match(path, method=attempt, query_args=query)[0]
            except MethodNotAllowed:
                continue
            except NotFound:
                return "(not found)"
        return "(not found)"

    def record(self, page, status: int, method: str, answered: bool = False) -> None:
        check(page, answered)
        endpoint = self.endpoint(page.url, method)
        self.endpoints.add(endpoint)
        if status < 400 and "js-error" not in page.title():
            self.titles[re.sub(r"^(Error|Gwall): ", "", page.title())].add(endpoint)
        self.count += 1

    def get(self, page, path: str, status: int = 200, answered: bool = False) -> None:
        response = page.goto(self.base + path)
        assert response.status == status, f"{path}: {response.status}"
        self.record(page, response.status, "GET", answered)

    def send(self, page, click, status: int = 200, answered: bool = False) -> None:
        """Submit a form by clicking ``click`` (a locator) and check the page that comes."""
        with page.expect_navigation() as navigation:
            click.click()
        response = navigation.value
        assert response.status == status, f"{page.url}: {response.status}"
        self.record(page, response.status, "POST", answered)


def sign_in(page, base, role):
    page.goto(f"{base}/sign-in")
    page.fill("[name=email]", STAFF[role][0])
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("#sign-in").click()


def sign_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def answer_all(page) -> None:
    for fieldset in page.locator("main fieldset").all():
        radio = fieldset.locator("input[type=radio][value='4']")
        (radio if radio.count() else fieldset.locator("input[type=radio]").first).check()


@pytest.fixture(scope="module")
def sweep(live_app):
    with live_app.app_context():
        store = get_store()
        if store.get_user_by_email(STAFF["lead"][0]) is None:
            add_staff(store)
    return Sweep(live_app, live_app.config["LIVE_URL"])


def test_public_and_respondent_pages_in_english_and_welsh(live_app, sweep, browser, tmp_path):
    base = sweep.base
    with live_app.app_context():
        store = get_store()
        store.upsert_councils([{**store.get_council(OWN), "gss": "W06900099", "name": "Cwm Tawel"}])
        english, welsh = store.create_invitations(ROUND, OWN, 2)
        welsh_link = store.create_invitations(ROUND, "W06900099", 1)[0]
        store.create_round("closed-2025", "Round 2025", "collaboration-maturity", 1)
        closed_link = store.create_invitations("closed-2025", OWN, 1)[0]
        store.set_round_state("closed-2025", "closed")

    for lang, link in (("en", english), ("cy", welsh_link)):
        page = browser.new_context(viewport={"width": 1024, "height": 900}).new_page()
        if lang == "en":
            for path, status in (
                ("/", 200),
                ("/privacy", 200),
                ("/accessibility", 200),
                ("/no-such-page", 404),
                ("/i/not-a-real-link", 404),
                ("/start", 403),  # no invitation yet
                (f"/i/{closed_link}", 410),
            ):
                sweep.get(page, path, status)
        page.goto(f"{base}/i/{link}")
        assert page.evaluate("() => document.documentElement.lang") == lang
        sweep.record(page, 200, "GET")  # the start page
        with page.expect_navigation():
            page.locator("main .govuk-button--start").click()
        sweep.record(page, 200, "GET")  # the first questions, none answered
        page.locator("main fieldset").first.locator("input[value='2']").check()
        sweep.send(page, page.locator("button[value=continue]"), 400, answered=True)
        sweep.send(page, page.locator("button[value=save-later]"), answered=True)  # saved
        sweep.get(page, "/start")  # with "Continue where you left off"
        sweep.get(page, "/section/statements-1", answered=True)  # partly answered
        sweep.get(page, "/check-answers")  # answers missing: no submit button
        while True:
            page.goto(f"{base}/check-answers")
            gaps = page.locator(
                "main .govuk-summary-list__row", has_text=re.compile("Not answered|Heb ei ateb")
            )
            if gaps.count() == 0:
                break
            with page.expect_navigation():
                gaps.first.locator("a").click()
            answer_all(page)
            if page.locator("textarea").count():
                page.locator("textarea").first.fill(
                    "Rydym yn cydweithio'n dda." if lang == "cy" else "We work well together."
                )
            sweep.record(page, 200, "GET", answered=True)
            with page.expect_navigation():
                page.locator("button[value=continue]").click()
        sweep.record(page, 200, "GET")  # check answers, complete
        sweep.send(page, page.locator("main form input[type=submit], main form button").last)
        assert page.url.endswith("/confirmation")
        sweep.get(page, f"/i/{link}", 410)  # already taken part
        for path in ("/", "/privacy", "/accessibility", "/no-such-page"):
            if lang == "cy":
                sweep.get(page, path, 404 if "no-such" in path else 200)
        page.context.close()

    # Too many unknown links: the page that says to wait (then the limit is cleared, so
    # the other tests on this server are not held up).
    page = browser.new_context().new_page()
    for _ in range(25):
        response = page.goto(f"{base}/i/guess-{_}")
        if response.status == 429:
            break
    assert response.status == 429
    sweep.record(page, 429, "GET")
    with live_app.app_context():
        get_store().db.execute("DELETE FROM attempts")
    page.context.close()


def test_staff_pages_in_every_state(live_app, sweep, browser, tmp_path):
    base = sweep.base
    page = browser.new_context(viewport={"width": 1024, "height": 900}).new_page()
    for path in ("/sign-in", "/signed-out", "/forgotten-password", "/account/password/x"):
        sweep.get(page, path, 404 if path.startswith("/account") else 200)
    page.goto(f"{base}/sign-in")
    sweep.send(page, page.locator("#sign-in"), 400)  # nothing entered: errors
    page.goto(f"{base}/forgotten-password")
    page.fill("[name=email]", "nobody@example.org")
    sweep.send(page, page.locator("#send-me-a-link"))

    # The council lead.
    sign_in(page, base, "lead")
    workspace = f"/workspace/{ROUND}/{OWN}"
    for path in ("/workspace/", workspace, f"{workspace}/invite", f"{workspace}/close"):
        sweep.get(page, path)
    # The response rate's denominator: the form, then its errors (a bad number, no note).
    sweep.get(page, f"{workspace}/eligible")
    page.fill("[name=eligible]", "12.5")
    page.fill("[name=note]", "")
    sweep.send(page, page.locator("#save-eligible"), 400)
    # The action plan: the demo's actions (one overdue), errors, changing one, a target.
    plan = f"{workspace}/actions"
    sweep.get(page, plan)
    sweep.send(page, page.locator("#save-action"), 400)
    sweep.send(page, page.locator("#save-target"), 400)  # no factor or level chosen
    page.goto(f"{base}{plan}")
    with page.expect_navigation():
        page.locator("#actions-table a").first.click()
    sweep.record(page, 200, "GET", answered=True)  # its saved factor and status are shown
    page.fill("[name=what]", "")
    sweep.send(page, page.locator("#save-action"), 400, answered=True)
    sweep.get(page, f"/results/{ROUND}/{OWN}")  # above the threshold, with comments
    # "You said, we are doing": published from the workspace, seen by anyone with the link
    # in English and Welsh (and a council's below the public threshold: no figures), then
    # unpublished, when the link says so.
    page.goto(f"{base}{workspace}")
    sweep.send(page, page.locator("#publish"))  # the workspace again, with the link
    shared = "/shared/" + page.locator("#share-link").inner_text().rsplit("/shared/", 1)[1]
    anyone = browser.new_context(viewport={"width": 1024, "height": 900}).new_page()
    sweep.get(anyone, shared)
    with anyone.expect_navigation():
        anyone.get_by_role("link", name="Cymraeg").click()
    assert anyone.evaluate("() => document.documentElement.lang") == "cy"
    sweep.record(anyone, 200, "GET")
    with live_app.app_context():
        small = get_store().publish_share(ROUND, SMALL, "admin@example.org")["token"]
    sweep.get(anyone, f"/shared/{small}")
    sweep.send(page, page.locator("#unpublish"))
    sweep.get(anyone, shared, 410)
    anyone.context.close()

    sweep.get(page, f"/results/{ROUND}/{OWN}/benchmark", answered=True)
    page.fill("[name=councils]", "not a code")
    sweep.send(page, page.locator("#save-peer-councils"), 400)
    sweep.get(page, f"/results/{ROUND}/{OTHER_ROUND_COUNCIL}", 403)
    page.goto(f"{base}{workspace}/invite")
    sweep.send(page, page.locator("#create-links"), 400)
    page.fill("[name=count]", "2")
    page.locator("[name=delivery][value=screen]").check()
    sweep.send(page, page.locator("#create-links"), answered=True)
    page.goto(f"{base}{workspace}/invite")
    addresses = tmp_path / "addresses.csv"
    addresses.write_text("email\nfirst.person@example.org\nnot an address\n")
    page.set_input_files("[name='emails-emails_file']", str(addresses))
    sweep.send(page, page.locator("#create-invitations"), 400)
    addresses.write_text("email\nfirst.person@example.org\n")
    page.set_input_files("[name='emails-emails_file']", str(addresses))
    page.locator("[name='emails-keep_for_reminders']").check()
    page.locator("[name='emails-delivery'][value=screen]").check()
    sweep.send(page, page.locator("#create-invitations"), answered=True)
    page.goto(f"{base}{workspace}")
    sweep.send(page, page.get_by_role("button", name="Send reminders"))
    page.goto(f"{base}{workspace}")
    sweep.send(page, page.locator("#withdraw-link"), 400)
    page.fill("[name=email]", "not an address")
    sweep.send(page, page.locator("#assign-facilitator"), 400)
    page.goto(f"{base}{workspace}")
    page.fill("[name=email]", "second.facilitator@example.org")
    with page.expect_navigation():
        page.locator("#assign-facilitator").click()
    sweep.record(page, 200, "GET")  # the workspace with the new facilitator and a link
    # A paper copy typed in: the code (nothing, then a code printed now), every question
    # (nothing answered, then all), the check, submitted.
    # Then a second copy, entered by someone else while this one was being checked.
    with live_app.app_context():
        codes = get_store().create_paper_codes(ROUND, OWN, 2, "en")
    sweep.get(page, f"{workspace}/paper")
    sweep.send(page, page.get_by_role("button", name="Continue"), 400)
    page.fill("[name=code]", codes[0])
    sweep.send(page, page.get_by_role("button", name="Continue"), answered=True)
    sweep.send(page, page.locator("button[value=check]"), 400)
    answer_all(page)
    sweep.send(page, page.locator("button[value=check]"), answered=True)
    sweep.send(page, page.locator("#submit"))
    page.goto(f"{base}{workspace}/paper")
    page.fill("[name=code]", codes[1])
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    answer_all(page)
    with page.expect_navigation():
        page.locator("button[value=check]").click()
    with live_app.app_context():
        answers = {"trust_act_in_good_faith": "4"}  # stored by the other person first
        get_store().submit_paper_response(
            codes[1], ROUND, OWN, "collaboration-maturity", 2, answers
        )
    sweep.send(page, page.locator("#submit"), 409, answered=True)  # their answers kept
    page.goto(f"{base}{workspace}/close")
    sweep.send(page, page.locator("main form button, main form input[type=submit]").last)
    # Partnerships: the list with its form, a mistake, a new partnership, and the view of
    # how its members see it (in a round of its own, so the demo round is unchanged).
    sweep.get(page, "/partnerships/")
    page.fill("[name=councils]", OWN)
    sweep.send(page, page.locator("#create-partnership"), 400)
    page.fill("[name=name]", "Shared waste service")
    page.fill("[name=councils]", f"{OWN} {OTHER_ROUND_COUNCIL}")
    with page.expect_navigation():
        page.locator("#create-partnership").click()
    sweep.record(page, 200, "GET")  # the partnership, waiting for the other lead
    pid = int(page.url.rsplit("/", 1)[1])
    with live_app.app_context():
        store = get_store()
        store.confirm_member(pid, OTHER_ROUND_COUNCIL, "admin")
        store.create_round("partners-2026", "Partnership round 2026", "collaboration-maturity", 1)
        store.set_partnership_module("partners-2026", pid, True)
        module = live_app.extensions["partnership_modules"].get(1)
        for gss, values in ((OWN, "4532"), (OTHER_ROUND_COUNCIL, "2314")):
            answers = [
                {module_item_id(pid, item.id): v for item in module.items} for v in values * 2
            ]
            store.insert_submitted_responses(
                "partners-2026", gss, "collaboration-maturity", 1, answers, "2026-10-01"
            )
    sweep.get(page, f"/partnerships/{pid}")
    sweep.get(page, f"/partnerships/{pid}/partners-2026")
    sign_out(page)

    # The facilitator and the national analyst.

    sign_in(page, base, "facilitator")
    sweep.get(page, "/workspace/")
    sweep.get(page, "/results/")
    sign_out(page)
    sign_in(page, base, "analyst")
    sweep.get(page, f"/results/{ROUND}/{SMALL}")  # below the threshold
    sweep.get(page, f"/results/{ROUND}/{SMALL}/benchmark")
    sweep.get(page, f"/national/{ROUND}")
    sweep.get(page, f"/national/{ROUND}?type=NMD&region=&sort=rank")
    sign_out(page)

    # The administrator.
    sign_in(page, base, "admin")
    for path in ("/admin/", "/admin/users", "/admin/users/new", "/admin/councils"):
        sweep.get(page, path)
    sweep.get(page, "/admin/rounds")  # with the council the lead closed early
    with page.expect_navigation():  # reopen it, for the other tests on this server
        page.get_by_role("button", name=re.compile("^Reopen for ")).first.click()
    sweep.record(page, 200, "GET")
    sweep.get(page, "/admin/audit")
    sweep.get(page, "/admin/audit?event=sign-in")
    with live_app.app_context():
        lead_id = get_store().get_user_by_email(STAFF["lead"][0])["id"]
    sweep.get(page, f"/admin/users/{lead_id}", answered=True)
    page.fill("[name=councils]", "not a code")
    sweep.send(page, page.locator("#save"), 400, answered=True)
    page.goto(f"{base}/admin/users/new")
    sweep.send(page, page.locator("#save"), 400)
    page.goto(f"{base}/admin/councils")
    bad = tmp_path / "register.csv"
    bad.write_text("gss,name\nE0790000X,Nowhere\n")
    page.set_input_files("[name=register]", str(bad))
    sweep.send(page, page.locator("#import-councils"), 400)
    page.goto(f"{base}/admin/rounds")
    sweep.send(page, page.locator("#create-round"), 400)
    sweep.get(page, f"/admin/rounds/{ROUND}/titles", answered=True)
    page.fill("[name=title]", "")
    sweep.send(page, page.locator("#save-titles"), 400, answered=True)
    page.goto(f"{base}/admin/users/{lead_id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Create a password reset link").click()
    sweep.record(page, 200, "POST")
    reset = page.locator("main code").inner_text()
    sign_out(page)

    other = browser.new_context(viewport={"width": 1024, "height": 900}).new_page()
    response = other.goto(reset)
    sweep.record(other, response.status, "GET")
    other.fill("[name=password]", "short")
    sweep.send(other, other.locator("#save-password"), 400)
    other.fill("[name=password]", PASSWORD)
    other.fill("[name=confirm]", PASSWORD)
    sweep.send(other, other.locator("#save-password"))
    other.context.close()
    page.context.close()


OTHER_ROUND_COUNCIL = "E07900002"


def test_every_page_was_visited_and_titles_are_unique(live_app, sweep):
    pages = {rule.endpoint for rule in live_app.url_map.iter_rules()} - NOT_PAGES
    assert pages - sweep.endpoints == set(), "pages not visited: add them to this sweep"
    assert sweep.count > 70
    shared = {title: sorted(eps) for title, eps in sweep.titles.items() if len(eps) > 1}
    assert shared == {}, f"different pages with the same title: {shared}"
