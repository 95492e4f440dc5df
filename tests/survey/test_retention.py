"""`collab retention`: drafts and unused links of long-closed rounds go; answers stay."""

from __future__ import annotations

from survey.cli import main
from tests.conftest import complete_answers


def test_dry_run_lists_and_apply_deletes_only_what_is_due(runner, store, instrument):
    store.create_round("old", "Old round", instrument.id, 1, "2025-01-01", "2025-02-01")
    tokens = store.create_invitations("old", "E07900001", 4)
    started = store.start_response(store.find_invitation(tokens[0]), instrument.id, 1)
    store.save_answers(started, {"trust_partner_intentions": "4"})
    withdrawn = store.start_response(store.find_invitation(tokens[1]), instrument.id, 1)
    store.revoke_invitation(store.find_invitation(tokens[1])["id"])
    done = store.start_response(store.find_invitation(tokens[2]), instrument.id, 1)
    store.save_answers(done, complete_answers(instrument))
    store.submit_response(done)
    current = store.create_invitations("r2026", "E07900001", 2)  # an open round: kept

    dry = runner.invoke(main, ["retention", "--dry-run", "--days", "30"])
    assert dry.exit_code == 0
    assert "old: 2 unsubmitted drafts, 2 unused or unfinished invitation links" in dry.output
    assert "Nothing deleted" in dry.output
    assert store.get_response(started) is not None

    applied = runner.invoke(main, ["retention", "--apply", "--days", "30"])
    assert applied.exit_code == 0, applied.output
    assert "Deleted 2 drafts and 2 invitation links" in applied.output
    assert store.get_response(started) is None and store.get_response(withdrawn) is None
    assert store.answers(started) == {}
    assert store.get_response(done)["status"] == "submitted"
    assert len(store.answers(done)) == len(complete_answers(instrument))
    assert all(store.find_invitation(t) is not None for t in current)
    assert store.find_invitation(tokens[2])["state"] == "submitted"
    assert store.audit_events(1)[0]["event"] == "retention"


def test_rounds_closed_recently_are_left_alone(runner, store, instrument):
    store.create_round("recent", "Recent", instrument.id, 1)
    store.create_invitations("recent", "E07900001", 1)
    store.set_round_state("recent", "closed")
    result = runner.invoke(main, ["retention", "--apply"])
    assert "none" in result.output and "Deleted 0 drafts and 0 invitation links" in result.output
