"""Staff accounts: users and their councils, sessions, account links, API tokens, the
audit log and throttling."""

from __future__ import annotations

import secrets

from survey.store.base import StoreBase, hash_token, now, today


class Accounts(StoreBase):
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
