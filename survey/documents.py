"""Gathering what the PDF documents need from the store, for the pages and the CLI.

The documents themselves are built in :mod:`reports.documents` from scoring results;
this module only reads the database and works out the trend and peer group.
"""

from __future__ import annotations

from collections.abc import Mapping

from reports.documents import CouncilInput
from scoring.instrument import Instrument
from scoring.national import PEER_GROUPS, peer_codes
from scoring.statements import statement_spreads
from survey.round_cache import round_results
from survey.store import Store


def trend(store: Store, instrument: Instrument, round_row: Mapping, gss: str, minimum: int):
    """This round beside the previous one, or why there is no trend."""
    previous = store.previous_round(round_row["slug"])
    if previous is None:
        return {"reason": "This is the first round, so there is nothing to compare with yet."}
    if previous["instrument_version"] != round_row["instrument_version"]:
        return {
            "reason": f"The previous round, {previous['title']}, used questionnaire version "
            f"{previous['instrument_version']} and this one version "
            f"{round_row['instrument_version']}: the scores are not comparable."
        }
    before = round_results(store, instrument, previous["slug"], minimum)
    now = round_results(store, instrument, round_row["slug"], minimum)
    then_row, now_row = before.rows.get(gss), now.rows.get(gss)
    if then_row is None or not then_row.passes:
        return {
            "reason": f"In the previous round, {previous['title']}, the council had fewer than "
            f"{minimum} responses, so there is no score to compare with."
        }
    if now_row is None or not now_row.passes:
        return {"reason": "This round has too few responses to compare yet."}
    return {
        "previous": previous,
        "rows": [
            (m, then_row.value(m), now_row.value(m))
            for m in now.measures
            if then_row.value(m) is not None and now_row.value(m) is not None
        ],
    }


def council_input(
    store: Store,
    instrument: Instrument,
    round_row: Mapping,
    council: Mapping,
    minimum: int,
    peer_group: str = "type",
) -> CouncilInput:
    if peer_group not in PEER_GROUPS:
        raise ValueError(f"unknown peer group {peer_group!r}")
    results = round_results(store, instrument, round_row["slug"], minimum)
    gss = council["gss"]
    peers = (
        peer_codes(results, gss, peer_group, store.chosen_peers(gss)) if gss in results.rows else []
    )
    return CouncilInput(
        council=council,
        round=round_row,
        results=results,
        spreads=statement_spreads(instrument, store.submitted_answers(round_row["slug"], gss)),
        peer_group=peer_group,
        peers=peers,
        trend=trend(store, instrument, round_row, gss, minimum),
    )
