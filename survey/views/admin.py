"""Admin pages: users and their roles, councils, rounds, and the audit log."""

from __future__ import annotations

import sqlite3

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from survey import instruments, sessions
from survey.access import ROLE_NAMES
from survey.accounts import account_email, account_link
from survey.db import get_store
from survey.guards import audit, current_user, roles_required
from survey.mail import MailError, mailer_from_config
from survey.register import RegisterError, read_register
from survey.staff_forms import (
    ConfirmForm,
    CouncilImportForm,
    RoundForm,
    RoundTitlesForm,
    UserForm,
    gss_codes,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")

admin_only = roles_required("admin")


@bp.get("/")
@admin_only
def index():
    store = get_store()
    return render_template(
        "admin/index.html",
        title="Administration",
        users=len(store.list_users()),
        councils=store.count_councils(),
        rounds=len(store.list_rounds()),
        instrument=instruments.latest(),
    )


# Users ------------------------------------------------------------------------


@bp.get("/users")
@admin_only
def users():
    return render_template(
        "admin/users.html",
        title="Users",
        users=get_store().list_users(),
        role_names=ROLE_NAMES,
    )


def _unknown_councils(codes: list[str]) -> list[str]:
    store = get_store()
    return [code for code in codes if store.get_council(code) is None]


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def new_user():
    store = get_store()
    form = UserForm()
    if form.validate_on_submit():
        email = form.email.data.strip()
        codes = gss_codes(form.councils.data) if form.role.data in ("lead", "facilitator") else []
        if store.get_user_by_email(email):
            form.email.errors.append(f"{email} has an account already")
        elif unknown := _unknown_councils(codes):
            form.councils.errors.append("No council with GSS code " + ", ".join(unknown))
        else:
            try:
                user_id = store.create_user(email, form.role.data, form.name.data or "")
            except sqlite3.IntegrityError:
                form.email.errors.append(f"{email} has an account already")
            else:
                for code in codes:
                    store.assign_council(user_id, code)
                audit("user-created", email, f"role {form.role.data}")
                return _show_account_link(user_id, "activate")
    return render_template("admin/user_form.html", title="Add a user", form=form), (
        400 if request.method == "POST" else 200
    )


def _show_account_link(user_id: int, purpose: str):
    """Email the set-password link when SMTP is configured; otherwise show it once."""
    user = get_store().get_user(user_id)
    link = account_link(user_id, purpose)
    mailer = mailer_from_config(current_app.config)
    sent = False
    if mailer:
        try:
            subject = "Your account" if purpose == "activate" else "Reset your password"
            mailer.send(user["email"], subject, account_email(link, user["role"]))
            sent = True
        except MailError as exc:
            current_app.logger.error("account email not sent: %s", exc)
    return render_template(
        "admin/account_link.html",
        title="Account link" if purpose == "activate" else "Password reset link",
        user=user,
        link=None if sent else link,
        sent=sent,
        purpose=purpose,
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_only
def user(user_id: int):
    store = get_store()
    row = store.get_user(user_id)
    if row is None:
        abort(404)
    councils = store.user_councils(user_id)
    form = UserForm(
        data={
            "email": row["email"],
            "name": row["name"],
            "role": row["role"],
            "councils": " ".join(councils),
        }
        if request.method == "GET"
        else None
    )
    is_self = row["id"] == current_user()["id"]
    if form.validate_on_submit():
        codes = gss_codes(form.councils.data) if form.role.data in ("lead", "facilitator") else []
        if is_self and form.role.data != row["role"]:
            form.role.errors.append("You cannot change your own role")
        elif form.email.data.strip().lower() != row["email"].lower():
            form.email.errors.append("Email addresses cannot be changed; add a new user instead")
        elif unknown := _unknown_councils(codes):
            form.councils.errors.append("No council with GSS code " + ", ".join(unknown))
        else:
            if form.role.data != row["role"]:
                store.set_role(user_id, form.role.data)
                audit("role-changed", row["email"], f"{row['role']} to {form.role.data}")
            if set(codes) != set(councils):
                for code in set(councils) - set(codes):
                    store.unassign_council(user_id, code)
                for code in set(codes) - set(councils):
                    store.assign_council(user_id, code)
                audit("councils-changed", row["email"], " ".join(codes) or "none")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/user.html",
        title=f"User {row['email']}",
        form=form,
        user=row,
        is_self=is_self,
        confirm_form=ConfirmForm(formdata=None),
    ), (400 if request.method == "POST" else 200)


@bp.post("/users/<int:user_id>/<action>")
@admin_only
def user_action(user_id: int, action: str):
    store = get_store()
    row = store.get_user(user_id)
    if row is None or action not in ("disable", "enable", "reset-link", "sign-out"):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if row["id"] == current_user()["id"] and action == "disable":
        abort(400, "You cannot disable your own account")
    if action == "reset-link":
        audit("password-reset-link", row["email"])
        return _show_account_link(user_id, "reset" if row["password_hash"] else "activate")
    if action in ("disable", "enable"):
        store.set_disabled(user_id, action == "disable")
    if action in ("disable", "sign-out"):
        store.revoke_user_sessions(user_id, sessions.clock())
    audit(f"user-{action}", row["email"])
    return redirect(url_for("admin.user", user_id=user_id))


# Councils -----------------------------------------------------------------------


@bp.route("/councils", methods=["GET", "POST"])
@admin_only
def councils():
    store = get_store()
    form = CouncilImportForm()
    message = None
    if form.validate_on_submit():
        try:
            rows = read_register(form.register.data.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            form.register.errors.append("The file is not UTF-8 text")
        except RegisterError as exc:
            form.register.errors.append(f"{exc}. Nothing was imported")
        else:
            result = store.upsert_councils(rows)
            audit("councils-imported", "", f"{result.inserted} added, {result.updated} updated")
            message = (
                f"{len(rows)} councils in the file: {result.inserted} added, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
    return render_template(
        "admin/councils.html",
        title="Councils",
        form=form,
        councils=store.list_councils(),
        message=message,
    ), (400 if form.errors else 200)


# Rounds -------------------------------------------------------------------------


@bp.route("/rounds", methods=["GET", "POST"])
@admin_only
def rounds():
    store = get_store()
    form = RoundForm()
    instrument = instruments.latest()
    if form.validate_on_submit():
        if store.get_round(form.slug.data):
            form.slug.errors.append(f"A round called {form.slug.data} exists already")
        elif form.opens.data and form.closes.data and form.closes.data < form.opens.data:
            form.closes.errors.append("The closing date must be on or after the opening date")
        else:
            store.create_round(
                form.slug.data,
                form.title.data,
                instrument.id,
                instrument.version,
                form.opens.data or None,
                form.closes.data or None,
                (form.title_cy.data or "").strip() or None,
            )
            audit("round-created", form.slug.data)
            return redirect(url_for("admin.rounds"))
    return render_template(
        "admin/rounds.html",
        title="Rounds",
        form=form,
        rounds=[(r, store.councils_closed_early(r["slug"])) for r in store.list_rounds()],
        instrument=instrument,
        confirm_form=ConfirmForm(formdata=None),
    ), (400 if form.errors else 200)


@bp.route("/rounds/<slug>/titles", methods=["GET", "POST"])
@admin_only
def round_titles(slug: str):
    """The round's English title and its Welsh title (empty: Welsh output shows the English
    title, tagged as English)."""
    store = get_store()
    round_row = store.get_round(slug)
    if round_row is None:
        abort(404)
    # Only a page that is shown is filled from the round: a form sent without the Welsh
    # title clears it, as an emptied box does.
    form = (
        RoundTitlesForm()
        if request.method == "POST"
        else RoundTitlesForm(data={"title": round_row["title"], "title_cy": round_row["title_cy"]})
    )
    if form.validate_on_submit():
        store.set_round_titles(slug, form.title.data.strip(), (form.title_cy.data or "").strip())
        audit("round-titles-changed", slug)
        return redirect(url_for("admin.rounds"))
    return render_template(
        "admin/round_titles.html",
        title=f"Titles of {round_row['title']}",
        form=form,
        round=round_row,
    ), (400 if form.errors else 200)


@bp.post("/rounds/<slug>/<action>")
@admin_only
def round_action(slug: str, action: str):
    store = get_store()
    if store.get_round(slug) is None or action not in ("close", "open"):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    store.set_round_state(slug, "closed" if action == "close" else "open")
    audit(f"round-{action}", slug)
    return redirect(url_for("admin.rounds"))


@bp.post("/rounds/<slug>/reopen/<gss>")
@admin_only
def reopen_council(slug: str, gss: str):
    store = get_store()
    if store.council_round_closed(slug, gss) is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    store.reopen_council_round(slug, gss)
    audit("council-round-reopened", f"{slug}/{gss}")
    return redirect(url_for("admin.rounds"))


# Audit log ----------------------------------------------------------------------


@bp.get("/audit")
@admin_only
def audit_log():
    event = request.args.get("event") or None
    return render_template(
        "admin/audit.html",
        title="Audit log",
        events=get_store().audit_events(500, event),
        event=event,
    )
