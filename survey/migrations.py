"""The database's migrations, applied in order by sqlite-utils and never edited once
applied (add a new one instead). Mostly DDL: a data literal, exempt from the 400-line
guide."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("collab")


@migrations()
def m0001_initial(db: Database) -> None:
    db.executescript("""
        CREATE TABLE councils (
            gss TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            official_name TEXT NOT NULL,
            type TEXT NOT NULL,
            type_name TEXT NOT NULL,
            nation TEXT NOT NULL,
            region TEXT NOT NULL,
            population INTEGER,
            fictional INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE rounds (
            slug TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            opens TEXT,
            closes TEXT,
            instrument_id TEXT NOT NULL,
            instrument_version INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            state TEXT NOT NULL CHECK (state IN ('unused', 'started', 'submitted', 'revoked')),
            -- Set while a draft exists; cleared when the response is submitted, so that a
            -- submitted response cannot be traced back to its invitation.
            response_id TEXT REFERENCES responses(id),
            created_at TEXT NOT NULL,
            started_at TEXT,
            submitted_at TEXT
        );
        CREATE INDEX invitations_round_council ON invitations(round_slug, council_gss);
        CREATE TABLE responses (
            id TEXT PRIMARY KEY,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            instrument_id TEXT NOT NULL,
            instrument_version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
            submitted_on TEXT,
            demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX responses_round_council ON responses(round_slug, council_gss, status);
        CREATE TABLE answers (
            response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (response_id, item_id)
        ) WITHOUT ROWID;
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin')),
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
    """)


@migrations()
def m0002_accounts(db: Database) -> None:
    # SQLite cannot widen a CHECK constraint in place, so the users table is rebuilt.
    db.executescript("""
        CREATE TABLE users_new (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            -- NULL until the person sets a password through their account link.
            password_hash TEXT,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'lead', 'facilitator')),
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        INSERT INTO users_new (id, email, password_hash, role, disabled, created_at)
            SELECT id, email, password_hash, role, disabled, created_at FROM users;
        DROP TABLE users;
        ALTER TABLE users_new RENAME TO users;

        -- Which councils a lead leads, or a facilitator is assigned to.
        CREATE TABLE user_councils (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            created_at TEXT NOT NULL,
            PRIMARY KEY (user_id, council_gss)
        ) WITHOUT ROWID;

        -- Server-side sessions: the cookie holds a random id, this table its hash.
        CREATE TABLE sessions (
            id_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL,
            revoked_at REAL
        );
        CREATE INDEX sessions_user ON sessions(user_id);

        -- Account invitations and password resets: expire, work once.
        CREATE TABLE account_links (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('activate', 'reset')),
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL
        );

        -- Security events. Never answers, tokens or passwords.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            event TEXT NOT NULL,
            object TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        );

        -- Failed attempts, for throttling sign-in and invitation links across workers.
        CREATE TABLE attempts (
            key TEXT NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX attempts_key_at ON attempts(key, at);

        -- A council's participation in a round can be closed early by its lead.
        CREATE TABLE council_rounds (
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            closed_at TEXT,
            PRIMARY KEY (round_slug, council_gss)
        ) WITHOUT ROWID;

        -- Kept only when the lead asked for reminders; cleared on submit.
        ALTER TABLE invitations ADD COLUMN email TEXT;
        -- A reminder carries a fresh link; the first link keeps working too.
        ALTER TABLE invitations ADD COLUMN reminder_token_hash TEXT;
        ALTER TABLE invitations ADD COLUMN reminded_at TEXT;
        CREATE UNIQUE INDEX invitations_reminder_token ON invitations(reminder_token_hash);
    """)


@migrations()
def m0003_benchmarking(db: Database) -> None:
    db.executescript("""
        -- Councils a lead has chosen as their own peer group.
        CREATE TABLE council_peers (
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            peer_gss TEXT NOT NULL REFERENCES councils(gss),
            PRIMARY KEY (council_gss, peer_gss)
        ) WITHOUT ROWID;
        -- API tokens act as their user, with that user's role; stored hashed.
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            last_used_on TEXT,
            revoked_at TEXT
        );
    """)


@migrations()
def m0004_round_closed_at(db: Database) -> None:
    # When a round was closed, so that retention can count from then.
    db.executescript("ALTER TABLE rounds ADD COLUMN closed_at TEXT;")


@migrations()
def m0005_action_plans(db: Database) -> None:
    # Actions a council agreed after a round's results (per factor), and the level it aims
    # for on each factor. Free text is the lead's or facilitator's own words.
    db.executescript(
        """
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            factor TEXT NOT NULL,
            what TEXT NOT NULL,
            lead TEXT NOT NULL,
            due TEXT NOT NULL,
            measure TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('planned', 'under_way', 'done', 'dropped')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX actions_council ON actions (council_gss, due);
        CREATE TABLE targets (
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            factor TEXT NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
            by_when TEXT NOT NULL,
            set_in_round TEXT NOT NULL REFERENCES rounds(slug),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (council_gss, factor)
        );
        """
    )


@migrations()
def m0006_partnerships(db: Database) -> None:
    # A partnership is a named group of councils; each member's lead confirms membership.
    # A round can switch on the partnership module for a partnership: its confirmed
    # members' respondents then answer it after the main questionnaire.
    db.executescript(
        """
        CREATE TABLE partnerships (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE partnership_members (
            partnership_id INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            confirmed_at TEXT,
            confirmed_by TEXT,
            PRIMARY KEY (partnership_id, council_gss)
        );
        CREATE TABLE round_partnerships (
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            partnership_id INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
            PRIMARY KEY (round_slug, partnership_id)
        );
        """
    )


@migrations()
def m0007_response_rate(db: Database) -> None:
    # How many people a council invited or counts as eligible in a round (the response
    # rate's denominator), with the lead's note of who counts.
    db.executescript(
        """
        CREATE TABLE eligible_counts (
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            eligible INTEGER NOT NULL CHECK (eligible >= 1),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (round_slug, council_gss)
        );
        """
    )


@migrations()
def m0008_paper_codes(db: Database) -> None:
    # Paper questionnaires: each printed copy carries a one-use response code, stored only
    # as a hash (like an invitation token). ``used_at`` is set, in the same transaction as
    # the response is stored, by the one UPDATE that finds it unused, so a code counts
    # once however many people type it at the same moment. No response id is kept: a
    # paper response cannot be traced back to its code. ``mode`` says how a response came
    # in (the response export carries it).
    db.executescript(
        """
        CREATE TABLE paper_codes (
            id INTEGER PRIMARY KEY,
            code_hash TEXT NOT NULL UNIQUE,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            lang TEXT NOT NULL,
            created_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE INDEX paper_codes_round_council ON paper_codes(round_slug, council_gss);
        ALTER TABLE responses ADD COLUMN mode TEXT NOT NULL DEFAULT 'online'
            CHECK (mode IN ('online', 'paper'));
        """
    )


@migrations()
def m0009_sharing_and_welsh_text(db: Database) -> None:
    # A round's Welsh title (NULL: Welsh output shows the English title, tagged lang="en").
    # The language an action's text was written in, so pages tag it for screen readers.
    # "You said, we are doing" pages: one row per publication of a council's page for a
    # round, at a random link; unpublishing stamps withdrawn_at and keeps the row, so the
    # old link says "no longer published" (410) rather than "not found".
    db.executescript(
        """
        ALTER TABLE rounds ADD COLUMN title_cy TEXT;
        ALTER TABLE actions ADD COLUMN text_lang TEXT NOT NULL DEFAULT 'en'
            CHECK (text_lang IN ('en', 'cy'));
        CREATE TABLE shared_pages (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            round_slug TEXT NOT NULL REFERENCES rounds(slug),
            council_gss TEXT NOT NULL REFERENCES councils(gss),
            published_by TEXT NOT NULL,
            published_at TEXT NOT NULL,
            withdrawn_at TEXT
        );
        -- At most one published page per council and round.
        CREATE UNIQUE INDEX shared_pages_live ON shared_pages (round_slug, council_gss)
            WHERE withdrawn_at IS NULL;
        """
    )


def migrate(db: Database) -> None:
    migrations.apply(db)
