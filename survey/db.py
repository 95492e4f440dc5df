"""The SQLite connection: open, check pragmas, migrate, close at the end of a request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from survey.store import Store

migrations = Migrations("collab")


@migrations()
def m0001_initial(db: Database) -> None:
    db.executescript("""
        CREATE TABLE councils (
            gss TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            official_name TEXT NOT NULL,
            type TEXT NOT NULL,
            type_name TEXT NOT NULL,
            nation TEXT NOT NULL,
            region TEXT NOT NULL,
            population INTEGER,
            fictional INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE rounds (
            slug TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            opens TEXT,
            closes TEXT,
            instrument_id TEXT NOT NULL,
            instrument_version INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            state TEXT NOT NULL CHECK (state IN ('unused', 'started', 'submitted', 'revoked')),
            -- Set while a draft exists; cleared when the response is submitted, so that a
            -- submitted response cannot be traced back to its invitation.
            response_id TEXT REFERENCES responses(id),
            created_at TEXT NOT NULL,
            started_at TEXT,
            submitted_at TEXT
        );
        CREATE INDEX invitations_round_council ON invitations(round_slug, council_gss);
        CREATE TABLE responses (
            id TEXT PRIMARY KEY,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            instrument_id TEXT NOT NULL,
            instrument_version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
            submitted_on TEXT,
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX responses_round_council ON responses(round_slug, council_gss, status);
        CREATE TABLE answers (
            response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (response_id, item_id)
        ) WITHOUT ROWID;
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin')),
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
    """)


def connect(path: str | Path, busy_timeout_ms: int = 5000) -> Database:
    """Open the database with the pragmas every connection needs, and check they took."""
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    return db


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


def migrate(db: Database) -> None:
    migrations.apply(db)


def get_db() -> Database:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"], current_app.config["BUSY_TIMEOUT_MS"])
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
