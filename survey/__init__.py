"""The Flask app: factory, configuration, database, views and command line."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)
from werkzeug.middleware.proxy_fix import ProxyFix

import templates
from reports.text import in_language, round_title
from reports.words import STATUSES
from scoring.confidentiality import check_min_respondents
from scoring.instrument import InstrumentError
from scoring.partnership_module import load_module_versions
from scoring.rounding import display, signed
from scoring.versions import load_versions
from survey import db, i18n, security, views
from survey.config import Defaults
from survey.questionnaire import build_sections
from survey.views import (
    actions,
    admin,
    api,
    auth,
    benchmark,
    coverage,
    downloads,
    errors,
    pages,
    paper,
    partnerships,
    respond,
    results,
    share,
    workspace,
)

csrf = CSRFProtect()


def create_app(test_config: Mapping | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, template_folder=None)
    _configure(app, test_config)
    _load_instrument(app)
    _set_up_templates(app)
    i18n.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    WTFormsHelpers(app)
    _register_blueprints(app)
    csrf.exempt(api.bp)  # read-only, and authenticated by a header, not a cookie
    security.init_app(app)
    if app.config["PROXY_COUNT"]:
        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    return app


def _configure(app: Flask, test_config: Mapping | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("COLLAB")
    if test_config:
        app.config.update(test_config)
    if not app.config["DATABASE"]:
        app.config["DATABASE"] = str(Path(app.instance_path) / "collab.sqlite")
    for name in ("MIN_RESPONDENTS", "PUBLIC_MIN_RESPONDENTS"):
        check_min_respondents(app.config[name], name)
    if app.config["PUBLIC_MIN_RESPONDENTS"] < app.config["MIN_RESPONDENTS"]:
        raise ValueError("PUBLIC_MIN_RESPONDENTS cannot be below MIN_RESPONDENTS")


def _load_instrument(app: Flask) -> None:
    # A bad instrument file stops start-up here with a message naming file, item and problem.
    instruments = load_versions(app.config["INSTRUMENT"])
    app.extensions["instruments"] = instruments  # read through survey.instruments
    app.extensions["sections"] = {
        (version, lang): build_sections(instrument, templates.translations(lang).gettext)
        for version, by_language in instruments.versions.items()
        for lang, instrument in by_language.items()
    }
    # A round uses the partnership module of its own questionnaire version.
    modules = load_module_versions()
    missing = sorted(set(instruments.versions) - set(modules.versions))
    if missing:
        raise InstrumentError(
            f"questionnaire version {missing[0]} has no partnership module "
            f"(questions/partnership-module.v{missing[0]}.yaml)"
        )
    app.extensions["partnership_modules"] = modules


def _set_up_templates(app: Flask) -> None:
    # The GOV.UK base template leaves optional parameters undefined; ChainableUndefined
    # lets its macros treat them as empty instead of failing.
    app.jinja_options = {**app.jinja_options, "undefined": ChainableUndefined}
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(templates.DIRECTORY)),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.add_template_filter(display, "figure")
    app.add_template_filter(signed, "signed")
    app.add_template_filter(statistics.median, "median")
    app.add_template_filter(zip, "zip")
    app.add_template_global(STATUSES, "action_statuses")
    # The same two as in the report templates (reports/pdf.py): text tagged with its language.
    app.add_template_filter(in_language, "in_language")
    app.add_template_global(round_title, "round_title")


def _register_blueprints(app: Flask) -> None:
    # Before any rule is added: rules look their converter up when they are bound.
    app.url_map.converters["int"] = views.RowId
    for module in (
        pages,
        respond,
        results,
        benchmark,
        downloads,
        auth,
        workspace,
        coverage,
        actions,
        paper,
        partnerships,
        share,
        admin,
        api,
        errors,
    ):
        app.register_blueprint(module.bp)
