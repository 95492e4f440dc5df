"""CSV exports (submitted responses, action plans), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from reports.cells import safe_cell
from reports.words import STATUSES
from scoring.actions import is_overdue
from scoring.instrument import DONT_KNOW, Instrument
from scoring.partnership_module import SEPARATOR, PartnershipModule, pooled_id

EXPORT_COLUMNS = (
    "response_id",
    "council_gss",
    "round",
    "instrument_version",
    "submitted_on",
    "item_id",
    "factor",
    "value",
    "mode",  # online, or paper: typed in from a printed copy
)


OTHER = "other_or_not_said"  # small profile groups, Prefer not to say and no answer


def write_responses(
    out: TextIO,
    rows: Iterable[dict],
    instrument: Instrument,
    *,
    profile: str | None,
    min_respondents: int,
    key: bytes,
) -> int:
    """One row per submitted response and item; free-text comments are never exported.

    Profile answers follow the contract's rule (section 8): at most one profile question,
    ``profile``, per export, so that role is never crossed with area; and within each
    council its answers in groups under ``min_respondents`` (and Prefer not to say, and
    no answer) become ``other_or_not_said``. Response ids are keyed to the profile
    question chosen (HMAC with ``key``), so two exports cannot be joined on them to put
    two profile answers side by side.
    """
    kinds = {item.id: item.factor for item in instrument.items}
    kinds.update({b.id: "barrier" for b in instrument.barriers})
    if profile is not None:
        kinds[profile] = "profile"
    rows = list(rows)
    merged = _merged_profile(rows, profile, min_respondents)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        kind = kinds.get(row["item_id"])
        if kind is None:
            continue  # comments, other profile questions, items of another version
        value = "" if row["value"] == DONT_KNOW else row["value"]
        if kind == "profile":
            value = merged[row["response_id"]]
        record = {**row, "response_id": _tag(key, profile, row), "factor": kind, "value": value}
        writer.writerow(safe_cell(record[c]) for c in EXPORT_COLUMNS)
        count += 1
    return count


def _tag(key: bytes, profile: str | None, row: dict) -> str:
    """A response's id in an export: keyed to the profile question chosen."""
    tag = hmac.new(key, f"{profile}:{row['response_id']}".encode(), hashlib.sha256)
    return tag.hexdigest()[:16]


MODULE_COLUMNS = (
    "response_id",
    "council_gss",
    "round",
    "module_version",
    "submitted_on",
    "partnership_id",
    "partnership_name",
    "item_id",
    "about_council",
    "factor",
    "value",
)


def module_answer(item_id: str) -> tuple[int, str, str] | None:
    """(partnership id, module statement id, member asked about or "") of a stored
    module answer (``p<id>__<statement>[__<GSS>]``); None for any other answer."""
    head, sep, rest = item_id.partition(SEPARATOR)
    if not sep or not head.startswith("p") or not head[1:].isdigit():
        return None
    return int(head[1:]), pooled_id(rest), rest.partition(SEPARATOR)[2]


def write_module_responses(
    out: TextIO,
    rows: Iterable[dict],
    module: PartnershipModule,
    names: dict[int, str],
    *,
    profile: str | None,
    key: bytes,
) -> int:
    """The partnership module's answers, one row per submitted response, partnership and
    statement (per-member statements once per member asked about, in ``about_council``),
    under the rules of :func:`write_responses`: no free text, no profile answer, and
    response ids keyed as in the main export with the same ``profile`` (so the two files
    of one export join on them, and files of different exports do not)."""
    factors = {item.id: item.factor for item in module.items}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MODULE_COLUMNS)
    count = 0
    for row in rows:
        found = module_answer(row["item_id"])
        if found is None or found[1] not in factors:
            continue
        partnership_id, statement, about = found
        record = {
            **row,
            "response_id": _tag(key, profile, row),
            "module_version": module.version,
            "partnership_id": partnership_id,
            "partnership_name": names.get(partnership_id, ""),
            "item_id": statement,
            "about_council": about,
            "factor": factors[statement],
            "value": "" if row["value"] == DONT_KNOW else row["value"],
        }
        writer.writerow(safe_cell(record[c]) for c in MODULE_COLUMNS)
        count += 1
    return count


def _merged_profile(rows: list[dict], profile: str | None, minimum: int) -> dict[str, str]:
    """Each response's answer to ``profile``, or ``other_or_not_said`` where fewer than
    ``minimum`` people in its council gave that answer."""
    if profile is None:
        return {}
    answer = {r["response_id"]: r["value"] for r in rows if r["item_id"] == profile}
    council = {r["response_id"]: r["council_gss"] for r in rows}
    sizes = Counter((council[rid], value) for rid, value in answer.items())
    merged = {}
    for rid, gss in council.items():
        value = answer.get(rid)
        small = value is None or sizes[(gss, value)] < minimum
        merged[rid] = OTHER if small or value in ("prefer_not_to_say", DONT_KNOW) else value
    return merged


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
