"""Error pages in the service's own layout, with no stack traces."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, current_app, make_response, render_template, request
from flask_wtf.csrf import CSRFError

from survey.db import storage_problem
from survey.views.api import error_response

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(CSRFError)
def csrf_error(error):
    return render_template(
        "errors/error.html",
        title="Your answers on that page could not be saved",
        paragraphs=[
            "The page had been open too long, or it was sent from somewhere else, so we could "
            "not be sure it came from you. Nothing on that page was saved; answers you saved "
            "on earlier pages are kept.",
            "Go back, check your answers on the page and send it again. If you came from an "
            "invitation email, opening the link again also works.",
        ],
    ), 400


def _is_api() -> bool:
    return request.path.startswith("/api/")


@bp.app_errorhandler(400)
def bad_request(error):
    if _is_api():
        return error_response(400, "The request could not be used.")
    return render_template(
        "errors/error.html",
        title="Sorry, that request could not be used",
        paragraphs=[
            "Something in what was sent was missing or not in the expected form. Go back, "
            "check the page and try again.",
        ],
    ), 400


@bp.app_errorhandler(403)
def forbidden(error):
    if _is_api():
        return error_response(403, "Your role does not allow this.")
    return render_template(
        "errors/error.html",
        title="You do not have access to this page",
        paragraphs=[
            "Your account's role does not include this page or this council. If you think "
            "it should, ask your council's lead or the service administrator.",
        ],
    ), 403


@bp.app_errorhandler(405)
def method_not_allowed(error):
    if _is_api():
        return error_response(405, "This address does not accept that method.")
    return render_template(
        "errors/error.html",
        title="Sorry, that request could not be used",
        paragraphs=["This address does not accept that kind of request."],
    ), 405


@bp.app_errorhandler(413)
def too_large(error):
    limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    if _is_api():
        return error_response(413, f"The request is larger than {limit} MB.")
    return render_template(
        "errors/error.html",
        title="The file is too large",
        paragraphs=[
            f"Files and forms can be at most {limit} MB. Split the file into smaller ones, "
            "or remove columns you do not need, and try again. Nothing was saved."
        ],
    ), 413


@bp.app_errorhandler(404)
def not_found(error):
    if _is_api():
        return error_response(404, "There is nothing at this address.")
    return render_template(
        "errors/error.html",
        title="Page not found",
        paragraphs=["If you typed the web address, check it is correct."],
    ), 404


STORAGE_PAGES = {
    # problem: (status, title, what to do)
    "busy": (503, "Sorry, the service is busy", "Wait a few seconds and try again."),
    "full": (507, "Sorry, the service has run out of storage", "Try again later."),
}


@bp.app_errorhandler(sqlite3.OperationalError)
def storage_error(error):
    """A busy or full database gets a page (or JSON) that says so, never a stack trace."""
    problem = storage_problem(error)
    if problem is None:
        current_app.logger.exception("database error")
        return server_error(error)
    code, title, advice = STORAGE_PAGES[problem]
    if _is_api():
        response = error_response(code, f"{title}. {advice}")
    else:
        response = make_response(
            render_template(
                "errors/error.html",
                title=title,
                paragraphs=[f"Nothing you saved earlier has been lost. {advice}"],
            ),
            code,
        )
    if problem == "busy":
        response.headers["Retry-After"] = str(current_app.config["RETRY_AFTER_SECONDS"])
    return response


@bp.app_errorhandler(500)
def server_error(error):
    if _is_api():
        return error_response(500, "Something went wrong on our side. Try again later.")
    return render_template(
        "errors/error.html",
        title="Sorry, there is a problem with the service",
        paragraphs=["Try again later. Answers you saved earlier are kept."],
    ), 500
