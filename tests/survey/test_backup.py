"""`collab backup` and `collab restore`: online backup under write load, and refusals."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from survey.backup import BackupError, backup, check_restorable
from survey.cli import main
from survey.db import connect
from survey.store import Store
from tests.conftest import complete_answers, make_app


def test_backup_during_writes_restores_into_a_fresh_instance_identically(app, tmp_path, instrument):
    stop = threading.Event()
    written = []

    def writer():
        db = connect(app.config["DATABASE"], 5000)
        store = Store(db)
        while not stop.is_set():
            store.insert_submitted_responses(
                "r2026", "E07900001", instrument.id, 1, [complete_answers(instrument)], "2026-11-01"
            )
            written.append(1)
        db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            pass
        counts = backup(app.config["DATABASE"], tmp_path / "copy.sqlite")
    finally:
        stop.set()
        thread.join()
    assert counts["responses"] >= 20 and len(written) >= counts["responses"]
    assert check_restorable(tmp_path / "copy.sqlite")[0] == "m0001_initial"

    fresh = make_app(tmp_path / "fresh", WTF_CSRF_ENABLED=False)
    result = fresh.test_cli_runner().invoke(
        main, ["restore", str(tmp_path / "copy.sqlite"), "--yes"]
    )
    assert result.exit_code == 0, result.output
    restored = Store(connect(fresh.config["DATABASE"], 5000))
    assert restored.count_submitted("r2026", "E07900001") == counts["responses"]
    assert f"Restored {counts['responses']} submitted responses" in result.output


def test_backup_command_is_atomic_and_reports_counts(runner, app, tmp_path):
    target = tmp_path / "b" / "collab-backup.sqlite"
    result = runner.invoke(main, ["backup", str(target)])
    assert result.exit_code == 0 and "Backed up 0 submitted responses" in result.output
    assert target.exists() and not target.with_name(target.name + ".part").exists()
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained
    conn.close()


def test_restore_refuses_a_damaged_file(runner, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(main, ["restore", str(junk), "--yes"])
    assert result.exit_code == 1 and "Not restored" in result.output
    assert "not a database of this service" in result.output
    missing = runner.invoke(main, ["restore", str(tmp_path / "nope.sqlite"), "--yes"])
    assert "does not exist" in missing.output


def test_restore_refuses_a_truncated_backup(app, tmp_path):
    backup(app.config["DATABASE"], tmp_path / "good.sqlite")
    data = (tmp_path / "good.sqlite").read_bytes()
    (tmp_path / "cut.sqlite").write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError):
        check_restorable(tmp_path / "cut.sqlite")


def test_restore_refuses_a_newer_schema(runner, app, tmp_path):
    target = tmp_path / "newer.sqlite"
    backup(app.config["DATABASE"], target)
    conn = sqlite3.connect(target)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('collab', 'm0099_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    result = runner.invoke(main, ["restore", str(target), "--yes"])
    assert result.exit_code == 1
    assert "newer version of the service (it has m0099_future)" in result.output
