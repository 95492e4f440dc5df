"""What every part of the store shares: the connection, write transactions, and the
helpers for times and token hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import contextmanager

from sqlite_utils import Database

# SQLite's integers are signed 64-bit: no row id is above this.
MAX_ROW_ID = 2**63 - 1


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()


def hash_token(token: str) -> str:
    """Invitation tokens are long random strings, so one SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class NotADraft(Exception):
    """The response was submitted already (or does not exist): it cannot change."""


class StoreBase:
    def __init__(self, db: Database):
        self.db = db

    @contextmanager
    def _transaction(self):
        """A write transaction that takes the write lock at the start (BEGIN IMMEDIATE).

        A plain BEGIN reads first and asks for the lock at the first write; if another
        connection wrote in between, SQLite fails at once with "database is locked"
        instead of waiting out the busy timeout. Taking the lock first makes writers
        queue, so concurrent saves wait rather than fail. Nested calls use savepoints.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        else:
            self.db.conn.execute("COMMIT")

    @contextmanager
    def read_snapshot(self):
        """Reads that see the database at one moment. Each SELECT outside a transaction
        sees the latest commit, so a response submitted between two queries would be in
        one and not the other; inside BEGIN ... COMMIT, WAL mode gives every query the
        snapshot of the first. Inside a transaction already, that one serves."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.conn.in_transaction:
                self.db.conn.execute("COMMIT")

    def database_path(self) -> str:
        return next(self.db.query("PRAGMA database_list"))["file"]
