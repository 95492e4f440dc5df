"""Every version of the questionnaire the service knows, in each language.

A round records the version it was created with (``instrument_version``) and is always
scored, shown and exported with that version, so a round run on version 1 reads the same
after version 2 arrives. New rounds take the current version unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar, Generic, TypeVar

from scoring.instrument import Instrument, InstrumentError, Item, load_instruments

T = TypeVar("T")


@dataclass(frozen=True)
class ByVersion(Generic[T]):
    """Something loaded once per version and language: version -> language -> ``T``.
    The questionnaire and the partnership module are both kept this way."""

    versions: Mapping[int, Mapping[str, T]]
    KIND: ClassVar[str] = "questionnaire"

    def get(self, version: int, lang: str = "en") -> T:
        try:
            return self.versions[version][lang]
        except KeyError:
            raise InstrumentError(
                f"no {self.KIND} version {version} in {lang}; this service has versions "
                f"{', '.join(map(str, sorted(self.versions)))}"
            ) from None

    def for_round(self, round_row: Mapping, lang: str = "en") -> T:
        """The version a round was created with."""
        return self.get(round_row["instrument_version"], lang)

    def __iter__(self):
        return iter(sorted(self.versions))

    def with_prompts(self, round_row: Mapping, lang: str = "en") -> T:
        """The round's version (:meth:`for_round`) with workshop prompts on every
        statement that has one in the newest version: a version 1 statement takes the
        prompt of the newest statement that asks the same thing (``same_as``)."""
        return carry_prompts(self.for_round(round_row, lang), self.get(max(self.versions), lang))


@dataclass(frozen=True)
class Instruments(ByVersion[Instrument]):
    """The loaded questionnaire versions, and the one new rounds use."""

    current: int

    def latest(self, lang: str = "en") -> Instrument:
        return self.get(self.current, lang)


def load_each(
    paths: Iterable[Path], load: Callable[[Path], Mapping[str, T]]
) -> tuple[dict[int, Mapping[str, T]], dict[int, Path]]:
    """Each file loaded by language with ``load``, keyed by its version (read from its
    English text), and the file each version came from; a version in two files is
    refused."""
    versions: dict[int, Mapping[str, T]] = {}
    found: dict[int, Path] = {}
    for path in paths:
        by_language = load(path)
        version = by_language["en"].version
        if version in found:
            raise InstrumentError(f"{path}: version {version} is also in {found[version]}")
        found[version] = path
        versions[version] = MappingProxyType(dict(by_language))
    return versions, found


def check_links(items: Iterable[Item], earlier: Iterable[Item], path: Path, named: str) -> None:
    """Every ``same_as`` names a statement of the version before (``named``, such as
    "version 1"), on the same factor and worded the same way round: trends between the
    two rest on these links."""
    before = {item.id: item for item in earlier}
    for item in items:
        if item.same_as is None:
            continue
        old = before.get(item.same_as)
        if old is None:
            raise InstrumentError(
                f"{path}: item '{item.id}': same_as '{item.same_as}' is not a statement of {named}"
            )
        if (old.factor, old.reverse) != (item.factor, item.reverse):
            raise InstrumentError(
                f"{path}: item '{item.id}': same_as '{item.same_as}' is on another factor "
                "or worded the other way round, so it does not ask the same thing"
            )


def load_versions(current: Path | str) -> Instruments:
    """The questionnaire at ``current`` (the version new rounds use) and every other
    ``collaboration-maturity.v*.yaml`` beside it, each checked as it loads."""
    current = Path(current)
    paths = sorted({current, *current.parent.glob("collaboration-maturity.v*.yaml")})
    versions, found = load_each(paths, load_instruments)
    for version, by_language in versions.items():
        earlier = versions.get(version - 1)
        if earlier is not None:
            check_links(
                by_language["en"].items,
                earlier["en"].items,
                found[version],
                f"version {version - 1}",
            )
    chosen = next(v for v, p in found.items() if p == current)
    return Instruments(MappingProxyType(versions), chosen)


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


def carry_prompts(older: T, newer: T) -> T:
    """``older`` (a questionnaire or partnership module) with each statement that has no
    prompt given the prompt of the ``newer`` statement linked to it by ``same_as``;
    statements with a prompt of their own keep it, and unlinked ones stay without."""
    prompts = {
        item.same_as: item.prompt
        for item in newer.items
        if item.same_as is not None and item.prompt is not None
    }

    def prompted(items: Iterable[Item]) -> tuple[Item, ...]:
        return tuple(
            replace(i, prompt=prompts[i.id]) if i.prompt is None and i.id in prompts else i
            for i in items
        )

    if isinstance(older, Instrument):
        factors = tuple(replace(f, items=prompted(f.items)) for f in older.factors)
        return replace(older, factors=factors)
    return replace(older, items=prompted(older.items))


def _has(instrument: Instrument, item_id: str) -> bool:
    return any(item.id == item_id for item in instrument.items)


def _cut(instrument: Instrument, keep: set[str], tag: str) -> Instrument:
    factors = tuple(
        replace(f, items=tuple(i for i in f.items if i.id in keep)) for f in instrument.factors
    )
    return replace(instrument, id=f"{instrument.id}:{tag}", factors=factors, pages=())
