"""Paper questionnaires: the one-use response codes printed on each copy, and a paper
response entered against one, stored exactly as an online response is when submitted."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

from survey.store.base import StoreBase, hash_token, now, today

# No 0, O, 1 or I: nothing a person copying a code from paper could read two ways.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 60 bits: guessing one is hopeless, and entry is signed in and throttled
CODE_GROUP = 4
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")


def normalise_code(typed: str) -> str | None:
    """A code as typed (any case, spaces or hyphens anywhere) in its stored form, or None
    when it cannot be a code at all."""
    code = _SEPARATORS.sub("", typed or "").upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def shown_code(code: str) -> str:
    """ABCDEFGHJKLM as ABCD-EFGH-JKLM, as printed."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


class CodeUsed(Exception):
    """The code has been used for a response already."""


class PaperCodes(StoreBase):
    def create_paper_codes(
        self, round_slug: str, council_gss: str, count: int, lang: str
    ) -> list[str]:
        """Make ``count`` response codes for printed copies; returns them as printed
        (ABCD-EFGH-JKLM). Only their hashes are stored."""
        codes = [
            "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)
        ]
        created = now()
        with self._transaction():
            self.db["paper_codes"].insert_all(
                {
                    "code_hash": hash_token(code),
                    "round_slug": round_slug,
                    "council_gss": council_gss,
                    "lang": lang,
                    "created_at": created,
                    "used_at": None,
                }
                for code in codes
            )
        return [shown_code(code) for code in codes]

    def find_paper_code(self, typed: str) -> dict | None:
        """The code's row (round, council, language, when used), or None if unknown."""
        code = normalise_code(typed)
        if code is None:
            return None
        rows = list(
            self.db.query("SELECT * FROM paper_codes WHERE code_hash = ?", [hash_token(code)])
        )
        return rows[0] if rows else None

    def paper_code_counts(self, round_slug: str, council_gss: str) -> dict:
        """Printed codes and how many have been entered."""
        return next(
            self.db.query(
                "SELECT count(*) AS printed, coalesce(sum(used_at IS NOT NULL), 0) AS entered"
                " FROM paper_codes WHERE round_slug = ? AND council_gss = ?",
                [round_slug, council_gss],
            )
        )

    def submit_paper_response(
        self,
        typed_code: str,
        round_slug: str,
        council_gss: str,
        instrument_id: str,
        instrument_version: int,
        answers: Mapping[str, str],
    ) -> str:
        """Store a paper copy's answers as a submitted response and use up its code, in
        one transaction: the conditional UPDATE lets exactly one of two people typing the
        same code at once through; the other gets :class:`CodeUsed` and nothing is
        stored. Returns the new response's id."""
        code = normalise_code(typed_code)
        response_id = secrets.token_hex(16)
        with self._transaction():
            used = self.db.execute(
                "UPDATE paper_codes SET used_at = ? WHERE code_hash = ? AND round_slug = ?"
                " AND council_gss = ? AND used_at IS NULL",
                [now(), hash_token(code or ""), round_slug, council_gss],
            ).rowcount
            if used != 1:
                raise CodeUsed(round_slug)
            self.db.execute(
                "INSERT INTO responses (id, round_slug, council_gss, instrument_id,"
                " instrument_version, status, submitted_on, mode)"
                " VALUES (?, ?, ?, ?, ?, 'submitted', ?, 'paper')",
                [response_id, round_slug, council_gss, instrument_id, instrument_version, today()],
            )
            self.db["answers"].insert_all(
                {"response_id": response_id, "item_id": item_id, "value": value}
                for item_id, value in answers.items()
                if value not in (None, "")
            )
        return response_id
