"""The store against an in-memory database and a real file."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from survey.db import check_pragmas, connect
from survey.migrations import migrate
from survey.store import NotADraft, Store, hash_token
from tests.conftest import TEST_COUNCIL


@pytest.fixture
def memory_store():
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys=ON")
    migrate(db)
    store = Store(db)
    store.upsert_councils([TEST_COUNCIL])
    store.create_round("r1", "Round 1", "collaboration-maturity", 1)
    return store


def test_migrations_are_idempotent(memory_store):
    before = memory_store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    migrate(memory_store.db)
    assert (
        memory_store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == before
    )


def test_file_connection_is_wal_full_sync_with_foreign_keys(tmp_path):
    db = connect(tmp_path / "x.sqlite", busy_timeout_ms=1234)
    check_pragmas(db, 1234)  # raises if any is wrong
    assert next(db.query("PRAGMA journal_mode"))["journal_mode"] == "wal"


def test_check_pragmas_fails_loudly(tmp_path):
    db = Database(tmp_path / "y.sqlite")
    with pytest.raises(RuntimeError, match="journal_mode is delete"):
        check_pragmas(db, 5000)


def test_tokens_are_stored_only_as_hashes(memory_store):
    token = memory_store.create_invitations("r1", "E07900001", 1)[0]
    stored = memory_store.db.execute("SELECT token_hash FROM invitations").fetchone()[0]
    assert stored == hash_token(token) and token not in stored


def test_saving_twice_is_idempotent_and_empty_removes(memory_store):
    invitation = memory_store.find_invitation(
        memory_store.create_invitations("r1", "E07900001", 1)[0]
    )
    rid = memory_store.start_response(invitation, "collaboration-maturity", 1)
    assert memory_store.start_response(invitation, "collaboration-maturity", 1) == rid
    memory_store.save_answers(rid, {"a": "1", "b": "2"})
    memory_store.save_answers(rid, {"a": "1", "b": "3"})
    assert memory_store.answers(rid) == {"a": "1", "b": "3"}
    memory_store.save_answers(rid, {"b": None})
    assert memory_store.answers(rid) == {"a": "1"}


def test_submitted_responses_cannot_change_and_drafts_do_not_count(memory_store):
    tokens = memory_store.create_invitations("r1", "E07900001", 2)
    rids = [
        memory_store.start_response(memory_store.find_invitation(t), "collaboration-maturity", 1)
        for t in tokens
    ]
    for rid in rids:
        memory_store.save_answers(rid, {"trust_partner_intentions": "4"})
    memory_store.submit_response(rids[0])
    with pytest.raises(NotADraft):
        memory_store.save_answers(rids[0], {"trust_partner_intentions": "1"})
    with pytest.raises(NotADraft):
        memory_store.submit_response(rids[0])
    assert memory_store.submitted_answers("r1", "E07900001") == [{"trust_partner_intentions": "4"}]
    participation = memory_store.participation("r1")[0]
    assert (participation["invited"], participation["drafts"], participation["submitted"]) == (
        2,
        1,
        1,
    )


def test_upsert_councils_reports_changes(memory_store):
    changed = {**TEST_COUNCIL, "population": 100_000}
    result = memory_store.upsert_councils([changed, {**TEST_COUNCIL, "gss": "E07900002"}])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    assert memory_store.get_council("E07900001")["population"] == 100_000


def test_previous_round_follows_creation_order_within_one_second(store, instrument):
    # Created in the same second as r2026: the order of creation decides, not the name.
    store.create_round("a-later", "Later", instrument.id, 1)
    store.create_round("0-latest", "Latest", instrument.id, 1)
    assert store.previous_round("0-latest")["slug"] == "a-later"
    assert store.previous_round("a-later")["slug"] == "r2026"
    assert store.previous_round("r2026") is None
    assert [r["slug"] for r in store.list_rounds()] == ["0-latest", "a-later", "r2026"]


def test_round_responses_groups_by_council_in_id_order_and_keeps_empty_responses(memory_store):
    """The national read takes answers in whatever order SQLite walks its index; the
    result is still grouped by council (GSS order), each council's responses in id order,
    with a submitted response that has no answers kept (it counts in n) and drafts and
    other rounds left out."""
    store = memory_store
    store.upsert_councils([{**TEST_COUNCIL, "gss": "E07900002", "name": "Second"}])
    store.create_round("r2", "Round 2", "collaboration-maturity", 1)
    made = {}
    for round_slug, gss, answers, submit in [
        ("r1", "E07900002", {"trust_partner_intentions": "2", "trust_suspicion": "5"}, True),
        ("r1", "E07900001", {"trust_partner_intentions": "4"}, True),
        ("r1", "E07900001", {}, True),  # submitted with every question skipped
        ("r1", "E07900001", {"trust_partner_intentions": "1"}, False),  # a draft
        ("r2", "E07900001", {"trust_partner_intentions": "3"}, True),  # another round
        (
            "r1",
            "E07900001",
            {"trust_partner_intentions": "5", "trust_suspicion": "dont_know"},
            True,
        ),
    ]:
        (token,) = store.create_invitations(round_slug, gss, 1)
        rid = store.start_response(store.find_invitation(token), "collaboration-maturity", 1)
        if answers:
            store.save_answers(rid, answers)
        if submit:
            store.submit_response(rid)
            made.setdefault((round_slug, gss), []).append((rid, answers))
    result = store.round_responses("r1")
    assert list(result) == ["E07900001", "E07900002"]
    for gss in result:
        expected = [answers for _, answers in sorted(made[("r1", gss)], key=lambda m: m[0])]
        assert result[gss] == expected
    assert {} in result["E07900001"] and len(result["E07900001"]) == 3
    assert store.round_responses("r2") == {"E07900001": [{"trust_partner_intentions": "3"}]}
    assert store.round_responses("no-such-round") == {}


def test_round_responses_reads_one_snapshot_while_others_submit(tmp_path):
    """The national read is two queries (responses, then their answers). A response
    submitted by another worker between them must not show up in one and not the other
    (it raised KeyError): both read the snapshot of the first, and the next read sees it."""
    path = tmp_path / "race.sqlite"
    reader = Store(connect(path))
    migrate(reader.db)
    reader.upsert_councils([TEST_COUNCIL])
    reader.create_round("r1", "Round 1", "collaboration-maturity", 1)
    writer = Store(connect(path))

    def respond(submit: bool) -> int:
        (token,) = writer.create_invitations("r1", TEST_COUNCIL["gss"], 1)
        rid = writer.start_response(writer.find_invitation(token), "collaboration-maturity", 1)
        writer.save_answers(rid, {"trust_partner_intentions": "4"})
        if submit:
            writer.submit_response(rid)
        return rid

    respond(True)
    draft = respond(False)
    real = reader.db.execute
    queries = []

    def execute(sql, *args):
        queries.append(sql)
        if len(queries) == 2:  # after the first query, before the second
            writer.submit_response(draft)
        return real(sql, *args)

    reader.db.execute = execute
    assert reader.round_responses("r1") == {
        TEST_COUNCIL["gss"]: [{"trust_partner_intentions": "4"}]
    }
    assert len(queries) == 2  # the race was run between the two reads
    reader.db.execute = real
    assert len(reader.round_responses("r1")[TEST_COUNCIL["gss"]]) == 2
    assert not reader.db.conn.in_transaction
