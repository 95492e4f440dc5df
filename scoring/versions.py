"""Every version of the questionnaire the service knows, in each language.

A round records the version it was created with (``instrument_version``) and is always
scored, shown and exported with that version, so a round run on version 1 reads the same
after version 2 arrives. New rounds take the current version unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from scoring.instrument import Instrument, InstrumentError, load_instruments


@dataclass(frozen=True)
class Instruments:
    """The loaded versions: version -> language -> :class:`Instrument`."""

    versions: Mapping[int, Mapping[str, Instrument]]
    current: int  # the version new rounds use

    def get(self, version: int, lang: str = "en") -> Instrument:
        try:
            return self.versions[version][lang]
        except KeyError:
            raise InstrumentError(
                f"no questionnaire version {version} in {lang}; this service has versions "
                f"{', '.join(map(str, sorted(self.versions)))}"
            ) from None

    def for_round(self, round_row: Mapping, lang: str = "en") -> Instrument:
        """The version a round was created with."""
        return self.get(round_row["instrument_version"], lang)

    def latest(self, lang: str = "en") -> Instrument:
        return self.get(self.current, lang)

    def __iter__(self):
        return iter(sorted(self.versions))


def load_versions(current: Path | str) -> Instruments:
    """The questionnaire at ``current`` (the version new rounds use) and every other
    ``collaboration-maturity.v*.yaml`` beside it, each checked as it loads."""
    current = Path(current)
    paths = sorted({current, *current.parent.glob("collaboration-maturity.v*.yaml")})
    versions: dict[int, Mapping[str, Instrument]] = {}
    found: dict[int, Path] = {}
    for path in paths:
        by_language = load_instruments(path)
        version = by_language["en"].version
        if version in found:
            raise InstrumentError(f"{path}: version {version} is also in {found[version]}")
        found[version] = path
        versions[version] = MappingProxyType(by_language)
    for version, by_language in versions.items():
        earlier = versions.get(version - 1)
        if earlier is not None:
            _check_same_as(by_language["en"], earlier["en"], found[version])
    chosen = next(v for v, p in found.items() if p == current)
    return Instruments(MappingProxyType(versions), chosen)


def _check_same_as(instrument: Instrument, earlier: Instrument, path: Path) -> None:
    """Every ``same_as`` names a statement of the version before, on the same factor:
    trends between the two rest on these links."""
    for item in instrument.items:
        if item.same_as is None:
            continue
        try:
            before = earlier.item(item.same_as)
        except KeyError:
            raise InstrumentError(
                f"{path}: item '{item.id}': same_as '{item.same_as}' is not a statement of "
                f"version {earlier.version}"
            ) from None
        if before.factor != item.factor or before.reverse != item.reverse:
            raise InstrumentError(
                f"{path}: item '{item.id}': same_as '{item.same_as}' is on another factor "
                "or worded the other way round, so it does not ask the same thing"
            )


@dataclass(frozen=True)
class SharedStatements:
    """Two versions cut down to the statements they share (``same_as`` links), so a
    trend between a round on each compares like with like: both rounds are rescored on
    these statements alone, with the usual rules (half a factor's statements answered)."""

    older: Instrument
    newer: Instrument
    count: int  # statements both versions share


def shared_statements(older: Instrument, newer: Instrument) -> SharedStatements | None:
    """The versions cut to their shared statements; None when they share none. Each cut
    instrument gets its own id, so its results are never mistaken for the full ones."""
    links = {i.same_as: i.id for i in newer.items if i.same_as is not None}
    links = {old: new for old, new in links.items() if _has(older, old)}
    if not links:
        return None
    tag = f"shared-v{older.version}-v{newer.version}"
    return SharedStatements(
        _cut(older, set(links), tag), _cut(newer, set(links.values()), tag), len(links)
    )


def _has(instrument: Instrument, item_id: str) -> bool:
    return any(item.id == item_id for item in instrument.items)


def _cut(instrument: Instrument, keep: set[str], tag: str) -> Instrument:
    factors = tuple(
        replace(f, items=tuple(i for i in f.items if i.id in keep)) for f in instrument.factors
    )
    return replace(instrument, id=f"{instrument.id}:{tag}", factors=factors, pages=())
