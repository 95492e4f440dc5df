"""CSV export of submitted responses, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from reports.cells import safe_cell
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
