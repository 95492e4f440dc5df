""" "You said, we are doing" pages: a council's page for its staff at a random link.

The link's token is stored as it is, not hashed (unlike invitation and account links):
the page shows only what passes the public threshold and the council's agreed actions,
all of which the database holds in clear already, so a hash would protect nothing that a
reader of the database could not see anyway; keeping it lets the lead copy the link again
from the workspace at any time. A token is 24 random bytes (32 characters), far beyond
guessing.
"""

from __future__ import annotations

import secrets

from survey.store.base import StoreBase, now


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


class Sharing(StoreBase):
    def publish_share(self, round_slug: str, council_gss: str, by: str) -> dict:
        """The council's published page for the round: the one already published, or a new
        one at a new link (a page unpublished earlier is never brought back at its old link)."""
        with self._transaction():
            live = self.live_share(round_slug, council_gss)
            if live is not None:
                return live
            self.db.execute(
                "INSERT INTO shared_pages (token, round_slug, council_gss, published_by,"
                " published_at) VALUES (?, ?, ?, ?, ?)",
                [new_share_token(), round_slug, council_gss, by, now()],
            )
            return self.live_share(round_slug, council_gss)

    def unpublish_share(self, round_slug: str, council_gss: str) -> bool:
        """Withdraw the council's page for the round; False when none was published."""
        cursor = self.db.execute(
            "UPDATE shared_pages SET withdrawn_at = ? WHERE round_slug = ? AND council_gss = ?"
            " AND withdrawn_at IS NULL",
            [now(), round_slug, council_gss],
        )
        return cursor.rowcount > 0

    def live_share(self, round_slug: str, council_gss: str) -> dict | None:
        rows = self.db.query(
            "SELECT * FROM shared_pages WHERE round_slug = ? AND council_gss = ?"
            " AND withdrawn_at IS NULL",
            [round_slug, council_gss],
        )
        return next(iter(rows), None)

    def find_share(self, token: str) -> dict | None:
        """The page at this link, published or withdrawn; None for an unknown link."""
        rows = self.db.query("SELECT * FROM shared_pages WHERE token = ?", [token])
        return next(iter(rows), None)
