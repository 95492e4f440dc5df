"""Paper responses: a council's lead or facilitator types in a returned paper copy. The
copy's response code first, then every question on one page, then a check of the answers,
then submit: the response is stored and counted as an online one is, and the code is used
up in the same transaction. Nothing typed is lost when a step is refused: the answers
travel with the form until they are stored."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from survey import i18n, instruments, throttle
from survey.access import can_enter_paper_responses
from survey.db import get_store, storage_failure, storage_problem
from survey.guards import audit, council_round, current_user, login_required
from survey.paper_forms import CodeForm, paper_form
from survey.store import CodeUsed
from survey.store.paper import normalise_code, shown_code
from survey.views.respond import round_is_open

bp = Blueprint("paper", __name__, url_prefix="/workspace")


def _council_round(round_slug: str, gss: str):
    return council_round(
        round_slug, gss, can_enter_paper_responses, f"paper responses {round_slug}/{gss}"
    )


def _sections(round_row, gss: str):
    """The same pages the council's respondents answer online, in the page's language."""
    partnerships = get_store().module_partnerships(round_row["slug"], gss)
    return instruments.council_sections(round_row, partnerships, i18n.language())


def code_problem(typed: str, round_row, council) -> str | None:
    """Why this code cannot be entered here, or None when it can."""
    store = get_store()
    if normalise_code(typed) is None:
        return _(
            "A response code is 12 letters and numbers, like ABCD-EFGH-JKLM. Check it "
            "against the top of the paper copy"
        )
    found = store.find_paper_code(typed)
    if found is None:
        return _(
            "We do not recognise this response code. Check it against the top of the paper "
            "copy and try again"
        )
    if found["council_gss"] != council["gss"]:
        return _(
            "This code was printed for another council's questionnaire, so it cannot be "
            "counted for %(council)s. Give the copy to that council's lead",
            council=council["name"],
        )
    if found["round_slug"] != round_row["slug"]:
        return _(
            "This code was printed for another round of %(council)s. Enter the copy on that "
            "round's paper responses page",
            council=council["name"],
        )
    if found["used_at"]:
        return _(
            "The answers on the copy with this code were entered on %(date)s. Each copy "
            "counts once, so they cannot be entered again",
            date=i18n.long_date(found["used_at"]),
        )
    return None


def _closed_page(round_row, council):
    return render_template(
        "paper/closed.html",
        title=_("Paper responses cannot be entered"),
        round=round_row,
        council=council,
    ), 409


@bp.route("/<round_slug>/<gss>/paper", methods=["GET", "POST"])
@login_required
def code(round_slug: str, gss: str):
    round_row, council = _council_round(round_slug, gss)
    if not round_is_open(round_row, gss):
        return _closed_page(round_row, council)
    store = get_store()
    form = CodeForm()
    counts = store.paper_code_counts(round_slug, gss)
    if request.method == "GET":
        return _code_page(round_row, council, CodeForm(formdata=None), counts)
    if not form.validate_on_submit():
        return _code_page(round_row, council, form, counts), 400
    user = str(current_user()["id"])
    wait = throttle.retry_after(store, "paper-code", user)
    problem = (
        _(
            "Too many codes were not recognised. Wait %(minutes)s minutes, then try again",
            minutes=wait // 60,
        )
        if wait
        else code_problem(form.code.data, round_row, council)
    )
    if problem:
        if store.find_paper_code(form.code.data) is None:
            throttle.failed(store, "paper-code", user)
        form.code.errors.append(problem)
        return _code_page(round_row, council, form, counts), 400
    found = store.find_paper_code(form.code.data)
    i18n.choose(found["lang"])  # the questions in the words printed on the copy
    answers = paper_form(
        _sections(round_row, gss),
        require_all=False,
        formdata=None,
        data={"code": shown_code(normalise_code(form.code.data))},
    )
    return _answers_page(round_row, council, answers)


def _code_page(round_row, council, form, counts):
    return render_template(
        "paper/code.html",
        title=_("Enter a paper response"),
        form=form,
        round=round_row,
        council=council,
        counts=counts,
    )


def _answers_page(round_row, council, form, error_list=None):
    return render_template(
        "paper/answers.html",
        title=_("Answers on the paper copy"),
        form=form,
        sections=_sections(round_row, council["gss"]),
        round=round_row,
        council=council,
        error_list=error_list,
    )


def _error_list(form, sections):
    """One line per question with a problem, naming its section: statement numbers
    start again in each section after the statements."""
    return [
        {
            "text": _(
                "Section %(number)s: %(error)s",
                number=section.number,
                error=form[question.id].errors[0],
            ),
            "href": f"#{question.id}",
        }
        for section in sections
        for question in section.questions
        if form[question.id].errors
    ]


@bp.post("/<round_slug>/<gss>/paper/answers")
@login_required
def answers(round_slug: str, gss: str):
    """Show the answers form again (the language switch, or Change on the check page),
    or check it and show the answers to check."""
    round_row, council = _council_round(round_slug, gss)
    if not round_is_open(round_row, gss):
        return _closed_page(round_row, council)
    if request.form.get("language") in i18n.LANGUAGES:
        i18n.choose(request.form["language"])
    sections = _sections(round_row, gss)
    checking = request.form.get("action") == "check"
    form = paper_form(sections, require_all=checking)
    problem = code_problem(form.code.data or "", round_row, council)
    if problem:  # a tampered or stale hidden code: start again from the code
        return _code_page(
            round_row,
            council,
            _with_error(CodeForm(formdata=None), problem),
            get_store().paper_code_counts(round_slug, gss),
        ), 400
    if not checking:  # what was typed, shown again without messages not yet earned
        return _answers_page(round_row, council, form)
    if not form.validate():
        return _answers_page(round_row, council, form, _error_list(form, sections)), 400
    return _check_page(round_row, council, form, sections)


def _with_error(form, message):
    form.code.errors = [message]
    return form


def _check_page(round_row, council, form, sections, error=None):
    return render_template(
        "paper/check.html",
        title=_("Check the answers before submitting"),
        form=form,
        sections=sections,
        round=round_row,
        council=council,
        error_list=[{"text": error, "href": "#submit"}] if error else [],
    )


@bp.post("/<round_slug>/<gss>/paper/submit")
@login_required
def submit(round_slug: str, gss: str):
    round_row, council = _council_round(round_slug, gss)
    if not round_is_open(round_row, gss):
        return _closed_page(round_row, council)
    store = get_store()
    sections = _sections(round_row, gss)
    form = paper_form(sections, require_all=True)
    if not form.validate():
        return _answers_page(round_row, council, form, _error_list(form, sections)), 400
    problem = code_problem(form.code.data or "", round_row, council)
    if problem is None:
        questions = instruments.for_round(round_row)
        values = {q.id: form[q.id].data for s in sections for q in s.questions}
        try:
            store.submit_paper_response(
                form.code.data, round_slug, gss, questions.id, questions.version, values
            )
        except CodeUsed:
            problem = code_problem(form.code.data, round_row, council)
        except sqlite3.OperationalError as exc:
            kind = storage_problem(exc)
            if kind is None:
                raise
            status, headers = storage_failure(kind)
            message = _(
                "We could not store these answers because the service is busy or out of "
                "storage. Nothing was stored and the answers are still on this page: wait "
                "a few seconds, then select Submit again"
            )
            return _check_page(round_row, council, form, sections, message), status, headers
    if problem:  # the answers stay on the page; nothing was stored
        return _check_page(round_row, council, form, sections, problem), 409
    audit("paper-response-entered", f"{round_slug}/{gss}")
    return redirect(url_for("paper.entered", round_slug=round_slug, gss=gss))


@bp.get("/<round_slug>/<gss>/paper/entered")
@login_required
def entered(round_slug: str, gss: str):
    round_row, council = _council_round(round_slug, gss)
    return render_template(
        "paper/entered.html",
        title=_("Paper response entered"),
        round=round_row,
        council=council,
        counts=get_store().paper_code_counts(round_slug, gss),
    )
