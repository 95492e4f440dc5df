"""WTForms forms with GOV.UK widgets, built from the questionnaire's pages."""

from __future__ import annotations

import json
from functools import lru_cache

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from markupsafe import Markup
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from reports.text import has_control_characters
from scoring.instrument import DONT_KNOW
from survey.questionnaire import Question, Section


class PlainText:
    """Refuse control characters, saying so; the text stays on the page to be fixed."""

    def __init__(self, number: int):
        self.number = number

    def __call__(self, form, field):
        if field.data and has_control_characters(field.data, multiline=True):
            raise ValidationError(
                _(
                    "Your answer to question %(number)s has a character that cannot be saved "
                    "(a control character, perhaps from a paste): remove it and try again",
                    number=self.number,
                )
            )


def _error_prefix(params: dict) -> dict:
    """The hidden "Error:" before each message, in the page's language."""
    if params.get("errorMessage"):
        params["errorMessage"]["visuallyHiddenText"] = _("Error")
    return params


class AnswerRadios(GovRadioInput):
    """GOV.UK radios with an "or" divider before "Don't know" and no empty hint."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if not field.description:
            params.pop("hint", None)
        items = params["items"]
        for index, item in enumerate(items):
            if item.get("value") == DONT_KNOW and index > 0:
                items.insert(index, {"divider": _("or")})
                break
        return _error_prefix(params)

    def render(self, params):
        """The GOV.UK radios macro, remembered by its parameters.

        The macro is a pure function of ``params`` (the question's name, legend, options in
        the page's language, the chosen value and any error), and took about three
        quarters of a questionnaire page's 18 ms: a page has up to eight groups of six
        radios, each many nested macro calls. Respondents see the same few states of each
        question again and again, so each is rendered once per worker process.
        """
        # default=str: a lazily translated string is keyed (and rendered) as its text in
        # this request's language. The macro marks "html" parameters safe itself.
        return _radios_html(self.template, json.dumps(params, sort_keys=True, default=str))


@lru_cache(maxsize=4096)
def _radios_html(template: str, params_json: str) -> Markup:
    return Markup(render_template(template, params=json.loads(params_json)))


class AnswerTextArea(GovTextArea):
    def map_gov_params(self, field, **kwargs):
        return _error_prefix(super().map_gov_params(field, **kwargs))


class AnswerField(RadioField):
    """A radio group whose "not a valid choice" message says what happened and what to do."""

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number

    def pre_validate(self, form):
        if self.data is not None and self.data not in {c.value for c in self.choices}:
            raise ValidationError(
                _(
                    "The answer sent for question %(number)s was not one of the options. "
                    "Select one of the options shown.",
                    number=self.number,
                )
            )


REQUIRED_MESSAGES = {
    "agreement": lazy_gettext(
        "Select how much you agree with statement %(number)s, or select Don't know"
    ),
    "barrier": lazy_gettext(
        "Select how much item %(number)s holds collaboration back, or select Don't know"
    ),
    "choice": lazy_gettext("Select an answer to question %(number)s"),
}


def required_message(question: Question, number: int) -> str:
    """What to do when a question was left unanswered, by the scale it is asked on."""
    return str(REQUIRED_MESSAGES[question.scale]) % {"number": number}


def question_field(question: Question, number: int, require_all: bool):
    """The field for one question, numbered as the respondent sees it."""
    if question.is_text:
        return TextAreaField(
            question.text,
            description=question.hint or "",
            widget=AnswerTextArea(),
            validators=[
                Optional(),
                Length(
                    max=question.max_length,
                    message=_(
                        "Your answer to question %(number)s must be %(limit)s characters or fewer",
                        number=number,
                        limit=f"{question.max_length:,}",
                    ),
                ),
                PlainText(number),
            ],
        )
    validators = [InputRequired(message=required_message(question, number))]
    return AnswerField(
        question.text,
        number=number,
        description=question.hint or "",
        choices=[SelectChoice(o.value, o.label) for o in question.options],
        widget=AnswerRadios(),
        validators=validators if (require_all and question.required) else [Optional()],
        validate_choice=False,  # AnswerField.pre_validate checks with a clearer message
    )


def section_form(section: Section, require_all: bool, **kwargs) -> FlaskForm:
    """A form for one page. ``require_all`` is off for "Save and come back later".
    Messages give each question the number the page shows beside it."""

    class SectionForm(FlaskForm):
        pass

    for number, question in enumerate(section.questions, start=section.first_number):
        setattr(SectionForm, question.id, question_field(question, number, require_all))
    return SectionForm(**kwargs)


class SubmitForm(FlaskForm):
    submit = SubmitField(lazy_gettext("Submit your answers"), widget=GovSubmitInput())
