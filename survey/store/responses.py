"""Responses and answers: drafts, submission, what scoring reads, participation, export,
retention and demo inserts."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping

from survey.store.base import NotADraft, StoreBase, now, today


class Responses(StoreBase):
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

    def count_submitted(self, round_slug: str, council_gss: str) -> int:
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM responses WHERE round_slug = ? AND council_gss = ?"
                " AND status = 'submitted'",
                [round_slug, council_gss],
            )
        )["n"]

    def count_responses(self, round_slug: str, council_gss: str) -> int:
        return next(
            self.db.query(
                "SELECT count(*) AS n FROM responses WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )
        )["n"]

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
        """Every submitted response of a round, grouped by council (in GSS order) and
        ordered by response id within each council."""
        # A national round is over a million answers, and making Python objects of them is
        # most of the cost. So the answers come as (response rowid, item, value) only, in
        # whatever order the index walk gives them (SQL sorts nothing), the council and id
        # are read once per response from a second, small query, and the responses are put
        # in order here. Both queries read one snapshot: a response submitted in between
        # would otherwise have answers but no council.
        where = "r.round_slug = ? AND r.status = 'submitted'"
        with self.read_snapshot():
            heads = {
                rowid: (gss, response_id, {})
                for rowid, gss, response_id in self.db.execute(
                    f"SELECT r.rowid, r.council_gss, r.id FROM responses r WHERE {where}",
                    [round_slug],
                )
            }
            current = None
            answers: dict[str, str] = {}
            for rowid, item_id, value in self.db.execute(
                f"SELECT r.rowid, a.item_id, a.value FROM responses r"
                f" JOIN answers a ON a.response_id = r.id WHERE {where}",
                [round_slug],
            ):
                if rowid != current:  # one lookup a response, not a row; any row order works
                    current, answers = rowid, heads[rowid][2]
                answers[item_id] = value
        by_council: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for gss, response_id, given in heads.values():
            by_council.setdefault(gss, []).append((response_id, given))
        return {
            gss: [given for _, given in sorted(people, key=lambda p: p[0])]
            for gss, people in sorted(by_council.items())
        }

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
            " r.instrument_version, r.submitted_on, a.item_id, a.value, r.mode"
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
