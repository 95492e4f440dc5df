"""All SQL lives in this package, one module per topic; views, the CLI and the rest of
the app call one :class:`Store` and never build SQL (``tests/test_architecture.py``).

- ``councils``: the council register, rounds, early closes and chosen peers;
- ``invitations``: links, reminders, withdrawals and a council's progress;
- ``coverage``: how many people each council invited or counts as eligible per round;
- ``responses``: drafts, answers, submission, what scoring reads, participation, export,
  retention and demo inserts;
- ``partnerships``: members, confirmations and the module per round;
- ``paper``: response codes for printed copies, and paper responses entered with them;
- ``plans``: action plans and targets;
- ``sharing``: "you said, we are doing" pages and their links;
- ``accounts``: users, sessions, account links, API tokens, the audit log, throttling.

Business rules (what is overdue, what a threshold hides) are not here: the store reads
and writes rows.
"""

from __future__ import annotations

from survey.store.accounts import Accounts
from survey.store.base import NotADraft, hash_token, now, today
from survey.store.councils import COUNCIL_FIELDS, CouncilsAndRounds, ImportResult
from survey.store.coverage import EligibleCounts
from survey.store.invitations import Invitations
from survey.store.paper import CodeUsed, PaperCodes
from survey.store.partnerships import Partnerships
from survey.store.plans import Plans
from survey.store.responses import Responses
from survey.store.sharing import Sharing

__all__ = [
    "COUNCIL_FIELDS",
    "CodeUsed",
    "ImportResult",
    "NotADraft",
    "Store",
    "hash_token",
    "now",
    "today",
]


class Store(
    CouncilsAndRounds,
    Invitations,
    EligibleCounts,
    Responses,
    PaperCodes,
    Partnerships,
    Plans,
    Sharing,
    Accounts,
):
    """The one front the app uses; each base class holds one topic's queries."""
