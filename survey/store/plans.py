"""Action plans and targets, per council."""

from __future__ import annotations

from collections.abc import Mapping

from survey.store.base import StoreBase, now


class Plans(StoreBase):
    # text_lang: the language the person wrote the action's text in ('en' or 'cy').
    ACTION_FIELDS = ("factor", "what", "lead", "due", "measure", "status", "text_lang")

    def add_action(self, council_gss: str, round_slug: str, fields: Mapping) -> int:
        stamp = now()
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO actions (council_gss, round_slug, factor, what, lead, due, measure,"
                " status, text_lang, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    council_gss,
                    round_slug,
                    *({"text_lang": "en", **fields}[k] for k in self.ACTION_FIELDS),
                    stamp,
                    stamp,
                ],
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
            "SELECT a.*, r.title AS round_title, r.title_cy AS round_title_cy FROM actions a "
            "JOIN rounds r ON r.slug = a.round_slug WHERE a.id = ? AND a.council_gss = ?",
            [action_id, council_gss],
        )
        return next(iter(rows), None)

    def actions(self, council_gss: str) -> list[dict]:
        """Every action the council has recorded, with the round it was agreed after,
        soonest due first."""
        return list(
            self.db.query(
                "SELECT a.*, r.title AS round_title, r.title_cy AS round_title_cy FROM actions a "
                "JOIN rounds r ON r.slug = a.round_slug "
                "WHERE a.council_gss = ? ORDER BY a.due, a.id",
                [council_gss],
            )
        )

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
