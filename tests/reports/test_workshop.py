"""The workshop pack as a kit, read back from its PDF: the agenda and its timings, the
review of agreed actions with how each factor moved, the statements people are split on
with their own prompts and reverse wording marked in words, the room left to write, and
print that can be read (large print too), in English and Welsh."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

from reports.workshop import AGENDA, agenda, workshop_pack
from scoring.rounding import display, signed
from scoring.statements import to_discuss
from survey.db import get_store
from survey.demo import load_demo
from tests.conftest import demo_council_input, make_app
from tests.reports.legibility import chart_problems
from tests.reports.printed import (
    BOTTOM_MARGIN,
    TOP_MARGIN,
    fill,
    overlapping,
    pages,
    save_first_page,
    text_of,
    writing_boxes,
)

GSS = "E07900001"
# An action agreed after last year's round, besides the two the demo agrees after this one.
LAST_YEAR = {
    "factor": "culture",
    "what": "Open one joint project board to every partner",
    "lead": "Director of Place",
    "due": "2026-06-30",
    "measure": "Partners sit on the board",
    "status": "done",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("workshop"))
    with app.app_context():
        store = get_store()
        versions = app.extensions["instruments"]
        # As `collab demo`: this round on version 2, last year's on version 1.
        load_demo(store, versions.latest(), 8, 12, 11, previous=versions.get(1))
        store.add_action(GSS, "demo-2025", LAST_YEAR)
    return app


@pytest.fixture(scope="module")
def packs(demo):
    made = {}
    for name, lang, large in (
        ("workshop", "en", False),
        ("workshop-cy", "cy", False),
        ("workshop-large-print", "en", True),
        ("workshop-large-print-cy", "cy", True),
    ):
        data = demo_council_input(demo, GSS, lang)
        made[name] = (data, workshop_pack(data, large_print=large))
    return made


def test_the_agenda_is_two_hours_in_parts_that_follow_each_other():
    parts = agenda()
    assert sum(p.minutes for p in parts) == 120
    assert (parts[0].start, parts[-1].end) == ("0:00", "2:00")
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    assert [p.id for p in parts] == [part for part, _ in AGENDA]
    assert [p.number for p in parts] == list(range(1, 8))


def test_the_pack_has_the_agenda_with_timings_and_notes_for_each_part(packs):
    text = text_of(packs["workshop"][1])
    assert "The agenda: two hours" in text
    for part in agenda():
        assert f"{part.start}–{part.end}" in text
    for note in (
        "Say why you are here",
        "Give everyone a copy of the handout (page 3)",
        "Take each action in turn (page",
        "statements in order (page",
        "Put up the names of the two factors",
        "For each of the two weakest factors (page",
        "Read the actions back",
    ):
        assert note in text, note
    assert "Part 4: Where people are split 0:40 to 1:15, 35 minutes" in text


@pytest.mark.parametrize("name", ["workshop", "workshop-large-print"])
def test_the_agenda_timing_adds_up_and_points_to_the_action_cards(packs, name):
    data, pdf = packs[name]
    text = text_of(pdf)
    # Part 4's minutes shared between the statements discussed: the words agree.
    count = len(to_discuss(data.spreads))
    each = dict(AGENDA)["split"] // count
    assert count * each <= dict(AGENDA)["split"]
    assert f"Take the {count} statements in order (page" in text
    assert f"about {each} minutes each" in text
    # The action cards' page, as built: the first page that has one.
    first = next(
        n
        for n, page in enumerate(pages(pdf), 1)
        if "Wholeads" in "".join(c["text"] for c in page["body"])  # spaces are not chars
    )
    assert f"Write them on the action cards (three for each factor, from page {first})." in text


def test_last_rounds_actions_are_reviewed_with_how_their_factor_moved(packs):
    data, pdf = packs["workshop"]
    text = text_of(pdf)
    # Version 1 last year, version 2 now: compared on the statements both share.
    rows = {m: (then, now) for m, then, now in data.trend["rows"]}
    assert data.trend["shared"] == 25
    assert "both are scored on the 25 statements they share" in text
    indices = {f: fs.index for f, fs in data.results.rows[GSS].score.factors.items()}
    for action in data.plan["actions"]:
        assert action["what"] in text
        then, now = rows[action["factor"]]
        factor = data.texts.factor(action["factor"]).title
        everything = display(indices[action["factor"]])
        if action["round_slug"] == "demo-2026":
            # Agreed after this round's results: the movement is the baseline, never the
            # action's effect, and the shared-statement figure says what it is.
            assert (
                f"Its starting point: {factor} is {display(now)} on the 25 shared statements; "
                f"{everything} on all statements."
            ) in text
            assert (
                f"it moved {signed(now - then)} points ({display(then)} to {display(now)}): "
                "that is the baseline, not the action's effect."
            ) in text
            assert f"{factor} since the previous round" not in text
        else:
            moved = (
                f"{factor} since the previous round, on the 25 shared statements: "
                f"{display(then)} then, {display(now)} now ({signed(now - then)} points). "
                f"On all statements it is {everything} now."
            )
            assert moved in text
    assert "Status: Done." in text  # last year's action
    assert "Status: Planned, overdue." in text  # the demo's overdue one
    assert text.count("so this round cannot show what it changed") == 2  # agreed this year


def test_with_no_actions_part_3_does_not_explain_how_factors_moved(packs):
    data = packs["workshop"][0]
    text = text_of(workshop_pack(replace(data, plan={"actions": []})))
    assert "No actions are recorded for" in text
    assert "How each action's factor moved" not in text
    assert "statements they share" not in text


def bad_sign_under_bars(pdf: bytes) -> int:
    """How many "worded the other way round" notes sit just under a chart (within 20 pt)."""
    found = 0
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for line in page.extract_text_lines():
                if line["text"].startswith("This statement is worded the other way round"):
                    found += any(
                        0 <= line["top"] - bar["bottom"] <= 20 and bar["width"] > 20
                        for bar in page.rects  # the bar's segments
                    )
    return found


def test_split_statements_come_with_their_own_prompt_figures_and_reverse_wording(packs):
    data, pdf = packs["workshop"]
    text = text_of(pdf)
    discussed = to_discuss(data.spreads)
    split = [s for s in discussed if s.split]
    assert split, "the demo has statements people are split on"
    assert text.count("People are split.") == len(split)
    marker = "This statement is worded the other way round: agreeing is a bad sign."
    assert text.count(marker) == sum(s.item.reverse for s in discussed) > 0
    # Under each reverse-worded statement's bar, in words: blue "agree" is the worry here.
    for name in ("workshop", "workshop-large-print"):
        assert bad_sign_under_bars(packs[name][1]) == sum(s.item.reverse for s in discussed)
    prompts = [data.texts.item(s.item.id).prompt for s in discussed]
    assert len(set(prompts)) == len(prompts)  # each its own, never one for all
    for number, spread in enumerate(discussed, start=1):
        item = data.texts.item(spread.item.id)
        assert f"{number}. “{item.text}”" in text
        assert f"To discuss: {item.prompt}" in text
        # The figures in words, worked from the counts (Don't know left out).
        on_scale = sum(spread.counts[v] for v in "12345")
        agree = display(100 * (spread.counts["4"] + spread.counts["5"]) / on_scale)
        disagree = display(100 * (spread.counts["1"] + spread.counts["2"]) / on_scale)
        assert (
            f"{agree}% agree," in text and f"{disagree}% disagree, of the {on_scale} people" in text
        )
        if spread.split:
            assert int(agree) >= 25 and int(disagree) >= 25
    counts = f"Here {sum(s.split for s in data.spreads)} of the {len(data.spreads)} statements"
    assert counts in text
    # Every statement at the end, each with its prompt and whether it splits people.
    for item in data.texts.items:
        assert item.prompt in text


def writing_areas(pdf: bytes) -> dict[str, list[float]]:
    """Each space left for writing, by the start of the label printed at its top: the
    heights (points) of the rounded boxes with that label, in the order they come."""
    areas: dict[str, list[float]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            lines = page.extract_text_lines()
            seen: list[tuple[float, float]] = []
            for box in sorted(page.curves, key=lambda c: (c["top"], c["x0"])):
                if box["x1"] - box["x0"] < 80 or box["bottom"] - box["top"] < 30:
                    continue
                if any(abs(box["top"] - t) < 3 and abs(box["x0"] - x) < 3 for t, x in seen):
                    continue  # the inner edge of a box already counted
                seen.append((box["top"], box["x0"]))
                label = next(
                    line["text"]
                    for line in lines
                    if box["top"] <= line["top"] <= box["top"] + 25
                    and box["x0"] <= line["x0"] <= box["x1"]
                )
                # Its first 20 characters: where a long label wraps depends on the print.
                areas.setdefault(label[:20], []).append(box["bottom"] - box["top"])
    return areas


def test_the_pack_leaves_room_to_write_and_large_print_leaves_more(packs):
    normal, large = (pages(packs[name][1]) for name in ("workshop", "workshop-large-print"))
    data = packs["workshop"][0]
    text = text_of(packs["workshop"][1])
    assert text.count("Notes and ideas for actions") == len(to_discuss(data.spreads))
    assert text.count("What happened, and what next?") == len(data.plan["actions"])
    assert text.count("Who leads") == 6  # three action cards for each of two factors
    room = {
        name: [h for page in document for h in writing_boxes(page)]
        for name, document in (("normal", normal), ("large", large))
    }
    assert len(room["large"]) >= len(room["normal"])
    assert sum(room["large"]) > 1.2 * sum(room["normal"])
    assert min(room["large"]) >= 45  # points: about 16 mm at the least
    # Area by area: every space to write is at least as big in large print, or (a space
    # that fills the rest of a page, where standard print happens to have a whole page)
    # at least half a page; the handout's two questions are kept together.
    half_page = (BOTTOM_MARGIN - TOP_MARGIN) / 2
    for lang in ("", "-cy"):
        standard, bigger = (
            writing_areas(packs[f"workshop{kind}{lang}"][1]) for kind in ("", "-large-print")
        )
        assert standard.keys() == bigger.keys()
        for label, heights in standard.items():
            assert len(bigger[label]) == len(heights), label
            for small, large_one in zip(sorted(heights), sorted(bigger[label]), strict=True):
                assert large_one >= min(small, half_page), (label, round(small), round(large_one))
    english = writing_areas(packs["workshop-large-print"][1])
    assert "What surprises you? What matches what you see?"[:20] in english
    assert "What matches what y" not in english  # never a question alone


@pytest.mark.parametrize(
    "name", ["workshop", "workshop-cy", "workshop-large-print", "workshop-large-print-cy"]
)
def test_every_page_is_legible_and_none_is_left_nearly_empty(packs, name):
    large = "large" in name
    document = pages(packs[name][1])
    for number, page in enumerate(document, start=1):
        sizes = {round(c["size"], 1) for c in page["chars"]}
        assert min(sizes) >= (12 if large else 8), (number, sorted(sizes))
        assert all(c["upright"] for c in page["chars"]), number  # nothing rotated
        assert not overlapping(page["body"]), (number, overlapping(page["body"])[:5])
        if large:
            # Body text at 16 pt or more; only a chart's numbers are smaller (14 pt).
            small = {c["text"] for c in page["body"] if c["size"] < 15.9}
            assert small <= set("0123456789%"), (number, small)
        if number < len(document):
            assert fill(page) > 0.5, (number, round(fill(page), 2))
    # The last page is not one table row alone: the table's last rows keep together.
    assert fill(document[-1]) > 0.15, round(fill(document[-1]), 2)
    if large:
        # Large print: no running header, and the footer at 16 pt like the body.
        assert not any(page["header"] for page in document)
        footer = [c for page in document for c in page["chars"] if c["top"] > BOTTOM_MARGIN]
        assert footer and min(c["size"] for c in footer) >= 15.9
    # The charts as printed: size, direction, contrast on their fills, overlap.
    assert [str(p) for p in chart_problems(packs[name][1], 12 if large else 8)] == []


def test_the_pack_in_welsh_has_no_english_interface_words(packs, demo):
    data, pdf = packs["workshop-cy"]
    text = text_of(pdf)
    assert "Yr agenda: dwy awr" in text and "I'w drafod:" in text
    assert "Mae'r datganiad hwn wedi'i eirio y ffordd arall: mae cytuno yn arwydd drwg." in text
    assert "Mae pobl wedi'u rhannu." in text
    for spread in to_discuss(data.spreads):
        assert data.texts.item(spread.item.id).prompt in text  # the Welsh prompt
    for english in ("To discuss", "The agenda", "Notes and ideas", "People are split", "Welcome"):
        assert english not in text, english


def test_page_one_of_each_pack_is_kept_as_evidence(packs, tmp_path):
    for name, (_data, pdf) in packs.items():
        assert save_first_page(pdf, name, tmp_path).stat().st_size > 10_000
