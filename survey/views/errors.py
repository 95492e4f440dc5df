"""Error pages in the service's own layout, with no stack traces: one table of pages by
status, each with the JSON message the API gives instead."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from flask import Blueprint, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_wtf.csrf import CSRFError

from survey.db import storage_failure, storage_problem
from survey.views.api import error_response

bp = Blueprint("errors", __name__)


@dataclass(frozen=True)
class ErrorPage:
    api: str  # the API's message (English)
    title: object  # lazily translated
    paragraphs: tuple  # lazily translated; may hold %(limit)s


UNUSABLE = lazy_gettext("Sorry, that request could not be used")
ERROR_PAGES = {
    400: ErrorPage(
        "The request could not be used.",
        UNUSABLE,
        (
            lazy_gettext(
                "Something in what was sent was missing or not in the expected form. Go back, "
                "check the page and try again."
            ),
        ),
    ),
    403: ErrorPage(
        "Your role does not allow this.",
        lazy_gettext("You do not have access to this page"),
        (
            lazy_gettext(
                "Your account's role does not include this page or this council. If you "
                "think it should, ask your council's lead or the service administrator."
            ),
        ),
    ),
    404: ErrorPage(
        "There is nothing at this address.",
        lazy_gettext("Page not found"),
        (lazy_gettext("If you typed the web address, check it is correct."),),
    ),
    405: ErrorPage(
        "This address does not accept that method.",
        UNUSABLE,
        (lazy_gettext("This address does not accept that kind of request."),),
    ),
    413: ErrorPage(
        "The request is larger than %(limit)s MB.",
        lazy_gettext("The file is too large"),
        (
            lazy_gettext(
                "Files and forms can be at most %(limit)s MB. Split the file into smaller "
                "ones, or remove columns you do not need, and try again. Nothing was saved."
            ),
        ),
    ),
    500: ErrorPage(
        "Something went wrong on our side. Try again later.",
        lazy_gettext("Sorry, there is a problem with the service"),
        (lazy_gettext("Try again later. Answers you saved earlier are kept."),),
    ),
}


def _is_api() -> bool:
    return request.path.startswith("/api/")


def error_page(code: int):
    """The page (or, under /api/, the JSON error) for an HTTP status in the table."""
    page = ERROR_PAGES[code]
    values = {"limit": current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)}
    if _is_api():
        return error_response(code, page.api % values)
    paragraphs = [str(p) % values if "%(" in str(p) else str(p) for p in page.paragraphs]
    return render_template("errors/error.html", title=str(page.title), paragraphs=paragraphs), code


def _handler(code: int):
    def handle(error):
        return error_page(code)

    handle.__name__ = f"error_{code}"
    return handle


for _code in ERROR_PAGES:
    bp.app_errorhandler(_code)(_handler(_code))


@bp.app_errorhandler(CSRFError)
def csrf_error(error):
    return render_template(
        "errors/error.html",
        title=_("Your answers on that page could not be saved"),
        paragraphs=[
            _(
                "The page had been open too long, or it was sent from somewhere else, so we "
                "could not be sure it came from you. Nothing on that page was saved; answers "
                "you saved on earlier pages are kept."
            ),
            _(
                "Go back, check your answers on the page and send it again. If you came from "
                "an invitation email, opening the link again also works."
            ),
        ],
    ), 400


@bp.app_errorhandler(sqlite3.OperationalError)
def storage_error(error):
    """A busy or full database gets a page (or JSON) that says so, never a stack trace."""
    problem = storage_problem(error)
    if problem is None:
        current_app.logger.exception("database error")
        return error_page(500)
    code, headers = storage_failure(problem)
    if problem == "busy":
        title, advice = _("Sorry, the service is busy"), _("Wait a few seconds and try again.")
    else:
        title, advice = _("Sorry, the service has run out of storage"), _("Try again later.")
    if _is_api():
        response = error_response(code, f"{title}. {advice}")
    else:
        response = make_response(
            render_template(
                "errors/error.html",
                title=title,
                paragraphs=[_("Nothing you saved earlier has been lost."), advice],
            ),
            code,
        )
    response.headers.update(headers)
    return response
