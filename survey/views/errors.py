"""Error pages in the service's own layout, with no stack traces."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from survey.db import storage_problem
from survey.views.api import error_response

bp = Blueprint("errors", __name__)


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


def _is_api() -> bool:
    return request.path.startswith("/api/")


@bp.app_errorhandler(400)
def bad_request(error):
    if _is_api():
        return error_response(400, "The request could not be used.")
    return render_template(
        "errors/error.html",
        title=_("Sorry, that request could not be used"),
        paragraphs=[
            _(
                "Something in what was sent was missing or not in the expected form. Go back, "
                "check the page and try again."
            ),
        ],
    ), 400


@bp.app_errorhandler(403)
def forbidden(error):
    if _is_api():
        return error_response(403, "Your role does not allow this.")
    return render_template(
        "errors/error.html",
        title=_("You do not have access to this page"),
        paragraphs=[
            _(
                "Your account's role does not include this page or this council. If you "
                "think it should, ask your council's lead or the service administrator."
            ),
        ],
    ), 403


@bp.app_errorhandler(405)
def method_not_allowed(error):
    if _is_api():
        return error_response(405, "This address does not accept that method.")
    return render_template(
        "errors/error.html",
        title=_("Sorry, that request could not be used"),
        paragraphs=[_("This address does not accept that kind of request.")],
    ), 405


@bp.app_errorhandler(413)
def too_large(error):
    limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    if _is_api():
        return error_response(413, f"The request is larger than {limit} MB.")
    return render_template(
        "errors/error.html",
        title=_("The file is too large"),
        paragraphs=[
            _(
                "Files and forms can be at most %(limit)s MB. Split the file into smaller "
                "ones, or remove columns you do not need, and try again. Nothing was saved.",
                limit=limit,
            )
        ],
    ), 413


@bp.app_errorhandler(404)
def not_found(error):
    if _is_api():
        return error_response(404, "There is nothing at this address.")
    return render_template(
        "errors/error.html",
        title=_("Page not found"),
        paragraphs=[_("If you typed the web address, check it is correct.")],
    ), 404


def _storage_page(problem: str) -> tuple[int, str, str]:
    """(status, title, what to do)"""
    if problem == "busy":
        return 503, _("Sorry, the service is busy"), _("Wait a few seconds and try again.")
    return 507, _("Sorry, the service has run out of storage"), _("Try again later.")


@bp.app_errorhandler(sqlite3.OperationalError)
def storage_error(error):
    """A busy or full database gets a page (or JSON) that says so, never a stack trace."""
    problem = storage_problem(error)
    if problem is None:
        current_app.logger.exception("database error")
        return server_error(error)
    code, title, advice = _storage_page(problem)
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
    if problem == "busy":
        response.headers["Retry-After"] = str(current_app.config["RETRY_AFTER_SECONDS"])
    return response


@bp.app_errorhandler(500)
def server_error(error):
    if _is_api():
        return error_response(500, "Something went wrong on our side. Try again later.")
    return render_template(
        "errors/error.html",
        title=_("Sorry, there is a problem with the service"),
        paragraphs=[_("Try again later. Answers you saved earlier are kept.")],
    ), 500
