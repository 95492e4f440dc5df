"""The whole questionnaire with the keyboard alone, in English and Welsh, at desktop width
and at 320 CSS pixels: Tab, Space, the arrow keys and Enter, nothing else. Every control
that takes focus on the way shows it (the GOV.UK yellow focus colour is found in a
screenshot around it), and each page is saved as a screenshot under evidence/ for people
to look at."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from survey.db import get_store
from tests.browser.conftest import EVIDENCE
from tests.browser.test_every_page import ROUND

pytestmark = pytest.mark.browser
FOCUS_YELLOW = (255, 221, 0)
WELSH_COUNCIL = "W06900098"

ACTIVE = """() => {
    const e = document.activeElement;
    const group = e.type === 'radio'
        ? !!document.querySelector(`input[name="${e.name}"]:checked`) : null;
    return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
            text: (e.innerText || '').trim(), answered: group,
            classes: e.className || ''};
}"""


def focus_is_visible(page) -> bool:
    """The GOV.UK focus colour appears in a screenshot of the focused control and a few
    pixels around it (radios and checkboxes draw their ring beside the hidden input)."""
    box = page.evaluate("""() => {
        const r = document.activeElement.getBoundingClientRect();
        return {x: r.x, y: r.y, width: r.width, height: r.height};
    }""")
    margin = 8
    clip = {
        "x": max(box["x"] - margin, 0),
        "y": max(box["y"] - margin, 0),
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    near = sum(
        1
        for pixel in zip(*[iter(image.tobytes())] * 3, strict=True)
        if all(abs(c - f) <= 40 for c, f in zip(pixel, FOCUS_YELLOW, strict=True))
    )
    return near >= 20


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(ACTIVE)


def enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def keyboard_only_page(page, lang: str) -> None:
    """Answer every question on a questionnaire page by keyboard, then Save and continue."""
    skip = tab(page)
    assert "govuk-skip-link" in skip["classes"], skip
    assert focus_is_visible(page), f"{page.url}: the skip link does not show focus"
    for _ in range(400):
        active = tab(page)
        if active["type"] == "radio" and not active["answered"]:
            assert focus_is_visible(page), f"{page.url}: no visible focus on {active['name']}"
            page.keyboard.press("Space")  # the first option...
            for _ in range(3):
                page.keyboard.press("ArrowDown")  # ...then down to the fourth
        elif active["tag"] == "TEXTAREA":
            assert focus_is_visible(page), f"{page.url}: no visible focus on the comment box"
            page.keyboard.type(
                "Rydym yn rhannu gwasanaeth gwastraff."
                if lang == "cy"
                else "We share a waste service."
            )
        elif active["tag"] == "BUTTON" and active["value"] == "continue":
            assert focus_is_visible(page), f"{page.url}: no visible focus on the button"
            enter_and_wait(page)
            return
    raise AssertionError(f"{page.url}: never reached Save and continue by Tab")


@pytest.mark.parametrize(("lang", "width"), [("en", 1024), ("en", 320), ("cy", 1024), ("cy", 320)])
def test_the_questionnaire_by_keyboard_alone(live_app, browser, lang, width):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        store = get_store()
        if lang == "cy" and store.get_council(WELSH_COUNCIL) is None:
            store.upsert_councils(
                [{**store.get_council("E07900001"), "gss": WELSH_COUNCIL, "name": "Dyffryn Aur"}]
            )
        token = store.create_invitations(ROUND, WELSH_COUNCIL if lang == "cy" else "E07900001", 1)[
            0
        ]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    folder = EVIDENCE / f"journey-{lang}-{width}px"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    shots = 0

    def shoot(name: str) -> None:
        nonlocal shots
        shots += 1
        page.screenshot(path=str(folder / f"{shots:02d}-{name}.png"), full_page=True)

    gss = WELSH_COUNCIL if lang == "cy" else "E07900001"
    before = submitted_ids(live_app, gss)
    page.goto(f"{base}/i/{token}")
    assert page.evaluate("() => document.documentElement.lang") == lang
    shoot("start")
    for _ in range(30):
        active = tab(page)
        if "govuk-button--start" in active["classes"]:
            break
    assert focus_is_visible(page), "the start button does not show focus"
    enter_and_wait(page)
    while "/section/" in page.url:
        shoot(page.url.rsplit("/", 1)[1])
        keyboard_only_page(page, lang)
    assert page.url.endswith("/check-answers"), page.url
    shoot("check-answers")
    for _ in range(400):
        active = tab(page)
        if active["type"] == "submit" and "govuk-button" in active["classes"]:
            break
    assert focus_is_visible(page), "the submit button does not show focus"
    enter_and_wait(page)
    assert page.url.endswith("/confirmation")
    shoot("confirmation")
    (new,) = submitted_ids(live_app, gss) - before
    with live_app.app_context():
        store = get_store()
        answers = store.answers(new)
        instrument = live_app.extensions["instruments"].for_round(store.get_round(ROUND))
    assert instrument.version == 2
    # The keyboard's choices were saved as made: the fourth option everywhere.
    assert {answers[item.id] for item in instrument.items} == {"4"}
    assert {answers[b.id] for b in instrument.barriers} == {"4"}
    # Space chooses the first option and three Down arrows move on, round again on a
    # question with three options.
    assert [answers[p.id] for p in instrument.profile] == [
        p.options[3 % len(p.options)].value for p in instrument.profile
    ]
    assert answers["comment_working_well"].startswith(("We share", "Rydym"))
    context.close()


def submitted_ids(app, gss: str) -> set[str]:
    with app.app_context():
        rows = get_store().db.execute(
            "SELECT id FROM responses WHERE status = 'submitted' AND council_gss = ?", [gss]
        )
        return {row[0] for row in rows}
