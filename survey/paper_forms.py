"""The forms of the paper-response data entry: the copy's response code, then every
question of the questionnaire on one page, with the same fields, validators and messages
as the respondent's own pages (:func:`survey.forms.question_field`)."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from survey.forms import question_field
from survey.questionnaire import Section


class CodeForm(FlaskForm):
    code = StringField(
        lazy_gettext("Response code"),
        description=lazy_gettext(
            "Printed at the top of every page of the paper copy, like ABCD-EFGH-JKLM"
        ),
        widget=GovTextInput(),
        validators=[
            InputRequired(
                message=lazy_gettext("Enter the response code printed at the top of the paper copy")
            ),
            Length(max=40, message=lazy_gettext("A response code is 12 letters and numbers")),
        ],
    )
    submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())


def paper_form(sections: Sequence[Section], require_all: bool, **kwargs) -> FlaskForm:
    """Every question of ``sections`` in one form, each field named by its item id (as
    online), and the copy's code carried along in a hidden field."""

    class PaperForm(FlaskForm):
        code = HiddenField()

    for section in sections:
        for number, question in enumerate(section.questions, start=section.first_number):
            setattr(PaperForm, question.id, question_field(question, number, require_all))
    return PaperForm(**kwargs)
