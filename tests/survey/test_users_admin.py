"""Users on the command line and on the admin pages; the audit log."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from survey.cli import main
from tests.conftest import SHARED_REGISTER, add_staff, sign_in


def invoke(runner, *args, **kwargs):
    return runner.invoke(main, list(args), **kwargs)


def text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ")


# Command line --------------------------------------------------------------------


def test_users_create_with_a_password_file(runner, store, tmp_path, client):
    secret = tmp_path / "pw"
    secret.write_text("a long enough password\n")
    result = invoke(
        runner,
        "users",
        "create",
        "--email",
        "a@example.org",
        "--role",
        "admin",
        "--password-file",
        str(secret),
    )
    assert result.exit_code == 0, result.output
    assert store.get_user_by_email("a@example.org")["role"] == "admin"
    sign_in(client, "a@example.org", "a long enough password")


def test_users_create_prints_a_link_that_sets_the_password(runner, store, client):
    result = invoke(
        runner,
        "users",
        "create",
        "--email",
        "lead@example.org",
        "--role",
        "lead",
        "--council",
        "E07900001",
    )
    assert result.exit_code == 0, result.output
    path = re.search(r"http://127\.0\.0\.1:5000(/account/password/\S+)", result.stdout).group(1)
    assert store.user_councils(store.get_user_by_email("lead@example.org")["id"]) == ["E07900001"]
    client.post(path, data={"password": "the lead's password", "confirm": "the lead's password"})
    sign_in(client, "lead@example.org", "the lead's password")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "lead"], "needs at least one --council"),
        (["--role", "analyst", "--council", "E07900001"], "leave out --council"),
        (["--role", "facilitator", "--council", "E07999999"], "No council with GSS code E07999999"),
        (["--role", "boss"], "Invalid value for '--role'"),
    ],
)
def test_users_create_refuses_bad_roles_and_councils(runner, store, args, message):
    result = invoke(runner, "users", "create", "--email", "x@example.org", *args)
    assert result.exit_code != 0 and message in result.output
    assert store.get_user_by_email("x@example.org") is None


def test_users_disable_ends_sessions_and_list_shows_it(runner, store, client):
    add_staff(store)
    sign_in(client, "lead")
    result = invoke(runner, "users", "disable", "lead@example.org")
    assert result.exit_code == 0 and "1 session(s) ended" in result.output
    assert client.get("/results/").status_code == 302
    listing = invoke(runner, "users", "list").output
    line = next(row for row in listing.splitlines() if row.startswith("lead@example.org"))
    assert "Council lead" in line and "disabled" in line and "E07900001" in line
    assert invoke(runner, "users", "disable", "nobody@example.org").exit_code == 1


def test_audit_command_lists_events_newest_first(runner, store):
    add_staff(store)
    invoke(runner, "users", "disable", "lead@example.org")
    invoke(runner, "users", "reset-link", "analyst@example.org")
    lines = invoke(runner, "audit").output.splitlines()
    assert "password-reset-link" in lines[0] and "user-disable" in lines[1]
    assert "command line" in lines[0]
    invoke(runner, "export", "responses", "--round", "r2026")
    assert "export-responses  r2026" in invoke(runner, "audit", "--limit", "1").output


# Admin pages ---------------------------------------------------------------------------


@pytest.fixture
def admin(client, store):
    ids = add_staff(store)
    sign_in(client, "admin")
    client.ids = ids
    return client


def test_admin_changes_a_role_and_councils_and_it_is_audited(admin, store):
    lead_id = admin.ids["lead"]
    response = admin.post(
        f"/admin/users/{lead_id}",
        data={
            "email": "lead@example.org",
            "role": "facilitator",
            "councils": "E07900001, E07900002",
        },
    )
    assert response.status_code == 302
    assert store.get_user(lead_id)["role"] == "facilitator"
    assert store.user_councils(lead_id) == ["E07900001", "E07900002"]
    events = {e["event"]: e for e in store.audit_events()}
    assert events["role-changed"]["detail"] == "lead to facilitator"
    assert events["role-changed"]["actor"] == "admin@example.org"


def test_admin_form_errors(admin, store):
    response = admin.post(
        "/admin/users/new", data={"email": "x@example.org", "role": "lead", "councils": ""}
    )
    assert response.status_code == 400
    assert "Enter at least one council" in text(response)
    response = admin.post(
        "/admin/users/new",
        data={"email": "x@example.org", "role": "lead", "councils": "E07999999"},
    )
    assert "No council with GSS code E07999999" in text(response)
    response = admin.post("/admin/users/new", data={"email": "lead@example.org", "role": "analyst"})
    assert "has an account already" in text(response)
    own = admin.post(
        f"/admin/users/{admin.ids['admin']}", data={"email": "admin@example.org", "role": "analyst"}
    )
    assert own.status_code == 400 and "cannot change your own role" in text(own)


def test_admin_disables_and_enables(admin, app, store):
    lead = app.test_client()
    sign_in(lead, "lead")
    admin.post(f"/admin/users/{admin.ids['lead']}/disable")
    assert lead.get("/results/").status_code == 302
    assert store.get_user(admin.ids["lead"])["disabled"] == 1
    admin.post(f"/admin/users/{admin.ids['lead']}/enable")
    sign_in(lead, "lead")


def test_admin_creates_and_closes_rounds(admin, store):
    response = admin.post(
        "/admin/rounds",
        data={
            "slug": "spring-2027",
            "title": "Spring 2027",
            "opens": "2027-03-01",
            "closes": "2027-02-01",
        },
    )
    assert response.status_code == 400 and "on or after the opening date" in text(response)
    response = admin.post("/admin/rounds", data={"slug": "Spring 2027!", "title": "Spring 2027"})
    assert "lower-case letters" in text(response)
    admin.post("/admin/rounds", data={"slug": "spring-2027", "title": "Spring 2027"})
    assert store.get_round("spring-2027")["state"] == "open"
    admin.post("/admin/rounds/spring-2027/close")
    assert store.get_round("spring-2027")["state"] == "closed"


def test_admin_imports_the_register_and_explains_a_bad_file(admin, store):
    import io

    bad = admin.post(
        "/admin/councils",
        data={"register": (io.BytesIO(b"not,the,right,header\n1,2,3,4\n"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and "Nothing was imported" in text(bad)
    if not SHARED_REGISTER.exists():
        pytest.skip("the shared council register is not present")
    good = admin.post(
        "/admin/councils",
        data={"register": (io.BytesIO(SHARED_REGISTER.read_bytes()), "register.csv")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 200 and "added" in text(good)
    assert store.count_councils() > 300


def test_audit_log_page_filters_and_holds_no_secrets(admin, app, store):
    token = store.create_invitations("r2026", "E07900001", 1)[0]
    app.test_client().get(f"/i/{token}")
    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "sign-in" in page and token not in page
    assert "correct horse" not in page
    filtered = text(admin.get("/admin/audit?event=sign-in"))
    assert "sign-in-failed" not in filtered
