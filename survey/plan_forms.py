"""Forms for what a council does after its results: agreed actions, targets, and
partnerships with other councils. They share the staff forms' text rule
(:class:`survey.staff_forms.StaffForm`)."""

from __future__ import annotations

import datetime as dt
import re

from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from reports.words import STATUSES
from survey.staff_forms import GSS_LIST, StaffForm


class DateBoxes(GovDateInput):
    """GOV.UK's day, month and year boxes, without the library's ``required`` attribute on
    the wrapping div (not valid HTML there; the field's validator says what is missing)."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.get("attributes", {}).pop("required", None)
        return params


class DueDateField(DateField):
    """A date as three boxes (day, month, year). Anything but three values, or numbers
    that are not a real date, is an error on the field, never a crash."""

    def process_formdata(self, valuelist):
        if len(valuelist) != 3:
            self.raw_data = (list(valuelist) + ["", "", ""])[:3]
            raise ValueError("Enter the date as a day, a month and a year")
        day, month, year = (value.strip() for value in valuelist)
        if not (day or month or year):
            self.data = None
            return
        try:
            self.data = dt.date(int(year), int(month), int(day))
        except ValueError:
            self.data = None
            raise ValueError("Enter a real date, for example 31 3 2027") from None
        if not 2000 <= self.data.year <= 2100:
            self.data = None
            raise ValueError("Enter a year between 2000 and 2100")


def _status_field() -> RadioField:
    return RadioField(
        "Status",
        choices=[SelectChoice(key, name) for key, name in STATUSES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the action's status")],
    )


class ActionForm(StaffForm):
    """One agreed action: what, who leads, by when, how we will know, and its status."""

    factor = RadioField(
        "Which factor does it work on?",
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the factor the action works on")],
    )
    what = TextAreaField(
        "What we will do",
        widget=GovTextArea(),
        validators=[
            DataRequired(message="Enter what you will do"),
            Length(max=500, message="What you will do must be 500 characters or fewer"),
        ],
    )
    lead = StringField(
        "Who leads",
        description="A role or a name, for example Head of Waste Services.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter who leads the action"),
            Length(max=200, message="Who leads must be 200 characters or fewer"),
        ],
    )
    due = DueDateField(
        "By when",
        description="For example, 31 3 2027",
        widget=DateBoxes(),
        validators=[InputRequired(message="Enter the date the action is due")],
    )
    measure = StringField(
        "How we will know",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter how you will know it has worked"),
            Length(max=300, message="How you will know must be 300 characters or fewer"),
        ],
    )
    status = _status_field()
    # So that pages can tag the text for screen readers (reports.text.in_language). Not
    # pre-selected (GOV.UK radios never are), and optional: without a choice the view
    # records the interface language. Anything but the two choices is refused.
    text_lang = RadioField(
        "Language the action is written in",
        description="So that screen readers read it in the right voice. If you do not "
        "choose, the language of this page is used.",
        choices=[SelectChoice("en", "English"), SelectChoice("cy", "Welsh")],
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[
            Optional(),
            AnyOf(("en", "cy"), message="Select English or Welsh, or neither"),
        ],
    )
    submit = SubmitField("Save action", id="save-action", widget=GovSubmitInput())

    def __init__(self, factors, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factor.choices = [SelectChoice(f.id, f.title) for f in factors]


class TargetForm(StaffForm):
    """The level one factor should reach, and by when (in words)."""

    target_factor = RadioField(
        "Factor",
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the factor to set a target for")],
    )
    level = RadioField(
        "Level to reach",
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the level to reach, or No target")],
    )
    by_when = StringField(
        "By when",
        description="For example, the 2027 round.",
        widget=GovTextInput(),
        validators=[Length(max=60, message="By when must be 60 characters or fewer")],
    )
    submit = SubmitField("Save target", id="save-target", widget=GovSubmitInput())

    def __init__(self, factors, levels, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_factor.choices = [SelectChoice(f.id, f.title) for f in factors]
        self.level.choices = [
            SelectChoice(str(lv.level), f"Level {lv.level}, {lv.name}") for lv in levels
        ] + [SelectChoice("none", "No target")]

    def validate_by_when(self, field):
        if self.level.data not in (None, "none") and not (field.data or "").strip():
            raise ValidationError("Enter by when the level should be reached")


class PartnershipForm(StaffForm):
    name = StringField(
        "Name of the partnership",
        description="For example, the shared waste service or the county and its districts.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter the name of the partnership"),
            Length(max=120, message="The name must be 120 characters or fewer"),
        ],
    )
    councils = StringField(
        "GSS codes of the member councils",
        description="Two or more, separated by spaces or commas, like E07000223 E07000224.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the GSS codes of the member councils"), GSS_LIST],
    )
    submit = SubmitField("Create partnership", id="create-partnership", widget=GovSubmitInput())

    def codes(self) -> list[str]:
        return sorted(set(re.findall(r"[ENSW]\d{8}", self.councils.data or "")))

    def validate_councils(self, field):
        if len(self.codes()) < 2:
            raise ValidationError("A partnership needs at least two councils")
