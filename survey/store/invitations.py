"""Invitation links: made, found, withdrawn, reminded, and a council's progress."""

from __future__ import annotations

import secrets

from survey.store.base import StoreBase, hash_token, now


class Invitations(StoreBase):
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

    def insert_demo_invitations(
        self, round_slug: str, council_gss: str, states: dict[str, int], at: str
    ) -> int:
        """Invitations behind demo responses (``state`` -> how many): their tokens are
        never made, so the stored hashes are random and no link opens them."""
        rows = [
            {
                "token_hash": secrets.token_hex(32),
                "round_slug": round_slug,
                "council_gss": council_gss,
                "state": state,
                "created_at": at,
                "started_at": at if state == "submitted" else None,
                "submitted_at": at if state == "submitted" else None,
            }
            for state, count in states.items()
            for _ in range(count)
        ]
        with self._transaction():
            self.db["invitations"].insert_all(rows)
        return len(rows)

    def invitation_revoked_for(self, response_id: str) -> bool:
        """Whether the invitation behind a draft has been withdrawn since it was opened."""
        rows = self.db.query(
            "SELECT 1 FROM invitations WHERE response_id = ? AND state = 'revoked'",
            [response_id],
        )
        return bool(list(rows))
