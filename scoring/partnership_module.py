"""The partnership module (``questions/partnership-module.v*.yaml``): the core factors
asked about one partnership, with the main questionnaire's scale and scoring rules and
its own statements (ids beginning ``pm_``). Each file is checked against its version's
schema and the rules below when loaded.

A round uses the module version equal to its questionnaire version, so a round on
version 1 keeps the version 1 module. Version 2 adds ``per_member`` statements: a
respondent of member A answers each of them once for every other confirmed member B,
with ``{council}`` replaced by B's name and the id ``<item id>__<B's GSS code>``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import jsonschema
import yaml

import questions
from scoring.instrument import CORE_FACTORS, LANGUAGES, InstrumentError, Item, where
from scoring.instrument_rules import check_claims
from scoring.versions import ByVersion, check_links, load_each

DEFAULT_MODULE = questions.DIRECTORY / "partnership-module.v1.yaml"
CURRENT_MODULE = questions.DIRECTORY / "partnership-module.v2.yaml"
SCHEMA_PATHS = {
    1: questions.DIRECTORY / "partnership-module.schema.json",
    2: questions.DIRECTORY / "partnership-module.v2.schema.json",
}
MODULE_SCHEMA_PATH = SCHEMA_PATHS[1]
COUNCIL = "{council}"  # where a per_member statement names the other member
SEPARATOR = "__"  # between a per_member statement's id and the member it asks about


def member_item_id(item_id: str, gss: str) -> str:
    """The id of a per_member statement asked about the member ``gss``."""
    return f"{item_id}{SEPARATOR}{gss}"


def pooled_id(item_id: str) -> str:
    """The module statement an answer belongs to: a per_member statement's id without
    the member it asks about (ids of statements never hold the separator)."""
    return item_id.partition(SEPARATOR)[0]


def name_council(text: str, name: str) -> str:
    """``text`` with ``{council}`` replaced by ``name``, starting with a capital."""
    named = text.replace(COUNCIL, name)
    return named[:1].upper() + named[1:] if text.startswith(COUNCIL) else named


@dataclass(frozen=True)
class PartnershipModule:
    """The core factors asked about a partnership: same scale and scoring rules as the
    main questionnaire, its own items (ids beginning ``pm_``)."""

    id: str
    version: int
    title: str
    intro: str
    items: tuple[Item, ...]
    per_member: frozenset[str] = frozenset()  # ids of the statements asked per other member

    def factor_items(self, factor_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.factor == factor_id)

    def expand(
        self, others: Iterable[str], names: Mapping[str, str] | None = None
    ) -> PartnershipModule:
        """The statements a respondent of one member answers: each per_member statement
        once for every other member in ``others`` (GSS codes, in order), its text naming
        that member (``names``: GSS code -> name), then the next statement. Nothing else
        changes, so a module without per_member statements expands to itself."""
        if not self.per_member:
            return self
        others = tuple(others)
        names = names or {}
        items: list[Item] = []
        for item in self.items:
            if item.id not in self.per_member:
                items.append(item)
                continue
            items.extend(
                replace(
                    item,
                    id=member_item_id(item.id, gss),
                    text=name_council(item.text, names.get(gss, gss)),
                    same_as=None,
                )
                for gss in others
            )
        return replace(self, items=tuple(items), per_member=frozenset())


def load_partnership_modules(path: Path | str = DEFAULT_MODULE) -> dict[str, PartnershipModule]:
    """The module at ``path`` once per language, checked against its version's schema
    and rules; raises :class:`InstrumentError` naming the file, the item and the problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InstrumentError(f"{path}: cannot read the module: {exc}") from exc
    version = data.get("version") if isinstance(data, dict) else None
    schema_path = SCHEMA_PATHS[2] if isinstance(version, int) and version >= 2 else SCHEMA_PATHS[1]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        location = where(data, errors[0].absolute_path)
        raise InstrumentError(f"{path}: {location}: {errors[0].message}")
    _check_rules(data, path)

    def build(lang: str) -> PartnershipModule:
        suffix = "" if lang == "en" else f"_{lang}"
        return PartnershipModule(
            id=data["id"],
            version=data["version"],
            title=data["title" + suffix],
            intro=data["intro" + suffix],
            items=tuple(
                Item(
                    i["id"],
                    i["factor"],
                    i["text" + suffix],
                    i["reverse"],
                    "partnership",
                    same_as=i.get("same_as"),
                    prompt=i.get("prompt" + suffix),
                )
                for i in data["items"]
            ),
            per_member=frozenset(i["id"] for i in data["items"] if i.get("per_member")),
        )

    return {lang: build(lang) for lang in LANGUAGES}


def _check_rules(data: dict, path: Path) -> None:
    """What the schema cannot say: ids unique; every core factor has statements and at
    least one of them reverse-worded (a per_member statement counts once); a per_member
    statement names the other member, ``{council}``, in every language, and no other
    statement does."""
    ids = [item["id"] for item in data["items"]]
    if len(set(ids)) != len(ids):
        raise InstrumentError(f"{path}: an item id is used more than once")
    for factor in CORE_FACTORS:
        members = [item for item in data["items"] if item["factor"] == factor]
        if not members:
            raise InstrumentError(f"{path}: factor '{factor}' has no statement")
        if not any(item["reverse"] for item in members):
            raise InstrumentError(
                f"{path}: factor '{factor}' needs at least one reverse-worded statement"
            )
    texts = ["text" + ("" if lang == "en" else f"_{lang}") for lang in LANGUAGES]
    for item in data["items"]:
        for key in texts:
            named = COUNCIL in item[key]
            if item.get("per_member") and not named:
                raise InstrumentError(
                    f"{path}: item '{item['id']}': a per_member statement needs {COUNCIL} in {key}"
                )
            if named and not item.get("per_member"):
                raise InstrumentError(
                    f"{path}: item '{item['id']}': {key} holds {COUNCIL}, but the statement "
                    "is not per_member"
                )


class PartnershipModules(ByVersion[PartnershipModule]):
    """Every module version: version -> language -> :class:`PartnershipModule`; a round
    uses the module of its questionnaire version (``for_round``)."""

    KIND = "partnership module"


def load_module_versions(directory: Path | str = questions.DIRECTORY) -> PartnershipModules:
    """Every ``partnership-module.v*.yaml`` in ``directory``, each checked as it loads,
    and every ``same_as`` checked against the version before."""
    paths = sorted(Path(directory).glob("partnership-module.v*.yaml"))
    versions, found = load_each(paths, load_partnership_modules)
    for version, by_language in versions.items():
        earlier = versions.get(version - 1)
        check_links(
            by_language["en"].items,
            earlier["en"].items if earlier else (),
            found[version],
            f"module version {version - 1}",
        )
        check_claims(
            ((i.id, i.same_as) for i in by_language["en"].items),
            lambda item_id, problem, path=found[version]: _fail(path, item_id, problem),
        )
    return PartnershipModules(MappingProxyType(versions))


def _fail(path: Path, item_id: str, problem: str) -> None:
    raise InstrumentError(f"{path}: item '{item_id}': {problem}")
