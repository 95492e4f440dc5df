"""Whole-round results, computed once per change to the round's submitted responses.

Scoring a national round (400 councils x 50 respondents, 1000 draws for the rank intervals) takes
seconds, so each worker keeps the latest results per round and threshold. The key holds
the round's response count and newest response id, so a submission makes the next page
view recompute; nothing is ever served stale.
"""

from __future__ import annotations

import threading

from scoring.instrument import Instrument
from scoring.league import DEFAULT_SEED, DRAWS
from scoring.national import RoundResults, score_round
from scoring.versions import Instruments
from survey.store import Store

_lock = threading.Lock()
_cache: dict[tuple, RoundResults] = {}
MAX_ENTRIES = 16


def round_results(
    store: Store,
    versions: Instruments,
    round_slug: str,
    min_respondents: int,
    seed: int = DEFAULT_SEED,
    draws: int = DRAWS,
) -> RoundResults:
    """The round scored with the questionnaire version it was created with."""
    instrument = versions.for_round(store.get_round(round_slug))
    return scored_with(store, instrument, round_slug, min_respondents, seed, draws)


def scored_with(
    store: Store,
    instrument: Instrument,
    round_slug: str,
    min_respondents: int,
    seed: int = DEFAULT_SEED,
    draws: int = DRAWS,
) -> RoundResults:
    """The round scored with ``instrument``: its own version (:func:`round_results`), or
    a version cut to the statements it shares with another, for a trend."""
    key = (
        store.database_path(),  # tests run many databases in one process
        round_slug,
        store.round_version(round_slug),
        min_respondents,
        seed,
        draws,
        instrument.id,
        instrument.version,
    )
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    # The responses and the version they are filed under are read at one moment, so a
    # submission landing meanwhile cannot be cached under the version before it.
    with store.read_snapshot():
        key = (*key[:2], store.round_version(round_slug), *key[3:])
        responses = store.round_responses(round_slug)
    results = score_round(
        instrument, store.list_councils(), responses, min_respondents, seed, draws
    )
    with _lock:
        stale = [k for k in _cache if k[:2] == key[:2] and k != key]
        for old in stale:
            _cache.pop(old, None)
        while len(_cache) >= MAX_ENTRIES:
            _cache.pop(next(iter(_cache)))
        _cache[key] = results
    return results


_documents: dict[tuple, bytes] = {}
MAX_DOCUMENTS = 32


def cached_document(store: Store, key: tuple, make) -> bytes:
    """A PDF made once per change to its round: repeated downloads (a lead, then the
    facilitator) are served from memory. ``key`` must start with the round's slug."""
    full = (store.database_path(), store.round_version(key[0]), *key)
    with _lock:
        hit = _documents.get(full)
    if hit is not None:
        return hit
    content = make()
    with _lock:
        while len(_documents) >= MAX_DOCUMENTS:
            _documents.pop(next(iter(_documents)))
        _documents[full] = content
    return content
