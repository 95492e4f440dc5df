"""Forms for staff: signing in, accounts, the council lead's workspace and admin pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from reports.text import has_control_characters
from survey.access import ROLE_NAMES
from survey.passwords import MIN_LENGTH

# A round's slug, in links and file names: the admin page and the command line alike.
ROUND_SLUG = r"^[a-z0-9][a-z0-9-]{1,40}$"
EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.gov.uk"
MAX_INVITATIONS = 2000


class CheckboxInFieldset(GovCheckboxInput):
    """A single checkbox inside a fieldset with a legend, like every other choice on our
    pages (the library's single-checkbox widget leaves the fieldset out)."""

    def __init__(self, legend: str):
        self.legend = legend

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params["fieldset"] = {
            "legend": {"text": self.legend, "classes": "govuk-fieldset__legend--s"}
        }
        return params


class StaffForm(FlaskForm):
    """Every staff form: each text field refuses control characters (tab and line breaks
    are allowed in multi-line fields), whatever its own validators say. That message
    replaces the field's others: a format rule ("use lower-case letters") would not tell
    the person that an invisible character is the problem."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for field in self:
            text = isinstance(field, StringField) and not isinstance(field, PasswordField)
            multiline = isinstance(field, TextAreaField)
            if text and field.data and has_control_characters(field.data, multiline):
                field.errors = [
                    f"{field.label.text} has a character that cannot be saved (a control "
                    "character, perhaps from a paste): remove it and try again"
                ]
                valid = False
        return valid


class SignInForm(StaffForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter your email address")],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your password")],
    )
    submit = SubmitField("Sign in", id="sign-in", widget=GovSubmitInput())


class ForgottenPasswordForm(StaffForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter your email address"),
            Email(message=EMAIL_MESSAGE, check_deliverability=False),
        ],
    )
    submit = SubmitField("Send me a link", id="send-me-a-link", widget=GovSubmitInput())


class SetPasswordForm(StaffForm):
    password = PasswordField(
        "New password",
        description=f"Use at least {MIN_LENGTH} characters. A few unrelated words work well.",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter a new password"),
            Length(
                min=MIN_LENGTH, max=200, message=f"Password must be {MIN_LENGTH} characters or more"
            ),
        ],
    )
    confirm = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter the password again"),
            EqualTo("password", message="The passwords do not match"),
        ],
    )
    submit = SubmitField("Save password", id="save-password", widget=GovSubmitInput())


def _delivery_field():
    return RadioField(
        "How do you want the links?",
        choices=[
            SelectChoice("screen", "Show them on this screen"),
            SelectChoice("csv", "Download a CSV file"),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select how you want the links")],
    )


def _bilingual_field():
    return BooleanField(
        "Send the emails in Welsh and English (Welsh first)",
        widget=CheckboxInFieldset("Language of the emails"),
    )


class CountInvitationsForm(StaffForm):
    """A number of links for the lead to share."""

    count = StringField(
        "How many links do you need?",
        description=f"One per person you will invite, up to {MAX_INVITATIONS}.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter how many links you need"),
            Regexp(r"^\s*\d{1,6}\s*$", message="Enter a whole number, like 25"),
        ],
    )
    delivery = _delivery_field()
    submit = SubmitField("Create links", id="create-links", widget=GovSubmitInput())

    def validate_count(self, field):
        if field.data and field.data.strip().isdigit():
            if not 1 <= int(field.data) <= MAX_INVITATIONS:
                raise ValidationError(f"Enter a number from 1 to {MAX_INVITATIONS}")

    @property
    def number(self) -> int:
        return int(self.count.data)


class EmailInvitationsForm(StaffForm):
    """One link per address in a CSV file; emailed when SMTP is configured."""

    emails_file = FileField(
        "CSV file of email addresses",
        description="One address per row, in the first column. A header row is allowed.",
        widget=GovFileInput(),
        validators=[FileAllowed(["csv", "txt"], "The file must be a CSV file")],
    )
    keep_for_reminders = BooleanField(
        "Keep the addresses so that I can send reminders to people who have not submitted",
        widget=CheckboxInFieldset("Reminders"),
    )
    bilingual = _bilingual_field()
    delivery = _delivery_field()
    submit = SubmitField("Create invitations", id="create-invitations", widget=GovSubmitInput())

    def validate_emails_file(self, field):
        if not field.data:
            raise ValidationError("Select a CSV file of email addresses")


MAX_ELIGIBLE = 1_000_000


class EligibleForm(StaffForm):
    """How many people were invited or are eligible, and who counts: the response rate's
    denominator."""

    eligible = StringField(
        "How many people were invited or are eligible to answer?",
        description="Everyone who could have answered, whether or not they did.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter how many people were invited or are eligible"),
            Regexp(
                r"^\s*\d[\d,]*\s*$",
                message="Enter the number of people as a whole number, like 250",
            ),
        ],
    )
    note = StringField(
        "Who counts",
        description="For example, all staff on the payroll on 1 March, including part-time "
        "staff and agency workers.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter who counts, like all staff on the payroll on 1 March"),
            Length(max=200, message="Who counts must be 200 characters or fewer"),
        ],
    )
    submit = SubmitField("Save", id="save-eligible", widget=GovSubmitInput())

    def validate_eligible(self, field):
        digits = (field.data or "").strip().replace(",", "")
        if digits.isdigit():
            if int(digits) < 1:
                raise ValidationError("The number of people must be 1 or more")
            if int(digits) > MAX_ELIGIBLE:
                raise ValidationError(f"The number of people must be {MAX_ELIGIBLE:,} or fewer")

    def validate_note(self, field):
        if field.data is not None and not field.data.strip():
            raise ValidationError("Enter who counts, like all staff on the payroll on 1 March")

    @property
    def number(self) -> int:
        return int(self.eligible.data.strip().replace(",", ""))


class RevokeForm(StaffForm):
    link = StringField(
        "Paste the invitation link to withdraw",
        description="The person will see that the link no longer works. Answers already "
        "submitted are kept.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Paste the invitation link to withdraw")],
    )
    submit = SubmitField("Withdraw link", id="withdraw-link", widget=GovSubmitInput())


class ConfirmForm(StaffForm):
    """A bare button behind which the view does one thing (the CSRF token is the point)."""

    submit = SubmitField("Confirm", id="confirm", widget=GovSubmitInput())


class RemindForm(StaffForm):
    """Send reminders; in Welsh and English if chosen (always for a council in Wales)."""

    bilingual = _bilingual_field()


class AddFacilitatorForm(StaffForm):
    email = StringField(
        "Facilitator's email address",
        description="If they do not have an account yet, one is created and they get a link "
        "to set a password.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter the facilitator's email address"),
            Email(message=EMAIL_MESSAGE, check_deliverability=False),
        ],
    )
    submit = SubmitField("Assign facilitator", id="assign-facilitator", widget=GovSubmitInput())


GSS_LIST = Regexp(
    r"^\s*([ENSW]\d{8}(\s*[,\s]\s*[ENSW]\d{8})*)?\s*$",
    message="Enter GSS codes like E07000223, separated by commas or spaces",
)


class UserForm(StaffForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter an email address"),
            Email(message=EMAIL_MESSAGE, check_deliverability=False),
        ],
    )
    name = StringField("Name", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    role = RadioField(
        "Role",
        choices=[SelectChoice(role, name) for role, name in ROLE_NAMES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select a role")],
    )
    councils = StringField(
        "Councils (GSS codes)",
        description="For council leads and facilitators: the councils they work with.",
        widget=GovTextInput(),
        validators=[Optional(), GSS_LIST],
    )
    submit = SubmitField("Save", id="save", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Not an inline validator: Optional() would stop the chain before it ran.
        if self.role.data in ("lead", "facilitator") and not gss_codes(self.councils.data):
            self.councils.errors = [
                *self.councils.errors,
                "Enter at least one council for a lead or facilitator",
            ]
            valid = False
        return valid


def gss_codes(text: str | None) -> list[str]:
    return sorted({code.strip().upper() for code in (text or "").replace(",", " ").split()})


class RoundForm(StaffForm):
    slug = StringField(
        "Short name for links",
        description="Lower-case letters, numbers and hyphens, like spring-2027.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter a short name"),
            Regexp(ROUND_SLUG, message="Use 2 to 41 lower-case letters, numbers and hyphens"),
        ],
    )
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter a title"), Length(max=200)],
    )
    title_cy = StringField(
        "Welsh title (optional)",
        description="Shown on Welsh pages and in Welsh reports. Without one, they show the "
        "English title.",
        widget=GovTextInput(),
        validators=[Length(max=200, message="The Welsh title must be 200 characters or fewer")],
    )
    opens = StringField(
        "Opens (YYYY-MM-DD, optional)",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Regexp(r"^\d{4}-\d{2}-\d{2}$", message="Enter a date like 2027-03-01"),
        ],
    )
    closes = StringField(
        "Closes (YYYY-MM-DD, optional)",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Regexp(r"^\d{4}-\d{2}-\d{2}$", message="Enter a date like 2027-03-31"),
        ],
    )
    submit = SubmitField("Create round", id="create-round", widget=GovSubmitInput())


class RoundTitlesForm(StaffForm):
    """A round's English and Welsh titles, changed after it was created."""

    title = RoundForm.title
    title_cy = RoundForm.title_cy
    submit = SubmitField("Save titles", id="save-titles", widget=GovSubmitInput())


class CouncilImportForm(StaffForm):
    register = FileField(
        "Council register CSV",
        description="mySociety's uk_local_authorities.csv. Councils are added or updated by "
        "GSS code.",
        widget=GovFileInput(),
        validators=[FileAllowed(["csv"], "The file must be a CSV file")],
    )
    submit = SubmitField("Import councils", id="import-councils", widget=GovSubmitInput())

    def validate_register(self, field):
        if not field.data:
            raise ValidationError("Select the council register CSV file")


class PeersForm(StaffForm):
    councils = StringField(
        "GSS codes of the councils to compare with",
        description="Separated by spaces or commas, like E07000223 E07000224. Only councils "
        "with enough responses to be published in a round count, and peer figures need at "
        "least 5 of them.",
        widget=GovTextInput(),
        validators=[Optional(), GSS_LIST],
    )
    submit = SubmitField("Save peer councils", id="save-peer-councils", widget=GovSubmitInput())
