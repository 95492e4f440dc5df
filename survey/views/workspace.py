"""The council lead's workspace: a round's progress, invitations, reminders, withdrawing
links, closing early and assigning facilitators. Facilitators see their councils here."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    url_for,
)

from scoring.actions import overdue
from survey.access import can_enter_paper_responses, can_manage_participation
from survey.accounts import account_email, account_link
from survey.db import get_store
from survey.guards import audit, council_round, current_user, login_required
from survey.inputs import council_coverage
from survey.invitation_mail import languages_for, send_links
from survey.mail import MailError, mailer_from_config
from survey.outreach import Link, parse_email_csv, write_links_csv
from survey.staff_forms import (
    AddFacilitatorForm,
    ConfirmForm,
    CountInvitationsForm,
    EmailInvitationsForm,
    RemindForm,
    RevokeForm,
)
from survey.store import today

bp = Blueprint("workspace", __name__, url_prefix="/workspace")


def _council_round(round_slug: str, gss: str):
    """The round and council rows, after checking the user may act on this council."""
    return council_round(round_slug, gss, can_manage_participation, f"workspace {round_slug}/{gss}")


def _base() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


def _link_url(token: str) -> str:
    return _base() + url_for("respond.invitation", token=token)


@bp.get("/")
@login_required
def index():
    store = get_store()
    user = current_user()
    if user["role"] == "analyst":
        return redirect(url_for("results.index"))
    councils = (
        store.list_councils()
        if user["role"] == "admin"
        else [c for gss in sorted(user["councils"]) if (c := store.get_council(gss))]
    )
    rounds = store.list_rounds()
    rows = [
        (
            council,
            [
                (
                    r,
                    store.council_progress(r["slug"], council["gss"]),
                    store.council_round_closed(r["slug"], council["gss"]),
                )
                for r in rounds
            ],
        )
        for council in councils
    ]
    return render_template(
        "workspace/index.html",
        title="Your councils",
        rows=rows,
        manage={c["gss"]: can_manage_participation(user, c["gss"]) for c in councils},
        paper={c["gss"]: can_enter_paper_responses(user, c["gss"]) for c in councils},
        overdue={c["gss"]: len(overdue(store.actions(c["gss"]), today())) for c in councils},
        min_respondents=current_app.config["MIN_RESPONDENTS"],
    )


@bp.get("/<round_slug>/<gss>")
@login_required
def council(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    return _council_page_with(round_row, council_row)


@bp.get("/<round_slug>/<gss>/invite")
@login_required
def invite(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    return _invite_page(round_row, council_row)


def _invite_page(round_row, council_row, count_form=None, email_form=None, error_list=None):
    form = count_form if count_form is not None else email_form
    return render_template(
        "workspace/invite.html",
        title="Invite people",
        count_form=count_form or CountInvitationsForm(formdata=None),
        email_form=email_form or EmailInvitationsForm(formdata=None, prefix="emails"),
        form=form,
        error_list=error_list or [],
        round=round_row,
        council=council_row,
        always_bilingual=len(languages_for(council_row)) > 1,
        mailer=mailer_from_config(current_app.config) is not None,
    ), (400 if form is not None else 200)


def _closed_for_invitations(round_row, council_row) -> bool:
    store = get_store()
    return round_row["state"] != "open" or bool(
        store.council_round_closed(round_row["slug"], council_row["gss"])
    )


@bp.post("/<round_slug>/<gss>/invite/links")
@login_required
def invite_links(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    form = CountInvitationsForm()
    if _closed_for_invitations(round_row, council_row):
        return _invite_page(round_row, council_row, count_form=form, error_list=CLOSED_ERROR)
    if not form.validate_on_submit():
        return _invite_page(round_row, council_row, count_form=form)
    return _create_and_deliver(
        round_row, council_row, [None] * form.number, False, form.delivery.data, False
    )


@bp.post("/<round_slug>/<gss>/invite/emails")
@login_required
def invite_emails(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    form = EmailInvitationsForm(prefix="emails")
    if _closed_for_invitations(round_row, council_row):
        return _invite_page(round_row, council_row, email_form=form, error_list=CLOSED_ERROR)
    if not form.validate_on_submit():
        return _invite_page(round_row, council_row, email_form=form)
    emails, row_errors = parse_email_csv(form.emails_file.data.read())
    if row_errors:
        # Nothing is created while any row is wrong: the lead fixes the file and uploads again.
        error_list = [{"text": e.message, "href": "#emails-emails_file"} for e in row_errors[:50]]
        if len(row_errors) > 50:
            error_list.append(
                {
                    "text": f"and {len(row_errors) - 50} more rows with problems",
                    "href": "#emails-emails_file",
                }
            )
        form.emails_file.errors = [f"{len(row_errors)} rows in the file have problems"]
        return _invite_page(round_row, council_row, email_form=form, error_list=error_list)
    return _create_and_deliver(
        round_row,
        council_row,
        emails,
        form.keep_for_reminders.data,
        form.delivery.data,
        form.bilingual.data,
    )


CLOSED_ERROR = [
    {
        "text": "This round is closed for the council, so no new invitations can be made",
        "href": "#main-content",
    }
]


def _create_and_deliver(round_row, council_row, emails, keep, delivery, bilingual):
    store = get_store()
    slug, gss = round_row["slug"], council_row["gss"]
    tokens = store.create_invitations(slug, gss, len(emails), emails if keep else None)
    audit("invitations-created", f"{slug}/{gss}", f"{len(tokens)} links")
    links = [Link(email, _link_url(token)) for email, token in zip(emails, tokens, strict=True)]
    return _send(links, "invitations", delivery, round_row, council_row, bilingual)


def _send(links, kind, delivery, round_row, council_row, bilingual):
    """Email the links that have addresses (when SMTP is set up) and show or download the
    rest."""
    links, failures = send_links(
        links,
        kind,
        council_row,
        round_row,
        mailer_from_config(current_app.config),
        current_app.config["MIN_RESPONDENTS"],
        bilingual,
    )
    return _links_response(links, failures, delivery, round_row, council_row, kind)


def _links_title(kind: str, links) -> str:
    if kind != "invitations":
        return "Reminders"
    if any(link.email for link in links):
        return "Invitations for your list of addresses"
    return "Invitation links created"


def _links_response(links, failures, delivery, round_row, council_row, kind):
    unsent = [link for link in links if not link.sent]
    if delivery == "csv" and unsent:
        out = io.StringIO()
        write_links_csv(out, unsent)
        filename = f"{kind}-{council_row['gss']}-{round_row['slug']}.csv"
        return Response(
            out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return render_template(
        "workspace/links.html",
        title=_links_title(kind, links),
        links=unsent,
        sent=sum(link.sent for link in links),
        failures=failures,
        round=round_row,
        council=council_row,
        kind=kind,
    )


@bp.post("/<round_slug>/<gss>/remind")
@login_required
def remind(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    store = get_store()
    form = RemindForm()
    if not form.validate_on_submit():
        abort(400)
    targets = store.reminder_targets(round_slug, gss)
    links = [Link(t["email"], _link_url(store.issue_reminder_token(t["id"]))) for t in targets]
    audit("reminders", f"{round_slug}/{gss}", f"{len(links)} people")
    return _send(links, "reminders", "screen", round_row, council_row, form.bilingual.data)


@bp.post("/<round_slug>/<gss>/withdraw")
@login_required
def withdraw(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    store = get_store()
    form = RevokeForm()
    message = None
    if form.validate_on_submit():
        token = form.link.data.strip().rstrip("/").rpartition("/")[2]
        found = store.find_invitation(token) if token else None
        if found is None or found["round_slug"] != round_slug or found["council_gss"] != gss:
            form.link.errors.append(
                f"This is not an invitation link for {council_row['name']} in this round"
            )
        elif found["state"] == "submitted":
            form.link.errors.append("This person has submitted already: their answers are kept")
        elif found["state"] == "revoked":
            message = "That link had been withdrawn already."
        else:
            store.revoke_invitation(found["id"])
            audit("invitation-withdrawn", f"{round_slug}/{gss}")
            message = "The link has been withdrawn. It no longer opens the questionnaire."
    if form.errors:
        return _council_page_with(round_row, council_row, revoke_form=form), 400
    return _council_page_with(round_row, council_row, message=message)


def _council_page_with(round_row, council_row, message=None, **forms):
    store = get_store()
    gss, slug = council_row["gss"], round_row["slug"]
    actions = store.actions(gss)
    share = store.live_share(slug, gss)
    return render_template(
        "workspace/council.html",
        title=f"{council_row['name']}: {round_row['title']}",
        round=round_row,
        council=council_row,
        progress=store.council_progress(slug, gss),
        coverage=council_coverage(store, slug, gss, current_app.config["PUBLIC_MIN_RESPONDENTS"]),
        closed_at=store.council_round_closed(slug, gss),
        facilitators=[u for u in store.council_users(gss) if u["role"] == "facilitator"],
        revoke_form=forms.get("revoke_form") or RevokeForm(formdata=None),
        facilitator_form=forms.get("facilitator_form") or AddFacilitatorForm(formdata=None),
        confirm_form=ConfirmForm(formdata=None),
        remind_form=RemindForm(formdata=None),
        always_bilingual=len(languages_for(council_row)) > 1,
        mailer=mailer_from_config(current_app.config) is not None,
        min_respondents=current_app.config["MIN_RESPONDENTS"],
        message=message,
        form=forms.get("revoke_form") or forms.get("facilitator_form"),
        overdue=overdue(actions, today()),
        actions=len(actions),
        share_url=_base() + url_for("share.page", token=share["token"]) if share else None,
        public_min=current_app.config["PUBLIC_MIN_RESPONDENTS"],
        paper=store.paper_code_counts(slug, gss),
    )


@bp.route("/<round_slug>/<gss>/close", methods=["GET", "POST"])
@login_required
def close(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    store = get_store()
    form = ConfirmForm()
    if form.validate_on_submit():
        store.close_council_round(round_slug, gss)
        audit("council-round-closed", f"{round_slug}/{gss}")
        return redirect(url_for("workspace.council", round_slug=round_slug, gss=gss))
    return render_template(
        "workspace/close.html",
        title=f"Close {round_row['title']} for {council_row['name']}?",
        form=form,
        round=round_row,
        council=council_row,
        progress=store.council_progress(round_slug, gss),
    )


@bp.post("/<round_slug>/<gss>/facilitators")
@login_required
def add_facilitator(round_slug: str, gss: str):
    round_row, council_row = _council_round(round_slug, gss)
    store = get_store()
    form = AddFacilitatorForm()
    if not form.validate_on_submit():
        return _council_page_with(round_row, council_row, facilitator_form=form), 400
    email = form.email.data.strip()
    user = store.get_user_by_email(email)
    link = None
    if user is None:
        user_id = store.create_user(email, "facilitator")
        store.audit(current_user()["email"], "user-created", email, "role facilitator")
        link = account_link(user_id, "activate")
        store.assign_council(user_id, gss)
        audit("facilitator-assigned", gss, email)
        message = f"{email} is now a facilitator for {council_row['name']}."
        title = "Facilitator assigned"
    else:
        # The same answer whatever role the account has, so a lead cannot learn who has
        # an administrator's, an analyst's or another council's account. The audit log
        # records what happened.
        if user["role"] == "facilitator":
            store.assign_council(user["id"], gss)
            audit("facilitator-assigned", gss, email)
        else:
            audit("facilitator-not-assigned", gss, f"{email} has another role")
        message = (
            f"{email} already has an account. If it is a facilitator's account, it now "
            f"works with {council_row['name']} and appears in the list of facilitators. If "
            "not, nothing has changed: an administrator can help."
        )
        title = "This email address already has an account"
    mailer = mailer_from_config(current_app.config)
    if link and mailer:
        try:
            mailer.send(email, "Your account", account_email(link, "facilitator"))
            message += " We have emailed them a link to set their password."
            link = None
        except MailError:
            message += " We could not email them: send them the link below."
    return render_template(
        "workspace/facilitator_added.html",
        title=title,
        message=message,
        link=link,
        round=round_row,
        council=council_row,
    )


@bp.post("/<round_slug>/<gss>/facilitators/<int:user_id>/remove")
@login_required
def remove_facilitator(round_slug: str, gss: str, user_id: int):
    _council_round(round_slug, gss)
    store = get_store()
    user = store.get_user(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if user is None or user["role"] != "facilitator":
        abort(404)
    store.unassign_council(user_id, gss)
    audit("facilitator-removed", gss, user["email"])
    return redirect(url_for("workspace.council", round_slug=round_slug, gss=gss))
