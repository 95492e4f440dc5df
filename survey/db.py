"""The SQLite connection: open, check pragmas, migrate, close at the end of a request.
Migrations are in :mod:`survey.migrations`, backup and restore in :mod:`survey.backup`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g
from sqlite_utils import Database

from survey.migrations import migrate
from survey.store import Store


def connect(
    path: str | Path, busy_timeout_ms: int = 5000, max_pages: int | None = None
) -> Database:
    """Open the database with the pragmas every connection needs, and check they took.

    ``max_pages`` caps the file's size (a quota); writes beyond it fail as a full disk
    would, which is how the tests make a full disk.
    """
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    if max_pages:
        db.execute(f"PRAGMA max_page_count={int(max_pages)}")
    return db


def storage_problem(exc: BaseException) -> str | None:
    """ "busy" when another writer held the database past the busy timeout, "full" when
    the disk (or the size cap) is full; None for any other error."""
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            return "busy"
        if "full" in message:
            return "full"
    return None


# What a request that hit a storage failure answers: 503 with Retry-After while another
# writer holds the database (try again in a moment), 507 when the disk or quota is full.
STORAGE_STATUS = {"busy": 503, "full": 507}


def storage_failure(problem: str) -> tuple[int, dict[str, str]]:
    """The status and headers for a ``storage_problem``: the one rule for pages, forms
    and the API."""
    if problem == "busy":
        return STORAGE_STATUS["busy"], {
            "Retry-After": str(current_app.config["RETRY_AFTER_SECONDS"])
        }
    return STORAGE_STATUS["full"], {}


def check_pragmas(db: Database, busy_timeout_ms: int) -> None:
    """Fail loudly if the connection is not durable and safe for concurrent use."""
    journal = next(db.query("PRAGMA journal_mode"))["journal_mode"]
    synchronous = next(db.query("PRAGMA synchronous"))["synchronous"]
    foreign_keys = next(db.query("PRAGMA foreign_keys"))["foreign_keys"]
    timeout = next(db.query("PRAGMA busy_timeout"))["timeout"]
    problems = []
    if journal != "wal":
        problems.append(f"journal_mode is {journal}, not wal")
    if synchronous != 2:
        problems.append(f"synchronous is {synchronous}, not 2 (FULL)")
    if foreign_keys != 1:
        problems.append("foreign keys are off")
    if timeout != busy_timeout_ms:
        problems.append(f"busy_timeout is {timeout}, not {busy_timeout_ms}")
    if problems:
        raise RuntimeError("database connection is not safe: " + "; ".join(problems))


def get_db() -> Database:
    if "db" not in g:
        g.db = connect(
            current_app.config["DATABASE"],
            current_app.config["BUSY_TIMEOUT_MS"],
            current_app.config["DATABASE_MAX_PAGES"],
        )
    return g.db


def close_db(exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    """Create the file if needed, apply migrations, check pragmas, close per request."""
    Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
    db = connect(app.config["DATABASE"], app.config["BUSY_TIMEOUT_MS"])
    try:
        check_pragmas(db, app.config["BUSY_TIMEOUT_MS"])
        migrate(db)
    finally:
        db.close()
    app.teardown_appcontext(close_db)


def get_store():
    """The request's :class:`~survey.store.Store`."""
    return Store(get_db())
