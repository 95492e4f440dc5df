"""The OpenAPI 3 document of the read-only API (served at /api/v1/openapi.json).

Written out by hand: the API is four read-only operations, and a tested document is
shorter than a generator's configuration. ``tests/survey/test_api.py`` runs Schemathesis
against it, so the document and the app cannot drift apart unnoticed.
"""

from __future__ import annotations


def _nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


NUMBER = {"type": "number"}
STRING = {"type": "string"}
INTEGER = {"type": "integer"}

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {"status": INTEGER, "message": STRING},
        }
    },
}

ROUND = {
    "type": "object",
    "required": ["slug", "title", "state", "opens", "closes", "instrument_version"],
    "properties": {
        "slug": STRING,
        "title": STRING,
        "state": {"type": "string", "enum": ["open", "closed"]},
        "opens": _nullable({"type": "string", "format": "date"}),
        "closes": _nullable({"type": "string", "format": "date"}),
        "instrument_version": INTEGER,
    },
}

COUNCIL = {
    "type": "object",
    "required": ["gss", "name", "type", "nation", "region"],
    "properties": {
        "gss": STRING,
        "name": STRING,
        "official_name": STRING,
        "type": STRING,
        "type_name": STRING,
        "nation": STRING,
        "region": STRING,
        "population": _nullable(INTEGER),
    },
}

FACTOR_SCORE = {
    "type": "object",
    "required": ["n", "mean", "index", "wilder_band"],
    "properties": {
        "n": INTEGER,
        "mean": NUMBER,
        "index": {"type": "number", "minimum": 0, "maximum": 100},
        "se": _nullable(NUMBER),
        "wilder_band": {
            "type": "string",
            "enum": ["strength", "borderline", "concern"],
            "description": "the Wilder-style band of the mean, for comparison only: "
            "the service rates by maturity level",
        },
        "rwg": {**_nullable(NUMBER), "description": "against the slightly skewed null (1.34)"},
        "rwg_label": _nullable(STRING),
        "rwg_uniform": {**_nullable(NUMBER), "description": "against the uniform null (2.0)"},
        "low": {**_nullable(NUMBER), "description": "95% interval of the index, lower end"},
        "high": {**_nullable(NUMBER), "description": "95% interval of the index, upper end"},
    },
}

COVERAGE_REASONS = {
    "type": "array",
    "items": {"type": "string", "enum": ["over_eligible", "low_rate", "below_public"]},
    "description": "why to read the figures with care: over_eligible (more responses than "
    "people recorded as eligible: no rate is given), low_rate (under 20%), below_public "
    "(fewer responses than the public threshold)",
}
ELIGIBLE = {
    **_nullable({"type": "integer", "minimum": 1}),
    "description": "people the council invited or counts as eligible; null if not recorded",
}
RESPONSE_RATE = {
    **_nullable({"type": "number", "minimum": 0, "maximum": 1}),
    "description": "submitted responses / eligible, full precision; null if eligible is not "
    "recorded or fewer than the responses (see coverage_reasons)",
}
COVERAGE = _nullable(
    {
        "type": "object",
        "description": "the response rate; left out when the council's count is not shown",
        "required": ["responses", "eligible", "response_rate", "coverage_flagged"],
        "properties": {
            "responses": INTEGER,
            "eligible": ELIGIBLE,
            "response_rate": RESPONSE_RATE,
            "coverage_flagged": {
                "type": "boolean",
                "description": "a rate under 20% or fewer responses than the public threshold",
            },
            "coverage_reasons": COVERAGE_REASONS,
        },
    }
)

SCORES = {
    "type": "object",
    "required": ["round", "gss", "name", "min_respondents", "suppressed", "n"],
    "properties": {
        "round": STRING,
        "gss": STRING,
        "name": STRING,
        "min_respondents": INTEGER,
        "suppressed": {"type": "boolean"},
        "n": _nullable(INTEGER),
        "collaboration_index": _nullable(NUMBER),
        "index_low": _nullable(NUMBER),
        "index_high": _nullable(NUMBER),
        "rwg_null": STRING,
        "straight_lined": INTEGER,
        "index_without_straight_lined": _nullable(NUMBER),
        "level": _nullable(INTEGER),
        "level_name": _nullable(STRING),
        "withheld_factors": {"type": "array", "items": STRING},
        "factors": {"type": "object", "additionalProperties": FACTOR_SCORE},
        "barriers": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["share", "answered", "bt2014"],
                "properties": {
                    "share": _nullable(NUMBER),
                    "answered": INTEGER,
                    "bt2014": _nullable(NUMBER),
                },
            },
        },
        "coverage": COVERAGE,
    },
}

LEAGUE_ENTRY = {
    "type": "object",
    "required": ["gss", "name", "type", "nation", "region", "n", "suppressed"],
    "properties": {
        **{k: STRING for k in ("gss", "name", "type", "nation", "region")},
        "n": _nullable(INTEGER),
        "suppressed": {"type": "boolean"},
        "note": STRING,
        "collaboration_index": NUMBER,
        "index_low": _nullable(NUMBER),
        "index_high": _nullable(NUMBER),
        "level": INTEGER,
        "level_name": STRING,
        "straight_lined": {**INTEGER, "description": "responses with one answer throughout"},
        "rank": NUMBER,
        "rank_low": INTEGER,
        "rank_high": INTEGER,
        "funnel": _nullable({"type": "string", "enum": ["within", "above", "below"]}),
        "percentile_in_type": _nullable(NUMBER),
        "factors": {"type": "object", "additionalProperties": _nullable(NUMBER)},
        "eligible": ELIGIBLE,
        "response_rate": RESPONSE_RATE,
        "coverage_flagged": _nullable({"type": "boolean"}),
        "coverage_reasons": COVERAGE_REASONS,
    },
}

LEAGUE = {
    "type": "object",
    "required": [
        "round",
        "seed",
        "draws",
        "min_respondents",
        "target",
        "spread",
        "phi",
        "tau",
        "councils",
    ],
    "properties": {
        "round": STRING,
        "seed": INTEGER,
        "draws": INTEGER,
        "min_respondents": INTEGER,
        "target": _nullable(NUMBER),
        "spread": _nullable(NUMBER),
        "phi": _nullable(NUMBER),
        "tau": _nullable(NUMBER),
        "council_reliability": {
            "type": "object",
            "description": "per factor: ICC(1) and ICC(2) of council means",
            "additionalProperties": {
                "type": "object",
                "required": ["councils", "icc1", "icc2"],
                "properties": {
                    "councils": INTEGER,
                    "icc1": _nullable(NUMBER),
                    "icc2": _nullable(NUMBER),
                },
            },
        },
        "councils": {"type": "array", "items": LEAGUE_ENTRY},
    },
}


def _json(schema_ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": schema_ref}}},
    }


ERRORS = {
    "401": _json("#/components/schemas/Error", "No token, or a token that is not valid"),
    "403": _json("#/components/schemas/Error", "The token's role does not allow this"),
    "404": _json("#/components/schemas/Error", "No such round or council"),
}
SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": STRING,
    "example": "demo-2026",
}
GSS = {
    "name": "gss",
    "in": "path",
    "required": True,
    "schema": STRING,
    "example": "E07900001",
}


def openapi_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Collaboration maturity self-assessment API",
            "version": "1.0.0",
            "description": (
                "Read-only council scores and league tables. The same roles and "
                "confidentiality thresholds apply as on the pages: councils below the "
                "respondent threshold carry no figures, and free-text comments are never "
                "included. Create a token with `collab tokens create --email E`."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/rounds": {
                "get": {
                    "operationId": "listRounds",
                    "summary": "Rounds of the assessment",
                    "responses": {
                        "200": {
                            "description": "Every round, newest first",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["rounds"],
                                        "properties": {
                                            "rounds": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Round"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "401": ERRORS["401"],
                    },
                }
            },
            "/councils": {
                "get": {
                    "operationId": "listCouncils",
                    "summary": "The council register",
                    "responses": {
                        "200": {
                            "description": "Every council, by name",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["councils"],
                                        "properties": {
                                            "councils": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Council"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "401": ERRORS["401"],
                    },
                }
            },
            "/rounds/{slug}/councils/{gss}": {
                "get": {
                    "operationId": "councilScores",
                    "summary": "A council's scores in a round",
                    "parameters": [SLUG, GSS],
                    "responses": {
                        "200": _json(
                            "#/components/schemas/Scores",
                            "Scores, or only `suppressed: true` below the threshold",
                        ),
                        **ERRORS,
                    },
                }
            },
            "/rounds/{slug}/league": {
                "get": {
                    "operationId": "league",
                    "summary": "The league table with empirical-Bayes rank intervals",
                    "parameters": [SLUG],
                    "responses": {
                        "200": _json("#/components/schemas/League", "The league table"),
                        **ERRORS,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": ERROR,
                "Round": ROUND,
                "Council": COUNCIL,
                "Scores": SCORES,
                "League": LEAGUE,
            },
        },
    }
