"""All SQL lives here. Views and the CLI call these methods and never build SQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlite_utils import Database

from scoring.actions import is_overdue

COUNCIL_FIELDS = (
    "gss",
    "name",
    "official_name",
    "type",
    "type_name",
    "nation",
    "region",
    "population",
)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()


def hash_token(token: str) -> str:
    """Invitation tokens are long random strings, so one SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class NotADraft(Exception):
    """The response was submitted already (or does not exist): it cannot change."""


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int


class Store:
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

    def database_path(self) -> str:
        return next(self.db.query("PRAGMA database_list"))["file"]

    # Councils -----------------------------------------------------------------

    def upsert_councils(self, rows: Iterable[Mapping]) -> ImportResult:
        """Insert or update councils by GSS code, in one transaction."""
        inserted = updated = unchanged = 0
        with self._transaction():
            for row in rows:
                record = {k: row[k] for k in COUNCIL_FIELDS}
                record["fictional"] = int(bool(row.get("fictional", False)))
                existing = self.get_council(record["gss"])
                if existing is None:
                    inserted += 1
                elif all(existing[k] == record[k] for k in record):
                    unchanged += 1
                    continue
                else:
                    updated += 1
                self.db["councils"].upsert(record, pk="gss")
        return ImportResult(inserted, updated, unchanged)

    def get_council(self, gss: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM councils WHERE gss = ?", [gss]))
        return rows[0] if rows else None

    def list_councils(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM councils ORDER BY name"))

    def count_councils(self) -> int:
        return next(self.db.query("SELECT count(*) AS n FROM councils"))["n"]

    # Rounds -------------------------------------------------------------------

    def create_round(
        self,
        slug: str,
        title: str,
        instrument_id: str,
        instrument_version: int,
        opens: str | None = None,
        closes: str | None = None,
    ) -> dict:
        self.db.execute(
            "INSERT INTO rounds (slug, title, opens, closes, instrument_id, instrument_version,"
            " state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
            [slug, title, opens, closes, instrument_id, instrument_version, now()],
        )
        return self.get_round(slug)

    def get_round(self, slug: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM rounds WHERE slug = ?", [slug]))
        return rows[0] if rows else None

    def set_round_state(self, slug: str, state: str) -> None:
        self.db.execute(
            "UPDATE rounds SET state = ?, closed_at = ? WHERE slug = ?",
            [state, today() if state == "closed" else None, slug],
        )
        if state == "closed":
            self.db.execute("UPDATE invitations SET email = NULL WHERE round_slug = ?", [slug])

    def list_rounds(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM rounds ORDER BY rowid DESC"))

    # Invitations --------------------------------------------------------------

    def create_invitations(
        self,
        round_slug: str,
        council_gss: str,
        count: int,
        emails: list[str] | None = None,
    ) -> list[str]:
        """Make ``count`` invitations; returns the tokens, which are stored only as hashes.

        ``emails`` (one per invitation) are stored only when given: the lead asked for
        reminders. Otherwise an address is used to send the link and then forgotten.
        """
        if emails is not None and len(emails) != count:
            raise ValueError("one email per invitation")
        tokens = [secrets.token_urlsafe(24) for _ in range(count)]
        created = now()
        with self._transaction():
            self.db["invitations"].insert_all(
                {
                    "token_hash": hash_token(t),
                    "round_slug": round_slug,
                    "council_gss": council_gss,
                    "state": "unused",
                    "created_at": created,
                    "email": emails[i] if emails else None,
                }
                for i, t in enumerate(tokens)
            )
        return tokens

    def find_invitation(self, token: str) -> dict | None:
        """The invitation for a first link or the latest reminder link."""
        digest = hash_token(token)
        rows = list(
            self.db.query(
                "SELECT * FROM invitations WHERE token_hash = ? OR reminder_token_hash = ?",
                [digest, digest],
            )
        )
        return rows[0] if rows else None

    def revoke_invitation(self, invitation_id: int) -> bool:
        """Withdraw a link (and any draft behind it); False if it was submitted already."""
        cursor = self.db.execute(
            "UPDATE invitations SET state = 'revoked', email = NULL"
            " WHERE id = ? AND state IN ('unused', 'started')",
            [invitation_id],
        )
        return cursor.rowcount == 1

    def reminder_targets(self, round_slug: str, council_gss: str) -> list[dict]:
        """Invitations kept for reminders whose person has not submitted."""
        return list(
            self.db.query(
                "SELECT id, email FROM invitations WHERE round_slug = ? AND council_gss = ?"
                " AND email IS NOT NULL AND state IN ('unused', 'started') ORDER BY id",
                [round_slug, council_gss],
            )
        )

    def issue_reminder_token(self, invitation_id: int) -> str:
        """A fresh link for a reminder; the first link keeps working beside it."""
        token = secrets.token_urlsafe(24)
        self.db.execute(
            "UPDATE invitations SET reminder_token_hash = ?, reminded_at = ? WHERE id = ?",
            [hash_token(token), now(), invitation_id],
        )
        return token

    def close_council_round(self, round_slug: str, council_gss: str) -> None:
        """Stop taking answers from one council early; stored addresses are forgotten."""
        with self._transaction():
            self.db.execute(
                "INSERT INTO council_rounds (round_slug, council_gss, closed_at) VALUES (?, ?, ?)"
                " ON CONFLICT (round_slug, council_gss)"
                " DO UPDATE SET closed_at = excluded.closed_at",
                [round_slug, council_gss, now()],
            )
            self.db.execute(
                "UPDATE invitations SET email = NULL WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )

    def reopen_council_round(self, round_slug: str, council_gss: str) -> None:
        self.db.execute(
            "DELETE FROM council_rounds WHERE round_slug = ? AND council_gss = ?",
            [round_slug, council_gss],
        )

    def councils_closed_early(self, round_slug: str) -> list[dict]:
        return list(
            self.db.query(
                "SELECT c.gss, c.name, cr.closed_at FROM council_rounds cr"
                " JOIN councils c ON c.gss = cr.council_gss WHERE cr.round_slug = ?"
                " ORDER BY c.name",
                [round_slug],
            )
        )

    def council_round_closed(self, round_slug: str, council_gss: str) -> str | None:
        """When the council's lead closed this round early, or None."""
        rows = list(
            self.db.query(
                "SELECT closed_at FROM council_rounds WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )
        )
        return rows[0]["closed_at"] if rows else None

    def council_progress(self, round_slug: str, council_gss: str) -> dict:
        """Invited, started (draft in progress), submitted and withdrawn counts."""
        row = next(
            self.db.query(
                """
            SELECT count(*) AS invited,
                   coalesce(sum(state = 'started'), 0) AS started,
                   coalesce(sum(state = 'submitted'), 0) AS submitted,
                   coalesce(sum(state = 'revoked'), 0) AS revoked,
                   coalesce(sum(email IS NOT NULL AND state IN ('unused', 'started')), 0)
                       AS remindable
            FROM invitations WHERE round_slug = ? AND council_gss = ?
            """,
                [round_slug, council_gss],
            )
        )
        submitted_total = self.count_submitted(round_slug, council_gss)
        return {**row, "submitted": max(row["submitted"], submitted_total)}

    def count_submitted(self, round_slug: str, council_gss: str) -> int:
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM responses WHERE round_slug = ? AND council_gss = ?"
                " AND status = 'submitted'",
                [round_slug, council_gss],
            )
        )["n"]

    def invitation_revoked_for(self, response_id: str) -> bool:
        """Whether the invitation behind a draft has been withdrawn since it was opened."""
        rows = self.db.query(
            "SELECT 1 FROM invitations WHERE response_id = ? AND state = 'revoked'",
            [response_id],
        )
        return bool(list(rows))

    def start_response(
        self, invitation: Mapping, instrument_id: str, instrument_version: int
    ) -> str:
        """Return the invitation's draft response, creating it on first use."""
        with self._transaction():
            current = list(
                self.db.query(
                    "SELECT response_id, state FROM invitations WHERE id = ?", [invitation["id"]]
                )
            )[0]
            if current["response_id"]:
                return current["response_id"]
            if current["state"] != "unused":
                raise NotADraft(invitation["id"])
            response_id = secrets.token_hex(16)
            self.db.execute(
                "INSERT INTO responses (id, round_slug, council_gss, instrument_id,"
                " instrument_version, status) VALUES (?, ?, ?, ?, ?, 'draft')",
                [
                    response_id,
                    invitation["round_slug"],
                    invitation["council_gss"],
                    instrument_id,
                    instrument_version,
                ],
            )
            self.db.execute(
                "UPDATE invitations SET state = 'started', response_id = ?, started_at = ?"
                " WHERE id = ?",
                [response_id, now(), invitation["id"]],
            )
        return response_id

    # Responses and answers ----------------------------------------------------

    def get_response(self, response_id: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM responses WHERE id = ?", [response_id]))
        return rows[0] if rows else None

    def answers(self, response_id: str) -> dict[str, str]:
        return {
            row["item_id"]: row["value"]
            for row in self.db.query(
                "SELECT item_id, value FROM answers WHERE response_id = ?", [response_id]
            )
        }

    def save_answers(self, response_id: str, answers: Mapping[str, str | None]) -> None:
        """Upsert a page of answers on a draft; ``None`` or empty removes an answer.

        Saving the same page twice leaves the same rows (idempotent). Raises
        :class:`NotADraft` if the response was submitted meanwhile.
        """
        with self._transaction():
            self._require_draft(response_id)
            for item_id, value in answers.items():
                if value is None or value == "":
                    self.db.execute(
                        "DELETE FROM answers WHERE response_id = ? AND item_id = ?",
                        [response_id, item_id],
                    )
                else:
                    self.db.execute(
                        "INSERT INTO answers (response_id, item_id, value) VALUES (?, ?, ?)"
                        " ON CONFLICT (response_id, item_id) DO UPDATE SET value = excluded.value",
                        [response_id, item_id, value],
                    )

    def submit_response(self, response_id: str) -> None:
        """Mark a draft submitted and cut the link from its invitation, atomically."""
        with self._transaction():
            self._require_draft(response_id)
            self.db.execute(
                "UPDATE responses SET status = 'submitted', submitted_on = ? WHERE id = ?",
                [today(), response_id],
            )
            self.db.execute(
                "UPDATE invitations SET state = 'submitted', response_id = NULL, email = NULL,"
                " submitted_at = ? WHERE response_id = ?",
                [today(), response_id],
            )

    def _require_draft(self, response_id: str) -> None:
        rows = list(self.db.query("SELECT status FROM responses WHERE id = ?", [response_id]))
        if not rows or rows[0]["status"] != "draft":
            raise NotADraft(response_id)

    def submitted_answers(self, round_slug: str, council_gss: str) -> list[dict[str, str]]:
        """One mapping of item id to value per submitted response of a council."""
        by_response: dict[str, dict[str, str]] = {}
        for row in self.db.query(
            "SELECT r.id, a.item_id, a.value FROM responses r"
            " LEFT JOIN answers a ON a.response_id = r.id"
            " WHERE r.round_slug = ? AND r.council_gss = ? AND r.status = 'submitted'"
            " ORDER BY r.id",
            [round_slug, council_gss],
        ):
            answers = by_response.setdefault(row["id"], {})
            if row["item_id"] is not None:
                answers[row["item_id"]] = row["value"]
        return list(by_response.values())

    def submitted_comments(
        self, round_slug: str, council_gss: str, item_ids: Iterable[str]
    ) -> dict[str, list[str]]:
        """Free-text answers per comment question, sorted so that comments from one person
        cannot be paired up across questions by their order."""
        result: dict[str, list[str]] = {}
        for item_id in item_ids:
            result[item_id] = [
                row["value"]
                for row in self.db.query(
                    "SELECT a.value FROM answers a JOIN responses r ON r.id = a.response_id"
                    " WHERE r.round_slug = ? AND r.council_gss = ? AND r.status = 'submitted'"
                    " AND a.item_id = ? AND trim(a.value) != '' ORDER BY a.value",
                    [round_slug, council_gss, item_id],
                )
            ]
        return result

    def round_responses(self, round_slug: str) -> dict[str, list[dict[str, str]]]:
        """Every submitted response of a round, grouped by council, in one query."""
        by_council: dict[str, dict[str, dict[str, str]]] = {}
        # Plain tuples rather than sqlite-utils' dicts: a national round is ~1M rows.
        cursor = self.db.execute(
            "SELECT r.council_gss, r.id, a.item_id, a.value FROM responses r"
            " LEFT JOIN answers a ON a.response_id = r.id"
            " WHERE r.round_slug = ? AND r.status = 'submitted' ORDER BY r.council_gss, r.id",
            [round_slug],
        )
        for gss, response_id, item_id, value in cursor:
            answers = by_council.setdefault(gss, {}).setdefault(response_id, {})
            if item_id is not None:
                answers[item_id] = value
        return {gss: list(people.values()) for gss, people in by_council.items()}

    def round_version(self, round_slug: str) -> tuple[int, str | None]:
        """Changes whenever a response in the round is submitted (submitted responses are
        never edited or deleted), so cached results keyed on it are never stale."""
        row = next(
            self.db.query(
                "SELECT count(*) AS n, max(id) AS last FROM responses"
                " WHERE round_slug = ? AND status = 'submitted'",
                [round_slug],
            )
        )
        return row["n"], row["last"]

    def previous_round(self, round_slug: str) -> dict | None:
        """The round created just before this one, if any (in creation order: rowid, as
        creation times have one-second resolution)."""
        rows = list(
            self.db.query(
                "SELECT * FROM rounds WHERE rowid < (SELECT rowid FROM rounds WHERE slug = ?)"
                " ORDER BY rowid DESC LIMIT 1",
                [round_slug],
            )
        )
        return rows[0] if rows else None

    def chosen_peers(self, council_gss: str) -> list[str]:
        return [
            row["peer_gss"]
            for row in self.db.query(
                "SELECT peer_gss FROM council_peers WHERE council_gss = ? ORDER BY peer_gss",
                [council_gss],
            )
        ]

    def set_chosen_peers(self, council_gss: str, peers: Iterable[str]) -> None:
        with self._transaction():
            self.db.execute("DELETE FROM council_peers WHERE council_gss = ?", [council_gss])
            for peer in sorted(set(peers) - {council_gss}):
                self.db.execute(
                    "INSERT INTO council_peers (council_gss, peer_gss) VALUES (?, ?)",
                    [council_gss, peer],
                )

    # Partnerships ------------------------------------------------------------------

    def create_partnership(
        self, name: str, members: Iterable[str], created_by: str, confirmed: Iterable[str] = ()
    ) -> int:
        """A partnership of ``members``; those in ``confirmed`` are confirmed at once (the
        council of the lead who creates it)."""
        stamp = now()
        confirmed = set(confirmed)
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO partnerships (name, created_by, created_at) VALUES (?, ?, ?)",
                [name, created_by, stamp],
            )
            pid = cursor.lastrowid
            for gss in sorted(set(members)):
                self.db.execute(
                    "INSERT INTO partnership_members (partnership_id, council_gss, confirmed_at,"
                    " confirmed_by) VALUES (?, ?, ?, ?)",
                    [pid, gss, *((stamp, created_by) if gss in confirmed else (None, None))],
                )
            return pid

    def get_partnership(self, partnership_id: int) -> dict | None:
        row = next(
            iter(self.db.query("SELECT * FROM partnerships WHERE id = ?", [partnership_id])), None
        )
        if row is None:
            return None
        row["members"] = list(
            self.db.query(
                "SELECT m.council_gss AS gss, c.name, m.confirmed_at, m.confirmed_by "
                "FROM partnership_members m JOIN councils c ON c.gss = m.council_gss "
                "WHERE m.partnership_id = ? ORDER BY c.name",
                [partnership_id],
            )
        )
        row["rounds"] = [
            r["round_slug"]
            for r in self.db.query(
                "SELECT round_slug FROM round_partnerships WHERE partnership_id = ?",
                [partnership_id],
            )
        ]
        return row

    def list_partnerships(self, councils: Iterable[str] | None = None) -> list[dict]:
        """Every partnership, or those with a member among ``councils``."""
        rows = self.db.query("SELECT id FROM partnerships ORDER BY name, id")
        partnerships = [self.get_partnership(row["id"]) for row in rows]
        if councils is None:
            return partnerships
        wanted = set(councils)
        return [p for p in partnerships if wanted & {m["gss"] for m in p["members"]}]

    def confirm_member(self, partnership_id: int, gss: str, by: str) -> bool:
        with self._transaction():
            cursor = self.db.execute(
                "UPDATE partnership_members SET confirmed_at = ?, confirmed_by = ? "
                "WHERE partnership_id = ? AND council_gss = ? AND confirmed_at IS NULL",
                [now(), by, partnership_id, gss],
            )
            return cursor.rowcount == 1

    def set_partnership_module(self, round_slug: str, partnership_id: int, on: bool) -> None:
        with self._transaction():
            self.db.execute(
                "DELETE FROM round_partnerships WHERE round_slug = ? AND partnership_id = ?",
                [round_slug, partnership_id],
            )
            if on:
                self.db.execute(
                    "INSERT INTO round_partnerships (round_slug, partnership_id) VALUES (?, ?)",
                    [round_slug, partnership_id],
                )

    def module_partnerships(self, round_slug: str, gss: str) -> list[dict]:
        """Partnerships whose module is on in the round and of which the council is a
        confirmed member: its respondents answer the module once for each."""
        return list(
            self.db.query(
                "SELECT p.id, p.name FROM partnerships p "
                "JOIN round_partnerships r ON r.partnership_id = p.id AND r.round_slug = ? "
                "JOIN partnership_members m ON m.partnership_id = p.id AND m.council_gss = ? "
                "WHERE m.confirmed_at IS NOT NULL ORDER BY p.id",
                [round_slug, gss],
            )
        )

    # Action plans ------------------------------------------------------------------

    ACTION_FIELDS = ("factor", "what", "lead", "due", "measure", "status")

    def add_action(self, council_gss: str, round_slug: str, fields: Mapping) -> int:
        stamp = now()
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO actions (council_gss, round_slug, factor, what, lead, due, measure,"
                " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [council_gss, round_slug, *(fields[k] for k in self.ACTION_FIELDS), stamp, stamp],
            )
            return cursor.lastrowid

    def update_action(self, action_id: int, council_gss: str, fields: Mapping) -> bool:
        """Change an action of this council; False when it has no such action."""
        names = [k for k in self.ACTION_FIELDS if k in fields]
        with self._transaction():
            cursor = self.db.execute(
                f"UPDATE actions SET {', '.join(f'{k} = ?' for k in names)}, updated_at = ? "
                "WHERE id = ? AND council_gss = ?",
                [*(fields[k] for k in names), now(), action_id, council_gss],
            )
            return cursor.rowcount == 1

    def get_action(self, action_id: int, council_gss: str) -> dict | None:
        rows = self.db.query(
            "SELECT a.*, r.title AS round_title FROM actions a "
            "JOIN rounds r ON r.slug = a.round_slug WHERE a.id = ? AND a.council_gss = ?",
            [action_id, council_gss],
        )
        return next(iter(rows), None)

    def actions(self, council_gss: str) -> list[dict]:
        """Every action the council has recorded, with the round it was agreed after,
        soonest due first."""
        return list(
            self.db.query(
                "SELECT a.*, r.title AS round_title FROM actions a "
                "JOIN rounds r ON r.slug = a.round_slug "
                "WHERE a.council_gss = ? ORDER BY a.due, a.id",
                [council_gss],
            )
        )

    def overdue_actions(self, council_gss: str, on: str) -> list[dict]:
        """Planned or under way, and due before ``on`` (an ISO date)."""
        return [a for a in self.actions(council_gss) if is_overdue(a["status"], a["due"], on)]

    def targets(self, council_gss: str) -> dict[str, dict]:
        return {
            row["factor"]: row
            for row in self.db.query(
                "SELECT * FROM targets WHERE council_gss = ? ORDER BY factor", [council_gss]
            )
        }

    def set_target(
        self, council_gss: str, factor: str, level: int | None, by_when: str, round_slug: str
    ) -> None:
        """Set the level a factor should reach (by when, in words), or clear it (None)."""
        with self._transaction():
            self.db.execute(
                "DELETE FROM targets WHERE council_gss = ? AND factor = ?", [council_gss, factor]
            )
            if level is not None:
                self.db.execute(
                    "INSERT INTO targets (council_gss, factor, level, by_when, set_in_round,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [council_gss, factor, level, by_when, round_slug, now()],
                )

    def participation(self, round_slug: str) -> list[dict]:
        """Per council in a round: invitations, started, submitted."""
        return list(
            self.db.query(
                """
            SELECT c.gss, c.name, c.type_name, c.nation, c.region,
                   (SELECT count(*) FROM invitations i
                     WHERE i.round_slug = :round AND i.council_gss = c.gss) AS invited,
                   (SELECT count(*) FROM responses r WHERE r.round_slug = :round
                     AND r.council_gss = c.gss AND r.status = 'draft') AS drafts,
                   (SELECT count(*) FROM responses r WHERE r.round_slug = :round
                     AND r.council_gss = c.gss AND r.status = 'submitted') AS submitted
            FROM councils c
            WHERE EXISTS (SELECT 1 FROM invitations i
                           WHERE i.round_slug = :round AND i.council_gss = c.gss)
               OR EXISTS (SELECT 1 FROM responses r
                           WHERE r.round_slug = :round AND r.council_gss = c.gss)
            ORDER BY c.name
            """,
                {"round": round_slug},
            )
        )

    def export_rows(self, round_slug: str) -> Iterable[dict]:
        """Every answer of every submitted response in a round, in a stable order."""
        return self.db.query(
            "SELECT r.id AS response_id, r.council_gss, r.round_slug AS round,"
            " r.instrument_version, r.submitted_on, a.item_id, a.value"
            " FROM responses r JOIN answers a ON a.response_id = r.id"
            " WHERE r.round_slug = ? AND r.status = 'submitted'"
            " ORDER BY r.council_gss, r.id, a.item_id",
            [round_slug],
        )

    def insert_submitted_responses(
        self,
        round_slug: str,
        council_gss: str,
        instrument_id: str,
        instrument_version: int,
        responses: Iterable[Mapping[str, str]],
        submitted_on: str,
    ) -> int:
        """Bulk-load already-complete responses (demo data), in one transaction."""
        count = 0
        with self._transaction():
            for answers in responses:
                response_id = secrets.token_hex(16)
                self.db["responses"].insert(
                    {
                        "id": response_id,
                        "round_slug": round_slug,
                        "council_gss": council_gss,
                        "instrument_id": instrument_id,
                        "instrument_version": instrument_version,
                        "status": "submitted",
                        "submitted_on": submitted_on,
                        "demo": 1,
                    }
                )
                self.db["answers"].insert_all(
                    {"response_id": response_id, "item_id": k, "value": v}
                    for k, v in answers.items()
                )
                count += 1
        return count

    def count_responses(self, round_slug: str, council_gss: str) -> int:
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM responses WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )
        )["n"]

    # Retention ----------------------------------------------------------------

    _EXPIRED_ROUNDS = """
        SELECT slug FROM rounds
        WHERE (state = 'closed'
               AND coalesce(closed_at, closes, substr(created_at, 1, 10)) < :before)
           OR (closes IS NOT NULL AND closes < :before)
    """

    def retention_due(self, before: str) -> list[dict]:
        """Per round closed before ``before`` (a date): drafts and unused links it still has."""
        return list(
            self.db.query(
                f"""
            SELECT r.slug, r.title,
                   (SELECT count(*) FROM responses p WHERE p.round_slug = r.slug
                     AND p.status = 'draft') AS drafts,
                   (SELECT count(*) FROM invitations i WHERE i.round_slug = r.slug
                     AND i.state IN ('unused', 'started')) AS invitations
            FROM rounds r WHERE r.slug IN ({self._EXPIRED_ROUNDS})
            ORDER BY r.slug
            """,
                {"before": before},
            )
        )

    def apply_retention(self, before: str) -> dict[str, int]:
        """Delete unsubmitted drafts (with their answers) and unused or unfinished
        invitations of rounds closed before ``before``. Submitted answers are kept."""
        with self._transaction():
            invitations = self.db.execute(
                f"DELETE FROM invitations WHERE state IN ('unused', 'started')"
                f" AND round_slug IN ({self._EXPIRED_ROUNDS})",
                {"before": before},
            ).rowcount
            # Withdrawn links may still point at their drafts.
            self.db.execute(
                "UPDATE invitations SET response_id = NULL WHERE response_id IN"
                " (SELECT id FROM responses WHERE status = 'draft'"
                f" AND round_slug IN ({self._EXPIRED_ROUNDS}))",
                {"before": before},
            )
            drafts = self.db.execute(
                f"DELETE FROM responses WHERE status = 'draft'"
                f" AND round_slug IN ({self._EXPIRED_ROUNDS})",
                {"before": before},
            ).rowcount
        return {"drafts": drafts, "invitations": invitations}

    # Users --------------------------------------------------------------------

    def create_user(
        self, email: str, role: str, name: str = "", password_hash: str | None = None
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [email, name, password_hash, role, now()],
        )
        return cursor.lastrowid

    def get_user_by_email(self, email: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM users WHERE email = ?", [email]))
        return rows[0] if rows else None

    def get_user(self, user_id: int) -> dict | None:
        rows = list(self.db.query("SELECT * FROM users WHERE id = ?", [user_id]))
        return rows[0] if rows else None

    def list_users(self) -> list[dict]:
        users = list(self.db.query("SELECT * FROM users ORDER BY role, email"))
        councils: dict[int, list[str]] = {}
        for row in self.db.query("SELECT user_id, council_gss FROM user_councils ORDER BY 2"):
            councils.setdefault(row["user_id"], []).append(row["council_gss"])
        for user in users:
            user["councils"] = councils.get(user["id"], [])
        return users

    def set_password(self, user_id: int, password_hash: str) -> None:
        self.db.execute("UPDATE users SET password_hash = ? WHERE id = ?", [password_hash, user_id])

    def set_role(self, user_id: int, role: str) -> None:
        self.db.execute("UPDATE users SET role = ? WHERE id = ?", [role, user_id])

    def set_disabled(self, user_id: int, disabled: bool) -> None:
        self.db.execute(
            "UPDATE users SET disabled = ? WHERE id = ?", [int(bool(disabled)), user_id]
        )

    def user_councils(self, user_id: int) -> list[str]:
        return [
            row["council_gss"]
            for row in self.db.query(
                "SELECT council_gss FROM user_councils WHERE user_id = ? ORDER BY council_gss",
                [user_id],
            )
        ]

    def assign_council(self, user_id: int, council_gss: str) -> None:
        self.db.execute(
            "INSERT INTO user_councils (user_id, council_gss, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [user_id, council_gss, now()],
        )

    def unassign_council(self, user_id: int, council_gss: str) -> None:
        self.db.execute(
            "DELETE FROM user_councils WHERE user_id = ? AND council_gss = ?",
            [user_id, council_gss],
        )

    def council_users(self, council_gss: str) -> list[dict]:
        """Leads and facilitators of a council."""
        return list(
            self.db.query(
                "SELECT u.id, u.email, u.name, u.role, u.disabled FROM users u"
                " JOIN user_councils uc ON uc.user_id = u.id WHERE uc.council_gss = ?"
                " ORDER BY u.role, u.email",
                [council_gss],
            )
        )

    # Sessions -----------------------------------------------------------------

    def create_session(self, id_hash: str, user_id: int, at: float) -> None:
        self.db.execute(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
            [id_hash, user_id, at, at],
        )

    def get_session(self, id_hash: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM sessions WHERE id_hash = ?", [id_hash]))
        return rows[0] if rows else None

    def touch_session(self, id_hash: str, at: float) -> None:
        self.db.execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", [at, id_hash])

    def revoke_session(self, id_hash: str, at: float) -> None:
        self.db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
            [at, id_hash],
        )

    def revoke_user_sessions(self, user_id: int, at: float) -> int:
        cursor = self.db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            [at, user_id],
        )
        return cursor.rowcount

    def prune_sessions(self, before: float) -> None:
        self.db.execute("DELETE FROM sessions WHERE last_seen_at < ?", [before])

    # Account links ------------------------------------------------------------

    def create_account_link(self, user_id: int, purpose: str, at: float, expires_at: float) -> str:
        """A one-use link token; earlier unused links for the same purpose stop working."""
        token = secrets.token_urlsafe(32)
        with self._transaction():
            self.db.execute(
                "UPDATE account_links SET used_at = ? WHERE user_id = ? AND purpose = ?"
                " AND used_at IS NULL",
                [at, user_id, purpose],
            )
            self.db.execute(
                "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [hash_token(token), user_id, purpose, at, expires_at],
            )
        return token

    def check_account_link(self, token: str, at: float) -> dict | None:
        """The live link for a token (unused, unexpired), without using it up."""
        rows = list(
            self.db.query(
                "SELECT * FROM account_links WHERE token_hash = ? AND used_at IS NULL"
                " AND expires_at > ?",
                [hash_token(token), at],
            )
        )
        return rows[0] if rows else None

    def use_account_link(self, token: str, at: float, password_hash: str) -> int | None:
        """Set the password and spend the link in one transaction; None if it is not live."""
        with self._transaction():
            link = self.check_account_link(token, at)
            if link is None:
                return None
            self.db.execute(
                "UPDATE account_links SET used_at = ? WHERE token_hash = ?",
                [at, link["token_hash"]],
            )
            self.set_password(link["user_id"], password_hash)
        return link["user_id"]

    # API tokens ---------------------------------------------------------------

    def create_api_token(self, user_id: int, label: str = "") -> str:
        token = "collab_" + secrets.token_urlsafe(32)
        self.db.execute(
            "INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)",
            [hash_token(token), user_id, label, now()],
        )
        return token

    def api_token_user(self, token: str) -> dict | None:
        """The live token's user (disabled users have no access), noting the day of use."""
        rows = list(
            self.db.query(
                "SELECT t.id AS token_id, t.last_used_on, u.* FROM api_tokens t"
                " JOIN users u ON u.id = t.user_id"
                " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0",
                [hash_token(token)],
            )
        )
        if not rows:
            return None
        user = rows[0]
        if user["last_used_on"] != today():
            self.db.execute(
                "UPDATE api_tokens SET last_used_on = ? WHERE id = ?", [today(), user["token_id"]]
            )
        return user

    def list_api_tokens(self, user_id: int | None = None) -> list[dict]:
        query = (
            "SELECT t.id, t.label, t.created_at, t.last_used_on, t.revoked_at, u.email"
            " FROM api_tokens t JOIN users u ON u.id = t.user_id"
        )
        if user_id is None:
            return list(self.db.query(query + " ORDER BY t.id"))
        return list(self.db.query(query + " WHERE t.user_id = ? ORDER BY t.id", [user_id]))

    def revoke_api_token(self, token_id: int) -> bool:
        cursor = self.db.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            [now(), token_id],
        )
        return cursor.rowcount == 1

    # Audit log ----------------------------------------------------------------

    def audit(self, actor: str, event: str, object_: str = "", detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO audit_log (at, actor, event, object, detail) VALUES (?, ?, ?, ?, ?)",
            [now(), actor, event, object_, detail],
        )

    def audit_events(self, limit: int = 200, event: str | None = None) -> list[dict]:
        if event:
            query = "SELECT * FROM audit_log WHERE event = ? ORDER BY id DESC LIMIT ?"
            return list(self.db.query(query, [event, limit]))
        return list(self.db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]))

    # Throttling ---------------------------------------------------------------

    def record_attempt(self, key: str, at: float) -> None:
        self.db.execute("INSERT INTO attempts (key, at) VALUES (?, ?)", [key, at])

    def count_attempts(self, key: str, since: float) -> int:
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM attempts WHERE key = ? AND at > ?", [key, since]
            )
        )["n"]

    def clear_attempts(self, key: str) -> None:
        self.db.execute("DELETE FROM attempts WHERE key = ?", [key])

    def prune_attempts(self, before: float) -> None:
        self.db.execute("DELETE FROM attempts WHERE at < ?", [before])
