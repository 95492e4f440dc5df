"""The questionnaire versions this app loaded (``scoring.versions``), and the one a round
uses: every page, document and export of a round takes its instrument from here, and
its partnership module (the module version equal to the questionnaire version)."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app

from scoring.instrument import Instrument
from scoring.partnership_module import PartnershipModule, PartnershipModules
from scoring.versions import Instruments
from survey.questionnaire import Section, with_partnership_modules


def instruments() -> Instruments:
    return current_app.extensions["instruments"]


def for_round(round_row: Mapping, lang: str = "en") -> Instrument:
    """The version ``round_row`` was created with, in ``lang``."""
    return instruments().for_round(round_row, lang)


def latest(lang: str = "en") -> Instrument:
    """The version new rounds use: for pages about the service rather than a round."""
    return instruments().latest(lang)


def sections(version: int, lang: str) -> tuple[Section, ...]:
    """The respondent's pages of one version in one language (built at start-up)."""
    return current_app.extensions["sections"][(version, lang)]


def partnership_modules() -> PartnershipModules:
    return current_app.extensions["partnership_modules"]


def partnership_module(round_row: Mapping, lang: str = "en") -> PartnershipModule:
    """The partnership module of the round's questionnaire version, in ``lang``."""
    return partnership_modules().for_round(round_row, lang)


def council_sections(
    round_row: Mapping, partnerships: list[dict], lang: str
) -> tuple[Section, ...]:
    """The pages a council's respondents answer in a round, online or on paper: the
    round's questionnaire and a page of the partnership module for each of
    ``partnerships`` (``Store.module_partnerships``), in ``lang``."""
    version = round_row["instrument_version"]
    return with_partnership_modules(
        sections(version, lang),
        partnership_module(round_row, lang),
        partnerships,
        for_round(round_row, lang).agreement_scale,
    )
