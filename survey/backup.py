"""Backing up the live database and restoring a backup (``collab backup`` and ``collab
restore``), through SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from survey.db import check_pragmas, connect
from survey.migrations import migrate, migrations


class BackupError(RuntimeError):
    """A backup could not be made, or a file cannot be restored; the message says why."""


def _integrity(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _counts(conn) -> dict[str, int]:
    """What a backup or restore reports: submitted responses and answers (``conn`` is a
    sqlite3 connection or a sqlite-utils Database; both have ``execute``)."""
    return {
        "responses": conn.execute(
            "SELECT count(*) FROM responses WHERE status = 'submitted'"
        ).fetchone()[0],
        "answers": conn.execute("SELECT count(*) FROM answers").fetchone()[0],
    }


def backup(source: str | Path, target: str | Path) -> dict:
    """Copy the live database with SQLite's online backup API, check the copy, fsync it and
    rename it into place, so ``target`` is either the old file or a complete new one."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    dst = sqlite3.connect(str(partial))
    try:
        src.backup(dst, pages=1024)
        result = _integrity(dst)
        if result != "ok":
            raise BackupError(f"the copy failed its integrity check: {result}")
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        counts = _counts(dst)
    finally:
        dst.close()
        src.close()
    _fsync(partial)
    partial.replace(target)
    _fsync(target.parent)
    return counts


def check_restorable(path: str | Path) -> list[str]:
    """The migrations a backup carries; raises :class:`BackupError` for a file that is
    not a sound database of this service, or is from a newer version of it."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = _integrity(conn)
            names = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = 'collab' ORDER BY id"
                )
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a database of this service ({exc})") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged: the integrity check says {result}")
    # Every migration this code knows: all are pending on an empty database.
    known = [m.name for m in migrations.pending(Database(memory=True))]
    newer = [name for name in names if name not in known]
    if newer:
        raise BackupError(
            f"{path} was made by a newer version of the service (it has {', '.join(newer)}); "
            "upgrade the service before restoring it"
        )
    if not names:
        raise BackupError(f"{path} is not a database of this service (no migrations)")
    return names


def restore(source: str | Path, target: str | Path, busy_timeout_ms: int = 5000) -> dict:
    """Replace the database's contents with a backup's, through SQLite's backup API (so
    other connections see either the old data or the new), then bring it up to date."""
    check_restorable(source)
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    dst = connect(target, busy_timeout_ms)
    try:
        src.backup(dst.conn)
        migrate(dst)
        check_pragmas(dst, busy_timeout_ms)
        result = _integrity(dst.conn)
        if result != "ok":
            raise BackupError(f"the restored database failed its integrity check: {result}")
        return _counts(dst)
    finally:
        dst.close()
        src.close()
