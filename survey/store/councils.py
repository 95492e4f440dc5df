"""Councils and rounds: the register, rounds, each council's early close and chosen peers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from survey.store.base import StoreBase, now, today

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


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int


class CouncilsAndRounds(StoreBase):
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

    def create_round(
        self,
        slug: str,
        title: str,
        instrument_id: str,
        instrument_version: int,
        opens: str | None = None,
        closes: str | None = None,
        title_cy: str | None = None,
    ) -> dict:
        self.db.execute(
            "INSERT INTO rounds (slug, title, title_cy, opens, closes, instrument_id,"
            " instrument_version, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
            [
                slug,
                title,
                title_cy or None,
                opens,
                closes,
                instrument_id,
                instrument_version,
                now(),
            ],
        )
        return self.get_round(slug)

    def set_round_titles(
        self, slug: str, title: str | None = None, title_cy: str | None = None
    ) -> None:
        """Change the round's English title (None: unchanged) and Welsh title (None:
        unchanged; an empty string clears it, so Welsh output shows the English title)."""
        with self._transaction():
            if title is not None:
                self.db.execute("UPDATE rounds SET title = ? WHERE slug = ?", [title, slug])
            if title_cy is not None:
                self.db.execute(
                    "UPDATE rounds SET title_cy = ? WHERE slug = ?", [title_cy or None, slug]
                )

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
