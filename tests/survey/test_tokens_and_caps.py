"""Invitation tokens cannot be guessed, and uploads are capped with clear messages."""

from __future__ import annotations

import io
import secrets

from survey import throttle
from survey.store import hash_token
from tests.conftest import add_staff, sign_in


def test_tokens_carry_at_least_128_bits_and_are_stored_only_hashed(store):
    tokens = store.create_invitations("r2026", "E07900001", 50)
    assert len(set(tokens)) == 50
    # token_urlsafe(24): 24 random bytes = 192 bits, in 32 URL-safe characters.
    assert all(len(t) >= 32 for t in tokens)
    for token in tokens:
        row = store.find_invitation(token)
        assert row["token_hash"] == hash_token(token) and token not in repr(row)


def test_ten_thousand_guesses_find_nothing_and_are_throttled(app, store):
    store.create_invitations("r2026", "E07900001", 100)
    guesses = [secrets.token_urlsafe(24) for _ in range(10_000)]
    assert not any(store.find_invitation(g) for g in guesses)  # straight to the store
    client = app.test_client()
    statuses = [client.get(f"/i/{g}").status_code for g in guesses[:200]]
    limit = throttle.LIMITS["invitation-client"].attempts
    assert statuses[:limit] == [404] * limit
    assert set(statuses[limit:]) == {429}


def test_an_upload_over_the_cap_gets_a_clear_message(app, store):
    add_staff(store)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client = app.test_client()
    sign_in(client, "lead")
    big = io.BytesIO(b"someone@example.org\n" * 60_000)  # about 1.2 MB
    response = client.post(
        "/workspace/r2026/E07900001/invite/emails",
        data={"emails-emails_file": (big, "big.csv"), "emails-delivery": "screen"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)
    assert "at most 1 MB" in response.get_data(as_text=True)
    assert store.council_progress("r2026", "E07900001")["invited"] == 0


def test_too_many_addresses_are_refused_with_the_count(app, store):
    add_staff(store)
    client = app.test_client()
    sign_in(client, "lead")
    rows = "".join(f"person{i}@example.org\n" for i in range(2001)).encode()
    response = client.post(
        "/workspace/r2026/E07900001/invite/emails",
        data={"emails-emails_file": (io.BytesIO(rows), "many.csv"), "emails-delivery": "screen"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "The file has 2001 addresses; the most is 2000" in response.get_data(as_text=True)
    assert store.council_progress("r2026", "E07900001")["invited"] == 0
