"""All SQL lives here. Views and the CLI call these methods and never build SQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

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

    # Councils -----------------------------------------------------------------

    def upsert_councils(self, rows: Iterable[Mapping]) -> ImportResult:
        """Insert or update councils by GSS code, in one transaction."""
        inserted = updated = unchanged = 0
        with self.db.atomic():
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

    def list_rounds(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM rounds ORDER BY created_at DESC, slug"))

    # Invitations --------------------------------------------------------------

    def create_invitations(self, round_slug: str, council_gss: str, count: int) -> list[str]:
        """Make ``count`` invitations; returns the tokens, which are stored only as hashes."""
        tokens = [secrets.token_urlsafe(24) for _ in range(count)]
        created = now()
        with self.db.atomic():
            self.db["invitations"].insert_all(
                {
                    "token_hash": hash_token(t),
                    "round_slug": round_slug,
                    "council_gss": council_gss,
                    "state": "unused",
                    "created_at": created,
                }
                for t in tokens
            )
        return tokens

    def find_invitation(self, token: str) -> dict | None:
        rows = list(
            self.db.query("SELECT * FROM invitations WHERE token_hash = ?", [hash_token(token)])
        )
        return rows[0] if rows else None

    def revoke_invitation(self, invitation_id: int) -> None:
        self.db.execute(
            "UPDATE invitations SET state = 'revoked' WHERE id = ? AND state != 'submitted'",
            [invitation_id],
        )

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
        with self.db.atomic():
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
        with self.db.atomic():
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
        with self.db.atomic():
            self._require_draft(response_id)
            self.db.execute(
                "UPDATE responses SET status = 'submitted', submitted_on = ? WHERE id = ?",
                [today(), response_id],
            )
            self.db.execute(
                "UPDATE invitations SET state = 'submitted', response_id = NULL,"
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
        with self.db.atomic():
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

    # Users --------------------------------------------------------------------

    def create_user(self, email: str, password_hash: str, role: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            [email, password_hash, role, now()],
        )
        return cursor.lastrowid

    def get_user_by_email(self, email: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM users WHERE email = ?", [email]))
        return rows[0] if rows else None

    def get_user(self, user_id: int) -> dict | None:
        rows = list(self.db.query("SELECT * FROM users WHERE id = ?", [user_id]))
        return rows[0] if rows else None
