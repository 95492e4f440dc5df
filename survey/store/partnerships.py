"""Partnerships: members, confirmations and the module switched on per round."""

from __future__ import annotations

from collections.abc import Iterable

from survey.store.base import StoreBase, now


class Partnerships(StoreBase):
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
        confirmed member: its respondents answer the module once for each. ``others``
        maps each other confirmed member's GSS code to its name, in name order: the
        members the per_member statements ask about."""
        partnerships = list(
            self.db.query(
                "SELECT p.id, p.name FROM partnerships p "
                "JOIN round_partnerships r ON r.partnership_id = p.id AND r.round_slug = ? "
                "JOIN partnership_members m ON m.partnership_id = p.id AND m.council_gss = ? "
                "WHERE m.confirmed_at IS NOT NULL ORDER BY p.id",
                [round_slug, gss],
            )
        )
        for partnership in partnerships:
            partnership["others"] = {
                row["gss"]: row["name"]
                for row in self.db.query(
                    "SELECT m.council_gss AS gss, c.name FROM partnership_members m "
                    "JOIN councils c ON c.gss = m.council_gss WHERE m.partnership_id = ? "
                    "AND m.confirmed_at IS NOT NULL AND m.council_gss != ? ORDER BY c.name",
                    [partnership["id"], gss],
                )
            }
        return partnerships
