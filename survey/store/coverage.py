"""How many people each council invited or counts as eligible in a round, and the
submitted responses beside it (the response rate's two numbers)."""

from __future__ import annotations

from survey.store.base import StoreBase, now


class EligibleCounts(StoreBase):
    def set_eligible(
        self, round_slug: str, council_gss: str, eligible: int, note: str, by: str
    ) -> None:
        self.db["eligible_counts"].upsert(
            {
                "round_slug": round_slug,
                "council_gss": council_gss,
                "eligible": eligible,
                "note": note,
                "updated_at": now(),
                "updated_by": by,
            },
            pk=("round_slug", "council_gss"),
        )

    def eligible(self, round_slug: str, council_gss: str) -> dict | None:
        rows = list(
            self.db.query(
                "SELECT eligible, note, updated_at, updated_by FROM eligible_counts"
                " WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )
        )
        return rows[0] if rows else None

    def round_coverage(self, round_slug: str) -> dict[str, dict]:
        """Per council with an eligible count or a submitted response in the round:
        ``submitted``, ``eligible`` (None if not recorded) and ``note``."""
        rows = self.db.query(
            """
            SELECT c.gss,
                   (SELECT count(*) FROM responses r WHERE r.round_slug = :round
                     AND r.council_gss = c.gss AND r.status = 'submitted') AS submitted,
                   e.eligible, coalesce(e.note, '') AS note
            FROM councils c
            LEFT JOIN eligible_counts e ON e.council_gss = c.gss AND e.round_slug = :round
            WHERE e.eligible IS NOT NULL
               OR EXISTS (SELECT 1 FROM responses r WHERE r.round_slug = :round
                           AND r.council_gss = c.gss AND r.status = 'submitted')
            """,
            {"round": round_slug},
        )
        return {row.pop("gss"): row for row in rows}
