"""The respondent journey: invitation link, start, one page per section, check, submit."""

from __future__ import annotations

import sqlite3
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from survey import i18n, instruments, throttle
from survey.db import get_store, storage_failure, storage_problem
from survey.forms import SubmitForm, section_form
from survey.guards import client_address
from survey.questionnaire import (
    next_section,
    resume_point,
    section_by_slug,
)
from survey.store import NotADraft
from survey.store import today as store_today
from survey.views.auth import too_many_attempts

bp = Blueprint("respond", __name__)


def sections():
    """The questionnaire's pages in the language the person chose, with a page of the
    partnership module for each partnership of the respondent's council that has it on
    in this round."""
    if "sections" not in g:  # once per request: every page save asks several times
        partnerships = get_store().module_partnerships(
            g.response["round_slug"], g.response["council_gss"]
        )
        g.sections = instruments.council_sections(g.round, partnerships, i18n.language())
    return g.sections


def instrument():
    """The questionnaire of the respondent's round, in the language they chose."""
    return instruments.for_round(g.round, i18n.language())


def _invalid():
    return render_template("respond/invalid.html", title=_("This link does not work")), 404


def _used():
    return render_template("respond/used.html", title=_("You have already taken part")), 410


def _closed(round_row):
    return render_template(
        "respond/closed.html", title=_("This questionnaire has closed"), round=round_row
    ), 410


def round_is_open(round_row: dict, council_gss: str | None = None) -> bool:
    """Whether answers are taken: the round is open, within its dates, and (for a council)
    its lead has not closed it early."""
    if round_row["state"] != "open":
        return False
    if council_gss and get_store().council_round_closed(round_row["slug"], council_gss):
        return False
    today = store_today()
    if round_row["opens"] and today < round_row["opens"]:
        return False
    return not (round_row["closes"] and today > round_row["closes"])


def respondent_required(view):
    """Load the session's draft response into ``g``; send people elsewhere if none."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response_id = session.get("response_id")
        store = get_store()
        response = store.get_response(response_id) if response_id else None
        if response is None:
            return render_template(
                "respond/no_session.html", title=_("Use your invitation link")
            ), 403
        if response["status"] == "submitted":
            return redirect(url_for("respond.confirmation"))
        if store.invitation_revoked_for(response["id"]):
            session.pop("response_id", None)
            return _invalid()
        round_row = store.get_round(response["round_slug"])
        if not round_is_open(round_row, response["council_gss"]):
            return _closed(round_row)
        g.response = response
        g.round = round_row
        g.council = store.get_council(response["council_gss"])
        return view(*args, **kwargs)

    return wrapped


@bp.get("/i/<token>")
def invitation(token: str):
    """Exchange the invitation for a session, then leave the token out of the URL."""
    store = get_store()
    client = client_address()
    wait = throttle.retry_after(store, "invitation-client", client)
    if wait:
        return too_many_attempts(wait)
    found = store.find_invitation(token)
    if found is None or found["state"] == "revoked":
        # Unknown and withdrawn links look the same: the respondent needs a new link either way.
        throttle.failed(store, "invitation-client", client)
        return _invalid()
    i18n.default_for_council(found["council_gss"])
    if found["state"] == "submitted":
        return _used()
    round_row = store.get_round(found["round_slug"])
    if not round_is_open(round_row, found["council_gss"]):
        return _closed(round_row)
    questions = instruments.for_round(round_row)
    try:
        response_id = store.start_response(found, questions.id, questions.version)
    except NotADraft:
        return _used()
    session["response_id"] = response_id
    return redirect(url_for("respond.start"))


@bp.get("/start")
@respondent_required
def start():
    answers = get_store().answers(g.response["id"])
    resume = resume_point(sections(), answers)
    return render_template(
        "respond/start.html",
        title=instrument().title,
        instrument=instrument(),
        first=sections()[0],
        resume=resume if answers else None,
        complete=bool(answers) and resume is None,
        council=g.council,
        min_respondents=current_app.config["MIN_RESPONDENTS"],
    )


@bp.route("/section/<slug>", methods=["GET", "POST"])
@respondent_required
def section(slug: str):
    page = section_by_slug(sections(), slug)
    if page is None:
        abort(404)
    store = get_store()
    switching_language = request.form.get("language") in i18n.LANGUAGES
    saving_for_later = request.form.get("action") == "save-later" or switching_language
    returning_to_check = request.args.get("change") == "1"
    if request.method == "GET":
        form = section_form(page, require_all=False, data=store.answers(g.response["id"]))
        return _render_section(page, form, returning_to_check)

    form = section_form(page, require_all=not saving_for_later)
    valid = form.validate()
    # Save every answer that is itself valid, even when others on the page are missing or
    # wrong, so nothing entered is lost; invalid values are never stored.
    to_save = {
        q.id: form[q.id].data
        for q in page.questions
        if not form[q.id].errors and form[q.id].data not in (None, "")
    }
    cleared = {
        q.id: None
        for q in page.questions
        if q.is_text and not form[q.id].errors and not form[q.id].data
    }
    try:
        store.save_answers(g.response["id"], {**cleared, **to_save})
    except NotADraft:
        return redirect(url_for("respond.confirmation"))
    except sqlite3.OperationalError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        # Nothing on this page was saved; the answers go back to the person as they
        # sent them, so nothing they entered is lost.
        message = [{"text": storage_message(problem), "href": "#main-content"}]
        return _storage_failure(problem, _render_section(page, form, returning_to_check, message))
    if switching_language:
        # The English / Cymraeg switch sends the page's form: what was chosen is saved
        # and the same page comes back in the other language.
        i18n.choose(request.form["language"])
        return redirect(request.full_path.rstrip("?"))
    if not valid:
        return _render_section(page, form, returning_to_check), 400
    if saving_for_later:
        return redirect(url_for("respond.saved", section=page.slug))
    following = next_section(sections(), page)
    if returning_to_check or following is None:
        return redirect(url_for("respond.check_answers"))
    return redirect(url_for("respond.section", slug=following.slug))


def storage_message(problem: str, submitting: bool = False) -> str:
    """Why nothing was saved, and that nothing entered is lost."""
    if submitting:
        if problem == "busy":
            return _(
                "We could not submit your answers because the service is very busy. Your "
                "answers are all saved: wait a few seconds, then select the button again."
            )
        return _(
            "We could not submit your answers because the service has run out of storage. "
            "Your answers are all saved and your earlier pages are safe: keep this page "
            "open and try again later, or save and come back later."
        )
    if problem == "busy":
        return _(
            "We could not save your answers because the service is very busy. Your answers "
            "are still on this page: wait a few seconds, then select the button again."
        )
    return _(
        "We could not save your answers because the service has run out of storage. Your "
        "answers are still on this page and your earlier pages are safe: keep this page "
        "open and try again later, or save and come back later."
    )


def _storage_failure(problem: str, rendered: str):
    """The page as it was sent, with the reason at the top (status and headers by the
    one storage rule, :func:`survey.db.storage_failure`)."""
    status, headers = storage_failure(problem)
    return rendered, status, headers


def _render_section(page, form, returning_to_check, error_list=None):
    previous = sections()[page.number - 2] if page.number > 1 else None
    return render_template(
        "respond/section.html",
        title=page.title,
        page=page,
        form=form,
        previous=previous,
        returning_to_check=returning_to_check,
        council=g.council,
        error_list=error_list or [],
    )


@bp.get("/saved")
@respondent_required
def saved():
    return render_template(
        "respond/saved.html",
        title=_("Your answers have been saved"),
        round=g.round,
        council=g.council,
    )


@bp.route("/check-answers", methods=["GET", "POST"])
@respondent_required
def check_answers():
    store = get_store()
    answers = store.answers(g.response["id"])
    form = SubmitForm()
    missing = [(s, gaps) for s in sections() if (gaps := s.missing(answers))]
    storage_error = None
    if request.method == "POST" and form.validate_on_submit() and not missing:
        try:
            store.submit_response(g.response["id"])
        except NotADraft:
            pass  # submitted already, perhaps from another tab: the confirmation says so
        except sqlite3.OperationalError as exc:
            storage_error = storage_problem(exc)
            if storage_error is None:
                raise
        if storage_error is None:
            session["submitted"] = True
            return redirect(url_for("respond.confirmation"))
    status = 200
    error_list = []
    if storage_error:
        rendered = render_template(
            "respond/check_answers.html",
            title=_("Check your answers before submitting"),
            sections=sections(),
            answers=answers,
            missing=missing,
            error_list=[
                {"text": storage_message(storage_error, submitting=True), "href": "#main-content"}
            ],
            form=form,
            council=g.council,
        )
        return _storage_failure(storage_error, rendered)
    if request.method == "POST":
        status = 400
        error_list = [
            {
                "text": _(
                    "Answer every question in section %(number)s, %(title)s",
                    number=s.number,
                    title=s.title,
                ),
                "href": f"#section-{s.slug}",
            }
            for s, _gaps in missing
        ]
    return render_template(
        "respond/check_answers.html",
        title=_("Check your answers before submitting"),
        sections=sections(),
        answers=answers,
        missing=missing,
        error_list=error_list,
        form=form,
        council=g.council,
    ), status


@bp.get("/confirmation")
def confirmation():
    response_id = session.get("response_id")
    response = get_store().get_response(response_id) if response_id else None
    if response is None or response["status"] != "submitted":
        return redirect(url_for("respond.start"))
    return render_template("respond/confirmation.html", title=_("Answers submitted"))
