"""Read-only JSON API under /api/v1, with the same roles and thresholds as the pages.

Callers authenticate with ``Authorization: Bearer <token>`` (tokens from
``collab tokens create``); a signed-in browser session works too. Free-text comments are
never in the API.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from reports.league import league_document, score_json
from scoring.council import score_council
from survey import instruments
from survey.access import can_view_progress, can_view_results, sees_every_council
from survey.db import get_store
from survey.guards import current_user
from survey.inputs import council_coverage, round_coverage
from survey.openapi import openapi_document
from survey.round_cache import round_results
from survey.store import COUNCIL_FIELDS

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(HTTPException):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def error_response(code: int, message: str):
    response = jsonify({"error": {"status": code, "message": message}})
    response.status_code = code
    if code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="collab"'
    return response


@bp.errorhandler(ApiError)
def api_error(exc: ApiError):
    return error_response(exc.code, exc.message)


def api_user() -> dict:
    """The token's user (or the signed-in user); 401 otherwise, with the reason."""
    if "api_user" in g:
        return g.api_user
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "Send the token as 'Authorization: Bearer <token>'.")
        store = get_store()
        user = store.api_token_user(token.strip())
        if user is None:
            raise ApiError(401, "The token is not valid: it may be mistyped or revoked.")
        user["councils"] = frozenset(store.user_councils(user["id"]))
    else:
        user = current_user()
        if user is None:
            raise ApiError(401, "Authentication needed: send 'Authorization: Bearer <token>'.")
    g.api_user = user
    return user


def _round(slug: str) -> dict:
    round_row = get_store().get_round(slug)
    if round_row is None:
        raise ApiError(404, f"No round called {slug!r}.")
    return round_row


def _round_json(row: dict) -> dict:
    return {
        "slug": row["slug"],
        "title": row["title"],
        "state": row["state"],
        "opens": row["opens"],
        "closes": row["closes"],
        "instrument_version": row["instrument_version"],
    }


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.get("/rounds")
def rounds():
    api_user()
    return jsonify({"rounds": [_round_json(r) for r in get_store().list_rounds()]})


@bp.get("/councils")
def councils():
    api_user()
    councils = get_store().list_councils()
    return jsonify({"councils": [{k: c[k] for k in COUNCIL_FIELDS} for c in councils]})


@bp.get("/rounds/<slug>/councils/<gss>")
def council_scores(slug: str, gss: str):
    user = api_user()
    round_row = _round(slug)
    store = get_store()
    council = store.get_council(gss)
    if council is None:
        raise ApiError(404, f"No council with GSS code {gss!r}.")
    if not can_view_results(user, gss):
        store.audit(user["email"], "access-denied", f"api scores {slug}/{gss}")
        raise ApiError(403, "Your role does not include this council's results.")
    minimum = current_app.config["MIN_RESPONDENTS"]
    public_min = current_app.config["PUBLIC_MIN_RESPONDENTS"]
    instrument = instruments.for_round(round_row)
    score = score_council(instrument, store.submitted_answers(slug, gss), minimum)
    body = {
        "round": round_row["slug"],
        "gss": gss,
        "name": council["name"],
        "min_respondents": minimum,
        "n": score.n
        if (not score.suppressed or can_view_progress(user, gss, score.n, minimum))
        else None,
        **score_json(score),
    }
    # The response rate where the number of responses may be shown (below the threshold a
    # rate beside the eligible count would give it away).
    if not score.suppressed and can_view_progress(user, gss, score.n, minimum):
        body["coverage"] = council_coverage(store, slug, gss, public_min).as_json()
    return jsonify(body)


@bp.get("/rounds/<slug>/league")
def league(slug: str):
    user = api_user()
    _round(slug)
    if not sees_every_council(user):
        get_store().audit(user["email"], "access-denied", f"api league {slug}")
        raise ApiError(403, "The league table is for national analysts and administrators.")
    results = round_results(
        get_store(),
        instruments.instruments(),
        slug,
        current_app.config["MIN_RESPONDENTS"],
    )
    coverage = round_coverage(get_store(), slug, current_app.config["PUBLIC_MIN_RESPONDENTS"])
    return jsonify(league_document(results, slug, coverage))
