"""CSV exports (submitted responses, action plans), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from reports.cells import safe_cell
from reports.words import STATUSES
from scoring.actions import is_overdue
from scoring.instrument import DONT_KNOW, Instrument

EXPORT_COLUMNS = (
    "response_id",
    "council_gss",
    "round",
    "instrument_version",
    "submitted_on",
    "item_id",
    "factor",
    "value",
)


def write_responses(out: TextIO, rows: Iterable[dict], instrument: Instrument) -> int:
    """One row per submitted response and item; free-text comments are never exported."""
    kinds = {item.id: item.factor for item in instrument.items}
    kinds.update({b.id: "barrier" for b in instrument.barriers})
    kinds.update({p.id: "profile" for p in instrument.profile})
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        kind = kinds.get(row["item_id"])
        if kind is None:
            continue  # comments, and items of another instrument version
        value = "" if row["value"] == DONT_KNOW else row["value"]
        record = {**row, "factor": kind, "value": value}
        writer.writerow(safe_cell(record[c]) for c in EXPORT_COLUMNS)
        count += 1
    return count


ACTION_COLUMNS = (
    ("council_gss", "Council"),
    ("round_title", "Agreed after"),
    ("factor", "Factor"),
    ("what", "What we will do"),
    ("lead", "Who leads"),
    ("due", "By when"),
    ("measure", "How we will know"),
    ("status", "Status"),
    ("overdue", "Overdue"),
    ("updated_at", "Last changed"),
)


def write_actions(out: TextIO, actions: Iterable[dict], instrument: Instrument, on: str) -> int:
    """A council's action plan, one row per action; cells that a spreadsheet would run
    as a formula are neutralised (the text is the lead's own)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_cell(title) for _, title in ACTION_COLUMNS)
    count = 0
    for action in actions:
        record = {
            **action,
            "factor": instrument.factor(action["factor"]).title,
            "status": STATUSES[action["status"]],
            "overdue": "yes" if is_overdue(action["status"], action["due"], on) else "no",
        }
        writer.writerow(safe_cell(record[key]) for key, _ in ACTION_COLUMNS)
        count += 1
    return count
