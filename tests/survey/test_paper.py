"""Paper questionnaires end to end: printed (the PDF read back), a copy's code entered
through the data-entry page, counted once, refused when used again or from another
council, and marked as paper in the export."""

from __future__ import annotations

import csv
import io
import re
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from survey.cli import main
from survey.db import connect
from survey.store import CodeUsed, Store
from tests.conftest import OTHER_COUNCIL, TEST_COUNCIL, add_staff, complete_answers, sign_in

OWN = TEST_COUNCIL["gss"]
OTHER = OTHER_COUNCIL["gss"]
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def words(text: str) -> str:
    return " ".join(text.split())


def print_copies(runner, path: Path, *options: str) -> PdfReader:
    args = ["paper", "--round", "r2026", "--council", OWN, "-o", str(path), *options]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    return PdfReader(str(path))


def pdf_text(reader: PdfReader) -> str:
    return words(" ".join(page.extract_text() for page in reader.pages))


def font_sizes(reader: PdfReader) -> list[float]:
    """The size every piece of text is drawn at, in points (font size times the text and
    current transformation matrices' vertical scale)."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(abs(size * tm[3] * cm[3]), 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_printed_copies_carry_every_question_and_their_own_code(app, runner, tmp_path):
    reader = print_copies(runner, tmp_path / "paper.pdf", "--count", "2")
    text = pdf_text(reader)
    instrument = app.extensions["instruments"].get(1)
    for item in instrument.items:
        assert words(item.text) in text, item.id
    for barrier in instrument.barriers:
        assert words(barrier.text) in text
    for question in instrument.profile:
        assert words(question.text) in text
    assert "Strongly disagree" in text and "Don't know" in text
    codes = sorted(set(CODE.findall(text)))
    assert len(codes) == 2
    # Each copy starts its own page numbering and carries its code on every page.
    first_pages = [i for i, p in enumerate(reader.pages) if "Page 1 of" in p.extract_text()]
    assert len(first_pages) == 2
    for page in reader.pages:
        page_text = page.extract_text()
        if page_text.strip():
            assert CODE.search(page_text)
    # Tagged (PDF/UA), titled, in English.
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    # Stored only as hashes: the database file never holds a printed code.
    database = Path(app.config["DATABASE"]).read_bytes()
    with app.app_context():
        from survey.db import get_store

        for code in codes:
            found = get_store().find_paper_code(code)
            assert found["council_gss"] == OWN and found["used_at"] is None
            assert code.replace("-", "").encode() not in database
            assert code.encode() not in database


def test_large_print_is_at_least_16_point(runner, tmp_path):
    sizes = font_sizes(print_copies(runner, tmp_path / "large.pdf", "--large-print"))
    assert sizes and min(sizes) >= 16
    normal = font_sizes(print_copies(runner, tmp_path / "normal.pdf"))
    assert min(normal) < 16  # the check can fail


def test_welsh_copies_are_in_welsh(app, runner, tmp_path):
    text = pdf_text(print_copies(runner, tmp_path / "cy.pdf", "--lang", "cy"))
    welsh = app.extensions["instruments"].get(1, "cy")
    assert words(welsh.items[0].text) in text
    assert "Cod ymateb" in text and "Response code" not in text


def test_a_version_2_round_prints_its_introduction_and_partnership_module(
    app, store, runner, tmp_path
):
    store.upsert_councils([OTHER_COUNCIL])
    store.create_round("r2027", "Round 2027", "collaboration-maturity", 2)
    path = tmp_path / "v2.pdf"
    args = ["paper", "--round", "r2027", "--council", OWN, "-o", str(path)]
    without = runner.invoke(main, args)
    assert "No partnership module: Ashcombe Vale is not a member of any partnership" in words(
        without.output
    )
    pid = store.create_partnership("Joint waste", [OWN, OTHER], "admin", confirmed=[OWN])
    store.set_partnership_module("r2027", pid, True)
    other_args = [*args[:4], OTHER, "-o", str(tmp_path / "o.pdf")]
    unconfirmed = runner.invoke(main, other_args)
    assert (
        "No partnership module: Brackenford has not confirmed its membership of Joint waste"
        in words(unconfirmed.output)
    )
    store.confirm_member(pid, OTHER, "lead")
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and "With the partnership module for: Joint waste" in result.output
    text = pdf_text(PdfReader(str(path)))
    with app.app_context():
        from survey import instruments

        round_row = store.get_round("r2027")
        v2 = instruments.for_round(round_row)
        module = instruments.partnership_module(round_row)
    assert words(v2.introduction.text) in text
    assert all(words(d.meaning) in text for d in v2.introduction.definitions)
    assert all(words(item.text) in text for item in v2.items)
    assert "Joint waste" in text
    # The module's per-member statements name the other member, as online.
    expanded = module.expand({OTHER: OTHER_COUNCIL["name"]}, {OTHER: OTHER_COUNCIL["name"]})
    assert all(words(item.text) in text for item in expanded.items)
    other = runner.invoke(main, other_args)
    assert "With the partnership module for: Joint waste" in other.output


def test_a_closed_round_prints_nothing(app, runner, tmp_path):
    with app.app_context():
        from survey.db import get_store

        get_store().close_council_round("r2026", OWN)
    args = ["paper", "--round", "r2026", "--council", OWN, "-o", str(tmp_path / "x.pdf")]
    result = runner.invoke(main, args)
    assert result.exit_code != 0 and "closed" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture
def entry(app, store):
    """A facilitator of the first council signed in; one code printed for each council."""
    add_staff(store)
    client = app.test_client()
    sign_in(client, "facilitator")
    codes = {
        "own": store.create_paper_codes("r2026", OWN, 1, "en")[0],
        "other": store.create_paper_codes("r2026", OTHER, 1, "en")[0],
        "welsh": store.create_paper_codes("r2026", OWN, 1, "cy")[0],
    }
    return client, codes


PAPER = f"/workspace/r2026/{OWN}/paper"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def error_summary(response) -> str:
    box = soup(response).select_one(".govuk-error-summary")
    return words(box.get_text()) if box else ""


def test_a_paper_copy_is_entered_and_counted_once(app, entry, store, instrument, runner):
    client, codes = entry
    before = store.count_submitted("r2026", OWN)
    page = client.post(PAPER, data={"code": codes["own"].lower().replace("-", " ")})
    assert page.status_code == 200
    form = soup(page).select_one("form#answers")
    # Every question on one page, as GOV.UK radios in fieldsets with a numbered legend.
    legends = [words(f.get_text()) for f in form.select("fieldset legend")]
    assert len(legends) == len(instrument.items) + len(instrument.barriers) + len(
        instrument.profile
    )
    assert legends[0].startswith("1. ")
    assert form.select_one("input[name=code]")["value"] == codes["own"]

    answers = {**complete_answers(instrument), "comment_working_well": "Good meetings"}
    data = {"code": codes["own"], "action": "check", **answers}
    check = client.post(f"{PAPER}/answers", data=data)
    assert check.status_code == 200
    page = soup(check)
    assert page.h1.get_text(strip=True) == "Check the answers before submitting"
    assert "Good meetings" in page.get_text()
    kept = {i["name"]: i["value"] for i in page.select("input[type=hidden]")}
    assert kept["code"] == codes["own"]
    assert all(kept[k] == v for k, v in answers.items())
    assert store.count_submitted("r2026", OWN) == before  # nothing stored yet

    done = client.post(f"{PAPER}/submit", data=kept)
    assert done.status_code == 302 and done.location.endswith(f"{PAPER}/entered")
    assert store.count_submitted("r2026", OWN) == before + 1
    [stored] = [a for a in store.submitted_answers("r2026", OWN) if a.get("comment_working_well")]
    assert stored == answers  # the same item ids and values an online response stores
    assert "1 of 2 printed copies have been entered" in words(
        soup(client.get(f"{PAPER}/entered")).get_text()
    )

    # The same copy again: refused at the code, and at submit with the answers kept.
    again = client.post(PAPER, data={"code": codes["own"]})
    assert again.status_code == 400
    assert "cannot be entered again" in error_summary(again)
    twice = client.post(f"{PAPER}/submit", data=kept)
    assert twice.status_code == 409
    assert "cannot be entered again" in error_summary(twice)
    still = {i["name"]: i["value"] for i in soup(twice).select("input[type=hidden]")}
    assert all(still[k] == v for k, v in answers.items())
    assert store.count_submitted("r2026", OWN) == before + 1

    # Marked as paper in the export, and counted like every other response.
    export = runner.invoke(main, ["export", "responses", "--round", "r2026"])
    rows = list(csv.DictReader(io.StringIO(export.output)))
    assert {r["mode"] for r in rows} == {"paper"}
    assert len({r["response_id"] for r in rows}) == 1


def test_the_form_and_the_data_entry_page_agree_on_crossed_out_boxes(entry, runner, tmp_path):
    """The form tells people to fill in a wrong box completely and tick the right one; the
    person typing it in is told the same thing, so a corrected answer is not lost to
    Don't know."""
    paper = pdf_text(print_copies(runner, tmp_path / "paper.pdf"))
    assert "If you change your mind, fill in the wrong box completely and tick the right one" in (
        paper
    )
    client, codes = entry
    guidance = words(soup(client.post(PAPER, data={"code": codes["own"]})).main.get_text())
    assert "A box filled in completely is a crossed-out answer" in guidance
    assert "Ignore it and select the box that is ticked" in guidance
    assert "two or more boxes are ticked (not filled in), select Don't know" in guidance
    assert "(in the questions about the person: Prefer not to say)" in guidance
    assert "more than one box, select Don't know" not in guidance


def test_the_form_says_plainly_who_sees_it(runner, tmp_path):
    paper = pdf_text(print_copies(runner, tmp_path / "paper.pdf"))
    assert "Nobody at your council will see them" not in paper
    assert "One person at your council sees this paper copy" in paper
    assert "destroyed securely" in paper
    assert "Handwriting can be recognised" in paper and "leave the comment boxes blank" in paper
    assert "sealed envelope" in paper


def test_another_councils_code_is_refused(entry, store):
    client, codes = entry
    response = client.post(PAPER, data={"code": codes["other"]})
    assert response.status_code == 400
    assert "printed for another council" in error_summary(response)
    assert OTHER_COUNCIL["name"] not in response.get_data(as_text=True)
    # Nor can it be slipped in through the hidden field.
    sneaked = client.post(f"{PAPER}/submit", data={"code": codes["other"]})
    assert sneaked.status_code == 400
    assert store.count_submitted("r2026", OTHER) == 0
    assert store.find_paper_code(codes["other"])["used_at"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the response code"),
        ("ABCD", "12 letters and numbers"),
        ("ABCD-EFGH-JKLM", "We do not recognise this response code"),
    ],
)
def test_unknown_or_malformed_codes_get_a_clear_message(entry, typed, message):
    client, _ = entry
    response = client.post(PAPER, data={"code": typed})
    assert response.status_code == 400
    assert message in error_summary(response)
    field = soup(response).select_one("input[name=code]")
    assert field.get("value", "") == typed  # what was typed stays to be corrected


def test_missing_answers_are_named_by_section_and_nothing_typed_is_lost(entry, instrument):
    client, codes = entry
    answers = complete_answers(instrument)
    left_out = instrument.barriers[2].id
    del answers[left_out]
    data = {"code": codes["own"], "action": "check", **answers}
    response = client.post(f"{PAPER}/answers", data=data)
    assert response.status_code == 400
    summary = soup(response).select(".govuk-error-summary a")
    assert [a["href"] for a in summary] == [f"#{left_out}"]
    assert "Section " in summary[0].get_text() and " item 3 " in summary[0].get_text()
    checked = soup(response).select("input[type=radio][checked]")
    assert len(checked) == len(answers)  # every answer given is still selected


def test_a_copy_printed_in_welsh_is_entered_in_welsh(app, entry):
    client, codes = entry
    page = soup(client.post(PAPER, data={"code": codes["welsh"]}))
    assert page.html["lang"] == "cy"
    welsh = app.extensions["instruments"].get(1, "cy")
    assert words(welsh.items[0].text) in words(page.get_text())
    assert page.select_one("button[name=language][value=en]")  # the switch keeps answers


def test_two_people_submitting_one_code_at_once_count_once(app, store, instrument):
    [code] = store.create_paper_codes("r2026", OWN, 1, "en")
    answers = complete_answers(instrument)
    outcomes = []
    start = threading.Barrier(4)

    def enter():
        db = connect(app.config["DATABASE"], app.config["BUSY_TIMEOUT_MS"])
        try:
            start.wait()
            Store(db).submit_paper_response(
                code, "r2026", OWN, instrument.id, instrument.version, answers
            )
            outcomes.append("stored")
        except CodeUsed:
            outcomes.append("refused")
        finally:
            db.close()

    threads = [threading.Thread(target=enter) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 3 + ["stored"]
    assert store.count_submitted("r2026", OWN) == 1


def box_gaps(path: Path) -> list[float]:
    """The clear space, in millimetres, between each tick box and the next one below it or
    beside it, read back from the PDF's drawn squares."""
    import pdfplumber

    gaps = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            boxes = sorted(
                {
                    (round(r["x0"]), round(r["top"]), round(r["x1"]), round(r["bottom"]))
                    for r in page.rects
                    if 10 < r["width"] < 40 and abs(r["width"] - r["height"]) < 0.5
                },
                key=lambda b: (b[1], b[0]),
            )
            # Keep only the outer square of each box (its border is drawn as two).
            outer = [
                b
                for b in boxes
                if not any(
                    o != b and o[0] <= b[0] and o[1] <= b[1] and o[2] >= b[2] and o[3] >= b[3]
                    for o in boxes
                )
            ]
            for a in outer:
                below = [b[1] - a[3] for b in outer if abs(b[0] - a[0]) < 2 and b[1] > a[3]]
                beside = [b[0] - a[2] for b in outer if abs(b[1] - a[1]) < 2 and b[0] > a[2]]
                gaps += [min(below)] if below else []
                gaps += [min(beside)] if beside else []
    return [g * 25.4 / 72 for g in gaps]


@pytest.mark.parametrize("options", [(), ("--large-print",)])
def test_tick_boxes_are_at_least_4mm_apart(runner, tmp_path, options):
    path = tmp_path / "paper.pdf"
    print_copies(runner, path, *options)
    gaps = box_gaps(path)
    assert len(gaps) > 20
    assert min(gaps) >= 4, sorted(gaps)[:5]
