"""The ``collab`` command line: a Flask group, so every command has the app's config.

The group is in :mod:`survey.cli.base`; each module adds its commands to it:
``service`` (database, councils, rounds, links, demo, retention, backup, serve),
``invites`` (emailing links and reminders), ``accounts`` (users, tokens, audit),
``results`` (scores, league, exports), ``documents`` (the PDF reports) and ``paper``
(printed questionnaires).
"""

from __future__ import annotations

from survey.cli import accounts, documents, invites, paper, results, service  # noqa: F401 (they add commands)
from survey.cli.base import main

__all__ = ["main"]
